// What stanza, stream and SASL errors share: building an element without the attributes left
// undefined (so that it equals its own re-parse), checking an application element argument, and
// reading the defined condition, the `<text/>` and the application element of an error.
import { checkOptionalString } from '../runtime/arguments.js';
import { Element, type Attributes, type XmlElement } from '../xml/element.js';

/** A new Element with the attributes whose value is a string. */
export function element(name: string, attrs: Record<string, string | undefined>): Element {
  const defined: Attributes = {};
  for (const key in attrs) if (attrs[key] !== undefined) defined[key] = attrs[key];
  return new Element(name, defined);
}

/** A deep copy, so that the reply never takes the caller's elements away from their parent. */
export function copyElement(node: XmlElement): Element {
  const result = element(node.name, {});
  Object.assign(result.attrs, node.attrs);
  for (const child of node.children) result.cnode(typeof child === 'string' ? child : copyElement(child));
  return result;
}

/** A copy of an application element that keeps the namespace it had through its ancestors. */
export function copyApplicationElement(app: XmlElement): Element {
  const result = copyElement(app);
  if (result.attrs.xmlns === undefined && !app.name.includes(':')) {
    const ns = namespaceOf(app);
    if (ns !== undefined) result.attrs.xmlns = ns;
  }
  return result;
}

/**
 * Appends the condition (in `ns`, holding `payload` when given: the URI of gone and redirect,
 * the host of see-other-host), then the text and the application element of `options`.
 */
export function appendErrorBody(
  error: Element,
  ns: string,
  condition: string,
  payload: string | undefined,
  options: { text?: string; lang?: string; app?: XmlElement },
): void {
  const defined = error.c(condition, { xmlns: ns });
  if (payload !== undefined) defined.t(payload);
  appendText(error, ns, options.text, options.lang);
  if (options.app !== undefined) error.cnode(copyApplicationElement(options.app));
}

/** Appends `<text xmlns=ns xml:lang=lang>text</text>` when there is a text. */
export function appendText(parent: Element, ns: string | undefined, text: string | undefined, lang: string | undefined): void {
  if (text === undefined) return;
  const child = parent.cnode(element('text', { xmlns: ns, 'xml:lang': lang }));
  if (text !== '') child.t(text);
}

/** Whether `value` looks like an ltx element (what `app` options and readers accept). */
export function isElement(value: unknown): value is XmlElement {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as XmlElement).name === 'string' &&
    Array.isArray((value as XmlElement).children) &&
    typeof (value as XmlElement).attrs === 'object' &&
    (value as XmlElement).attrs !== null
  );
}

/** Checks the options every error builder shares: text, lang, app. */
export function checkErrorOptions(where: string, options: { text?: unknown; lang?: unknown; app?: unknown }): void {
  checkOptionalString(where, 'options.text', options.text);
  checkOptionalString(where, 'options.lang', options.lang);
  if (options.app !== undefined && !isElement(options.app)) {
    throw new TypeError(`${where}: options.app must be an element (the application-specific condition)`);
  }
}

/** The namespace of an element, resolved through its ancestors, or undefined. */
export function namespaceOf(node: XmlElement): string | undefined {
  return typeof node.getNS === 'function' ? node.getNS() : (node.attrs.xmlns as string | undefined);
}

/** The local name (without prefix). */
export function localName(node: XmlElement): string {
  const colon = node.name.indexOf(':');
  return colon < 0 ? node.name : node.name.slice(colon + 1);
}

/** The text children of an element joined. */
export function textOf(node: XmlElement): string {
  let text = '';
  for (const child of node.children) if (typeof child === 'string') text += child;
  return text;
}

export interface ErrorParts {
  /** The local name of the first child in `ns` other than `<text/>`, if any. */
  condition: XmlElement | undefined;
  text: string | undefined;
  lang: string | undefined;
  /** The first child element in another namespace. */
  app: XmlElement | undefined;
}

/** The condition, text and application element of an error element whose conditions live in `ns`. */
export function readErrorParts(error: XmlElement, ns: string): ErrorParts {
  const parts: ErrorParts = { condition: undefined, text: undefined, lang: undefined, app: undefined };
  for (const child of error.children) {
    if (typeof child === 'string' || !isElement(child)) continue;
    if (namespaceOf(child) !== ns) {
      parts.app ??= child;
    } else if (localName(child) === 'text') {
      if (parts.text === undefined) {
        parts.text = textOf(child);
        const lang = child.attrs['xml:lang'];
        parts.lang = typeof lang === 'string' ? lang : undefined;
      }
    } else {
      parts.condition ??= child;
    }
  }
  return parts;
}

/** Sets the text, lang and application element that were found on `details`. */
export function assignTextAndApp(details: { text?: string; lang?: string; app?: XmlElement }, parts: ErrorParts): void {
  if (parts.text !== undefined) details.text = parts.text;
  if (parts.lang !== undefined) details.lang = parts.lang;
  if (parts.app !== undefined) details.app = parts.app;
}
