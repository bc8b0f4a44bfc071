// The files of the consumer project the packed test installs the package into: what a user
// writes. Kept as text here (not as .mts/.cts files of this repository, which would be
// type-checked against the sources instead of the installed package).

/** Strict TypeScript over every subpath, with the elements' types checked not to be `any`. */
export const TYPES_MTS = `
import { StreamParser, parse, parseJid, nodeprep, Element, StreamError, ready, type XmlElement, type StanzaSource } from 'xmpp-wasm';
import { Parser, useXmppWasm } from 'xmpp-wasm/xmppjs';
import jid, { JID, equal } from 'xmpp-wasm/xmppjs/jid';
import { LtxBackend } from 'xmpp-wasm/ltx';
import { FramedParser } from 'xmpp-wasm/websocket';
import { readStanzas } from 'xmpp-wasm/node';
import * as browser from 'xmpp-wasm/browser';
import * as browserParser from 'xmpp-wasm/browser/parser';
import { Socket } from 'node:net';

type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny = <T,>(_value: T, _check: IsAny<T> extends false ? true : never): void => {};

await ready;
const parser = new StreamParser({ maxStanzaBytes: 65536 });
parser.on('element', (stanza, source) => {
  notAny(stanza, true);
  const name: string = stanza.name;
  const offset: number = source.offset;
  const body: string | null = stanza.getChildText('body');
  const child: Element | undefined = stanza.getChild('x');
  // @ts-expect-error: an Element has no such method
  stanza.noSuchMethod();
  void [name, offset, body, child];
});
parser.on('error', (error) => {
  const condition: string = error.condition;
  void condition;
});
// @ts-expect-error: not an event of the parser
parser.on('stanza', () => {});
parser.write(new Uint8Array(0));

class OtherElement extends Element {
  extra(): string {
    return 'extra';
  }
}
const custom = new StreamParser({ Element: OtherElement });
custom.on('element', (stanza) => {
  const extra: string = stanza.extra();
  void extra;
});
const document = parse('<a/>');
notAny(document, true);
const tree: XmlElement = document;
const otherDocument: OtherElement = parse('<a/>', { Element: OtherElement });
// @ts-expect-error: options are checked by name
new StreamParser({ maxStanzaByte: 1 });

const address = parseJid('juliet@example.com/balcony');
const local: string = address.local;
const prepared: string = nodeprep('Juliet');
const error: StreamError | null = parser.error;
const source: StanzaSource | null = null;

const xmppjs = new Parser();
xmppjs.on('element', (element) => notAny(element, true));
const entity = useXmppWasm({ transports: [] });
const dropIn: JID = jid('juliet@example.com');
const same: boolean = equal(dropIn, jid('juliet', 'example.com'));
const backend = new LtxBackend();
const framed = new FramedParser();
framed.on('element', (element) => notAny(element, true));
const reader = readStanzas(new Socket());
const fromBrowser: StreamParser = new browser.StreamParser();
const fromBrowserParser = new browserParser.StreamParser();
const browserJid: string = browser.parseJid('a@b').toString();
void [tree, otherDocument, local, prepared, error, source, entity, same, backend, reader, fromBrowser, fromBrowserParser, browserJid];
`;

/** The same from CommonJS: the require condition's declarations. */
export const TYPES_CTS = `
import { StreamParser, parse, parseJid, Element } from 'xmpp-wasm';
import { Parser } from 'xmpp-wasm/xmppjs';
import jid = require('xmpp-wasm/xmppjs/jid');
import { LtxBackend } from 'xmpp-wasm/ltx';
import { FramedParser } from 'xmpp-wasm/websocket';
import { attach } from 'xmpp-wasm/node';
import { Socket } from 'node:net';

type IsAny<T> = 0 extends 1 & T ? true : false;
const notAny = <T,>(_value: T, _check: IsAny<T> extends false ? true : never): void => {};

const parser = new StreamParser();
parser.on('element', (stanza, source) => {
  notAny(stanza, true);
  const element: Element = stanza;
  const offset: number = source.offset;
  void [element, offset];
});
notAny(parse('<a/>'), true);
const local: string = parseJid('a@b').local;
const dropIn: string = jid.default('a@b').toString();
void [local, dropIn, new Parser(), new LtxBackend(), new FramedParser(), attach(new Socket())];
`;

type Exports = Record<string, string | Record<string, unknown>>;
const subpaths = (exports: Exports) => Object.keys(exports).filter((key) => key !== './package.json');
const specifier = (subpath: string) => 'xmpp-wasm' + subpath.slice(1);

/** An import of every subpath the package exports (a new one is covered without editing this file). */
export function everySubpathMts(exports: Exports): string {
  const names = subpaths(exports).map((_, i) => `entry${i}`);
  const imports = subpaths(exports).map((subpath, i) => `import * as ${names[i]} from '${specifier(subpath)}';`);
  return `${imports.join('\n')}\nexport const entries = [${names.join(', ')}];\n`;
}

