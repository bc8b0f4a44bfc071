// The stanza rules of RFC 6120 §8 (and the values RFC 6121 defines): what a receiver checks on a
// first-level element before acting on it, and the error it answers with when a rule is broken.
import { checkOptions } from '../runtime/arguments.js';
import { JID_PRECIS, JidError, parseJid, type JidOptions, type JidProfile } from '../jid/jid.js';
import type { Attributes, XmlElement } from '../xml/element.js';
import {
  STANZA_ERROR_CONDITIONS,
  STANZA_ERROR_TYPES,
  STANZAS_NS,
  type StanzaErrorCondition,
  type StanzaErrorType,
  type StreamErrorCondition,
} from './conditions.js';
import { isElement, localName, namespaceOf } from './error-parts.js';

/**
 * The stream the stanza arrived on: `c2s` a server reading a client (the default), `s2s` a
 * server reading a peer server, `component` a server reading a component (XEP-0114), `client`
 * a client reading its server.
 */
export type StanzaSide = 'c2s' | 's2s' | 'component' | 'client';

export interface CheckStanzaOptions {
  side?: StanzaSide;
  /** How `to` and `from` are checked: RFC 6122 stringprep (default) or RFC 7622 PRECIS. */
  profile?: JidProfile;
  /** Whether a stanza without `from` breaks the stream: true for s2s and component streams. */
  requireFrom?: boolean;
}

/** A bad stanza to answer with `stanzaError(stanza, condition, { type, text })`. */
export interface StanzaProblem {
  kind: 'stanza';
  condition: StanzaErrorCondition;
  type: StanzaErrorType;
  text: string;
}

/** A bad first-level element that ends the stream: `streamError(condition, { text })`, then close. */
export interface StreamProblem {
  kind: 'stream';
  condition: StreamErrorCondition;
  text: string;
}

/** A bad stanza of type error: dropped, since an error is never answered with an error (RFC 6120 §8.3.1). */
export interface DroppedStanza {
  kind: 'drop';
  condition: StanzaErrorCondition;
  type: StanzaErrorType;
  text: string;
}

export type StanzaCheck = StanzaProblem | StreamProblem | DroppedStanza;

interface Settings {
  namespace: string;
  requireTo: boolean;
  requireFrom: boolean;
  jidOptions: JidOptions | undefined;
}

const NAMESPACES: Record<StanzaSide, string> = {
  c2s: 'jabber:client',
  client: 'jabber:client',
  s2s: 'jabber:server',
  component: 'jabber:component:accept',
};
const DEFAULT_SETTINGS: Settings = { namespace: 'jabber:client', requireTo: false, requireFrom: false, jidOptions: undefined };
// Options objects are usually one constant per stream: each is checked and resolved once.
const resolved = new WeakMap<object, Settings>();

function settingsOf(options: CheckStanzaOptions | undefined): Settings {
  if (options === undefined) return DEFAULT_SETTINGS;
  let settings = resolved.get(options);
  if (settings !== undefined) return settings;
  checkOptions('checkStanza', options, ['side', 'profile', 'requireFrom']);
  const { side = 'c2s', profile = 'stringprep', requireFrom } = options;
  if (!Object.hasOwn(NAMESPACES, side)) {
    throw new TypeError(`checkStanza: options.side must be c2s, s2s, component or client, got ${JSON.stringify(side)}`);
  }
  if (profile !== 'stringprep' && profile !== 'precis') {
    throw new TypeError(`checkStanza: options.profile must be 'stringprep' or 'precis', got ${JSON.stringify(profile)}`);
  }
  if (requireFrom !== undefined && typeof requireFrom !== 'boolean') {
    throw new TypeError(`checkStanza: options.requireFrom must be a boolean, got ${typeof requireFrom}`);
  }
  const serverToServer = side === 's2s' || side === 'component';
  settings = {
    namespace: NAMESPACES[side],
    // RFC 6120 §8.1.1.2 and §8.1.2.2; XEP-0114 §3.
    requireTo: serverToServer,
    requireFrom: requireFrom ?? serverToServer,
    jidOptions: profile === 'precis' ? JID_PRECIS : undefined,
  };
  resolved.set(options, settings);
  return settings;
}

