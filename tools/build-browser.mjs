// Bundles the package for browsers (→ dist/browser/xmpp-wasm.js, and xmpp-wasm-parser.js without
// stringprep, PRECIS and JIDs): ESM, minified, the WebAssembly inlined (build/wasm-inline.js), no
// Node built-ins; prints and records their raw, gzip and brotli sizes. The parser-only bundle is
// the package root tree-shaken: each binding holds its own module's bytes, so what is not
// imported is not bundled. Needs `npm run build` first (it bundles dist/).
import { build } from 'esbuild';
import { gzipSync, brotliCompressSync, constants } from 'node:zlib';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const outdir = join(root, 'dist/browser');

const bundles = [
  {
    // The package root, the RFC 7395 framed parser and the xmpp.js Parser (browsers speak WebSocket).
    file: 'xmpp-wasm.js',
    entry: `
export * from './dist/index.js';
export { FramedParser, FRAMING_NS } from './dist/adapters/websocket.js';
export { Parser as XmppjsParser, useXmppWasm, withOptions } from './dist/adapters/xmppjs.js';
`,
  },
  {
    // Parsing only, for clients that leave JID preparation to the server.
    file: 'xmpp-wasm-parser.js',
    entry: `
export { ready, StreamParser, STREAMS_NS, parse, Element, StreamError } from './dist/index.js';
export { FramedParser, FRAMING_NS } from './dist/adapters/websocket.js';
export { Parser as XmppjsParser, useXmppWasm, withOptions } from './dist/adapters/xmppjs.js';
`,
  },
];

mkdirSync(outdir, { recursive: true });
const kib = (n) => `${(n / 1024).toFixed(1)} KiB`;
const report = {};
for (const { file, entry } of bundles) {
  const outfile = join(outdir, file);
  await build({
    stdin: { contents: entry, resolveDir: root, sourcefile: 'browser-entry.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: ['es2022'],
    minify: true,
    legalComments: 'none',
    outfile,
    sourcemap: true,
    logLevel: 'warning',
  });
  // The bundle's declarations: its entry, pointing at dist/'s.
  writeFileSync(outfile.replace(/\.js$/, '.d.ts'), entry.replaceAll("'./dist/", "'../").trimStart());
  const bytes = readFileSync(outfile);
  const sizes = {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }).length,
  };
  report[file] = sizes;
  console.log(`dist/browser/${file}: ${kib(sizes.raw)} raw, ${kib(sizes.gzip)} gzip -9, ${kib(sizes.brotli)} brotli`);
}
writeFileSync(join(outdir, 'sizes.json'), JSON.stringify(report, null, 2) + '\n');
