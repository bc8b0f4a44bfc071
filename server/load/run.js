#!/usr/bin/env node
// The load run against one server already listening: logins, then chat between pairs of
// clients at increasing offered rates, then idle connections; prints one JSON object.
//   node load/run.js --port 5222 --domain example.test --pid PID [--clients 100]
//     [--rates 1000,2000,...] [--step 5] [--window W] [--idle 10000] [--password-prefix pw-]
//     [--max-rate 1000000] [--bisect 3] [--retries 1] [--logins 600]
// Logins/s is timed over --logins sessions (each closed once bound), after a first pass that
// lets the client derive each account's salted password once, as real clients cache it.
// The rate ladder finds the ceiling: past the last rung that holds it climbs by half again
// until a step fails (or --max-rate), then bisects between the highest rate that held and the
// lowest that failed (--bisect steps), so "sustained" is not just the top of the ladder. A step
// that fails is measured again (--retries) before it counts: one stall of a shared machine
// should not set the ceiling.
// --window W adds a closed-loop step: W messages in flight per client, each answered by a new one.
// Accounts are user0..user{clients-1}, password `${prefix}${n}`; idle connections log in as
// the same accounts with other resources.
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { findCeiling } from './ceiling.js';
import { LoadClient } from './client.js';
import { Histogram } from './histogram.js';
import { usage } from './proc.js';

const { values: o } = parseArgs({
  options: {
    host: { type: 'string', default: '127.0.0.1' },
    port: { type: 'string' },
    domain: { type: 'string' },
    pid: { type: 'string' },
    clients: { type: 'string', default: '100' },
    rates: { type: 'string', default: '1000,2000,4000,8000,16000,32000' },
    step: { type: 'string', default: '5' },
    idle: { type: 'string', default: '0' },
    'password-prefix': { type: 'string', default: 'pw-' },
    concurrency: { type: 'string', default: '20' },
    'idle-concurrency': { type: 'string', default: '100' },
    'p99-limit': { type: 'string', default: '50' },
    window: { type: 'string', default: '0' },
    'max-rate': { type: 'string', default: '1000000' },
    bisect: { type: 'string', default: '3' },
    retries: { type: 'string', default: '1' },
    logins: { type: 'string', default: '600' },
  },
});
const CLIENTS = Number(o.clients),
  PID = Number(o.pid),
  STEP_MS = Number(o.step) * 1000,
  P99_LIMIT = Number(o['p99-limit']),
  MAX_RATE = Number(o['max-rate']),
  BISECT = Number(o.bisect),
  RETRIES = Number(o.retries);
const account = (n, resource) => ({
  host: o.host,
  port: Number(o.port),
  domain: o.domain,
  username: `user${n}`,
  password: `${o['password-prefix']}${n}`,
  resource,
});
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
const log = (...args) => console.error('[load]', ...args);

/**
 * Logs in many clients, `concurrency` at a time; resolves to the clients and logins/s. With
 * `close`, each client starts closing once bound (not waited for: the next login goes on).
 */
async function loginAll(specs, { concurrency = Number(o.concurrency), close = false } = {}) {
  const clients = new Array(specs.length);
  const closing = [];
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < specs.length) {
      const i = next++;
      const client = new LoadClient(specs[i]);
      await client.login();
      clients[i] = client;
      if (close) closing.push(client.close());
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const perSecond = specs.length / ((performance.now() - started) / 1000);
  await Promise.all(closing);
  return { clients, perSecond };
}

