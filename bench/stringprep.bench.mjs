// Stringprep and JID preparation benchmark: xmpp-wasm (dist/, run `npm run build` first) against
// node-stringprep (ICU, native), GNU libidn (C, called in a loop inside one process), the
// `saslprep` package and @xmpp/jid, on short ASCII, mixed-case and non-ASCII inputs.
//
//   node bench/stringprep.bench.mjs [--time MS]
//
// Peers are used only when they really work:
// - node-stringprep silently falls back to toLowerCase() when its native part did not build, so it
//   is used only if 'Foo\u00DF' nodepreps to 'fooss'. Version 0.8.0 does not build on Node 20 as
//   published; set NODE_STRINGPREP_PATH to the directory of a copy built by hand (newer nan, the
//   V8 calls ported, an icu-config that answers with pkg-config's icu-uc/icu-i18n flags).
// - libidn needs gcc and the libidn headers (Debian: libidn-dev); the harness is compiled into a
//   temporary directory.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Bench } from 'tinybench';
import * as xw from '../dist/index.js';

const { values: args } = parseArgs({ options: { time: { type: 'string', default: '400' } } });
const TIME = Number(args.time);
const require = createRequire(import.meta.url);

// ---------------------------------------------------------------- peers

function loadIcu() {
  try {
    const { StringPrep } = require(process.env.NODE_STRINGPREP_PATH || 'node-stringprep');
    const profiles = {};
    for (const name of ['nameprep', 'nodeprep', 'resourceprep', 'saslprep']) {
      profiles[name] = new StringPrep(name);
      profiles[name].useJsFallbacks = false; // errors throw instead of silently lowercasing
    }
    if (profiles.nodeprep.prepare('Foo\u00df') !== 'fooss') return { missing: 'native binding not loaded (fallback lowercases)' };
    return { profiles };
  } catch (error) {
    return { missing: `not installed (${error.code ?? error.message})` };
  }
}

const LIBIDN_HARNESS = String.raw`
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <stringprep.h>
/* argv: profile (nodeprep|nameprep|resourceprep|saslprep|jid) milliseconds input -> ops/s and output */
static double now(void) { struct timespec t; clock_gettime(CLOCK_MONOTONIC, &t); return t.tv_sec + t.tv_nsec / 1e9; }
static int prep(char *buf, const char *in, size_t len, const Stringprep_profile *p) {
  memcpy(buf, in, len + 1);
  return stringprep(buf, 4096, 0, p);
}
static int run(const char *kind, const char *in, size_t len, char *out) {
  static char buf[3][4096];
  if (strcmp(kind, "jid") != 0) {
    const Stringprep_profile *p = !strcmp(kind, "nodeprep") ? stringprep_xmpp_nodeprep
      : !strcmp(kind, "nameprep") ? stringprep_nameprep
      : !strcmp(kind, "resourceprep") ? stringprep_xmpp_resourceprep : stringprep_saslprep;
    int rc = prep(buf[0], in, len, p);
    if (out) strcpy(out, buf[0]);
    return rc;
  }
  /* a JID: split as RFC 3920 3.1 says, then one call per part */
  const char *slash = strchr(in, '/');
  size_t bare = slash ? (size_t)(slash - in) : len;
  const char *at = memchr(in, '@', bare);
  size_t start = at ? (size_t)(at - in) + 1 : 0;
  int rc = 0;
  if (at) { memcpy(buf[2], in, at - in); buf[2][at - in] = 0; rc |= prep(buf[0], buf[2], at - in, stringprep_xmpp_nodeprep); }
  memcpy(buf[2], in + start, bare - start); buf[2][bare - start] = 0;
  rc |= prep(buf[1], buf[2], bare - start, stringprep_nameprep);
  if (slash) rc |= prep(buf[2], slash + 1, len - bare - 1, stringprep_xmpp_resourceprep);
  if (out) sprintf(out, "%s@%s/%s", at ? buf[0] : "", buf[1], slash ? buf[2] : "");
  return rc;
}
int main(int argc, char **argv) {
  const char *kind = argv[1]; double seconds = atof(argv[2]) / 1000; const char *in = argv[3];
  size_t len = strlen(in); static char out[16384];
  int rc = run(kind, in, len, out);
  long n = 0; double start = now(), elapsed;
  do { for (int i = 0; i < 1000; i++) run(kind, in, len, NULL); n += 1000; } while ((elapsed = now() - start) < seconds);
  printf("%.0f\n%d\n%s\n", n / elapsed, rc, out);
  return 0;
}`;

