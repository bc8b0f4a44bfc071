// PRECIS (RFC 7622) JIDs against this package's stringprep (RFC 3920/6122) JIDs: parseJid on
// ASCII, mixed-case and non-ASCII addresses, local parts alone (prepareLocal), and user names
// alone (nodeprep against enforce('UsernameCaseMapped')), with the caches on and off.
// Each case cycles through 64 distinct inputs of its kind (all fit the caches).
//
//   npm run build && node bench/precis.bench.mjs [--time MS]
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import * as xw from '../dist/index.js';

const { values: args } = parseArgs({ options: { time: { type: 'string', default: '500' } } });
const TIME = Number(args.time);
const PRECIS = xw.JID_PRECIS; // frozen: checked once; a fresh { profile: 'precis' } object is checked per call

const variants = (make) => Array.from({ length: 64 }, (_, i) => make(i));
const INPUTS = {
  'ASCII JID': variants((i) => `juliet${i}@capulet${i % 8}.example/balcony`),
  'mixed-case JID': variants((i) => `Juliet${i}@Capulet${i % 8}.Example/Balcony`),
  'non-ASCII JID': variants((i) => `Jülïet${i}@bücher${i % 8}.example/Zimmer ${i}`),
  'Greek JID': variants((i) => `ΣΑΣ${i}@ελλάδα${i % 8}.example/θέση`),
  'ASCII local part': variants((i) => `juliet${i}`),
  'mixed-case local part': variants((i) => `Juliet${i}`),
  'non-ASCII local part': variants((i) => `Jülïet${i}`),
  'ASCII user name (nodeprep vs enforce)': variants((i) => `juliet${i}`),
  'non-ASCII user name (nodeprep vs enforce)': variants((i) => `Σοφία${i}`),
};

function setCaches(on) {
  const limit = on ? 1000 : 0;
  xw.setJidCacheLimit(limit);
  xw.setStringprepCacheLimit(limit);
  xw.setPrecisCacheLimit(limit);
}

function operation(kind, profile) {
  if (kind.includes('user name')) return profile === 'precis' ? (s) => xw.enforce('UsernameCaseMapped', s) : (s) => xw.nodeprep(s);
  const local = kind.endsWith('local part');
  if (profile === 'precis') return local ? (s) => xw.prepareLocal(s, PRECIS) : (s) => xw.parseJid(s, PRECIS);
  return local ? (s) => xw.prepareLocal(s) : (s) => xw.parseJid(s);
}

async function measure(kind, profile, cache) {
  setCaches(cache);
  const inputs = INPUTS[kind];
  const run = operation(kind, profile);
  for (const input of inputs) run(input); // the same answers as asserted in the tests; warms the caches
  let i = 0;
  let sink = 0;
  const bench = new Bench({ time: TIME, warmupTime: 100 });
  bench.add('x', () => {
    sink ^= run(inputs[i++ & 63]).toString().length;
  });
  await bench.run();
  // The same call in a plain loop timed by this process's CPU time (median of three): tinybench
  // times each call, which costs about as much as a short call itself, and on a loaded machine
  // wall time also counts the time other processes hold the cores.
  const ROUNDS = 2_000_000;
  const rates = [];
  for (let round = 0; round < 3; round++) {
    const before = process.cpuUsage();
    for (let n = 0; n < ROUNDS; n++) sink ^= run(inputs[i++ & 63]).toString().length;
    const used = process.cpuUsage(before);
    rates.push(ROUNDS / ((used.user + used.system) / 1e6));
  }
  if (sink === -1) console.log(sink);
  return { wall: bench.tasks[0].result.throughput.mean, cpu: rates.sort((a, b) => a - b)[1] };
}

const format = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(2)} M` : `${(n / 1e3).toFixed(0)} k`);
console.log(`node ${process.version}, ${TIME} ms per case; ops/s by wall time (by CPU time); ratio = stringprep ÷ PRECIS by CPU time`);
console.log('| case | cache | stringprep | PRECIS | ratio |');
console.log('| --- | --- | ---: | ---: | ---: |');
const cell = ({ wall, cpu }) => `${format(wall)} (${format(cpu)})`;
for (const kind of Object.keys(INPUTS)) {
  for (const cache of [true, false]) {
    const stringprep = await measure(kind, 'stringprep', cache);
    const precis = await measure(kind, 'precis', cache);
    console.log(
      `| ${kind} | ${cache ? 'on' : 'off'} | ${cell(stringprep)} | ${cell(precis)} | ${(stringprep.cpu / precis.cpu).toFixed(2)}× |`,
    );
  }
}
