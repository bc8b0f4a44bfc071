// The package as users get it: `npm pack`, the tarball installed alone into an empty project
// (its dependencies from the npm registry or cache), then used from strict TypeScript (.mts and
// .cts, skipLibCheck false, every subpath), plain Node (import and require), browser bundles of
// the root entry by esbuild, Vite and webpack run in Debian's Chromium, the xmpp.js JID drop-in
// suite, and the CLI in a pipe; publint and @arethetypeswrong/cli find nothing to report.
// The tools run from this repository's node_modules, so the project holds only the package.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as files from './consumer-files.js';
import { chromiumMissing, launchChromium } from '../helpers/chromium.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = (name: string) => join(root, 'node_modules', '.bin', name);

let project: string;
let tarball: string;
let installed: string;

function run(command: string, args: string[], options: { cwd?: string; input?: string } = {}): string {
  const result = spawnSync(command, args, { cwd: options.cwd ?? project, input: options.input, encoding: 'utf8', timeout: 120_000 });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} exited ${result.status}:\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

beforeAll(() => {
  project = mkdtempSync(join(tmpdir(), 'xmpp-wasm-consumer-'));
  // npm test has just built dist/: pack what is there (prepack would build it again).
  const packed = JSON.parse(
    execFileSync('npm', ['pack', '--json', '--ignore-scripts', '--pack-destination', project], { cwd: root, encoding: 'utf8' }),
  );
  tarball = join(project, packed[0].filename);
  writeFileSync(join(project, 'package.json'), JSON.stringify({ name: 'consumer', private: true, type: 'module' }));
  run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball]);
  installed = join(project, 'node_modules', 'xmpp-wasm');
});

afterAll(() => {
  if (project !== undefined) rmSync(project, { recursive: true, force: true });
});

describe('the installed package', () => {
  it('holds only what it needs, and no install scripts', () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(pkg.scripts?.prepare).toBeUndefined();
    expect(pkg.scripts?.postinstall).toBeUndefined();
    expect(Object.keys(pkg.dependencies)).toEqual(['ltx']);
    for (const path of [
      'LICENSE',
      'README.md',
      'dist/index.js',
      'dist/index.js.map',
      'dist/cjs/index.cjs',
      'dist/browser/xmpp-wasm.d.ts',
    ]) {
      expect(existsSync(join(installed, path)), path).toBe(true);
    }
    for (const path of ['build/parser.wasm', 'assembly', 'test', 'bench', 'bindings', 'tools'])
      expect(existsSync(join(installed, path)), path).toBe(false);
  });

  it('declarations stand alone: none names ltx or another package it does not depend on', () => {
    const grep = spawnSync(
      'grep',
      ['-rlE', "from '(ltx|@types/|@xmpp/)", '--include=*.d.ts', '--include=*.d.cts', join(installed, 'dist')],
      { encoding: 'utf8' },
    );
    expect(grep.stdout).toBe('');
    expect(grep.status).toBe(1); // grep: nothing found
  });
});

