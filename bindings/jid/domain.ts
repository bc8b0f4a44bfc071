// The domain part of a JID: ASCII domains checked in one pass, others Nameprep'd label by label
// (RFC 3491, STD3 ASCII rules) or enforced by RFC 7622 §3.2; IP literals kept, a trailing dot
// removed; each result cached.
import { asciiLengthExceeds } from './punycode.js';
import { isIPv6 } from './ip-literal.js';
import { enforcePrecisDomain } from './precis-domain.js';
import { cachesFor, precisCaches } from './caches.js';
import { JidError } from './jid-error.js';
import { isPrecis, type JidOptions } from './options.js';
import { checkLength, checkPartArguments, prepareWith } from './parts.js';
import { formatCodePoint } from '../runtime/code-units.js';

const MAX_LABEL_OCTETS = 63;

const isLdh = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;

/**
 * The domain when it is ASCII: lowercased, checked against the STD3 rules; null when a
 * non-ASCII character needs the full path (it may even compose with a preceding ASCII one).
 */
// ASCII characters in a domain: a letter, digit or hyphen (LDH), an uppercase letter, a dot, or
// anything else (refused by the STD3 rules unless normalization composes it away).
const OTHER = 0;
const LDH = 1;
const UPPER = 2;
const DOT = 3;
const DOMAIN_ASCII = new Uint8Array(128).map((_, c) => (isLdh(c) ? LDH : c >= 0x41 && c <= 0x5a ? UPPER : c === 0x2e ? DOT : OTHER));

function checkLabel(raw: string, start: number, end: number): string {
  if (start === end) return 'empty label';
  if (end - start > MAX_LABEL_OCTETS) return `label longer than ${MAX_LABEL_OCTETS} octets`;
  if (raw.charCodeAt(start) === 0x2d || raw.charCodeAt(end - 1) === 0x2d) return 'label starts or ends with a hyphen';
  return '';
}

function prepareAsciiDomain(raw: string): string | null {
  if (raw === '' || raw === '.') throw new JidError('domain', 'empty');
  if (raw.charCodeAt(0) === 0x5b) {
    // IPv6 literal, kept as written.
    if (raw.endsWith(']') && isIPv6(raw.slice(1, -1))) return raw;
    throw new JidError('domain', 'invalid-domain', 'not an IPv6 literal');
  }
  // IPv4 literals and already-encoded xn-- labels satisfy these rules as they are.
  let end = raw.length;
  if (raw.charCodeAt(end - 1) === 0x2e) end--; // a trailing dot ends a fully qualified name
  let seen = 0;
  let firstOther = -1;
  let invalid = '';
  let labelStart = 0;
  for (let i = 0; i < end; i++) {
    const c = raw.charCodeAt(i);
    const kind = DOMAIN_ASCII[c];
    if (kind === undefined) return null; // not ASCII
    seen |= 1 << kind;
    if (kind === DOT) {
      invalid ||= checkLabel(raw, labelStart, i);
      labelStart = i + 1;
    } else if (kind === OTHER && firstOther < 0) {
      firstOther = c;
    }
  }
  invalid ||= checkLabel(raw, labelStart, end);
  if (firstOther >= 0) invalid ||= `${formatCodePoint(firstOther)} is not a letter, digit or hyphen`;
  if (invalid) throw new JidError('domain', 'invalid-domain', invalid);
  const trimmed = end === raw.length ? raw : raw.slice(0, end);
  return seen & (1 << UPPER) ? trimmed.toLowerCase() : trimmed;
}

// Label separators of IDNA (RFC 3490 §3.1): the full stop and its ideographic and fullwidth forms.
const isLabelSeparator = (c: number): boolean => c === 0x2e || c === 0x3002 || c === 0xff0e || c === 0xff61;

function prepareUnicodeLabel(label: string, options?: JidOptions): string {
  if (label === '') throw new JidError('domain', 'invalid-domain', 'empty label');
  const prepared = prepareWith('domain', 'nameprep', label, options, checkPreparedLabel);
  checkPreparedLabel(prepared);
  return prepared;
}

/** A label after Nameprep: not empty, STD3 ASCII rules, no ACE prefix on a non-ASCII label, 63 octets. */
function checkPreparedLabel(prepared: string): void {
  if (prepared === '') throw new JidError('domain', 'invalid-domain', 'label empty after preparation');
  let ascii = true;
  for (let i = 0; i < prepared.length; i++) {
    const c = prepared.charCodeAt(i);
    if (c >= 0x80) ascii = false;
    else if (!isLdh(c)) throw new JidError('domain', 'invalid-domain', `${formatCodePoint(c)} is not a letter, digit or hyphen`, c);
  }
  if (prepared.charCodeAt(0) === 0x2d || prepared.charCodeAt(prepared.length - 1) === 0x2d)
    throw new JidError('domain', 'invalid-domain', 'label starts or ends with a hyphen');
  if (!ascii && prepared.slice(0, 4).toLowerCase() === 'xn--')
    throw new JidError('domain', 'invalid-domain', 'non-ASCII label with the ACE prefix');
  const tooLong = ascii ? prepared.length > MAX_LABEL_OCTETS : asciiLengthExceeds(prepared, MAX_LABEL_OCTETS);
  if (tooLong) throw new JidError('domain', 'invalid-domain', `label longer than ${MAX_LABEL_OCTETS} octets in ASCII form`);
}

function prepareUnicodeDomain(raw: string, options?: JidOptions): string {
  let end = raw.length;
  if (isLabelSeparator(raw.charCodeAt(end - 1))) end--; // the trailing dot of a fully qualified name
  if (end === 0) throw new JidError('domain', 'empty');
  let prepared = '';
  let labelStart = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && !isLabelSeparator(raw.charCodeAt(i))) continue;
    const label = prepareUnicodeLabel(raw.slice(labelStart, i), options);
    prepared = labelStart === 0 ? label : prepared + '.' + label;
    labelStart = i + 1;
  }
  return prepared;
}

/** Prepares a domain part: Nameprep label by label, STD3 ASCII rules, IP literals kept, trailing dot removed. */
export function prepareDomain(domain: string, options?: JidOptions): string {
  checkPartArguments('prepareDomain', 'domain', domain, options);
  return prepareDomainPart(domain, options);
}

export function prepareDomainPart(domain: string, options?: JidOptions): string {
  if (isPrecis(options)) return preparePrecisDomain(domain);
  // ASCII domains are checked faster than they are looked up.
  const ascii = prepareAsciiDomain(domain);
  if (ascii !== null) {
    checkLength('domain', ascii);
    return ascii;
  }
  const cache = cachesFor(options).domains;
  const cached = cache.get(domain);
  if (cached !== undefined) return cached;
  const prepared = prepareUnicodeDomain(domain, options);
  checkLength('domain', prepared);
  cache.set(domain, prepared);
  return prepared;
}

function preparePrecisDomain(domain: string): string {
  const cache = precisCaches.domains;
  const cached = cache.get(domain);
  if (cached !== undefined) return cached;
  const prepared = enforcePrecisDomain(domain);
  checkLength('domain', prepared);
  cache.set(domain, prepared);
  return prepared;
}
