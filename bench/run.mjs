// The parser benchmark: every peer on the same bytes, fed the same chunks. Each peer is first
// verified (stanza count and checksum against the expected trees); a peer that differs is still
// timed but marked FAILING in the table, with where it differs.
//
// Each timing runs in a fresh process, after warm-ups on the other kinds of traffic (a server's
// JIT has seen mixed traffic, not the corpus being timed), and is repeated in several processes:
// the tables give the worst process and the range. Ratios to ltx pair each process with ltx's
// process of the same round (run back to back).
//
//   npm run bench                                    builds, then runs everything (~20 min)
//   node bench/run.mjs --quick                       a smaller run (c2s-1mb, small, captures; 16 KiB)
//   node bench/run.mjs --corpus c2s-10mb --chunks 16k --peers xmpp-wasm,ltx
//   node bench/run.mjs --verify-only                 verification only, no timing
//   options: --time MS (timed per process), --warmup MS (per process, split over the other
//   corpora), --processes N (per task; default 3), --clock cpu (CPU time of the process instead
//   of wall time, for a machine busy with other work), --no-rss, --no-ceilings
// Where the time goes: node --cpu-prof bench/run.mjs --time-child xmpp-wasm small 16384 3000 600 cpu
// (one timing process), bench/instructions.mjs under callgrind, bench/count-calls.mjs for calls per stanza.
import { spawnSync, execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { Bench } from 'tinybench';
import { canonicalJson, createChecksum, firstDifference } from './checksum.mjs';
import { chunksOf, generatedCorpora, loadCaptures, loadCorpus, RESET } from './corpus.mjs';
import { ceilings } from './ceilings.mjs';
import { loadPeers, peerModules } from './peers/index.mjs';
import { createParser as createReferenceParser } from './peers/saxes.mjs';

const benchDir = dirname(fileURLToPath(import.meta.url));
const BASELINE = 'ltx';
const chunkLabels = { '1k': 1024, '16k': 16 * 1024, '64k': 64 * 1024 };
const kib = (size) => `${size / 1024} KiB`;

// A collection between tasks keeps one peer's garbage from being charged to the next.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

// CPU time of this process (all its threads, so GC helpers count too): what a parser costs,
// whatever else the machine runs; wall time is what a quiet machine shows.
function cpuMilliseconds() {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Feeds every session to a new parser: Buffers are written, RESET restarts the stream. */
function runOnce(createParser, sessions, onElement) {
  for (const feed of sessions) {
    const parser = createParser(onElement);
    for (const item of feed) {
      if (item === RESET) parser.reset();
      else parser.write(item);
    }
    parser.end();
  }
}

function buildWorkloads(corpusNames, chunkSizes) {
  const workloads = [];
  for (const corpus of corpusNames) {
    if (corpus === 'captures') {
      const captures = loadCaptures();
      const sessions = captures.map((capture) => capture.feed);
      // No tree to compare with: the reference is saxes, a conformant parser, given each
      // stream whole, so only the chunking differs from what the peers get.
      const reference = createChecksum();
      for (const feed of sessions) {
        const streams = [[]];
        for (const item of feed) item === RESET ? streams.push([]) : streams.at(-1).push(item);
        for (const stream of streams) runOnce(createReferenceParser, [[Buffer.concat(stream)]], reference.add);
      }
      const bytes = captures.reduce((sum, capture) => sum + capture.bytes.length, 0);
      workloads.push({ corpus, chunking: 'recorded reads', bytes, sessions, expected: reference.result() });
      continue;
    }
    const { bytes, stanzas, checksum, digests } = loadCorpus(corpus);
    for (const size of chunkSizes) {
      workloads.push({
        corpus,
        chunking: kib(size),
        chunkSize: size,
        bytes: bytes.length,
        sessions: [chunksOf(bytes, size)],
        expected: { count: stanzas, checksum, digests },
      });
    }
  }
  return workloads;
}

/** Runs a peer once with checksums; says how its output differs from the expected, if it does. */
function verify(peer, workload) {
  const checksum = createChecksum();
  const { digests: expected } = workload.expected;
  let firstWrong = null;
  let index = 0;
  const onElement = (element) => {
    const digest = checksum.add(element);
    if (firstWrong === null && digest !== expected[index]) firstWrong = { index, json: canonicalJson(element) };
    index++;
  };
  let thrown = null;
  try {
    runOnce(peer.createParser, workload.sessions, onElement);
  } catch (error) {
    thrown = error;
  }
  const got = checksum.result();
  const ok = !thrown && got.count === workload.expected.count && got.checksum === workload.expected.checksum;
  if (ok) return { ok };
  const at = firstWrong?.index ?? firstDifference(expected, got.digests);
  const parts = [];
  if (thrown)
    parts.push(
      `threw after ${got.count} stanzas: ${String(thrown.message ?? thrown)
        .split('\n')[0]
        .slice(0, 160)}`,
    );
  parts.push(
    `${got.count} stanzas (expected ${workload.expected.count}), checksum ${got.checksum} (expected ${workload.expected.checksum})`,
  );
  if (at !== -1) parts.push(`first different stanza #${at}`);
  return { ok, threw: Boolean(thrown), reason: parts.join('; '), firstWrong: firstWrong ?? (at === -1 ? null : { index: at, json: null }) };
}

/** Shows where a failing peer's stanza differs from a passing peer's same stanza. */
function explainDifference(failure, passingPeer, workload) {
  if (!failure.firstWrong?.json || !passingPeer) return null;
  let index = 0;
  let expectedJson = null;
  try {
    runOnce(passingPeer.createParser, workload.sessions, (element) => {
      if (index++ === failure.firstWrong.index) expectedJson = canonicalJson(element);
    });
  } catch {
    return null;
  }
  if (!expectedJson) return null;
  const actual = failure.firstWrong.json;
  let at = 0;
  while (at < actual.length && actual[at] === expectedJson[at]) at++;
  const from = Math.max(0, at - 40);
  return `expected …${expectedJson.slice(from, at + 40)}… got …${actual.slice(from, at + 40)}…`;
}

// ---------------------------------------------------------------------------------------------
// Peak RSS: one child process per peer and corpus, since a process's peak never goes down.

function rssChild([peerName, corpus, chunkSize]) {
  return (async () => {
    const [peer] = await loadPeers([peerName]);
    if (peer.skipped) throw new Error(peer.skipped);
    const [workload] = buildWorkloads([corpus], [Number(chunkSize)]);
    gc();
    const before = process.memoryUsage().rss;
    let stanzas = 0;
    runOnce(peer.createParser, workload.sessions, () => stanzas++);
    const peak = process.resourceUsage().maxRSS * 1024;
    process.stdout.write(JSON.stringify({ before, peak, stanzas }) + '\n');
  })();
}

function measureRss(peerName, workload) {
  const child = spawnSync(
    process.execPath,
    [fileURLToPath(import.meta.url), '--rss-child', peerName, workload.corpus, String(workload.chunkSize ?? 0)],
    {
      encoding: 'utf8',
      timeout: 120_000,
    },
  );
  try {
    return JSON.parse(child.stdout.trim().split('\n').at(-1));
  } catch {
    return { error: (child.stderr || 'no output').trim().split('\n').at(-1) };
  }
}

// ---------------------------------------------------------------------------------------------
// Timing: one child process per task and round, warmed up on the other kinds of traffic first.

/** The corpora a process parses before the timed one: other kinds of traffic than it. */
const WARMUPS = {
  small: ['c2s-1mb', 's2s'],
  'c2s-1mb': ['small', 's2s'],
  'c2s-10mb': ['small', 's2s'],
  s2s: ['small', 'c2s-1mb'],
  captures: ['small', 'c2s-1mb'],
};

/** Runs `run` for about `ms` (at least once). */
function repeatFor(ms, run) {
  const until = performance.now() + ms;
  do run();
  while (performance.now() < until);
}

async function timeChild([peerName, corpus, chunkText, timeText, warmupText, clock]) {
  const chunkSize = Number(chunkText) || 16 * 1024;
  const ceiling = ceilings[peerName];
  const [peer] = ceiling ? [ceiling] : await loadPeers([peerName]);
  if (peer.skipped) throw new Error(peer.skipped);
  const sink = () => {};
  const warmups = WARMUPS[corpus] ?? Object.keys(WARMUPS).filter((name) => name !== corpus && name !== 'c2s-10mb');
  for (const name of warmups) {
    const [warmup] = buildWorkloads([name], [chunkSize]);
    repeatFor(Number(warmupText) / warmups.length, () => runOnce(peer.createParser, warmup.sessions, sink));
  }
  const [workload] = buildWorkloads([corpus], [chunkSize]);
  gc();
  const bench = new Bench({ now: clock === 'cpu' ? cpuMilliseconds : undefined, time: Number(timeText), iterations: 1, warmup: false });
  bench.add('task', () => runOnce(peer.createParser, workload.sessions, sink));
  await bench.run();
  // The median, not the mean: other processes on the machine preempt some samples.
  const medianMs = bench.tasks[0].result?.latency?.p50;
  process.stdout.write(JSON.stringify({ medianMs }) + '\n');
}

function timeInChild(peerName, corpus, chunkSize, taskTime, warmupTime, clock) {
  const args = [
    fileURLToPath(import.meta.url),
    '--time-child',
    peerName,
    corpus,
    String(chunkSize),
    String(taskTime),
    String(warmupTime),
    clock,
  ];
  const child = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 300_000 });
  try {
    return JSON.parse(child.stdout.trim().split('\n').at(-1));
  } catch {
    return { error: (child.stderr || 'no output').trim().split('\n').at(-1) };
  }
}

