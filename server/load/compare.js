#!/usr/bin/env node
// Runs the load (load/run.js, its own process) against this server, Prosody and ejabberd, one
// at a time on loopback, and prints one table side by side; --runs N repeats the whole round
// and reports ranges. Accounts are made once per server (data folders kept across runs).
//   node load/compare.js [--runs 3] [--clients 60] [--rates 1000,2000,...] [--step 5]
//     [--max-rate N] [--bisect N] [--retries N] [--logins 600] [--idle 10000] [--window 20]
//     [--servers xmpp-wasm,prosody,ejabberd] [--json FILE] [--profile DIR]
// --profile DIR: this server runs under V8's CPU profiler, one profile per run written to DIR
// (load/profile-summary.js reads them).
//   node load/compare.js --from-json FILE [--servers …]   (the table again from saved results)
import { spawn, spawnSync } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { selfSignedCertificate } from '../src/certificate.js';
import { DOMAIN, servers } from './servers.js';

const { values: o } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    clients: { type: 'string', default: '60' },
    rates: { type: 'string', default: '1000,2000,4000,8000,12000,16000,24000,32000' },
    step: { type: 'string', default: '5' },
    'max-rate': { type: 'string', default: '1000000' },
    bisect: { type: 'string', default: '3' },
    retries: { type: 'string', default: '1' },
    logins: { type: 'string', default: '600' },
    idle: { type: 'string', default: '10000' },
    window: { type: 'string', default: '20' },
    servers: { type: 'string', default: 'xmpp-wasm,prosody,ejabberd' },
    json: { type: 'string' },
    'from-json': { type: 'string' },
    keep: { type: 'boolean' },
    profile: { type: 'string' },
  },
});
const RUN = fileURLToPath(new URL('./run.js', import.meta.url));
const names = o.servers.split(',');
for (const name of names) if (!Object.hasOwn(servers, name)) throw new TypeError(`--servers: unknown server ${name}`);
const missing = names.filter(
  (name) => name !== 'xmpp-wasm' && spawnSync('sh', ['-c', `command -v ${name === 'prosody' ? 'prosodyctl' : 'ejabberdctl'}`]).status !== 0,
);
if (missing.length) throw new Error(`not installed: ${missing.join(', ')} (bash .ci/install-deps.sh installs them)`);

const accounts = Array.from({ length: Number(o.clients) }, (_, n) => ({ username: `user${n}`, password: `pw-${n}` }));

function load(port, pid) {
  return new Promise((resolve, reject) => {
    const args = [
      RUN,
      '--port',
      String(port),
      '--pid',
      String(pid),
      '--domain',
      DOMAIN,
      '--clients',
      o.clients,
      '--rates',
      o.rates,
      '--step',
      o.step,
      '--max-rate',
      o['max-rate'],
      '--bisect',
      o.bisect,
      '--retries',
      o.retries,
      '--logins',
      o.logins,
      '--idle',
      o.idle,
      '--window',
      o.window,
    ];
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => (code === 0 ? resolve(JSON.parse(out)) : reject(new Error(`load/run.js exited with ${code}`))));
  });
}

const firstRate = Number(o.rates.split(',')[0]);

const range = (values, digits = 0) => {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return '–';
  const [lo, hi] = [Math.min(...finite), Math.max(...finite)];
  const f = (v) => v.toLocaleString('en-US', { maximumFractionDigits: digits });
  return lo === hi ? f(lo) : `${f(lo)}–${f(hi)}`;
};

function table(results) {
  const rows = [
    ['sustained stanzas/s (p99 < 50 ms)', (r) => r.sustained?.deliveredPerSecond ?? 0],
    ['  p50 / p99 ms at that rate', null],
    ['  highest offered rate held', (r) => r.ceiling?.highestHeld ?? NaN],
    ['  lowest offered rate that failed', (r) => r.ceiling?.lowestFailed ?? NaN],
    ['as fast as accepted: stanzas/s', (r) => r.closedLoop?.deliveredPerSecond ?? NaN],
    ['  its p99 ms', (r) => r.closedLoop?.p99 ?? NaN, 1],
    ['  server CPU %', (r) => r.closedLoop?.serverCpuPercent ?? NaN],
    ['  server CPU µs per stanza', (r) => r.closedLoop?.serverCpuMicrosPerStanza ?? NaN],
    [`server CPU µs per stanza at ${firstRate}/s`, (r) => r.steps.find((s) => s.offered === firstRate)?.serverCpuMicrosPerStanza ?? NaN],
    ['logins/s (SCRAM-SHA-1)', (r) => r.logins.perSecond],
    ['  SCRAM iterations the server asked', (r) => (r.logins.iterations?.length === 1 ? r.logins.iterations[0] : NaN)],
    ['server CPU s per 1000 logins', (r) => (r.logins.serverCpuSeconds * 1000) / r.logins.count, 2],
    ['RSS per idle connection, KiB', (r) => (r.idle ? r.idle.bytesPerConnection / 1024 : NaN), 1],
    ['idle connections', (r) => r.idle?.connections ?? NaN],
    ['messages lost', (r) => r.messages.lost],
    ['error replies', (r) => r.messages.errors],
  ];
  const lines = [`| | ${names.join(' | ')} |`, `| --- | ${names.map(() => '---:').join(' | ')} |`];
  for (const [label, pick, digits] of rows) {
    const cells = names.map((name) => {
      const runs = results[name];
      if (pick !== null) return range(runs.map(pick), digits);
      return `${range(
        runs.map((r) => r.sustained?.p50 ?? NaN),
        1,
      )} / ${range(
        runs.map((r) => r.sustained?.p99 ?? NaN),
        1,
      )}`;
    });
    lines.push(`| ${label} | ${cells.join(' | ')} |`);
  }
  return lines.join('\n');
}

async function main() {
  if (o['from-json']) return console.log(table(JSON.parse(readFileSync(o['from-json'], 'utf8'))));
  const root = mkdtempSync(join(tmpdir(), 'xmpp-load-'));
  chmodSync(root, 0o755); // ejabberd runs as its own user and must reach its folder
  const pems = await selfSignedCertificate(DOMAIN);
  const tls = { ...pems, certFile: join(root, 'cert.pem'), keyFile: join(root, 'key.pem') };
  writeFileSync(tls.certFile, pems.cert);
  writeFileSync(tls.keyFile, pems.key, { mode: 0o644 });
  const results = Object.fromEntries(names.map((name) => [name, []]));
  try {
    for (let run = 1; run <= Number(o.runs); run++) {
      for (const name of names) {
        console.error(`== run ${run}: ${name}`);
        const dir = join(root, name);
        const started = await servers[name].start(dir, accounts, tls, { profileDir: o.profile });
        try {
          results[name].push(await load(started.port, started.pid));
          if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 1)); // kept if a later run fails
        } finally {
          await started.stop();
        }
      }
    }
  } finally {
    if (!o.keep) rmSync(root, { recursive: true, force: true });
  }
  if (o.json) writeFileSync(o.json, JSON.stringify(results, null, 1));
  console.log(`${o.runs} run(s), ${o.clients} clients in pairs, ${o.step} s per offered rate, idle: ${o.idle} connections`);
  console.log(table(results));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