const MESSAGE = 1;
const PRESENCE = 2;
const IQ = 3;
const PRESENCE_TYPES = ['error', 'probe', 'subscribe', 'subscribed', 'unavailable', 'unsubscribe', 'unsubscribed'];
const READ_CONDITIONS: readonly string[] = [...STANZA_ERROR_CONDITIONS, 'payment-required'];

const badRequest = (text: string): StanzaProblem => ({ kind: 'stanza', condition: 'bad-request', type: 'modify', text });
const streamProblem = (condition: StreamErrorCondition, text: string): StreamProblem => ({ kind: 'stream', condition, text });
const attribute = (value: unknown): string | undefined =>
  typeof value === 'string' ? value : value === undefined || value === null ? undefined : String(value);

/** The default namespace in scope at `node` (ltx's findNS, without its calls). */
function defaultNamespaceOf(node: XmlElement | null | undefined): string | undefined {
  for (; node !== null && node !== undefined; node = node.parent) {
    const xmlns = node.attrs?.xmlns;
    if (xmlns) return String(xmlns);
  }
  return undefined;
}

/**
 * Checks a first-level element against the stanza rules of RFC 6120 §8: null for a good stanza,
 * otherwise what to do — answer with a stanza error (`kind: 'stanza'`), end the stream with a
 * stream error (`kind: 'stream'`), or drop a bad error stanza (`kind: 'drop'`). Never throws for
 * any element; throws a TypeError for a non-element or bad options.
 */
export function checkStanza(stanza: XmlElement, options?: CheckStanzaOptions): StanzaCheck | null {
  if (!isElement(stanza)) throw new TypeError('checkStanza: stanza must be an element');
  const settings = settingsOf(options);
  const name = stanza.name;
  const kind = name === 'message' ? MESSAGE : name === 'presence' ? PRESENCE : name === 'iq' ? IQ : prefixedKind(name);
  readAttributes(stanza.attrs);
  const { to: rawTo, from: rawFrom, type: rawType, id: rawId, xmlns } = seen;
  const to = attribute(rawTo);
  const from = attribute(rawFrom);
  const type = attribute(rawType);
  const id = attribute(rawId);
  const prefixed = kind === 0 || name.includes(':');
  // ltx's findNS reads an empty xmlns as none.
  const namespace = prefixed ? namespaceOf(stanza) : xmlns ? String(xmlns) : defaultNamespaceOf(stanza.parent);
  // Unattached elements (parse() of one stanza, builders) have no namespace: taken as the stream's.
  if (kind === 0 || (namespace !== undefined && namespace !== settings.namespace)) {
    return streamProblem('unsupported-stanza-type', `<${name}> in ${namespace ?? 'no namespace'} is not a stanza of ${settings.namespace}`);
  }
  if (settings.requireTo && to === undefined) return streamProblem('improper-addressing', 'a stanza between servers needs a to address');
  if (settings.requireFrom && from === undefined)
    return streamProblem('improper-addressing', 'a stanza between servers needs a from address');
  const problem =
    addressProblem(to, 'to', settings) ??
    addressProblem(from, 'from', settings) ??
    (kind === IQ ? iqProblem(stanza, type, id) : kind === PRESENCE ? presenceProblem(type) : null) ??
    (type === 'error' ? errorProblem(stanza, namespace, kind === IQ) : null);
  if (problem === null || type !== 'error') return problem;
  return { kind: 'drop', condition: problem.condition, type: problem.type, text: problem.text };
}

// The attributes the rules read, gathered in one pass: a for-in over a stanza's two or three
// attributes costs less than five lookups on objects of as many shapes as there are orders of
// attributes. One object, reused: the values are copied out as they are, before anything that
// could call back into checkStanza (String() of a builder's object value).
const seen: Record<'to' | 'from' | 'type' | 'id' | 'xmlns', unknown> = {
  to: undefined,
  from: undefined,
  type: undefined,
  id: undefined,
  xmlns: undefined,
};

function readAttributes(attrs: Attributes): void {
  seen.to = seen.from = seen.type = seen.id = seen.xmlns = undefined;
  for (const key in attrs) {
    switch (key) {
      case 'to':
        seen.to = attrs[key];
        break;
      case 'from':
        seen.from = attrs[key];
        break;
      case 'type':
        seen.type = attrs[key];
        break;
      case 'id':
        seen.id = attrs[key];
        break;
      case 'xmlns':
        seen.xmlns = attrs[key];
        break;
    }
  }
}

