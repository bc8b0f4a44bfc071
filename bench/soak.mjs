// Endurance: `npm run soak` (node --expose-gc bench/soak.mjs [--gigabytes 1] [--idle 100000] [--resets 10000]).
//  1. One parser fed --gigabytes of realistic c2s stanzas (the generated bench corpus, looped)
//     in read-sized chunks: RSS and heap reported at intervals must stay flat.
//  2. --idle parsers alive at once, each past its header and one stanza: memory per parser
//     (measured by bench/idle-parsers.mjs in its own process).
//  3. --resets stream restarts on one parser, every tenth after a stream error: each new stream
//     must parse again, with memory flat.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { StreamParser, ready } from '../dist/index.js';
import { createRandom, loadCorpus } from './corpus.mjs';

const { values } = parseArgs({
  options: {
    gigabytes: { type: 'string', default: '1' },
    idle: { type: 'string', default: '100000' },
    resets: { type: 'string', default: '10000' },
  },
});
await ready;
if (typeof globalThis.gc !== 'function') throw new Error('run with node --expose-gc');

const MiB = 1024 * 1024;
const mib = (bytes) => (bytes / MiB).toFixed(1);
function memory() {
  globalThis.gc();
  const { rss, heapUsed, external, arrayBuffers } = process.memoryUsage();
  return { rss, heap: heapUsed, external: external + arrayBuffers };
}

// --- 1. A long stream ------------------------------------------------------------------------

function soakStream(totalBytes) {
  const corpus = loadCorpus('c2s-10mb', { write: false });
  const text = corpus.bytes.toString('latin1');
  const headerEnd = text.indexOf('>', text.indexOf('<stream:stream')) + 1;
  const bodyEnd = text.lastIndexOf('</stream:stream>');
  const header = corpus.bytes.subarray(0, headerEnd);
  const body = corpus.bytes.subarray(headerEnd, bodyEnd < 0 ? corpus.bytes.length : bodyEnd);
  const random = createRandom(0x50a4);

  const parser = new StreamParser();
  let stanzas = 0;
  let error = null;
  parser.on('element', () => {
    stanzas++;
  });
  parser.on('error', (e) => {
    error = e;
  });
  parser.write(header);

  console.log(`\n### ${mib(totalBytes / 1024)} GiB of c2s stanzas through one parser\n`);
  console.log('| bytes fed | stanzas | RSS | heap | external | MB/s since last row |');
  console.log('| ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows = [];
  const every = Math.max(body.length, Math.floor(totalBytes / 10));
  let fed = 0;
  let nextReport = 0;
  let last = performance.now();
  let lastFed = 0;
  while (fed < totalBytes && error === null) {
    if (fed >= nextReport) {
      const now = performance.now();
      const m = memory();
      rows.push(m);
      const speed = fed === 0 ? '' : ((fed - lastFed) / MiB / ((now - last) / 1000)).toFixed(0);
      console.log(
        `| ${mib(fed)} MiB | ${stanzas.toLocaleString('en')} | ${mib(m.rss)} MiB | ${mib(m.heap)} MiB | ${mib(m.external)} MiB | ${speed} |`,
      );
      nextReport += every;
      last = performance.now();
      lastFed = fed;
    }
    // Reads of 1 to 16 KiB, boundaries anywhere (inside names, references, UTF-8 sequences).
    for (let at = 0; at < body.length; ) {
      const size = random.range(1, 16384);
      parser.write(body.subarray(at, at + size));
      at += size;
    }
    fed += body.length;
  }
  const end = memory();
  console.log(
    `| ${mib(fed)} MiB | ${stanzas.toLocaleString('en')} | ${mib(end.rss)} MiB | ${mib(end.heap)} MiB | ${mib(end.external)} MiB | |`,
  );
  if (error !== null) throw new Error(`stream error after ${fed} bytes: ${error.message}`);
  // Compare with the second row: the first is taken before any stanza was parsed.
  const settled = rows[Math.min(1, rows.length - 1)];
  console.log(
    `\nRSS growth after the first ${mib(every)} MiB: ${mib(end.rss - settled.rss)} MiB; heap growth: ${mib(end.heap - settled.heap)} MiB.`,
  );
}

// --- 2. Idle parsers -------------------------------------------------------------------------

function idleParsers(count) {
  const script = fileURLToPath(new URL('./idle-parsers.mjs', import.meta.url));
  const run = spawnSync(process.execPath, [script, '--count', String(count), '--peers', 'xmpp-wasm (bare StreamParser)'], {
    encoding: 'utf8',
    timeout: 600_000,
  });
  if (run.status !== 0) throw new Error(`idle-parsers failed: ${run.stderr}`);
  console.log(`\n${run.stdout.trim()}`);
}

// --- 3. Stream restarts and recovery after errors --------------------------------------------

function resets(count) {
  const header =
    "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
  const stanza = "<message to='juliet@example.com' id='m1'><body>Wherefore art thou?</body></message>";
  const success = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
  const parser = new StreamParser();
  let starts = 0;
  let stanzas = 0;
  let errors = 0;
  parser.on('start', () => {
    starts++;
  });
  parser.on('element', (element) => {
    stanzas++;
    // RFC 6120 §6.4.6: after SASL success both sides start a new stream on the same connection.
    if (element.name === 'success') parser.reset();
  });
  parser.on('error', () => {
    errors++;
  });
  const before = memory();
  const started = performance.now();
  parser.write(header);
  for (let i = 0; i < count; i++) {
    if (i % 10 === 9) {
      // A stream error; the connection's parser is reset and reused for the next stream.
      parser.write('<message><!-- not allowed --></message>');
      if (parser.error === null) throw new Error('expected a stream error');
      parser.reset();
      parser.write(header);
      continue;
    }
    // Restart from a listener, with the next stream's header in the same write.
    parser.write(stanza + success + header);
  }
  const ms = performance.now() - started;
  const after = memory();
  const errorRounds = Math.floor(count / 10);
  console.log(
    `\n### ${count.toLocaleString('en')} stream restarts on one parser (${errorRounds.toLocaleString('en')} after a stream error)\n`,
  );
  console.log(
    `${starts.toLocaleString('en')} stream headers, ${stanzas.toLocaleString('en')} stanzas, ${errors.toLocaleString('en')} errors in ${ms.toFixed(0)} ms (${((ms * 1000) / count).toFixed(1)} µs per restart); RSS ${mib(before.rss)} → ${mib(after.rss)} MiB, heap ${mib(before.heap)} → ${mib(after.heap)} MiB.`,
  );
  if (errors !== errorRounds) throw new Error(`expected ${errorRounds} errors, got ${errors}`);
  if (stanzas !== 2 * (count - errorRounds)) throw new Error(`expected ${2 * (count - errorRounds)} stanzas, got ${stanzas}`);
  if (starts !== count + 1) throw new Error(`expected ${count + 1} stream headers, got ${starts}`);
}

soakStream(Number(values.gigabytes) * 1024 * MiB);
idleParsers(Number(values.idle));
resets(Number(values.resets));
