// Memory a kept string pins: the heap still used after keeping one attribute (`id`) of each of
// many large stanzas (195 KiB each) and dropping everything else. V8's sliced strings keep
// their parent alive, so an id sliced from a stanza's decoded text can keep the whole text.
// Each peer is measured in its own child process.
//
//   node bench/retained.mjs                     xmpp-wasm (eager, lazy), ltx, a flat copy, whole lazy stanzas
//   node bench/retained.mjs --count 100 --peers xmpp-wasm
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chunksOf } from './corpus.mjs';
import { loadPeers } from './peers/index.mjs';

const self = fileURLToPath(import.meta.url);
const HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
const STANZA_BYTES = 195 * 1024;

/** A message of STANZA_BYTES with a 30-character id: its body is lines of chat. */
function largeStanza(i) {
  const id = `msg-${String(i).padStart(8, '0')}-a1b2c3d4e5f6g7h8`;
  const open = `<message id='${id}' to='romeo@example.net' from='juliet@example.com/balcony' type='chat'><body>`;
  const close = '</body></message>';
  const line = 'Wherefore art thou Romeo? Deny thy father and refuse thy name. ';
  const body = line.repeat(Math.ceil(STANZA_BYTES / line.length)).slice(0, STANZA_BYTES - open.length - close.length);
  return { id, bytes: Buffer.from(open + body + close) };
}

/** Keeps one id per stanza, by peer: what a user's code would do with the parsed stanza. */
const keepers = {
  async 'flat copy'(count, kept) {
    // The same ids as standalone strings: what keeping costs at least.
    for (let i = 0; i < count; i++) kept.push(Buffer.from(largeStanza(i).id).toString());
  },
};

/** The stanzas kept whole: a lazy stanza holds its bytes (its children are never read here). */
const WHOLE = ' (whole stanza)';

async function keepWithPeer(name, count, kept) {
  const whole = name.endsWith(WHOLE);
  const [peer] = await loadPeers([whole ? name.slice(0, -WHOLE.length) : name]);
  if (peer.skipped) throw new Error(peer.skipped);
  const parser = peer.createParser((stanza) => kept.push(whole ? stanza : stanza.attrs.id));
  parser.write(Buffer.from(HEADER));
  for (let i = 0; i < count; i++) for (const chunk of chunksOf(largeStanza(i).bytes, 16 * 1024)) parser.write(chunk);
}

function heapUsed() {
  globalThis.gc();
  globalThis.gc();
  const { heapUsed, external } = process.memoryUsage();
  return heapUsed + external;
}

async function child(name, count) {
  // Warm up (code, lazily built tables) on throwaway ids, so only the kept ones are counted.
  await (keepers[name] ?? ((n, into) => keepWithPeer(name, n, into)))(2, []);
  const before = heapUsed();
  const kept = [];
  await (keepers[name] ?? ((n, into) => keepWithPeer(name, n, into)))(count, kept);
  const after = heapUsed();
  const ids = kept.map((item) => (typeof item === 'string' ? item : item.attrs.id));
  if (ids.length !== count || ids.some((id, i) => id !== largeStanza(i).id)) throw new Error(`${name} kept wrong ids`);
  process.stdout.write(JSON.stringify({ name, count, perKept: (after - before) / count }) + '\n');
}

async function main() {
  const { values } = parseArgs({ options: { count: { type: 'string', default: '1000' }, peers: { type: 'string' } } });
  const lazy = 'xmpp-wasm lazy (router)';
  const names = values.peers ? values.peers.split(',') : ['xmpp-wasm', lazy, 'ltx', 'flat copy', `${lazy}${WHOLE}`];
  console.log(`\n### Heap retained per kept \`id\` of a ${STANZA_BYTES / 1024} KiB stanza (${values.count} kept)\n`);
  console.log(`The last row keeps each lazy stanza whole: its bytes are ${STANZA_BYTES.toLocaleString('en')} B.\n`);
  console.log('| parser | retained per kept id (or stanza) |');
  console.log('| --- | ---: |');
  for (const name of names) {
    const run = spawnSync(process.execPath, ['--expose-gc', self, '--child', name, values.count], { encoding: 'utf8', timeout: 300_000 });
    try {
      const row = JSON.parse(run.stdout.trim().split('\n').at(-1));
      console.log(`| ${name} | ${Math.round(row.perKept).toLocaleString('en')} B |`);
    } catch {
      console.log(`| ${name} | error: ${(run.stderr || 'no output').trim().split('\n').at(-1)} |`);
    }
  }
}

const childIndex = process.argv.indexOf('--child');
await (childIndex !== -1 ? child(process.argv[childIndex + 1], Number(process.argv[childIndex + 2])) : main());
