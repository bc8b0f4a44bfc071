#!/usr/bin/env node
// Where a server's time goes, from a V8 CPU profile (node --cpu-prof): self time per function
// and per area (engine, TLS and sockets, the server's own code, garbage collection, idle).
//   node load/profile-summary.js FILE.cpuprofile [--top 25]
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { top: { type: 'string', default: '25' } } });
const profile = JSON.parse(readFileSync(positionals[0], 'utf8'));
const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const self = new Map();
const interval = (profile.endTime - profile.startTime) / profile.samples.length; // µs per sample
for (const id of profile.samples) self.set(id, (self.get(id) ?? 0) + interval);

function area({ functionName, url }) {
  if (functionName === '(idle)') return 'idle';
  if (functionName === '(garbage collector)') return 'garbage collection';
  if (functionName === '(program)') return 'V8/native outside JS';
  if (url.includes('/dist/') || url.startsWith('wasm://')) return 'engine (xmpp-wasm)';
  if (url.includes('/server/src/')) return 'server code';
  if (url.includes('node:tls') || url.includes('_tls') || url.includes('node:net') || url.includes('stream') || url === '')
    return 'TLS, sockets, streams (Node)';
  return 'other';
}

const functions = new Map();
const areas = new Map();
let total = 0;
for (const [id, micros] of self) {
  const { callFrame } = byId.get(id);
  const key = `${callFrame.functionName || '(anonymous)'} ${callFrame.url.split('/').slice(-2).join('/')}:${callFrame.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + micros);
  const where = area(callFrame);
  areas.set(where, (areas.get(where) ?? 0) + micros);
  total += micros;
}
const busy = total - (areas.get('idle') ?? 0);
const pct = (micros, of) => `${((micros / of) * 100).toFixed(1)}%`;
console.log(`profile: ${(total / 1e6).toFixed(1)} s, busy ${(busy / 1e6).toFixed(1)} s (${pct(busy, total)})`);
console.log('\nby area (share of busy time):');
for (const [where, micros] of [...areas].sort((a, b) => b[1] - a[1]))
  if (where !== 'idle') console.log(`  ${pct(micros, busy).padStart(6)}  ${where}`);
console.log(`\ntop ${values.top} functions by self time (share of busy time):`);
for (const [key, micros] of [...functions].sort((a, b) => b[1] - a[1]).slice(0, Number(values.top))) {
  if (!key.startsWith('(idle)')) console.log(`  ${pct(micros, busy).padStart(6)}  ${key}`);
}
