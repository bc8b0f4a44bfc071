// xmpp-wasm: the package root. Each concern lives in its own module; this file only re-exports.
export { ready } from './runtime/wasm.js';
export { StreamParser, STREAMS_NS, XML_NS, XMLNS_NS } from './parser/stream-parser.js';
export type { ParserOptions, ParserEvents, StanzaSource, AttributeOverrides, LazyElement } from './parser/stream-parser.js';
export { parse } from './parser/parse.js';
export { Element } from './xml/element.js';
export type { ElementConstructor, XmlElement, XmlNode, ElementApi, Attributes } from './xml/element.js';
export { StreamError } from './parser/errors.js';
export { serialize, escapeText, escapeAttribute, streamHeader, streamClose } from './xml/serialize.js';
export type { StreamHeaderOptions } from './xml/serialize.js';
export { compareVersions, parseVersion } from './parser/version.js';
export type { StreamVersion } from './parser/version.js';
export * from './stringprep/stringprep.js';
export * from './jid/jid.js';
export { enforce, prepare, compare, PrecisError, setPrecisCacheLimit, MAX_PRECIS_INPUT, PRECIS_PROFILES } from './precis/precis.js';
export type { PrecisProfile, PrecisErrorReason } from './precis/precis.js';
export { jidCanonicalForms, jidProfilesDiffer } from './jid/profiles.js';
export type { JidCanonicalForms } from './jid/profiles.js';
export * from './stanza/index.js';