/** The kind of a prefixed name (`c:message`), 0 for any other name. */
function prefixedKind(name: string): number {
  const colon = name.indexOf(':');
  if (colon < 0) return 0;
  const local = name.slice(colon + 1);
  return local === 'message' ? MESSAGE : local === 'presence' ? PRESENCE : local === 'iq' ? IQ : 0;
}

function addressProblem(address: string | undefined, name: string, settings: Settings): StanzaProblem | null {
  if (address === undefined) return null;
  try {
    parseJid(address, settings.jidOptions);
    return null;
  } catch (error) {
    if (!(error instanceof JidError)) throw error;
    return { kind: 'stanza', condition: 'jid-malformed', type: 'modify', text: `the ${name} address is no valid JID: ${error.message}` };
  }
}

function isPresenceType(type: string): boolean {
  switch (type) {
    case 'unavailable':
    case 'subscribe':
    case 'subscribed':
    case 'unsubscribe':
    case 'unsubscribed':
    case 'probe':
    case 'error':
      return true;
    default:
      return false;
  }
}

// RFC 6121 §4.7.1: presence has these types, or none (available).
function presenceProblem(type: string | undefined): StanzaProblem | null {
  if (type === undefined || isPresenceType(type)) return null;
  return badRequest(`presence type ${JSON.stringify(type)} is not one of ${PRESENCE_TYPES.join(', ')}`);
}

// RFC 6120 §8.2.3: an id, a type, one payload in a request, at most one in a result.
function iqProblem(iq: XmlElement, type: string | undefined, id: string | undefined): StanzaProblem | null {
  if (id === undefined) return badRequest('an iq needs an id');
  if (type !== 'get' && type !== 'set' && type !== 'result' && type !== 'error') {
    return badRequest(`iq type ${type === undefined ? 'missing' : JSON.stringify(type)}: it must be get, set, result or error`);
  }
  const children = iq.children;
  let elements = 0;
  for (let i = 0; i < children.length; i++) if (typeof children[i] !== 'string') elements++;
  if ((type === 'get' || type === 'set') && elements !== 1)
    return badRequest(`an iq of type ${type} carries exactly one child element, not ${elements}`);
  if (type === 'result' && elements > 1) return badRequest(`an iq of type result carries at most one child element, not ${elements}`);
  return null;
}

// RFC 6120 §8.3.2: one <error/> with a type and exactly one defined condition; an iq error may
// also carry the request's payload.
function errorProblem(stanza: XmlElement, namespace: string | undefined, isIq: boolean): StanzaProblem | null {
  let error: XmlElement | undefined;
  let errors = 0;
  let others = 0;
  for (const child of stanza.children) {
    if (typeof child === 'string' || !isElement(child)) continue;
    if (localName(child) === 'error' && namespaceOf(child) === namespace) {
      error = child;
      errors++;
    } else {
      others++;
    }
  }
  if (error === undefined || errors !== 1) return badRequest(`a stanza of type error carries exactly one <error/>, not ${errors}`);
  if (isIq && others > 1)
    return badRequest(`an iq of type error carries at most the request's payload besides <error/>, not ${others} elements`);
  const type = attribute(error.attrs.type);
  if (type === undefined || !(STANZA_ERROR_TYPES as readonly string[]).includes(type)) {
    return badRequest(
      `the <error/> type ${type === undefined ? 'is missing' : JSON.stringify(type)}: it must be ${STANZA_ERROR_TYPES.join(', ')}`,
    );
  }
  return conditionProblem(error);
}

function conditionProblem(error: XmlElement): StanzaProblem | null {
  let condition = '';
  let conditions = 0;
  for (const child of error.children) {
    if (typeof child === 'string' || !isElement(child) || namespaceOf(child) !== STANZAS_NS) continue;
    const name = localName(child);
    if (name === 'text') continue;
    condition = name;
    conditions++;
  }
  if (conditions !== 1) return badRequest(`an <error/> carries exactly one condition of ${STANZAS_NS}, not ${conditions}`);
  if (!READ_CONDITIONS.includes(condition)) return badRequest(`<${condition}/> is no defined stanza error condition`);
  return null;
}
