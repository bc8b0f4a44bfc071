// SASL failures (RFC 6120 §6.5): the `<failure/>` that ends an authentication exchange.
import { checkOptionalString, checkOptions } from '../runtime/arguments.js';
import type { Element, XmlElement } from '../xml/element.js';
import { isOneOf, SASL_FAILURE_CONDITIONS, SASL_NS, type SaslFailureCondition } from './conditions.js';
import { appendText, element, isElement, localName, namespaceOf, readErrorParts } from './error-parts.js';

/** `<failure xmlns='urn:ietf:params:xml:ns:xmpp-sasl'>` with the condition and an optional text. */
export function saslFailure(condition: SaslFailureCondition, text?: string, options: { lang?: string } = {}): Element {
  const where = 'saslFailure';
  if (!isOneOf(SASL_FAILURE_CONDITIONS, condition)) {
    throw new RangeError(`${where}: condition must be one of the RFC 6120 §6.5 conditions, got ${JSON.stringify(condition)}`);
  }
  checkOptionalString(where, 'text', text);
  checkOptions(where, options, ['lang']);
  checkOptionalString(where, 'options.lang', options.lang);
  const failure = element('failure', { xmlns: SASL_NS });
  failure.c(condition);
  appendText(failure, undefined, text ?? undefined, options.lang); // <text/> inherits the SASL namespace
  return failure;
}

/** A SASL failure as read. */
export interface SaslFailureDetails {
  /** The condition; null when the failure names none that RFC 6120 defines. */
  condition: SaslFailureCondition | null;
  text?: string;
  lang?: string;
}

/** Reads a SASL `<failure/>`; null for any other element. */
export function readSaslFailure(node: XmlElement): SaslFailureDetails | null {
  if (!isElement(node)) throw new TypeError('readSaslFailure: element must be an element');
  if (localName(node) !== 'failure' || namespaceOf(node) !== SASL_NS) return null;
  const parts = readErrorParts(node, SASL_NS);
  const name = parts.condition === undefined ? '' : localName(parts.condition);
  const details: SaslFailureDetails = { condition: isOneOf(SASL_FAILURE_CONDITIONS, name) ? name : null };
  if (parts.text !== undefined) details.text = parts.text;
  if (parts.lang !== undefined) details.lang = parts.lang;
  return details;
}
