// Stanza errors (RFC 6120 §8.3): the error reply to a stanza, and reading an error received.
import { checkOptionalString, checkOptions } from '../runtime/arguments.js';
import type { Element, XmlElement } from '../xml/element.js';
import type { StanzaProblem } from './check-stanza.js';
import {
  isOneOf,
  STANZA_ERROR_CONDITIONS,
  STANZA_ERROR_DEFAULT_TYPES,
  STANZA_ERROR_TYPES,
  STANZAS_NS,
  type LegacyStanzaErrorCondition,
  type StanzaErrorCondition,
  type StanzaErrorType,
} from './conditions.js';
import {
  appendErrorBody,
  assignTextAndApp,
  checkErrorOptions,
  copyElement,
  element,
  isElement,
  localName,
  readErrorParts,
  textOf,
} from './error-parts.js';

export interface StanzaErrorOptions {
  /** Defaults to the condition's type in RFC 6120 §8.3.3 (STANZA_ERROR_DEFAULT_TYPES). */
  type?: StanzaErrorType;
  /** Human-readable text, in `<text/>`. */
  text?: string;
  /** The text's `xml:lang`. */
  lang?: string;
  /** The entity that generated the error (`by`), when it is not the stanza's addressee. */
  by?: string;
  /** An application-specific condition element, qualified by its own namespace. */
  app?: XmlElement;
  /** The URI of `gone` and `redirect` (an `xmpp:` URI): the new address. */
  redirect?: string;
  /** Include the stanza's payload (its children) before `<error/>`, as RFC 6120 §8.3.1 allows. */
  includeOriginal?: boolean;
  /** The reply's `to`: the stanza's `from` unless given (a server stamps the sender's full JID). */
  to?: string;
  /** The reply's `from`: the stanza's `to` unless given (a server answering for itself gives its domain). */
  from?: string;
}

const OPTION_NAMES = ['type', 'text', 'lang', 'by', 'app', 'redirect', 'includeOriginal', 'to', 'from'];
const STANZA_NAMES = ['message', 'presence', 'iq'];
const WITH_URI = ['gone', 'redirect'];

function checkArguments(stanza: unknown, condition: unknown, options: StanzaErrorOptions): asserts stanza is XmlElement {
  const where = 'stanzaError';
  if (!isElement(stanza) || !STANZA_NAMES.includes(localName(stanza))) {
    throw new TypeError(`${where}: stanza must be a message, presence or iq element`);
  }
  if (stanza.attrs.type === 'error') {
    throw new RangeError(`${where}: the stanza is itself an error, which is never answered with an error (RFC 6120 §8.3.1)`);
  }
  if (!isOneOf(STANZA_ERROR_CONDITIONS, condition)) {
    throw new RangeError(`${where}: condition must be one of the RFC 6120 §8.3.3 conditions, got ${JSON.stringify(condition)}`);
  }
  checkOptions(where, options, OPTION_NAMES);
  if (options.type !== undefined && !isOneOf(STANZA_ERROR_TYPES, options.type)) {
    throw new RangeError(`${where}: options.type must be one of ${STANZA_ERROR_TYPES.join(', ')}, got ${JSON.stringify(options.type)}`);
  }
  checkErrorOptions(where, options);
  for (const name of ['by', 'redirect', 'to', 'from'] as const) checkOptionalString(where, `options.${name}`, options[name]);
  if (options.redirect !== undefined && !WITH_URI.includes(condition)) {
    throw new RangeError(`${where}: options.redirect goes only with gone and redirect, not ${condition}`);
  }
}

const attribute = (value: unknown): string | undefined => (value === undefined || value === null ? undefined : String(value));

/**
 * The error reply to `stanza` (RFC 6120 §8.3): the same kind and id, `to` and `from` swapped,
 * `type='error'`, and an `<error/>` with the condition, its type (the RFC's default for it unless
 * given), an optional text and application element. `condition` may be what checkStanza returned
 * (`kind: 'stanza'`). Throws for a stanza of type error.
 */
export function stanzaError(
  stanza: XmlElement,
  condition: StanzaErrorCondition | StanzaProblem,
  options: StanzaErrorOptions = {},
): Element {
  if (typeof condition === 'object' && condition !== null) {
    // What checkStanza found: its condition, type and text, unless the options say otherwise.
    return stanzaError(stanza, condition.condition, { type: condition.type, text: condition.text, ...options });
  }
  checkArguments(stanza, condition, options);
  const reply = element(stanza.name, {
    xmlns: attribute(stanza.attrs.xmlns),
    id: attribute(stanza.attrs.id),
    from: options.from ?? attribute(stanza.attrs.to),
    to: options.to ?? attribute(stanza.attrs.from),
    type: 'error',
  });
  if (options.includeOriginal === true) {
    for (const child of stanza.children) reply.cnode(typeof child === 'string' ? child : copyElement(child));
  }
  const error = reply.cnode(element('error', { type: options.type ?? STANZA_ERROR_DEFAULT_TYPES[condition], by: options.by }));
  appendErrorBody(error, STANZAS_NS, condition, options.redirect, options);
  return reply;
}

/** A stanza error as read from an error stanza or its `<error/>` element. */
export interface StanzaErrorDetails {
  /** The error's type; the condition's default when absent or not one of the five. */
  type: StanzaErrorType;
  /** The defined condition; `undefined-condition` when there is none (RFC 3920's codes alone). */
  condition: StanzaErrorCondition | LegacyStanzaErrorCondition;
  text?: string;
  lang?: string;
  by?: string;
  /** The application-specific condition element. */
  app?: XmlElement;
  /** The URI carried by `gone` or `redirect`. */
  redirect?: string;
}

const READ_CONDITIONS: readonly string[] = [...STANZA_ERROR_CONDITIONS, 'payment-required'];

/** The `<error/>` child of an error stanza, or the element itself when it is an `<error/>`. */
function errorElementOf(node: XmlElement): XmlElement | undefined {
  if (localName(node) === 'error') return node;
  if (node.attrs.type !== 'error') return undefined;
  for (const child of node.children) if (typeof child !== 'string' && isElement(child) && localName(child) === 'error') return child;
  return undefined;
}

/**
 * Reads a stanza error: from a stanza of type error (or its `<error/>` element) the type,
 * condition, text, `by`, application element and the URI of gone/redirect; null when `element`
 * is no error.
 */
export function readStanzaError(node: XmlElement): StanzaErrorDetails | null {
  if (!isElement(node)) throw new TypeError('readStanzaError: element must be an element');
  const error = errorElementOf(node);
  if (error === undefined) return null;
  const parts = readErrorParts(error, STANZAS_NS);
  const name = parts.condition === undefined ? '' : localName(parts.condition);
  const condition = (READ_CONDITIONS.includes(name) ? name : 'undefined-condition') as StanzaErrorDetails['condition'];
  const type = isOneOf(STANZA_ERROR_TYPES, error.attrs.type)
    ? error.attrs.type
    : condition === 'payment-required'
      ? 'auth' // RFC 3920 §9.3.3
      : STANZA_ERROR_DEFAULT_TYPES[condition];
  const details: StanzaErrorDetails = { type, condition };
  assignTextAndApp(details, parts);
  if (typeof error.attrs.by === 'string') details.by = error.attrs.by;
  if (WITH_URI.includes(condition) && parts.condition !== undefined) {
    const uri = textOf(parts.condition).trim();
    if (uri !== '') details.redirect = uri;
  }
  return details;
}
