// The stanza layer (`xmpp-wasm/stanza`, also re-exported by the package root): the stanza rules
// of RFC 6120 §8, and stanza, stream and SASL errors, built and read.
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
} from './conditions.js';
export type {
  StanzaErrorCondition,
  StanzaErrorType,
  LegacyStanzaErrorCondition,
  StreamErrorCondition,
  LegacyStreamErrorCondition,
  SaslFailureCondition,
} from './conditions.js';
export { checkStanza } from './check-stanza.js';
export type { CheckStanzaOptions, StanzaSide, StanzaCheck, StanzaProblem, StreamProblem, DroppedStanza } from './check-stanza.js';
export { stanzaError, readStanzaError } from './stanza-error.js';
export type { StanzaErrorOptions, StanzaErrorDetails } from './stanza-error.js';
export { streamError, readStreamError } from './stream-error.js';
// What follows a stream error (RFC 6120 §4.9.1.1), here too so that this entry is enough.
export { streamClose } from '../xml/serialize.js';
export type { StreamErrorOptions, StreamErrorDetails } from './stream-error.js';
export { saslFailure, readSaslFailure } from './sasl-failure.js';
export type { SaslFailureDetails } from './sasl-failure.js';