/** Chat between pairs (0↔1, 2↔3, …): every message carries its send time and sequence number. */
function wire(clients, stats) {
  clients.forEach((client, i) => {
    const partner = clients[i ^ 1];
    client.to = `<message type='chat' to='${partner.jid}'><body>`;
    client.queue = [];
    client.sent = 0;
    client.onStanza = (stanza) => {
      if (stanza.name !== 'message') return;
      if (stanza.attrs.type === 'error') return void stats.errors++;
      const body = stanza.getChildText('body');
      if (body === null) return;
      const space = body.indexOf(' ');
      stats.received++;
      stats.current.latency.add(performance.now() - Number(body.slice(0, space)));
      stats.current.delivered++;
      // Closed loop (--window): each message received is answered with a new one, so every
      // pair keeps its window in flight and the server sets the pace.
      if (stats.closedLoop) {
        send(client, stats);
        stats.dirty.add(client);
      }
    };
  });
}

/** As fast as the server accepts: `window` messages in flight per client for one step's time. */
async function closedLoop(clients, stats, window) {
  stats.current = { latency: new Histogram(), delivered: 0 };
  stats.dirty = new Set();
  const before = usage(PID);
  const started = performance.now();
  stats.closedLoop = true;
  for (const client of clients) for (let i = 0; i < window; i++) send(client, stats);
  flush(clients);
  while (performance.now() - started < STEP_MS) {
    await sleep(1);
    flush(stats.dirty);
    stats.dirty.clear();
  }
  stats.closedLoop = false;
  const elapsed = (performance.now() - started) / 1000;
  const { latency, delivered } = stats.current;
  const after = usage(PID);
  return {
    window,
    deliveredPerSecond: Math.round(delivered / elapsed),
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    max: Math.round(latency.max * 100) / 100,
    serverCpuPercent: Math.round(((after.cpuSeconds - before.cpuSeconds) / elapsed) * 100),
    // CPU time per delivered stanza does not depend on the share of the machine the server got.
    serverCpuMicrosPerStanza: Math.round(((after.cpuSeconds - before.cpuSeconds) * 1e6) / delivered),
  };
}

/** Queues one message; each client's queue goes out in one write per batch (one TLS record). */
function send(client, stats) {
  client.queue.push(`${client.to}${performance.now().toFixed(3)} ${client.sent++}</body></message>`);
  stats.sent++;
}

function flush(clients) {
  for (const client of clients) {
    if (client.queue.length === 0) continue;
    client.write(client.queue.join(''));
    client.queue.length = 0;
  }
}

/** A step holds its rate when p99 latency stays under the limit and 90% of the offered rate is delivered. */
const sustains = (s) => s.p99 < P99_LIMIT && s.deliveredPerSecond >= s.offered * 0.9;

/**
 * The ceiling (load/ceiling.js), each rate measured from nothing in flight so that a failed
 * step's backlog does not count against the next, and a failed step measured again before it counts.
 */
function measureCeiling(clients, stats, steps) {
  const holds = async (rate) => {
    for (let attempt = 0; attempt <= RETRIES; attempt++) {
      await drain(stats);
      const measured = { ...(await step(clients, stats, rate)), attempt };
      steps.push(measured);
      log(JSON.stringify(measured));
      if (sustains(measured)) return true;
    }
    return false;
  };
  return findCeiling(o.rates.split(',').map(Number), holds, { maxRate: MAX_RATE, bisect: BISECT });
}

/** Waits until every message sent is delivered or answered with an error (or `ms` pass). */
async function drain(stats, ms = 10_000) {
  for (let waited = 0; stats.received + stats.errors < stats.sent && waited < ms; waited += 50) await sleep(50);
}

