// XML serialization with the escaping that makes parse(serialize(x)) equal x: besides the five
// special characters, CR in text and TAB/LF/CR in attribute values are written as character
// references, because a parser normalizes the raw characters away (XML 1.0 §2.11, §3.3.3).
import { checkOptionalString, checkOptions, checkString } from '../runtime/arguments.js';
import type { XmlElement, XmlNode } from './element.js';

const TEXT_SPECIAL = /[&<>\r]/;
const TEXT_SPECIAL_ALL = /[&<>\r]/g;
const ATTR_SPECIAL = /[&<>"'\t\n\r]/;
const ATTR_SPECIAL_ALL = /[&<>"'\t\n\r]/g;
const ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&apos;',
  '\t': '&#9;',
  '\n': '&#10;',
  '\r': '&#13;',
};
const escapeOne = (c: string): string => ESCAPES[c]!;

export function escapeText(text: string): string {
  checkString('escapeText', 'text', text);
  return TEXT_SPECIAL.test(text) ? text.replace(TEXT_SPECIAL_ALL, escapeOne) : text;
}

export function escapeAttribute(value: string): string {
  checkString('escapeAttribute', 'value', value);
  return ATTR_SPECIAL.test(value) ? value.replace(ATTR_SPECIAL_ALL, escapeOne) : value;
}

/** '<name' and the attributes that have a value, escaped: the start tag without its '>' or '/>'. */
export function startTag(name: string, attrs: Record<string, unknown>): string {
  let out = '<' + name;
  for (const attr in attrs) {
    const value = attrs[attr];
    if (value === undefined || value === null) continue;
    out += ' ' + attr + '="' + escapeAttribute(typeof value === 'string' ? value : String(value)) + '"';
  }
  return out;
}

function write(node: XmlNode, out: string[]): void {
  if (typeof node === 'string') {
    out.push(escapeText(node));
    return;
  }
  if (typeof node !== 'object' || node === null) {
    out.push(escapeText(String(node)));
    return;
  }
  const element = node as XmlElement;
  const children = element.children;
  if (children.length === 0) {
    out.push(startTag(element.name, element.attrs) + '/>');
    return;
  }
  out.push(startTag(element.name, element.attrs) + '>');
  for (const child of children) write(child, out);
  out.push('</' + element.name + '>');
}

/** The prefix of a qualified name that needs a declaration ('' for none, xml and xmlns). */
function prefixOf(name: string): string {
  const colon = name.indexOf(':');
  if (colon <= 0) return '';
  const prefix = name.slice(0, colon);
  return prefix === 'xml' || prefix === 'xmlns' ? '' : prefix;
}

/** Adds to `missing` the prefixes `element`'s subtree uses without declaring them (`declared`: those its ancestors in the subtree declare). */
function collectUndeclared(element: XmlElement, declared: readonly string[], missing: Set<string>): void {
  const attrs = element.attrs;
  let inScope = declared;
  for (const attr in attrs)
    if (attr.startsWith('xmlns:')) inScope = inScope === declared ? [...declared, attr.slice(6)] : [...inScope, attr.slice(6)];
  const use = (prefix: string): void => {
    if (prefix !== '' && !inScope.includes(prefix)) missing.add(prefix);
  };
  use(prefixOf(element.name));
  for (const attr in attrs) use(prefixOf(attr));
  for (const child of element.children) if (typeof child === 'object' && child !== null) collectUndeclared(child, inScope, missing);
}

/**
 * The declarations (`xmlns:p="uri"`) of the prefixes an element uses that its ancestors declare
 * (a stanza's stream header: `db:` on a server-to-server stream), so its text parses alone.
 */
function inheritedDeclarations(element: XmlElement): Record<string, string> | null {
  const parent = element.parent;
  if (parent === null || parent === undefined) return null;
  const missing = new Set<string>();
  collectUndeclared(element, [], missing);
  if (missing.size === 0) return null;
  const declarations: Record<string, string> = {};
  for (const prefix of missing) {
    const uri = parent.findNS(prefix);
    if (uri !== undefined) declarations['xmlns:' + prefix] = uri;
  }
  return declarations;
}

/**
 * The XML text of an element and its descendants; an element with a parent (a stanza) carries
 * the declarations of the prefixes it uses from its ancestors.
 */
export function serialize(node: XmlNode): string {
  if (typeof node !== 'string' && (typeof node !== 'object' || node === null || typeof node.name !== 'string')) {
    throw new TypeError(`serialize: node must be an Element or a string, got ${node === null ? 'null' : typeof node}`);
  }
  const out: string[] = [];
  const inherited = typeof node === 'object' && node !== null ? inheritedDeclarations(node) : null;
  if (inherited === null) write(node, out);
  else write(withAttributes(node as XmlElement, inherited), out);
  return out.join('');
}

/** A view of `element` with more attributes (its own first), for writing only. */
function withAttributes(element: XmlElement, more: Record<string, string>): XmlElement {
  return { name: element.name, attrs: { ...element.attrs, ...more }, children: element.children } as XmlElement;
}

export interface StreamHeaderOptions {
  to?: string;
  from?: string;
  id?: string;
  /** Defaults to "1.0" (RFC 6120); pass null to leave the attribute out. */
  version?: string | null;
  /** Written as xml:lang. */
  lang?: string;
  /** The content namespace; defaults to jabber:client. */
  xmlns?: string;
  /** Prepend the XML declaration (default true). */
  declaration?: boolean;
  /** More attributes, e.g. namespace declarations such as xmlns:db. */
  attrs?: Record<string, string>;
}

const HEADER_OPTIONS = ['to', 'from', 'id', 'version', 'lang', 'xmlns', 'declaration', 'attrs'];

/** The opening of a stream: `<?xml version='1.0'?><stream:stream ...>`. */
export function streamHeader(options: StreamHeaderOptions = {}): string {
  checkOptions('streamHeader', options, HEADER_OPTIONS);
  for (const name of ['to', 'from', 'id', 'version', 'lang', 'xmlns'] as const) {
    checkOptionalString('streamHeader', `options.${name}`, options[name]);
  }
  const attrs: Record<string, string | undefined> = {
    xmlns: options.xmlns ?? 'jabber:client',
    'xmlns:stream': 'http://etherx.jabber.org/streams',
    to: options.to,
    from: options.from,
    id: options.id,
    version: options.version === null ? undefined : (options.version ?? '1.0'),
    'xml:lang': options.lang,
    ...options.attrs,
  };
  return (options.declaration === false ? '' : "<?xml version='1.0'?>") + startTag('stream:stream', attrs) + '>';
}

/** The end of a stream. */
export function streamClose(): string {
  return '</stream:stream>';
}
