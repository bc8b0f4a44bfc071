// The CommonJS build, for `require('xmpp-wasm')` on every Node version `engines` allows (Node
// before 20.19 cannot require an ES module). One bundle holds every entry, so all of them share
// one set of classes and one copy of the WebAssembly; each entry's .cjs picks its part of it,
// and its declarations are the ES ones renamed .d.cts (TypeScript reads those as CommonJS).
// Needs dist/ first (tools/build.mjs runs this after tsc).
import { build } from 'esbuild';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join, relative } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const dist = join(root, 'dist');
const out = join(dist, 'cjs');

/** Each CommonJS entry: its name in the bundle and its ES module in dist/. */
export const CJS_ENTRIES = [
  { key: 'root', module: 'index' },
  { key: 'xmppjs', module: 'adapters/xmppjs' },
  { key: 'xmppjsJid', module: 'adapters/xmppjs-jid' },
  { key: 'ltx', module: 'adapters/ltx-backend' },
  { key: 'websocket', module: 'adapters/websocket' },
  { key: 'node', module: 'adapters/node-stream' },
  { key: 'stanza', module: 'stanza/index' },
];

rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
await build({
  stdin: {
    contents: CJS_ENTRIES.map(({ key, module }) => `export * as ${key} from './dist/${module}.js';`).join('\n'),
    resolveDir: root,
    sourcefile: 'cjs-entries.js',
    loader: 'js',
  },
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: ['node20'],
  packages: 'external',
  sourcemap: true,
  // The map points at dist/'s modules, which are published beside it (with their own maps to the
  // TypeScript); copying their text in would also copy the inlined WebAssembly.
  sourcesContent: false,
  outfile: join(out, 'bundle.cjs'),
  logLevel: 'warning',
});

// Each entry names its exports one by one (`exports.name = ...`, marked __esModule) rather than
// replacing module.exports: Node's and TypeScript's analysis of CommonJS then see the same
// names as the declarations, a default export included.
for (const { key, module } of CJS_ENTRIES) {
  const file = join(out, `${module}.cjs`);
  mkdirSync(dirname(file), { recursive: true });
  const bundle = relative(dirname(file), join(out, 'bundle.cjs')).replace(/^(?!\.)/, './');
  const names = Object.keys(await import(pathToFileURL(join(dist, `${module}.js`)).href));
  const lines = [
    "'use strict';",
    `const entry = require(${JSON.stringify(bundle)}).${key};`,
    "Object.defineProperty(exports, '__esModule', { value: true });",
    ...names.map((name) => `exports.${name} = entry.${name};`),
  ];
  writeFileSync(file, lines.join('\n') + '\n');
}

// Declarations: every dist/**/*.d.ts as dist/cjs/**/*.d.cts, relative imports ending .cjs.
function copyDeclarations(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (path !== out && entry.name !== 'browser' && entry.name !== 'cli') copyDeclarations(path);
    } else if (entry.name.endsWith('.d.ts')) {
      const target = join(out, relative(dist, path)).replace(/\.d\.ts$/, '.d.cts');
      mkdirSync(dirname(target), { recursive: true });
      const text = readFileSync(path, 'utf8').replace(/(from\s+|import\()(['"])(\.{1,2}\/[^'"]*)\.js\2/g, '$1$2$3.cjs$2');
      writeFileSync(target, text);
    }
  }
}
copyDeclarations(dist);