/** One step at `rate` messages/s in total, spread over all clients, sent in 10 ms batches. */
async function step(clients, stats, rate) {
  stats.current = { latency: new Histogram(), delivered: 0 };
  const before = usage(PID);
  const toolBefore = process.cpuUsage();
  const started = performance.now();
  let offered = 0;
  for (let now = started; now - started < STEP_MS; now = performance.now()) {
    // Paced by elapsed time, so a late timer is caught up rather than lowering the rate.
    const due = Math.floor(((now - started) * rate) / 1000);
    while (offered < due) send(clients[offered++ % clients.length], stats);
    flush(clients);
    await sleep(10);
  }
  const elapsed = (performance.now() - started) / 1000;
  await sleep(1000); // the last messages' latencies
  const after = usage(PID);
  const tool = process.cpuUsage(toolBefore);
  const { latency, delivered } = stats.current;
  return {
    offered: rate,
    sentPerSecond: Math.round(offered / elapsed),
    deliveredPerSecond: Math.round(delivered / elapsed),
    p50: latency.percentile(50),
    p99: latency.percentile(99),
    max: Math.round(latency.max * 100) / 100,
    serverCpuPercent: Math.round(((after.cpuSeconds - before.cpuSeconds) / (elapsed + 1)) * 100),
    serverCpuMicrosPerStanza: Math.round(((after.cpuSeconds - before.cpuSeconds) * 1e6) / delivered),
    serverRssMiB: Math.round(after.rssBytes / 2 ** 20),
    toolCpuPercent: Math.round((tool.user + tool.system) / 1e4 / (elapsed + 1)),
  };
}

async function main() {
  const result = { server: { before: usage(PID) } };
  // First pass: the chat clients, while the tool derives each account's salted password (cached);
  // the timed pass then measures the server's side of logging in, over enough logins to
  // outlast a busy machine's stalls.
  const specs = Array.from({ length: CLIENTS }, (_, n) => account(n, 'load'));
  const { clients, perSecond: coldPerSecond } = await loginAll(specs);
  log(`cold logins ${coldPerSecond.toFixed(0)}/s`);
  const count = Number(o.logins);
  const cpuBefore = usage(PID).cpuSeconds;
  const timed = await loginAll(
    Array.from({ length: count }, (_, i) => account(i % CLIENTS, `login${i}`)),
    { close: true },
  );
  result.logins = {
    count,
    perSecond: Math.round(timed.perSecond),
    coldPerSecond: Math.round(coldPerSecond),
    serverCpuSeconds: usage(PID).cpuSeconds - cpuBefore,
    // What the server asked for, so that "the same iteration count" is checked, not assumed.
    iterations: [...new Set(timed.clients.map((c) => c.iterations))],
  };
  log(`logins ${timed.perSecond.toFixed(0)}/s, SCRAM iterations ${result.logins.iterations}`);

  const stats = { sent: 0, received: 0, errors: 0, current: null };
  wire(clients, stats);
  result.steps = [];
  result.ceiling = await measureCeiling(clients, stats, result.steps);
  const held = result.steps.filter(sustains).sort((a, b) => a.offered - b.offered);
  result.sustained = held.at(-1) ?? null;
  if (Number(o.window) > 0) {
    await drain(stats);
    result.closedLoop = await closedLoop(clients, stats, Number(o.window));
    log(JSON.stringify(result.closedLoop));
  }
  await drain(stats, 20_000);
  result.messages = { sent: stats.sent, delivered: stats.received, errors: stats.errors, lost: stats.sent - stats.received - stats.errors };
  log(JSON.stringify(result.messages));

  if (Number(o.idle) > 0) result.idle = await idle(Number(o.idle));
  result.server.after = usage(PID);
  console.log(JSON.stringify(result));
  await Promise.all(clients.map((c) => c.close()));
  process.exit(0);
}

/** RSS per idle authenticated connection: `count` more sessions, bound and silent. */
async function idle(count) {
  await sleep(2000);
  const before = usage(PID).rssBytes;
  const specs = Array.from({ length: count }, (_, i) => account(i % CLIENTS, `idle${i}`));
  const { clients, perSecond } = await loginAll(specs, { concurrency: Number(o['idle-concurrency']) });
  await sleep(5000);
  const after = usage(PID).rssBytes;
  const measured = {
    connections: count,
    rssBeforeMiB: before / 2 ** 20,
    rssAfterMiB: after / 2 ** 20,
    bytesPerConnection: Math.round((after - before) / count),
    loginsPerSecond: Math.round(perSecond),
  };
  log(JSON.stringify(measured));
  for (const client of clients) client.socket.destroy();
  return measured;
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
