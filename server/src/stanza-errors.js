// What the server says when something is wrong: stanza errors (RFC 6120 §8.3) answering a
// stanza, stream errors (§4.9) before closing, and the checks on what clients send
// (§8.1: kinds, types, ids, addresses).
import { escapeAttribute, escapeText, parseJid } from 'xmpp-wasm';

const STANZAS_NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const STREAMS_NS = 'urn:ietf:params:xml:ns:xmpp-streams';

/** The error type each condition takes (RFC 6120 §8.3.3). */
const ERROR_TYPES = {
  'bad-request': 'modify',
  conflict: 'cancel',
  'feature-not-implemented': 'cancel',
  forbidden: 'auth',
  'item-not-found': 'cancel',
  'jid-malformed': 'modify',
  'not-acceptable': 'modify',
  'not-allowed': 'cancel',
  'not-authorized': 'auth',
  'policy-violation': 'modify',
  'recipient-unavailable': 'wait',
  'remote-server-not-found': 'cancel',
  'resource-constraint': 'wait',
  'service-unavailable': 'cancel',
  'undefined-condition': 'cancel',
  'unexpected-request': 'wait',
};

/** The values of `type` each stanza kind accepts; a message takes any (RFC 6121 §5.2.2: unknown is `normal`). */
const TYPES = {
  message: null,
  presence: new Set(['unavailable', 'subscribe', 'subscribed', 'unsubscribe', 'unsubscribed', 'probe', 'error']),
  iq: new Set(['get', 'set', 'result', 'error']),
};

const attr = (name, value) => (value === undefined || value === null ? '' : ` ${name}='${escapeAttribute(String(value))}'`);

/**
 * An error reply to `stanza` (from its addressee to its sender), as a string. `to` is the
 * sender's full JID, `from` who answers (the addressee, or the server's domain).
 */
export function stanzaError(stanza, condition, { to, from, text } = {}) {
  const type = ERROR_TYPES[condition] ?? 'cancel';
  const body = text === undefined ? '' : `<text xmlns='${STANZAS_NS}'>${escapeText(text)}</text>`;
  return (
    `<${stanza.name} type='error'${attr('id', stanza.attrs.id)}${attr('from', from)}${attr('to', to)}>` +
    `<error type='${type}'><${condition} xmlns='${STANZAS_NS}'/>${body}</error></${stanza.name}>`
  );
}

/** A stream error element (RFC 6120 §4.9), with the streams prefix declared on it. */
export function streamError(condition, text) {
  const body = text === undefined ? '' : `<text xmlns='${STREAMS_NS}'>${escapeText(text)}</text>`;
  return `<stream:error xmlns:stream='http://etherx.jabber.org/streams'><${condition} xmlns='${STREAMS_NS}'/>${body}</stream:error>`;
}

/**
 * What is wrong with a stanza a client sent, or null: { stream: condition } ends the stream,
 * { stanza: condition } is answered with a stanza error. Also parses `to` ({ to: Jid | null }).
 */
export function checkStanza(stanza) {
  const kind = stanza.name;
  if (!Object.hasOwn(TYPES, kind) || stanza.getNS() !== 'jabber:client') return { stream: 'unsupported-stanza-type' };
  const types = TYPES[kind];
  const type = stanza.attrs.type;
  if (type !== undefined && types !== null && !types.has(type)) return { stanza: 'bad-request' };
  if (kind === 'iq') {
    if (type === undefined || stanza.attrs.id === undefined) return { stanza: 'bad-request' };
    if ((type === 'get' || type === 'set') && stanza.children.filter((c) => typeof c !== 'string').length !== 1)
      return { stanza: 'bad-request' };
  }
  const to = stanza.attrs.to;
  if (to === undefined) return { to: null };
  try {
    return { to: parseJid(to) };
  } catch {
    return { stanza: 'jid-malformed' };
  }
}