function loadLibidn() {
  const dir = mkdtempSync(join(tmpdir(), 'stringprep-bench-'));
  try {
    writeFileSync(join(dir, 'harness.c'), LIBIDN_HARNESS);
    execFileSync('gcc', ['-O2', '-o', join(dir, 'harness'), join(dir, 'harness.c'), '-lidn'], { stdio: 'pipe' });
    const binary = join(dir, 'harness');
    return {
      dir,
      measure(kind, input, milliseconds = TIME) {
        const [opsPerSecond, rc, output] = execFileSync(binary, [kind, String(milliseconds), input], { encoding: 'utf8' }).split('\n');
        return { hz: Number(opsPerSecond), ok: rc === '0', output };
      },
    };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { missing: `not available (${String(error.message).split('\n')[0]})` };
  }
}

async function loadSaslprepPackage() {
  try {
    return { saslprep: require('saslprep') };
  } catch (error) {
    return { missing: error.code };
  }
}

async function loadXmppJid() {
  try {
    const module = await import('@xmpp/jid');
    return { parse: module.parse ?? module.default.parse };
  } catch (error) {
    return { missing: error.code };
  }
}

const icu = loadIcu();
const libidn = loadLibidn();
const saslprepPackage = await loadSaslprepPackage();
const xmppJid = await loadXmppJid();

// ---------------------------------------------------------------- cases

const CASES = [
  { operation: 'nodeprep', label: 'ASCII', input: 'juliet' },
  { operation: 'nodeprep', label: 'mixed case', input: 'Juliet.Capulet' },
  { operation: 'nodeprep', label: 'non-ASCII', input: 'J\u00fcrgen.M\u00fcller' },
  { operation: 'nameprep', label: 'ASCII', input: 'capulet.example' },
  { operation: 'nameprep', label: 'non-ASCII', input: 'M\u00fcnchen' },
  { operation: 'resourceprep', label: 'ASCII', input: 'balcony' },
  { operation: 'resourceprep', label: 'non-ASCII', input: 'B\u00fcro \u260e' },
  { operation: 'saslprep', label: 'ASCII', input: 'pencil' },
  { operation: 'saslprep', label: 'non-ASCII', input: 'I\u00adX pass\u00a0w\u00f6rd' },
  { operation: 'jid', label: 'ASCII', input: 'juliet@capulet.example/balcony' },
  { operation: 'jid', label: 'mixed case', input: 'Juliet@Capulet.Example/Balcony' },
  { operation: 'jid', label: 'non-ASCII', input: 'j\u00fcrgen@m\u00fcnchen.example/B\u00fcro' },
];

const splitJid = (text) => {
  const slash = text.indexOf('/');
  const bare = slash < 0 ? text : text.slice(0, slash);
  const at = bare.indexOf('@');
  return [at < 0 ? '' : bare.slice(0, at), bare.slice(at + 1), slash < 0 ? '' : text.slice(slash + 1)];
};
const icuJid = (text) => {
  const [local, domain, resource] = splitJid(text);
  const p = icu.profiles;
  return `${local ? p.nodeprep.prepare(local) : ''}@${p.nameprep.prepare(domain)}/${resource ? p.resourceprep.prepare(resource) : ''}`;
};

/** The functions each peer offers for an operation (absent: no column entry). */
function contenders({ operation }) {
  const list = {};
  if (operation === 'jid') {
    list['xmpp-wasm'] = (s) => xw.parseJid(s);
    list['xmpp-wasm, no cache'] = (s) => xw.parseJid(s);
    if (icu.profiles) list['node-stringprep (ICU)'] = icuJid;
    if (xmppJid.parse) list['@xmpp/jid'] = (s) => xmppJid.parse(s);
  } else {
    const prepare = { nodeprep: xw.nodeprep, nameprep: xw.nameprep, resourceprep: xw.resourceprep, saslprep: xw.saslprep }[operation];
    list['xmpp-wasm'] = prepare;
    list['xmpp-wasm, no cache'] = prepare;
    if (icu.profiles) {
      const profile = icu.profiles[operation];
      list['node-stringprep (ICU)'] = (s) => profile.prepare(s);
    }
    if (operation === 'saslprep' && saslprepPackage.saslprep) list['saslprep pkg'] = saslprepPackage.saslprep;
  }
  return list;
}

const setCaches = (entries) => {
  xw.setJidCacheLimit(entries);
  xw.setStringprepCacheLimit(entries);
};