// ---------------------------------------------------------------------------------------------
// Output.

const mb = (bytes) => bytes / 1e6;
const formatRate = (value) => (value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2));
const formatCount = (value) =>
  value >= 1e6 ? `${(value / 1e6).toFixed(2)} M` : value >= 1e3 ? `${(value / 1e3).toFixed(0)} k` : value.toFixed(0);

function markdownTables(workloads, results) {
  const lines = [];
  const notes = [];
  for (const corpus of [...new Set(workloads.map((w) => w.corpus))]) {
    const first = workloads.find((w) => w.corpus === corpus);
    lines.push('', `### ${corpus}: ${mb(first.bytes).toFixed(2)} MB, ${first.expected.count} stanzas`, '');
    lines.push(
      '| reads | parser | MB/s (worst) | MB/s range | stanzas/s (worst) | × ltx (worst) | × ltx per process | output |',
      '| --- | --- | ---: | ---: | ---: | ---: | ---: | --- |',
    );
    for (const workload of workloads.filter((w) => w.corpus === corpus)) {
      for (const row of results.filter((r) => r.workload === workload)) {
        let output = row.ceiling ? '(ceiling)' : row.verified ? 'ok' : 'FAILING';
        if (row.failure) {
          notes.push(`- ${row.peer} on ${corpus}, ${workload.chunking}: ${row.failure}${row.difference ? `\n  ${row.difference}` : ''}`);
          output += ` [${notes.length}]`;
        }
        const timed = row.medianMs !== undefined;
        lines.push(
          `| ${workload.chunking} | ${row.peer} | ${timed ? formatRate(row.mbps) : '—'} | ${timed ? `${formatRate(row.mbps)}–${formatRate(row.bestMbps)}` : '—'} | ${timed && !row.ceiling ? formatCount(row.stanzasPerSecond) : '—'} | ${row.ratio ? row.ratio.toFixed(2) : '—'} | ${row.ratioRange ? `${row.ratioRange[0].toFixed(2)}–${row.ratioRange[1].toFixed(2)}` : '—'} | ${output} |`,
        );
      }
    }
  }
  if (notes.length) lines.push('', 'Failures:', ...notes.map((note, i) => note.replace(/^- /, `${i + 1}. `)));
  return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------

async function main() {
  const { values } = parseArgs({
    options: {
      corpus: { type: 'string' },
      peers: { type: 'string' },
      chunks: { type: 'string' },
      time: { type: 'string' },
      warmup: { type: 'string' },
      processes: { type: 'string' },
      clock: { type: 'string', default: 'wall' },
      quick: { type: 'boolean', default: false },
      'verify-only': { type: 'boolean', default: false },
      'no-rss': { type: 'boolean', default: false },
      'no-ceilings': { type: 'boolean', default: false },
    },
  });
  const list = (value, fallback) =>
    value
      ? value
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : fallback;
  const corpusNames = list(values.corpus, values.quick ? ['c2s-1mb', 'small', 'captures'] : [...Object.keys(generatedCorpora), 'captures']);
  const chunkSizes = list(values.chunks, values.quick ? ['16k'] : Object.keys(chunkLabels)).map((label) => {
    if (!(label in chunkLabels)) throw new Error(`--chunks takes ${Object.keys(chunkLabels).join(', ')}`);
    return chunkLabels[label];
  });
  const peerNames = list(values.peers, Object.keys(peerModules));
  const taskTime = Number(values.time ?? (values.quick ? 300 : 1000));
  const warmupTime = Number(values.warmup ?? (values.quick ? 300 : 600));
  const processes = Math.max(1, Number(values.processes ?? (values.quick ? 1 : 3)));
  if (!['wall', 'cpu'].includes(values.clock)) throw new Error('--clock takes wall or cpu');

  const loadStart = loadavg()[0];
  const peers = await loadPeers(peerNames.filter((name) => !(name in ceilings)));
  for (const peer of peers.filter((p) => p.skipped)) console.log(`skipped ${peer.name}: ${peer.skipped}`);
  const active = peers.filter((p) => !p.skipped);
  const ceilingPeers = values['no-ceilings'] ? [] : Object.entries(ceilings).map(([name, c]) => ({ name, ceiling: true, ...c }));

  const workloads = buildWorkloads(corpusNames, chunkSizes);
  const results = [];

  // Verification before any timing.
  for (const workload of workloads) {
    for (const peer of active) {
      const check = verify(peer, workload);
      results.push({
        workload,
        peer: peer.name,
        verified: check.ok,
        threw: check.threw,
        failure: check.reason,
        firstWrong: check.firstWrong,
        createParser: peer.createParser,
      });
      console.error(`verify ${workload.corpus} ${workload.chunking} ${peer.name}: ${check.ok ? 'ok' : `FAILING: ${check.reason}`}`);
    }
    for (const peer of ceilingPeers) results.push({ workload, peer: peer.name, ceiling: true, createParser: peer.createParser });
  }
  for (const row of results.filter((r) => r.failure)) {
    const passing = results.find((r) => r.workload === row.workload && r.verified);
    row.difference = explainDifference(row, passing, row.workload);
  }

  if (!values['verify-only']) {
    // Round after round over the whole matrix, each task in its own process: a burst of load
    // from other processes slows one round of a peer, and the range shows it.
    const timedRows = results.filter((row) => !row.threw); // a peer that throws would stop early
    for (let round = 0; round < processes; round++) {
      for (const row of timedRows) {
        const { corpus, chunkSize = 0, chunking } = row.workload;
        const timed = timeInChild(row.peer, corpus, chunkSize, taskTime, warmupTime, values.clock);
        if (timed.medianMs) (row.processMedians ??= []).push(timed.medianMs);
        else row.timingError = timed.error;
        console.error(
          `process ${round + 1}/${processes} ${corpus} ${chunking} ${row.peer}: ${timed.medianMs ? `${formatRate(mb(row.workload.bytes) / (timed.medianMs / 1000))} MB/s` : timed.error}`,
        );
      }
    }
    for (const row of timedRows) {
      if (!row.processMedians?.length) continue;
      row.medianMs = Math.max(...row.processMedians); // the worst process
      row.mbps = mb(row.workload.bytes) / (row.medianMs / 1000);
      row.bestMbps = mb(row.workload.bytes) / (Math.min(...row.processMedians) / 1000);
      row.stanzasPerSecond = row.workload.expected.count / (row.medianMs / 1000);
    }
    for (const row of results) {
      const baseline = results.find((r) => r.workload === row.workload && r.peer === BASELINE);
      if (!row.mbps || !baseline?.mbps) continue;
      row.ratio = row.mbps / baseline.mbps;
      const paired = row.processMedians.map((ms, i) => baseline.processMedians[i] / ms).filter(Number.isFinite);
      row.ratioRange = [Math.min(...paired), Math.max(...paired)];
    }
  }

  const rss = [];
  if (!values['verify-only'] && !values['no-rss']) {
    for (const corpus of corpusNames) {
      const workload =
        workloads.find((w) => w.corpus === corpus && (w.chunkSize === undefined || w.chunkSize === 16 * 1024)) ??
        workloads.find((w) => w.corpus === corpus);
      for (const peer of active) {
        const measured = measureRss(peer.name, workload);
        rss.push({ corpus, chunking: workload.chunking, peer: peer.name, ...measured });
        console.error(`rss ${corpus} ${peer.name}: ${measured.peak ? `${(measured.peak / 2 ** 20).toFixed(0)} MiB` : measured.error}`);
      }
    }
  }

  let output = markdownTables(workloads, results);
  if (rss.length) {
    const corpora = [...new Set(rss.map((r) => r.corpus))];
    output += `\n\n### Peak RSS (MiB) of a process that parses the corpus once (16 KiB reads; captures as recorded); in brackets the growth over the RSS before parsing\n\n`;
    output += `| parser | ${corpora.join(' | ')} |\n| --- |${corpora.map(() => ' ---: |').join('')}\n`;
    for (const peer of active) {
      const cells = corpora.map((corpus) => {
        const m = rss.find((r) => r.corpus === corpus && r.peer === peer.name);
        return m?.peak ? `${(m.peak / 2 ** 20).toFixed(0)} (+${((m.peak - m.before) / 2 ** 20).toFixed(0)})` : 'error';
      });
      output += `| ${peer.name} | ${cells.join(' | ')} |\n`;
    }
  }
  const skipped = peers.filter((p) => p.skipped);
  if (skipped.length) output += `\nSkipped: ${skipped.map((p) => `${p.name} (${p.skipped})`).join('; ')}\n`;
  const environment = {
    date: new Date().toISOString(),
    node: process.version,
    cpu: `${cpus().length} × ${cpus()[0]?.model}`,
    loadAverage: { start: loadStart, end: loadavg()[0] },
    commit: (() => {
      try {
        return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: benchDir, encoding: 'utf8' }).trim();
      } catch {
        return null;
      }
    })(),
    taskTimeMs: taskTime,
    warmupMs: warmupTime,
    processes,
    clock: values.clock,
  };
  console.log(
    `\nNode ${environment.node}, ${environment.cpu}, load average ${environment.loadAverage.start.toFixed(2)} → ${environment.loadAverage.end.toFixed(2)}, each task in ${processes} fresh process(es): ${warmupTime} ms of warm-up on other corpora, then ${taskTime} ms timed (${values.clock} clock, median per process); the worst process and the range shown. MB = 10^6 bytes.`,
  );
  console.log(output);

  const resultsDir = join(benchDir, '.results');
  mkdirSync(resultsDir, { recursive: true });
  const json = {
    environment,
    options: { corpora: corpusNames, chunkSizes, peers: peerNames },
    peers: peers.map(({ name, description, skipped }) => ({ name, description, skipped })),
    workloads: workloads.map((workload) => ({
      corpus: workload.corpus,
      chunking: workload.chunking,
      bytes: workload.bytes,
      stanzas: workload.expected.count,
      checksum: workload.expected.checksum,
      results: results
        .filter((r) => r.workload === workload)
        .map(
          ({
            peer,
            ceiling,
            verified,
            failure,
            difference,
            medianMs,
            processMedians,
            mbps,
            bestMbps,
            stanzasPerSecond,
            ratio,
            ratioRange,
          }) => ({
            peer,
            ceiling,
            verified,
            failure,
            difference,
            medianMs,
            processMedians,
            mbps,
            bestMbps,
            stanzasPerSecond,
            ratioToLtx: ratio,
            ratioToLtxPerProcess: ratioRange,
          }),
        ),
    })),
    rss,
  };
  const stamp = environment.date.replace(/[:.]/g, '-');
  writeFileSync(join(resultsDir, `results-${stamp}.json`), JSON.stringify(json, null, 2));
  writeFileSync(join(resultsDir, 'results.json'), JSON.stringify(json, null, 2));
  writeFileSync(join(resultsDir, 'results.md'), output + '\n');
  console.log(`\nwritten to bench/.results/results.json and results.md`);
}

const rssIndex = process.argv.indexOf('--rss-child');
const timeIndex = process.argv.indexOf('--time-child');
if (rssIndex !== -1) await rssChild(process.argv.slice(rssIndex + 1));
else if (timeIndex !== -1) await timeChild(process.argv.slice(timeIndex + 1));
else await main();
