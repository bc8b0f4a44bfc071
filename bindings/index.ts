// xmpp-wasm: the package root. Each concern lives in its own module; this file only re-exports.
export { ready } from './wasm.js';
export { StreamParser, STREAMS_NS, XML_NS, XMLNS_NS } from './stream-parser.js';
export type { ParserOptions, ParserEvents, StanzaSource } from './stream-parser.js';
export { parse } from './parse.js';
export { Element } from './element.js';
export type { ElementConstructor } from './element.js';
export { StreamError, legacyConditions } from './errors.js';
export type { StreamErrorCondition } from './errors.js';
export { serialize, escapeText, escapeAttribute, streamHeader, streamClose } from './serialize.js';
export type { StreamHeaderOptions } from './serialize.js';
export { compareVersions, parseVersion } from './version.js';
export type { StreamVersion } from './version.js';
export * from './stringprep.js';
export * from './jid.js';
