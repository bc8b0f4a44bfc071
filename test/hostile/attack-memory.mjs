// One resource-exhaustion attack streamed through a StreamParser in 64 KiB chunks generated on
// the fly, run in its own process (node --expose-gc) so its RSS is its own. Prints a JSON report:
// the stanzas delivered, the error, and how far RSS and heap grew over the baseline.
import { StreamParser, ready } from '../../dist/index.js';

const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
const FIRST = '<message to="juliet@example.com"><body>hi</body></message>';
const CHUNK = 64 * 1024;
const MB = 1024 * 1024;

/** Each attack: what opens it, a unit repeated `count` times (index-dependent when a function), what closes it. */
const attacks = {
  'nested-100k': { open: '', unit: '<a>', count: 100_000, close: '' },
  'nested-1M': { open: '', unit: '<a>', count: 1_000_000, close: '' },
  'attributes-30k': { open: '<message', unit: (i) => ` a${i}="x"`, count: 30_000, close: '/>' },
  'namespaces-100k': { open: '<message', unit: (i) => ` xmlns:p${i}="urn:x:${i}"`, count: 100_000, close: '/>' },
  'attribute-value-10MB': { open: '<message id="', unit: 'x', count: 10 * MB, close: '"/>' },
  'text-node-100MB': { open: '<message><body>', unit: 'x', count: 100 * MB, close: '</body></message>' },
  // The same with the stanza limit raised to 16 MiB: memory may follow the limit, not the input.
  'text-node-100MB-limit-16MB': {
    open: '<message><body>',
    unit: 'x',
    count: 100 * MB,
    close: '</body></message>',
    options: { maxStanzaBytes: 16 * MB },
  },
};

/** Yields the attack's bytes in chunks of about CHUNK bytes, never holding more than one chunk. */
function* chunks({ open, unit, count, close }) {
  const encoder = new TextEncoder();
  yield encoder.encode(HEADER + FIRST + open);
  if (typeof unit === 'string') {
    const perChunk = Math.max(1, Math.floor(CHUNK / unit.length));
    const full = encoder.encode(unit.repeat(perChunk));
    for (let left = count; left > 0; left -= perChunk) yield left >= perChunk ? full : encoder.encode(unit.repeat(left));
  } else {
    let text = '';
    for (let i = 0; i < count; i++) {
      text += unit(i);
      if (text.length >= CHUNK) {
        yield encoder.encode(text);
        text = '';
      }
    }
    if (text !== '') yield encoder.encode(text);
  }
  yield encoder.encode(close);
}

function rss() {
  return process.memoryUsage().rss;
}

await ready;
const name = process.argv[2];
const spec = attacks[name];
if (!spec) throw new Error(`unknown attack ${name}; one of ${Object.keys(attacks).join(', ')}`);

// Warm up the parser's code paths and the shared engine, so the baseline includes them (the
// warm-up input nests too deeply: its error is heard and dropped).
for (let i = 0; i < 50; i++) new StreamParser().on('error', () => {}).write(HEADER + FIRST + '<a>'.repeat(100) + 'x'.repeat(CHUNK));
globalThis.gc?.();
const baseline = rss();
const heapBaseline = process.memoryUsage().heapUsed;
let peak = baseline;
const delivered = [];
let error = null;
const parser = new StreamParser(spec.options);
parser.on('element', (stanza) => delivered.push(stanza.name));
parser.on('error', (e) => {
  error = e;
});
let inputBytes = 0;
let n = 0;
const started = performance.now();
for (const chunk of chunks(spec)) {
  parser.write(chunk);
  inputBytes += chunk.length;
  if (++n % 8 === 0) peak = Math.max(peak, rss());
}
parser.end();
peak = Math.max(peak, rss());
const heapGrowth = process.memoryUsage().heapUsed - heapBaseline;
console.log(
  JSON.stringify({
    attack: name,
    inputBytes,
    delivered,
    error: error?.condition ?? null,
    errorText: error?.text ?? null,
    errorOffset: error?.offset ?? null,
    rssGrowth: peak - baseline,
    heapGrowth,
    milliseconds: Math.round(performance.now() - started),
  }),
);
