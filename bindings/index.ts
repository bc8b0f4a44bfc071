// xmpp-wasm: the package root. Each concern lives in its own module; this file only re-exports,
// each name by hand, so that what is public is a decision (test/package/declarations.test.ts).
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
export {
  stringprep,
  nameprep,
  nodeprep,
  resourceprep,
  saslprep,
  StringprepError,
  setStringprepCacheLimit,
  MAX_STRINGPREP_INPUT,
} from './stringprep/stringprep.js';
export type { StringprepProfile, StringprepMode, StringprepOptions, StringprepErrorCode } from './stringprep/stringprep.js';
export {
  Jid,
  jid,
  parseJid,
  JidError,
  prepareLocal,
  prepareDomain,
  prepareResource,
  domainToAscii,
  domainToUnicode,
  escapeLocal,
  unescapeLocal,
  setJidCacheLimit,
  clearJidCache,
} from './jid/jid.js';
export type { JidPart, JidErrorReason, JidProfile, JidOptions } from './jid/jid.js';
export { enforce, prepare, compare, PrecisError, setPrecisCacheLimit, MAX_PRECIS_INPUT, PRECIS_PROFILES } from './precis/precis.js';
export type { PrecisProfile, PrecisErrorReason } from './precis/precis.js';
export { jidCanonicalForms, jidProfilesDiffer } from './jid/profiles.js';
export type { JidCanonicalForms } from './jid/profiles.js';
export {
  STANZAS_NS,
  STREAM_ERRORS_NS,
  SASL_NS,
  STANZA_ERROR_CONDITIONS,
  STANZA_ERROR_DEFAULT_TYPES,
  STANZA_ERROR_TYPES,
  STREAM_ERROR_CONDITIONS,
  SASL_FAILURE_CONDITIONS,
  legacyConditions,
  checkStanza,
  stanzaError,
  readStanzaError,
  streamError,
  readStreamError,
  saslFailure,
  readSaslFailure,
} from './stanza/index.js';
export type {
  StanzaErrorCondition,
  StanzaErrorType,
  LegacyStanzaErrorCondition,
  StreamErrorCondition,
  LegacyStreamErrorCondition,
  SaslFailureCondition,
  CheckStanzaOptions,
  StanzaSide,
  StanzaCheck,
  StanzaProblem,
  StreamProblem,
  DroppedStanza,
  StanzaErrorOptions,
  StanzaErrorDetails,
  StreamErrorOptions,
  StreamErrorDetails,
  SaslFailureDetails,
} from './stanza/index.js';