// ---------------------------------------------------------------- run

// Calls per timed iteration: single calls take tens of nanoseconds, close to the timer's cost.
const BATCH = 100;
// Each task gets its own copy of the loop, so that no peer runs through a call site the JIT has
// already seen calling the others (which would make it polymorphic for everyone after the first).
const batchOf = (run, inputs) =>
  new Function(
    'run',
    'inputs',
    'sink',
    `return () => { for (let i = 0; i < ${BATCH}; i++) sink.total += String(run(inputs[i])).length; };`,
  )(run, inputs, sink);
const sink = { total: 0 };
const results = []; // { testCase, peer, hz }
for (const testCase of CASES) {
  const bench = new Bench({ time: TIME, warmup: true });
  // Separate string objects with the same text, as a server gets them from its parser.
  const inputs = Array.from({ length: BATCH }, () => Buffer.from(testCase.input).toString());
  for (const [peer, run] of Object.entries(contenders(testCase))) {
    const hooks = peer.endsWith('no cache') ? { beforeAll: () => setCaches(0), afterAll: () => setCaches(1000) } : {};
    bench.add(peer, batchOf(run, inputs), hooks);
  }
  await bench.run();
  for (const task of bench.tasks) {
    if (task.result?.state !== 'completed') throw new Error(`${testCase.operation} ${task.name}: ${task.result?.state}`);
    results.push({ testCase, peer: task.name, hz: (BATCH * 1000) / task.result.period });
  }
  if (libidn.measure) {
    const { hz } = libidn.measure(testCase.operation, testCase.input);
    results.push({ testCase, peer: 'GNU libidn (C loop)', hz });
  }
}

// ---------------------------------------------------------------- report

const peers = [...new Set(results.map((r) => r.peer))];
const format = (hz) => (hz >= 1e6 ? `${(hz / 1e6).toFixed(2)} M` : `${(hz / 1e3).toFixed(0)} k`);
const lines = [
  `| operation | input | ${peers.join(' | ')} | ÷ ICU | no cache ÷ ICU |`,
  `| --- | --- | ${peers.map(() => '---:').join(' | ')} | ---: | ---: |`,
];
for (const testCase of CASES) {
  const row = (peer) => results.find((r) => r.testCase === testCase && r.peer === peer)?.hz;
  const reference = row('node-stringprep (ICU)');
  const ratio = (peer) => (reference ? (row(peer) / reference).toFixed(1) + '×' : '–');
  lines.push(
    `| ${testCase.operation} | ${testCase.label} \`${testCase.input}\` | ${peers.map((p) => (row(p) ? format(row(p)) : '–')).join(' | ')} | ${ratio('xmpp-wasm')} | ${ratio('xmpp-wasm, no cache')} |`,
  );
}
console.log(`\nops/s (M = million) on Node ${process.version}, ${TIME} ms per task (checksum ${sink.total})\n`);
console.log(lines.join('\n'));

// Correctness notes for the peers, on inputs where implementations are known to differ.
const HANGUL = '\u1100\u0301\u1161';
const describeCodePoints = (s) => Array.from(s, (c) => 'U+' + c.codePointAt(0).toString(16).toUpperCase().padStart(4, '0')).join(' ');
console.log('\nnameprep(U+1100 U+0301 U+1161), which must stay three code points:');
console.log(`- xmpp-wasm: ${describeCodePoints(xw.nameprep(HANGUL))}`);
if (icu.profiles) console.log(`- node-stringprep (ICU): ${describeCodePoints(icu.profiles.nameprep.prepare(HANGUL))}`);
if (libidn.measure) {
  const { output } = libidn.measure('nameprep', HANGUL, 1);
  console.log(`- GNU libidn: ${describeCodePoints(output)}`);
}
if (xmppJid.parse)
  console.log(
    `- @xmpp/jid does not prepare: parse('J\u00dcRGEN@example.com').local = '${xmppJid.parse('J\u00dcRGEN@example.com').local}' (xmpp-wasm: '${xw.parseJid('J\u00dcRGEN@example.com').local}')`,
  );
for (const [name, peer] of [
  ['node-stringprep (ICU)', icu],
  ['GNU libidn', libidn],
  ['saslprep pkg', saslprepPackage],
  ['@xmpp/jid', xmppJid],
]) {
  if (peer.missing) console.log(`- ${name}: ${peer.missing}`);
}
if (libidn.dir) rmSync(libidn.dir, { recursive: true, force: true });
