// Where a parser's time can go that a profile hides in "native" frames: calls into WebAssembly
// and string decoding calls, counted per stanza on a corpus. Wraps the WebAssembly exports and
// the decoding methods before the peer is loaded, so its own code is unchanged.
//
//   node bench/count-calls.mjs                            xmpp-wasm, c2s-1mb, 16 KiB reads
//   node bench/count-calls.mjs --peer saxes --corpus small --chunks 1k
import { parseArgs } from 'node:util';
import { chunksOf, loadCorpus } from './corpus.mjs';
import { loadPeers } from './peers/index.mjs';

const counts = new Map();
const count = (key, amount = 1) => counts.set(key, (counts.get(key) ?? 0) + amount);

const OriginalInstance = WebAssembly.Instance;
WebAssembly.Instance = function CountingInstance(module, imports) {
  const instance = new OriginalInstance(module, imports);
  const exports = {};
  for (const [name, value] of Object.entries(instance.exports)) {
    exports[name] =
      typeof value === 'function'
        ? function (...args) {
            count(`wasm ${name}()`);
            return value.apply(this, args);
          }
        : value;
  }
  return { exports };
};

// Only the outermost call counts: Buffer's toString() decodes through utf8Slice() itself.
let decoding = false;
function countCalls(target, method, label) {
  const original = target[method];
  if (typeof original !== 'function') return;
  target[method] = function (...args) {
    if (decoding) return original.apply(this, args);
    decoding = true;
    try {
      const result = original.apply(this, args);
      count(label);
      if (typeof result === 'string') count('characters decoded', result.length);
      return result;
    } finally {
      decoding = false;
    }
  };
}
countCalls(TextDecoder.prototype, 'decode', 'TextDecoder.decode()');
countCalls(Buffer.prototype, 'utf8Slice', 'Buffer utf8Slice()');
countCalls(Buffer.prototype, 'latin1Slice', 'Buffer latin1Slice()');
countCalls(Buffer.prototype, 'toString', 'Buffer toString()');

const { values } = parseArgs({
  options: {
    peer: { type: 'string', default: 'xmpp-wasm' },
    corpus: { type: 'string', default: 'c2s-1mb' },
    chunks: { type: 'string', default: '16k' },
  },
});
const chunkSize = { '1k': 1024, '16k': 16384, '64k': 65536 }[values.chunks];
if (!chunkSize) throw new Error('--chunks takes 1k, 16k or 64k');
const [peer] = await loadPeers([values.peer]);
if (peer.skipped) throw new Error(`${peer.name}: ${peer.skipped}`);
const corpus = loadCorpus(values.corpus);
const chunks = chunksOf(corpus.bytes, chunkSize);

counts.clear(); // what loading and instantiating cost is not per stanza
let stanzas = 0;
const parser = peer.createParser(() => stanzas++);
for (const chunk of chunks) parser.write(chunk);
parser.end();

console.log(
  `${peer.name} on ${values.corpus} (${corpus.bytes.length} bytes, ${stanzas} stanzas) in ${chunks.length} reads of ${values.chunks}:\n`,
);
console.log('| what | calls | per stanza | per read |');
console.log('| --- | ---: | ---: | ---: |');
for (const [key, value] of [...counts].sort((a, b) => b[1] - a[1])) {
  if (key === 'characters decoded') continue;
  console.log(`| ${key} | ${value} | ${(value / stanzas).toFixed(2)} | ${(value / chunks.length).toFixed(2)} |`);
}
const decoded = counts.get('characters decoded') ?? 0;
console.log(`\ncharacters decoded: ${decoded} (${(decoded / corpus.bytes.length).toFixed(2)} per input byte)`);
