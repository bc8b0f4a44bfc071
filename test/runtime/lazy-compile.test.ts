// Each WebAssembly module is compiled when first used, and a bundle holds only the modules its
// imports reach: counted in a child process (compile-counter.mjs spies on WebAssembly.Module,
// WebAssembly.compile and WebAssembly.Instance) and read in esbuild bundles of the package root.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import * as inline from '../../build/wasm-inline.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const counter = fileURLToPath(new URL('./compile-counter.mjs', import.meta.url));

function countSteps(scenario: string, syncLimit?: number): Record<string, unknown> {
  const args = [counter, scenario, ...(syncLimit === undefined ? [] : [String(syncLimit)])];
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', timeout: 30_000 });
  expect(run.stderr).toBe('');
  return JSON.parse(run.stdout);
}

const parserOnly = { 'compile:parser': 1, 'instantiate:parser': 1 };
const withStringprep = { ...parserOnly, 'compile:stringprep': 1, 'instantiate:stringprep': 1 };

describe('each WebAssembly module is compiled when first used', () => {
  it('importing the package compiles nothing; parsing compiles the parser once; the first nodeprep compiles stringprep once; PRECIS waits for enforce', () => {
    expect(countSteps('parse-then-prepare')).toEqual({
      import: {},
      parse: parserOnly,
      nodeprep: withStringprep,
      'more stringprep': withStringprep,
      enforce: { ...withStringprep, 'compile:precis': 1, 'instantiate:precis': 1 },
    });
  });

  it('await ready compiles each module whose binding was loaded, once, and no use compiles it again', () => {
    const compiledAll = { 'compile:parser': 1, 'compile:stringprep': 1, 'compile:precis': 1 };
    expect(countSteps('ready')).toEqual({
      import: {},
      ready: compiledAll,
      'parse and nodeprep': { ...compiledAll, 'instantiate:parser': 1, 'instantiate:stringprep': 1 },
    });
  });

  it('await ready with only the parser loaded compiles only the parser', () => {
    expect(countSteps('ready-parser-only')).toEqual({ ready: { 'compile:parser': 1 }, parse: parserOnly });
  });

  it('where the host refuses to compile a module synchronously, its first use says to await ready, and works after it', () => {
    // The parser (under 20,000 bytes) compiles synchronously; stringprep does not.
    expect(inline.parserWasm!.length * 0.75).toBeLessThan(20_000);
    const steps = countSteps('refused-sync', 20_000);
    expect(steps.parse).toBe('ok');
    expect(steps['nodeprep before ready']).toMatch(/^xmpp-wasm: await ready before using the stringprep module here/);
    expect(steps['nodeprep after ready']).toBe('ok');
    expect(steps.counts).toEqual({ ...withStringprep, 'compile:precis': 1 });
  });
});

/** The package root bundled for browsers from one import statement, minified. */
async function bundle(code: string): Promise<string> {
  const result = await build({
    stdin: { contents: code, resolveDir: root, loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    minify: true,
    write: false,
    logLevel: 'silent',
  });
  return result.outputFiles[0]!.text;
}

/** 64 base64 characters from the middle of a module's inlined bytes. */
const signature = (base64: string | undefined): string => base64!.slice(base64!.length >> 1, (base64!.length >> 1) + 64);
const modulesIn = (text: string) => ({
  parser: text.includes(signature(inline.parserWasm)),
  stringprep: text.includes(signature(inline.stringprepWasm)),
  precis: text.includes(signature(inline.precisWasm)),
});

describe('a bundle of the package root holds only the modules its imports use', () => {
  it('import { StreamParser } ships the parser alone: no stringprep or PRECIS bytes or code', async () => {
    const text = await bundle(`import { StreamParser } from 'xmpp-wasm'; new StreamParser().write('<a/>');`);
    expect(modulesIn(text)).toEqual({ parser: true, stringprep: false, precis: false });
    expect(text).not.toContain('nodeprep');
    expect(text.length).toBeLessThan(64 * 1024);
  });

  it('import { parseJid } ships stringprep and PRECIS (both JID profiles) and not the parser', async () => {
    const text = await bundle(`import { parseJid } from 'xmpp-wasm'; parseJid('juliet@example.com');`);
    expect(modulesIn(text)).toEqual({ parser: false, stringprep: true, precis: true });
  });

  it('import { nodeprep } ships stringprep alone, import { enforce } PRECIS alone', async () => {
    expect(modulesIn(await bundle(`import { nodeprep } from 'xmpp-wasm'; nodeprep('x');`))).toEqual({
      parser: false,
      stringprep: true,
      precis: false,
    });
    expect(modulesIn(await bundle(`import { enforce } from 'xmpp-wasm'; enforce('OpaqueString', 'x');`))).toEqual({
      parser: false,
      stringprep: false,
      precis: true,
    });
  });
});
