// Memory per idle parser: 100,000 parsers alive at once, each past its stream header and one
// stanza (a connected client between stanzas), as a server holding that many connections has.
// Each peer is measured in its own child process, so one peer's heap cannot inflate the next's.
//
//   node bench/idle-parsers.mjs                     xmpp-wasm, ltx, @xmpp/xml, saxes
//   node bench/idle-parsers.mjs --count 20000 --peers ltx,node-expat
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { loadPeers } from './peers/index.mjs';

const self = fileURLToPath(import.meta.url);
const header = Buffer.from(
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.org' version='1.0' xml:lang='en'>",
);
const stanza = Buffer.from(
  "<presence><show>away</show><c xmlns='http://jabber.org/protocol/caps' hash='sha-1' node='https://gajim.org' ver='x4vdIy/miRYpbmt8HfpdRTLWqbc='/></presence>",
);
const sink = () => {};

/** Parser factories by name: the bench peers, plus xmpp-wasm's StreamParser without the bench wrapper. */
async function factoryFor(name) {
  if (name === 'xmpp-wasm (bare StreamParser)') {
    const pkg = await import('../dist/index.js');
    if (typeof pkg.StreamParser !== 'function') throw new Error('dist/index.js does not export StreamParser');
    await pkg.ready;
    return () => {
      const parser = new pkg.StreamParser();
      parser.on('element', sink);
      return parser;
    };
  }
  const [peer] = await loadPeers([name]);
  if (peer.skipped) throw new Error(peer.skipped);
  return () => peer.createParser(sink);
}

function measure() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, external, rss } = process.memoryUsage();
  return { heap: heapUsed + external, rss };
}

async function child(name, count) {
  const create = await factoryFor(name);
  // Warm up the code paths first, so compiled code and lazily built tables are not counted.
  for (let i = 0; i < 100; i++) {
    const parser = create();
    parser.write(header);
    parser.write(stanza);
  }
  const before = measure();
  const plain = new Array(count);
  for (let i = 0; i < count; i++) plain[i] = { id: i };
  const withPlain = measure();
  const parsers = new Array(count);
  for (let i = 0; i < count; i++) {
    const parser = create();
    parser.write(header);
    parser.write(stanza);
    parsers[i] = parser;
  }
  const after = measure();
  const perPlain = (withPlain.heap - before.heap) / count;
  const perParser = (after.heap - withPlain.heap) / count;
  const rssPerParser = (after.rss - withPlain.rss) / count;
  process.stdout.write(JSON.stringify({ name, count, perPlain, perParser, rssPerParser, alive: parsers.length + plain.length }) + '\n');
}

async function main() {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '100000' }, peers: { type: 'string' } } });
  const names = values.peers ? values.peers.split(',') : ['xmpp-wasm (bare StreamParser)', 'xmpp-wasm', 'ltx', '@xmpp/xml', 'saxes'];
  const rows = [];
  for (const name of names) {
    const run = spawnSync(process.execPath, ['--expose-gc', self, '--child', name, values.count], { encoding: 'utf8', timeout: 300_000 });
    const line = run.stdout.trim().split('\n').at(-1);
    try {
      rows.push(JSON.parse(line));
    } catch {
      rows.push({
        name,
        error:
          (run.stderr || 'no output')
            .trim()
            .split('\n')
            .find((l) => /Error/.test(l)) ?? run.stderr.trim().split('\n').at(-1),
      });
    }
    console.error(`measured ${name}`);
  }
  console.log(
    `\n### Memory per idle parser (${Number(values.count).toLocaleString('en')} alive, after the stream header and one stanza)\n`,
  );
  console.log('| parser | heap + external per parser | beyond a plain object | RSS per parser |');
  console.log('| --- | ---: | ---: | ---: |');
  for (const row of rows) {
    if (row.error) console.log(`| ${row.name} | skipped: ${row.error} | | |`);
    else
      console.log(
        `| ${row.name} | ${row.perParser.toFixed(0)} B | ${(row.perParser - row.perPlain).toFixed(0)} B | ${row.rssPerParser.toFixed(0)} B |`,
      );
  }
  const plain = rows.find((row) => row.perPlain);
  if (plain)
    console.log(
      `\nA plain object ({ id }) in an array costs ${plain.perPlain.toFixed(0)} B here. Bench peers include the bench's wrapper and stanza-builder closures: compare xmpp-wasm with its bare StreamParser for their size.`,
    );
}

const childIndex = process.argv.indexOf('--child');
await (childIndex !== -1 ? child(process.argv[childIndex + 1], Number(process.argv[childIndex + 2])) : main());
