// The condition names of RFC 6120 as string-literal unions (a misspelled condition is a compile
// error), with the lists and default types the builders and readers check against.

/** Namespace of the stanza error conditions and of their `<text/>` (RFC 6120 §8.3.2). */
export const STANZAS_NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
/** Namespace of the stream error conditions and of their `<text/>` (RFC 6120 §4.9.2). */
export const STREAM_ERRORS_NS = 'urn:ietf:params:xml:ns:xmpp-streams';
/** Namespace of SASL negotiation, `<failure/>` included (RFC 6120 §6.4). */
export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** The `type` of a stanza error (RFC 6120 §8.3.2): what the sender can do about it. */
export type StanzaErrorType = 'auth' | 'cancel' | 'continue' | 'modify' | 'wait';

/** The 22 defined stanza error conditions of RFC 6120 §8.3.3. */
export type StanzaErrorCondition =
  | 'bad-request'
  | 'conflict'
  | 'feature-not-implemented'
  | 'forbidden'
  | 'gone'
  | 'internal-server-error'
  | 'item-not-found'
  | 'jid-malformed'
  | 'not-acceptable'
  | 'not-allowed'
  | 'not-authorized'
  | 'policy-violation'
  | 'recipient-unavailable'
  | 'redirect'
  | 'registration-required'
  | 'remote-server-not-found'
  | 'remote-server-timeout'
  | 'resource-constraint'
  | 'service-unavailable'
  | 'subscription-required'
  | 'undefined-condition'
  | 'unexpected-request';

/** RFC 3920's stanza condition that RFC 6120 dropped: read, never written. */
export type LegacyStanzaErrorCondition = 'payment-required';

/**
 * The type each condition takes when none is given: the one RFC 6120 §8.3.3 says it SHOULD
 * have (the first where it names two). `undefined-condition` may take any; `cancel` here.
 */
export const STANZA_ERROR_DEFAULT_TYPES: Readonly<Record<StanzaErrorCondition, StanzaErrorType>> = Object.freeze({
  'bad-request': 'modify',
  conflict: 'cancel',
  'feature-not-implemented': 'cancel',
  forbidden: 'auth',
  gone: 'cancel',
  'internal-server-error': 'cancel',
  'item-not-found': 'cancel',
  'jid-malformed': 'modify',
  'not-acceptable': 'modify',
  'not-allowed': 'cancel',
  'not-authorized': 'auth',
  'policy-violation': 'modify',
  'recipient-unavailable': 'wait',
  redirect: 'modify',
  'registration-required': 'auth',
  'remote-server-not-found': 'cancel',
  'remote-server-timeout': 'wait',
  'resource-constraint': 'wait',
  'service-unavailable': 'cancel',
  'subscription-required': 'auth',
  'undefined-condition': 'cancel',
  'unexpected-request': 'wait',
});

export const STANZA_ERROR_CONDITIONS = Object.freeze(Object.keys(STANZA_ERROR_DEFAULT_TYPES) as StanzaErrorCondition[]);
export const STANZA_ERROR_TYPES: readonly StanzaErrorType[] = Object.freeze(['auth', 'cancel', 'continue', 'modify', 'wait']);

/** The 25 stream error conditions of RFC 6120 §4.9.3. */
export type StreamErrorCondition =
  | 'bad-format'
  | 'bad-namespace-prefix'
  | 'conflict'
  | 'connection-timeout'
  | 'host-gone'
  | 'host-unknown'
  | 'improper-addressing'
  | 'internal-server-error'
  | 'invalid-from'
  | 'invalid-namespace'
  | 'invalid-xml'
  | 'not-authorized'
  | 'not-well-formed'
  | 'policy-violation'
  | 'remote-connection-failed'
  | 'reset'
  | 'resource-constraint'
  | 'restricted-xml'
  | 'see-other-host'
  | 'system-shutdown'
  | 'undefined-condition'
  | 'unsupported-encoding'
  | 'unsupported-feature'
  | 'unsupported-stanza-type'
  | 'unsupported-version';

export const STREAM_ERROR_CONDITIONS: readonly StreamErrorCondition[] = Object.freeze([
  'bad-format',
  'bad-namespace-prefix',
  'conflict',
  'connection-timeout',
  'host-gone',
  'host-unknown',
  'improper-addressing',
  'internal-server-error',
  'invalid-from',
  'invalid-namespace',
  'invalid-xml',
  'not-authorized',
  'not-well-formed',
  'policy-violation',
  'remote-connection-failed',
  'reset',
  'resource-constraint',
  'restricted-xml',
  'see-other-host',
  'system-shutdown',
  'undefined-condition',
  'unsupported-encoding',
  'unsupported-feature',
  'unsupported-stanza-type',
  'unsupported-version',
]);

/** RFC 3920's stream conditions that RFC 6120 dropped, read as these. */
export type LegacyStreamErrorCondition = 'xml-not-well-formed' | 'invalid-id';

/**
 * RFC 3920's stream conditions by their RFC 6120 meaning: `xml-not-well-formed` was renamed
 * `not-well-formed`; `invalid-id` (a stream or dialback id that does not match) has no
 * counterpart, so it is `undefined-condition`. (`invalid-xml` is no legacy name: RFC 6120 keeps it.)
 */
export const legacyConditions: Readonly<Record<LegacyStreamErrorCondition, StreamErrorCondition>> = Object.freeze({
  'xml-not-well-formed': 'not-well-formed',
  'invalid-id': 'undefined-condition',
});

/** The 11 SASL failure conditions of RFC 6120 §6.5. */
export type SaslFailureCondition =
  | 'aborted'
  | 'account-disabled'
  | 'credentials-expired'
  | 'encryption-required'
  | 'incorrect-encoding'
  | 'invalid-authzid'
  | 'invalid-mechanism'
  | 'malformed-request'
  | 'mechanism-too-weak'
  | 'not-authorized'
  | 'temporary-auth-failure';

export const SASL_FAILURE_CONDITIONS: readonly SaslFailureCondition[] = Object.freeze([
  'aborted',
  'account-disabled',
  'credentials-expired',
  'encryption-required',
  'incorrect-encoding',
  'invalid-authzid',
  'invalid-mechanism',
  'malformed-request',
  'mechanism-too-weak',
  'not-authorized',
  'temporary-auth-failure',
]);

/** Whether `list` holds `value` (a type guard for the condition lists above). */
export function isOneOf<T extends string>(list: readonly T[], value: unknown): value is T {
  return typeof value === 'string' && (list as readonly string[]).includes(value);
}