/** The same from CommonJS, for every subpath with a require condition. */
export function everySubpathCts(exports: Exports): string {
  const required = subpaths(exports).filter((subpath) => typeof exports[subpath] === 'object' && 'require' in (exports[subpath] as object));
  const imports = required.map((subpath, i) => `import entry${i} = require('${specifier(subpath)}');`);
  return `${imports.join('\n')}\nexport const entries = [${required.map((_, i) => `entry${i}`).join(', ')}];\n`;
}

export const TSCONFIG = (typeRoots: string) =>
  JSON.stringify({
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      strict: true,
      skipLibCheck: false,
      noEmit: true,
      noUnusedLocals: false,
      types: ['node'],
      typeRoots: [typeRoots],
      // No DOM: the declarations must not need it (a Node project has none).
      lib: ['ES2022'],
    },
    files: ['types.mts', 'types.cts', 'every-subpath.mts', 'every-subpath.cts'],
  });

/** What both Node scripts print: the same whether the package was imported or required. */
const report = (dropIn: string, browserKinds: string) => `console.log(JSON.stringify({
  names,
  empty,
  parsed: parse('<b>ü</b>').toString(),
  jid: parseJid('Jürgen@Example.com').toString(),
  nodeprep: nodeprep('ÄB'),
  dropIn: ${dropIn}.toString(),
  kinds: [typeof Parser, typeof LtxBackend, typeof FramedParser, typeof readStanzas, ${browserKinds}],
}));`;

/** Every runtime entry from plain Node, both ways. */
export const IMPORT_MJS = `
import { StreamParser, parse, parseJid, nodeprep } from 'xmpp-wasm';
import { Parser } from 'xmpp-wasm/xmppjs';
import jid from 'xmpp-wasm/xmppjs/jid';
import { LtxBackend } from 'xmpp-wasm/ltx';
import { FramedParser } from 'xmpp-wasm/websocket';
import { readStanzas } from 'xmpp-wasm/node';
import * as browser from 'xmpp-wasm/browser';
import * as browserParser from 'xmpp-wasm/browser/parser';
await browser.ready;
await browserParser.ready;
const names = [];
new StreamParser().on('element', (el) => names.push(el.name)).write("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><a/>");
const { createRequire } = await import('node:module');
const { exports } = createRequire(import.meta.url)('xmpp-wasm/package.json');
const empty = [];
for (const subpath of Object.keys(exports)) {
  if (subpath === './package.json') continue;
  const module = await import('xmpp-wasm' + subpath.slice(1));
  if (Object.keys(module).length === 0) empty.push(subpath);
}
${report("jid('a@b/c')", 'typeof browser.StreamParser, typeof browserParser.parse')}`;

export const REQUIRE_CJS = `
const { StreamParser, parse, parseJid, nodeprep } = require('xmpp-wasm');
const { Parser } = require('xmpp-wasm/xmppjs');
const jid = require('xmpp-wasm/xmppjs/jid');
const { LtxBackend } = require('xmpp-wasm/ltx');
const { FramedParser } = require('xmpp-wasm/websocket');
const { readStanzas } = require('xmpp-wasm/node');
const names = [];
new StreamParser().on('element', (el) => names.push(el.name)).write("<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><a/>");
const entries = require('xmpp-wasm/package.json').exports;
const empty = Object.keys(entries)
  .filter((subpath) => typeof entries[subpath] === 'object' && 'require' in entries[subpath])
  .filter((subpath) => Object.keys(require('xmpp-wasm' + subpath.slice(1))).length === 0);
${report("jid.default('a@b/c')", "'function', 'function'")}`;

/**
 * The browser app bundled by each tool: a stream in seeded random chunks, non-ASCII text,
 * JIDs; its results go to window.results.
 */
export const BROWSER_APP = `
import { StreamParser, parse, parseJid, nodeprep, ready } from 'xmpp-wasm';

const HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
const BODIES = ['Grüße aus Köln 😀', 'Привет, мир! 你好', 'a &lt; b &amp; c'];
ready.then(() => {
  const text = HEADER + BODIES.map((body, i) => "<message id='m" + i + "'><body>" + body + '</body></message>').join('');
  const bytes = new TextEncoder().encode(text);
  const bodies = [];
  const parser = new StreamParser();
  parser.on('element', (stanza) => bodies.push(stanza.getChildText('body')));
  parser.on('error', (error) => bodies.push('error: ' + error.message));
  let seed = 12345;
  for (let at = 0; at < bytes.length; ) {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    const size = 1 + (seed % 5);
    parser.write(bytes.subarray(at, at + size));
    at += size;
  }
  window.results = {
    bodies,
    jid: parseJid('Jürgen@Bücher.Example/Büro').toString(),
    nodeprep: nodeprep('ÄBC'),
    parsed: parse('<a><b>ü</b></a>').getChildText('b'),
  };
}, (error) => {
  window.results = { failed: String(error) };
});
`;

/** What the page must report, whichever bundler made it. */
export const BROWSER_RESULTS = {
  bodies: ['Grüße aus Köln 😀', 'Привет, мир! 你好', 'a < b & c'],
  jid: 'jürgen@bücher.example/Büro',
  nodeprep: 'äbc',
  parsed: 'ü',
};
