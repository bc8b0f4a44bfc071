// Attribute overrides on a stanza's original bytes: the top-level start tag's attributes set,
// added or removed, every other byte kept as received. What a server needs to stamp `from`
// (RFC 6120 §8.1.2.1) and forward a stanza without serializing it again.
import { escapeAttribute } from '../xml/serialize.js';

/** Attribute values by name: a string sets (or adds) the attribute, null or undefined removes it. */
export type AttributeOverrides = Readonly<Record<string, string | null | undefined>>;

const WHERE = 'xmpp-wasm: bytes(overrides)';
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NCNAME = `[${NAME_START}][${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040]*`;
/** Names an override may use: unprefixed, or in the xml namespace (xml:lang); never a declaration. */
const OVERRIDE_NAME = new RegExp(`^(?:xml:)?${NCNAME}$`, 'u');
/** Characters XML 1.0 does not allow (§2.2), lone surrogates included. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the control characters XML excludes are what it matches
const NOT_XML_CHAR = /[\0-\x08\x0B\x0C\x0E-\x1F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const encoder = new TextEncoder();

/** Checks the argument; returns its entries as [name bytes, value] pairs (value null: remove). */
function checkOverrides(overrides: unknown): [Uint8Array, string | null][] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    throw new TypeError(`${WHERE}: overrides must be an object of attribute values`);
  }
  const entries: [Uint8Array, string | null][] = [];
  for (const [name, value] of Object.entries(overrides)) {
    if (!OVERRIDE_NAME.test(name) || name === 'xmlns') {
      throw new TypeError(`${WHERE}: overrides names ${JSON.stringify(name)}, not an attribute name without a prefix (or xml:)`);
    }
    if (value !== null && value !== undefined && typeof value !== 'string') {
      throw new TypeError(`${WHERE}: overrides.${name} must be a string, null or undefined`);
    }
    if (typeof value === 'string' && NOT_XML_CHAR.test(value)) {
      throw new TypeError(`${WHERE}: overrides.${name} holds a character XML does not allow`);
    }
    entries.push([encoder.encode(name), value ?? null]);
  }
  return entries;
}

const isSpace = (b: number): boolean => b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d;

/** One attribute of the start tag: [from, to) with its leading whitespace; the value [valueFrom, valueTo). */
interface AttributeSpan {
  from: number;
  nameFrom: number;
  nameTo: number;
  valueFrom: number;
  valueTo: number;
  to: number;
}

/** The attributes of the start tag at the beginning of `bytes` (well-formed, as the lexer checked). */
function attributeSpans(bytes: Uint8Array): { spans: AttributeSpan[]; lastEnd: number } {
  let i = 1;
  while (!isSpace(bytes[i]!) && bytes[i] !== 0x3e && bytes[i] !== 0x2f) i++;
  const spans: AttributeSpan[] = [];
  let lastEnd = i;
  for (;;) {
    const from = i;
    while (isSpace(bytes[i]!)) i++;
    if (bytes[i] === 0x3e || bytes[i] === 0x2f) return { spans, lastEnd };
    const nameFrom = i;
    while (!isSpace(bytes[i]!) && bytes[i] !== 0x3d) i++;
    const nameTo = i;
    while (bytes[i] !== 0x22 && bytes[i] !== 0x27) i++; // spaces and '=' up to the quote
    const quote = bytes[i]!;
    const valueFrom = ++i;
    while (bytes[i] !== quote) i++;
    lastEnd = ++i;
    spans.push({ from, nameFrom, nameTo, valueFrom, valueTo: i - 1, to: i });
  }
}

function sameBytes(bytes: Uint8Array, from: number, to: number, name: Uint8Array): boolean {
  if (to - from !== name.length) return false;
  for (let k = 0; k < name.length; k++) if (bytes[from + k] !== name[k]) return false;
  return true;
}

/**
 * `bytes` (one element, as received) with its start tag's attributes overridden: each named
 * attribute replaced in place (its quotes kept) or removed with its leading whitespace, the
 * absent ones appended after the last attribute; every other byte unchanged.
 */
export function overrideAttributes(bytes: Uint8Array, overrides: AttributeOverrides): Uint8Array {
  const entries = checkOverrides(overrides);
  const { spans, lastEnd } = attributeSpans(bytes);
  const parts: Uint8Array[] = [];
  let copied = 0;
  const copyTo = (at: number) => {
    if (at > copied) parts.push(bytes.subarray(copied, at));
    copied = at;
  };
  for (const span of spans) {
    const entry = entries.find(([name]) => sameBytes(bytes, span.nameFrom, span.nameTo, name));
    if (entry === undefined) continue;
    entries.splice(entries.indexOf(entry), 1);
    if (entry[1] === null) {
      copyTo(span.from);
      copied = span.to;
    } else {
      copyTo(span.valueFrom);
      parts.push(encoder.encode(escapeAttribute(entry[1])));
      copied = span.valueTo;
    }
  }
  copyTo(lastEnd);
  for (const [name, value] of entries) {
    if (value === null) continue;
    parts.push(encoder.encode(' '), name, encoder.encode(`="${escapeAttribute(value)}"`));
  }
  parts.push(bytes.subarray(copied));
  return concatBytes(parts);
}

function concatBytes(parts: Uint8Array[]): Uint8Array {
  let length = 0;
  for (const part of parts) length += part.length;
  const out = new Uint8Array(length);
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}
