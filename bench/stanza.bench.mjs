// checkStanza next to the parse it follows, per stanza, on the small-stanza corpus (every stanza
// under 100 bytes, where a fixed per-stanza cost weighs most): the corpus parsed in 16 KiB reads
// (ns per first-level element), and checkStanza run over its message, presence and iq Elements
// (ns per stanza) with the stringprep and PRECIS profiles. Its JIDs repeat, as a server's do, so
// parseJid answers from its cache after the first sight of each.
//
//   npm run build && node bench/stanza.bench.mjs [--time MS]
//
// Instructions instead of time (a shared machine's clock is noise; callgrind's counts are not):
// run one case N passes, untimed, and subtract the same command with 0 passes (the set-up):
//   valgrind --tool=callgrind --callgrind-out-file=/dev/null \
//     node --single-threaded bench/stanza.bench.mjs --count 'checkStanza (stringprep)' --passes 3
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import * as xw from '../dist/index.js';
import { chunksOf, loadCorpus } from './corpus.mjs';

const { values: args } = parseArgs({
  options: { time: { type: 'string', default: '1000' }, count: { type: 'string' }, passes: { type: 'string', default: '3' } },
});
const TIME = Number(args.time);

const corpus = loadCorpus('small');
const chunks = chunksOf(corpus.bytes, 16 * 1024);

/** Parses the whole corpus, handing each first-level element to `onElement`. */
function parseCorpus(onElement) {
  const parser = new xw.StreamParser();
  parser.on('element', onElement);
  for (const chunk of chunks) parser.write(chunk);
  parser.end();
}

const elements = [];
parseCorpus((element) => elements.push(element));
const stanzas = elements.filter((element) => element.name === 'message' || element.name === 'presence' || element.name === 'iq');
if (elements.length !== corpus.stanzas) throw new Error(`parsed ${elements.length} elements, the corpus holds ${corpus.stanzas}`);

// biome-ignore lint/correctness/noUnusedVariables: a sink, so that the callback does work the JIT cannot drop
let counted = 0;
const countElement = () => {
  counted++;
};

const CASES = {
  // Elements dropped as they come, as a server forwarding stanzas does (keeping them all would
  // charge the parse with the collector's work on a growing heap).
  parse: { unit: elements.length, run: () => parseCorpus(countElement) },
  'checkStanza (stringprep)': { unit: stanzas.length, run: checkAll(undefined) },
  'checkStanza (PRECIS)': { unit: stanzas.length, run: checkAll({ profile: 'precis' }) },
};

function checkAll(options) {
  return () => {
    let bad = 0;
    for (const stanza of stanzas) if (xw.checkStanza(stanza, options) !== null) bad++;
    if (bad !== 0) throw new Error(`${bad} stanzas of the corpus refused`);
    return stanzas.length;
  };
}

if (args.count !== undefined) {
  const test = CASES[args.count];
  if (test === undefined) throw new Error(`unknown case ${args.count}; known: ${Object.keys(CASES).join(', ')}`);
  for (let pass = 0; pass < Number(args.passes); pass++) test.run();
  console.log(`${args.count}: ${args.passes} passes of ${test.unit}`);
  process.exit(0);
}

/** ns per unit: tinybench's mean by wall time, and the median of three plain loops by CPU time. */
async function measure({ unit, run }) {
  run(); // warms the JID caches and the JIT
  const bench = new Bench({ time: TIME, warmupTime: 200 });
  bench.add('x', run);
  await bench.run();
  const wall = (bench.tasks[0].result.latency.mean * 1e6) / unit;
  const cpu = [];
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    let rounds = 0;
    const start = performance.now();
    while (performance.now() - start < TIME / 3) {
      run();
      rounds++;
    }
    const used = process.cpuUsage(before);
    cpu.push(((used.user + used.system) * 1e3) / (rounds * unit));
  }
  return { wall, cpu: cpu.sort((a, b) => a - b)[1] };
}

console.log(
  `node ${process.version}; small corpus: ${corpus.bytes.length} bytes, ${elements.length} first-level elements, ${stanzas.length} stanzas; ${TIME} ms per case`,
);
console.log('| case | ns per element or stanza, wall (CPU) | × parse by CPU |');
console.log('| --- | ---: | ---: |');
const results = {};
for (const [name, test] of Object.entries(CASES)) {
  results[name] = await measure(test);
  const { wall, cpu } = results[name];
  console.log(`| ${name} | ${wall.toFixed(0)} (${cpu.toFixed(0)}) | ${(cpu / results.parse.cpu).toFixed(3)} |`);
}
