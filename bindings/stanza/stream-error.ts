// Stream errors (RFC 6120 §4.9): the `<stream:error/>` sent before closing a stream, and
// reading one received (RFC 3920's names mapped to RFC 6120's).
import { checkOptionalString, checkOptions } from '../runtime/arguments.js';
import type { Element, XmlElement } from '../xml/element.js';
import type { StreamProblem } from './check-stanza.js';
import {
  isOneOf,
  legacyConditions,
  STREAM_ERROR_CONDITIONS,
  STREAM_ERRORS_NS,
  type LegacyStreamErrorCondition,
  type StreamErrorCondition,
} from './conditions.js';
import {
  appendErrorBody,
  assignTextAndApp,
  checkErrorOptions,
  element,
  isElement,
  localName,
  namespaceOf,
  readErrorParts,
  textOf,
} from './error-parts.js';

const STREAMS_NS = 'http://etherx.jabber.org/streams';

export interface StreamErrorOptions {
  /** Human-readable text, in `<text/>`. */
  text?: string;
  /** The text's `xml:lang`. */
  lang?: string;
  /** An application-specific condition element, qualified by its own namespace. */
  app?: XmlElement;
  /** The host (with an optional `:port`) to reconnect to: required by `see-other-host`, refused by the others. */
  seeOtherHost?: string;
}

const OPTION_NAMES = ['text', 'lang', 'app', 'seeOtherHost'];

function checkArguments(condition: unknown, options: StreamErrorOptions): void {
  const where = 'streamError';
  if (!isOneOf(STREAM_ERROR_CONDITIONS, condition)) {
    throw new RangeError(`${where}: condition must be one of the RFC 6120 §4.9.3 conditions, got ${JSON.stringify(condition)}`);
  }
  checkOptions(where, options, OPTION_NAMES);
  checkErrorOptions(where, options);
  checkOptionalString(where, 'options.seeOtherHost', options.seeOtherHost);
  if ((condition === 'see-other-host') !== (options.seeOtherHost !== undefined && options.seeOtherHost !== '')) {
    throw new RangeError(`${where}: options.seeOtherHost is required by see-other-host and goes with no other condition`);
  }
}

/**
 * `<stream:error>` with the condition, an optional text and application element. It declares
 * the `stream` prefix itself, so it is complete on its own (RFC 7395 framing, logs, tests); send
 * it, then `streamClose()`, then close the connection (RFC 6120 §4.9.1.1). `condition` may be what
 * checkStanza returned (`kind: 'stream'`).
 */
export function streamError(condition: StreamErrorCondition | StreamProblem, options: StreamErrorOptions = {}): Element {
  if (typeof condition === 'object' && condition !== null) {
    // What checkStanza found: its condition and text, unless the options say otherwise.
    return streamError(condition.condition, { text: condition.text, ...options });
  }
  checkArguments(condition, options);
  const error = element('stream:error', { 'xmlns:stream': STREAMS_NS });
  appendErrorBody(error, STREAM_ERRORS_NS, condition, options.seeOtherHost, options);
  return error;
}

/** A stream error as read from `<stream:error>`. */
export interface StreamErrorDetails {
  /** The RFC 6120 condition; `undefined-condition` when there is none or it is unknown. */
  condition: StreamErrorCondition;
  /** The RFC 3920 name the peer sent, when it was one RFC 6120 dropped. */
  legacyCondition?: LegacyStreamErrorCondition;
  text?: string;
  lang?: string;
  app?: XmlElement;
  /** The host of `see-other-host`. */
  seeOtherHost?: string;
}

/** Reads a `<stream:error>` (the streams namespace, any prefix); null for any other element. */
export function readStreamError(node: XmlElement): StreamErrorDetails | null {
  if (!isElement(node)) throw new TypeError('readStreamError: element must be an element');
  if (localName(node) !== 'error' || (namespaceOf(node) !== STREAMS_NS && node.name !== 'stream:error')) return null;
  const parts = readErrorParts(node, STREAM_ERRORS_NS);
  const name = parts.condition === undefined ? '' : localName(parts.condition);
  const details: StreamErrorDetails = { condition: 'undefined-condition' };
  if (isOneOf(STREAM_ERROR_CONDITIONS, name)) {
    details.condition = name;
  } else if (Object.hasOwn(legacyConditions, name)) {
    details.legacyCondition = name as LegacyStreamErrorCondition;
    details.condition = legacyConditions[details.legacyCondition];
  }
  assignTextAndApp(details, parts);
  if (details.condition === 'see-other-host' && parts.condition !== undefined) {
    const host = textOf(parts.condition).trim();
    if (host !== '') details.seeOtherHost = host;
  }
  return details;
}