describe('TypeScript, strict with skipLibCheck false', () => {
  it('compiles a .mts over every subpath and a .cts through the require condition, elements typed', () => {
    writeFileSync(join(project, 'types.mts'), files.TYPES_MTS);
    writeFileSync(join(project, 'types.cts'), files.TYPES_CTS);
    const { exports } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    writeFileSync(join(project, 'every-subpath.mts'), files.everySubpathMts(exports));
    writeFileSync(join(project, 'every-subpath.cts'), files.everySubpathCts(exports));
    writeFileSync(join(project, 'tsconfig.json'), files.TSCONFIG(join(root, 'node_modules', '@types')));
    const result = spawnSync(bin('tsc'), ['-p', 'tsconfig.json'], { cwd: project, encoding: 'utf8' });
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});

describe('plain Node', () => {
  const expected = {
    names: ['a'],
    empty: [],
    parsed: '<b>ü</b>',
    jid: 'jürgen@example.com',
    nodeprep: 'äb',
    dropIn: 'a@b/c',
    kinds: Array(6).fill('function'),
  };
  it('import, every subpath', () => {
    writeFileSync(join(project, 'import.mjs'), files.IMPORT_MJS);
    expect(JSON.parse(run(process.execPath, ['import.mjs']))).toEqual(expected);
  });
  it('require, every CommonJS subpath', () => {
    writeFileSync(join(project, 'require.cjs'), files.REQUIRE_CJS);
    expect(JSON.parse(run(process.execPath, ['require.cjs']))).toEqual(expected);
  });
});

describe('the CLI through a pipe', () => {
  it('parses standard input and prints each stanza', () => {
    const header = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
    const out = run(join(project, 'node_modules', '.bin', 'xmpp-wasm'), ['parse', '--json'], {
      input: `${header}<message><body>ü</body></message>`,
    });
    const events = out
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(events.map((e) => e.event)).toEqual(['start', 'element', 'summary']);
    expect(events[1].children[0]).toEqual({ name: 'body', attrs: {}, children: ['ü'] });
  });
});

describe('the xmpp.js JID drop-in, from the package', () => {
  it("passes @xmpp/jid's cases", () => {
    const pkg = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    const result = spawnSync(bin('vitest'), ['run', 'test/adapters/xmppjs-jid.test.ts'], {
      cwd: root,
      encoding: 'utf8',
      env: {
        ...process.env,
        XMPP_WASM_JID_MODULE: join(installed, pkg.exports['./xmppjs/jid'].import.default),
        XMPP_WASM_ROOT_MODULE: join(installed, pkg.exports['.'].import.default),
      },
    });
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout.replace(/\x1b\[[0-9;]*m/g, '')).toMatch(/Tests +\d+ passed \(\d+\)/);
  });
});

describe('publint and @arethetypeswrong/cli', () => {
  it('publint reports nothing', () => {
    expect(run(bin('publint'), ['--strict', installed])).toMatch(/All good!/);
  });
  it('attw finds no problem, beyond the browser bundles being ES modules only (for browsers and bundlers)', () => {
    // To a file: attw exits before a pipe has taken all of its long JSON.
    const report = join(project, 'attw.json');
    spawnSync('sh', ['-c', `"$0" "$1" --format json > "$2"`, bin('attw'), tarball, report]);
    const { analysis } = JSON.parse(readFileSync(report, 'utf8'));
    const { exports } = JSON.parse(readFileSync(join(installed, 'package.json'), 'utf8'));
    expect(Object.keys(analysis.entrypoints)).toEqual(Object.keys(exports));
    expect(analysis.problems).toEqual([
      { kind: 'CJSResolvesToESM', entrypoint: './browser', resolutionKind: 'node16-cjs' },
      { kind: 'CJSResolvesToESM', entrypoint: './browser/parser', resolutionKind: 'node16-cjs' },
    ]);
  });
});

describe.skipIf(chromiumMissing !== null)('the root entry bundled for browsers, run in Chromium', () => {
  let browser: import('playwright-core').Browser;
  const pages: Record<string, string> = {};

  beforeAll(async () => {
    mkdirSync(join(project, 'src'), { recursive: true });
    writeFileSync(join(project, 'src', 'app.js'), files.BROWSER_APP);
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
  });

  async function runInPage(html: string): Promise<unknown> {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(String(error)));
    await page.setContent(html);
    await page
      .waitForFunction(() => (globalThis as { results?: unknown }).results !== undefined || document.title === 'failed', undefined, {
        timeout: 30_000,
      })
      .catch(() => {});
    const results = await page.evaluate(() => (globalThis as { results?: unknown }).results);
    await page.close();
    return errors.length > 0 ? { errors } : results;
  }
  const scriptPage = (code: string, type: 'module' | 'classic') =>
    `<!doctype html><meta charset="utf-8"><script${type === 'module' ? ' type="module"' : ''}>${code.replaceAll('</script', '<\\/script')}</script>`;

  it('esbuild --bundle --platform=browser', async () => {
    const { build } = await import('esbuild');
    const out = await build({
      absWorkingDir: project,
      entryPoints: ['src/app.js'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
    });
    pages.esbuild = out.outputFiles[0]!.text;
    expect(await runInPage(scriptPage(pages.esbuild, 'module'))).toEqual(files.BROWSER_RESULTS);
  });

  it('Vite build with no config', async () => {
    writeFileSync(join(project, 'index.html'), '<!doctype html><meta charset="utf-8"><script type="module" src="/src/app.js"></script>');
    const { build } = await import('vite');
    await build({ root: project, logLevel: 'silent', build: { outDir: join(project, 'vite-dist') } });
    const html = readFileSync(join(project, 'vite-dist', 'index.html'), 'utf8');
    const script = /src="\/(assets\/[^"]+\.js)"/.exec(html)![1]!;
    const code = readFileSync(join(project, 'vite-dist', script), 'utf8');
    expect(await runInPage(scriptPage(code, 'module'))).toEqual(files.BROWSER_RESULTS);
  });

  it('webpack 5 with its defaults', async () => {
    const { default: webpack } = await import('webpack');
    const stats = await new Promise<import('webpack').Stats>((resolve, reject) =>
      webpack(
        { context: project, mode: 'production', entry: './src/app.js', output: { path: join(project, 'webpack-dist') } },
        (error, result) => (error ? reject(error) : resolve(result!)),
      ),
    );
    const { errors, warnings } = stats.toJson({ all: false, errors: true, warnings: true });
    expect(errors).toEqual([]);
    // Only webpack's size recommendations (its limit is 244 KiB; the WebAssembly is inlined).
    const notAboutSize = warnings!.filter(
      (w) => !/^(asset size limit|entrypoint size limit|webpack performance recommendations)/.test(w.message),
    );
    expect(notAboutSize).toEqual([]);
    const code = readFileSync(join(project, 'webpack-dist', 'main.js'), 'utf8');
    expect(await runInPage(scriptPage(code, 'classic'))).toEqual(files.BROWSER_RESULTS);
  });
});
