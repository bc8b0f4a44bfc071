// WebAssembly module sizes (raw and gzip -9) and cold start: compiling and instantiating each
// module, and importing the package until the first stanza is parsed, each in a fresh process.
//
//   node bench/sizes.mjs [--runs 7]
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { gzipSync } from 'node:zlib';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const require = createRequire(import.meta.url);

/** Our modules, and a peer's for scale. */
function wasmFiles() {
  const buildDir = join(root, 'build');
  const ours = existsSync(buildDir)
    ? readdirSync(buildDir)
        .filter((f) => f.endsWith('.wasm'))
        .map((f) => join(buildDir, f))
    : [];
  const peers = [];
  try {
    peers.push(require.resolve('sax-wasm/lib/sax-wasm.wasm'));
  } catch {
    // not installed: nothing to compare with
  }
  return { ours, peers };
}

// Imports satisfied with stubs: instantiation cost does not depend on what the imports do.
function stubImports(module, sharedMemory) {
  const imports = {};
  for (const { module: name, name: field, kind } of WebAssembly.Module.imports(module)) {
    imports[name] ??= {};
    if (kind === 'function') imports[name][field] = () => 0;
    else if (kind === 'memory') imports[name][field] = new WebAssembly.Memory({ initial: 16, maximum: 256, shared: sharedMemory });
    else if (kind === 'table') imports[name][field] = new WebAssembly.Table({ initial: 1, element: 'anyfunc' });
    else if (kind === 'global') imports[name][field] = new WebAssembly.Global({ value: 'i32', mutable: false }, 0);
  }
  return imports;
}

/** In a fresh process: one cold compile + instantiate of a file, or a cold package import. */
async function child(what, path) {
  const started = performance.now();
  if (what === 'instantiate') {
    const module = new WebAssembly.Module(readFileSync(path));
    const compiled = performance.now();
    // Whether an imported memory must be shared is not listed in the imports: try both.
    try {
      new WebAssembly.Instance(module, stubImports(module, false));
    } catch {
      new WebAssembly.Instance(module, stubImports(module, true));
    }
    process.stdout.write(JSON.stringify({ compileMs: compiled - started, totalMs: performance.now() - started }) + '\n');
    return;
  }
  const pkg = await import('../dist/index.js');
  await pkg.ready;
  const imported = performance.now();
  let firstStanzaMs = null;
  if (typeof pkg.StreamParser === 'function') {
    const parser = new pkg.StreamParser();
    parser.on('element', () => (firstStanzaMs ??= performance.now() - started));
    parser.write(
      Buffer.from("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'><presence/>"),
    );
  }
  process.stdout.write(JSON.stringify({ importMs: imported - started, firstStanzaMs }) + '\n');
}

function median(values) {
  const sorted = values.filter((v) => typeof v === 'number').sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)] : null;
}

function coldRuns(args, runs) {
  const out = [];
  for (let i = 0; i < runs; i++) {
    const run = spawnSync(process.execPath, [self, '--child', ...args], { encoding: 'utf8', timeout: 60_000 });
    try {
      out.push(JSON.parse(run.stdout.trim().split('\n').at(-1)));
    } catch {
      return { error: (run.stderr || 'no output').trim().split('\n').at(-1) };
    }
  }
  const keys = Object.keys(out[0]);
  return Object.fromEntries(keys.map((key) => [key, median(out.map((o) => o[key]))]));
}

async function main() {
  const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
  const runs = Number(values.runs);
  const { ours, peers } = wasmFiles();
  const ms = (v) => (typeof v === 'number' ? `${v.toFixed(2)} ms` : '—');
  console.log(`\n### WebAssembly modules (cold compile + instantiate: median of ${runs} fresh processes)\n`);
  console.log('| module | raw | gzip -9 | compile | compile + instantiate |');
  console.log('| --- | ---: | ---: | ---: | ---: |');
  for (const path of [...ours, ...peers]) {
    const bytes = readFileSync(path);
    const cold = coldRuns(['instantiate', path], runs);
    const name = ours.includes(path) ? relative(root, path) : `${relative(join(root, 'node_modules'), path)} (peer)`;
    console.log(
      `| ${name} | ${bytes.length.toLocaleString('en')} B | ${gzipSync(bytes, { level: 9 }).length.toLocaleString('en')} B | ${ms(cold.compileMs)} | ${cold.error ? cold.error : ms(cold.totalMs)} |`,
    );
  }
  if (!ours.length) console.log('| (build/ has no .wasm: run npm run build) | | | | |');
  const cold = coldRuns(['import'], runs);
  console.log(
    `\nCold start of the package in a fresh process (median of ${runs}): import + ready ${cold.error ?? ms(cold.importMs)}; first stanza parsed at ${ms(cold.firstStanzaMs)}.`,
  );
}

const childIndex = process.argv.indexOf('--child');
await (childIndex !== -1 ? child(process.argv[childIndex + 1], process.argv[childIndex + 2]) : main());
