// XMPP addresses (RFC 3920 §3): parsing, preparation of each part (Nodeprep, Nameprep label by
// label, Resourceprep), comparison, XEP-0106 escaping of local parts, and the ASCII (Punycode)
// form of a domain for DNS. Prepared parts and parsed JIDs are kept in small bounded caches,
// since servers prepare the same addresses over and over.
import { prepareProfile, StringprepError, MAX_STRINGPREP_INPUT } from '../stringprep/stringprep.js';
import { checkOptionalString, checkOptions, checkString } from '../runtime/arguments.js';
import { BoundedCache, cacheLimitOf } from '../runtime/bounded-cache.js';
import { formatCodePoint } from '../runtime/code-units.js';
import type { PreparedCheck, StringprepOptions, StringprepProfile } from '../stringprep/stringprep.js';
import { asciiLengthExceeds, punycodeEncode, punycodeDecode, PunycodeError } from './punycode.js';
import { isIPv6 } from './ip-literal.js';
import { enforcePrecisPart } from './precis-parts.js';
import { enforcePrecisDomain } from './precis-domain.js';

export type JidPart = 'local' | 'domain' | 'resource';

export type JidErrorReason =
  | 'empty' // the part is empty, or became empty after preparation
  | 'at-without-local' // "@example.com"
  | 'trailing-slash' // "example.com/": a resource separator without a resource
  | 'prohibited' // a code point the part's profile prohibits
  | 'disallowed' // PRECIS: a code point the class disallows (or RFC 7622 §3.3.1 excludes), a lone surrogate
  | 'context' // PRECIS: a code point outside its context (RFC 5892 Appendix A)
  | 'unstable' // PRECIS: the rules do not reach a stable result
  | 'bidi' // the bidi rules of RFC 3454 §6 (stringprep) or RFC 5893 (PRECIS)
  | 'unassigned' // an unassigned code point, in `stored` mode
  | 'lone-surrogate' // a UTF-16 surrogate without its pair
  | 'too-long' // more than 1023 bytes of UTF-8 after preparation
  | 'invalid-domain' // an empty label, a label over 63 octets, STD3 ASCII rules, a bad IP literal
  | 'invalid-escape'; // XEP-0106: a local part may not start or end with a space

export class JidError extends Error {
  constructor(
    readonly part: JidPart,
    readonly reason: JidErrorReason,
    detail?: string,
    /** The offending code point, when there is one. */
    readonly codePoint?: number,
  ) {
    super(`invalid JID ${part}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'JidError';
  }
}

/** `stringprep` (the default): RFC 3920/6122 Nodeprep, Nameprep, Resourceprep. `precis`: RFC 7622. */
export type JidProfile = 'stringprep' | 'precis';

export interface JidOptions extends StringprepOptions {
  profile?: JidProfile;
}

const JID_OPTIONS = ['mode', 'profile'];

// The last frozen options object that passed: it cannot change, so it is not checked again (a
// server passing one constant, such as JID_PRECIS, pays for the check once, not per JID).
let checkedFrozenOptions: JidOptions | undefined;

/** Checks a JID options object: `mode` (stringprep only) and `profile`. */
function checkJidOptions(where: string, options: JidOptions | undefined): void {
  if (options === undefined || options === checkedFrozenOptions) return;
  checkOptions(where, options, JID_OPTIONS);
  const { mode, profile } = options;
  if (mode !== undefined && mode !== 'query' && mode !== 'stored') {
    throw new TypeError(`${where}: options.mode must be 'query' or 'stored', got ${JSON.stringify(mode)}`);
  }
  if (profile !== undefined && profile !== 'stringprep' && profile !== 'precis') {
    throw new TypeError(`${where}: options.profile must be 'stringprep' or 'precis', got ${JSON.stringify(profile)}`);
  }
  if (Object.isFrozen(options)) checkedFrozenOptions = options;
}

const isPrecis = (options?: JidOptions): boolean => options?.profile === 'precis';

const MAX_PART_BYTES = 1023;
const MAX_LABEL_OCTETS = 63;

// ---------------------------------------------------------------- caches

// Parsed JIDs and prepared domains, one set per mode (a part valid in query mode may be refused
// in stored mode). Local parts and resources rely on the stringprep cache of non-ASCII strings.
// Only what was accepted is cached: a refused input leaves nothing behind.
const JID_OBJECT_BYTES = 96; // the Jid and its fields, an estimate
const jidSize = (jid: Jid): number => JID_OBJECT_BYTES + 2 * (jid.local.length + jid.domain.length + jid.resource.length);
const makeCaches = () => ({ jids: new BoundedCache<Jid>(undefined, jidSize), domains: new BoundedCache<string>() });
const queryCaches = makeCaches();
const storedCaches = makeCaches();
const precisCaches = makeCaches();
const allCaches = [queryCaches, storedCaches, precisCaches].flatMap((c) => [c.jids, c.domains]);

/**
 * Sets how many parsed JIDs and prepared domains are kept per mode, and how many bytes of
 * strings (256 KiB by default); 0 entries disables these caches.
 */
export function setJidCacheLimit(entries: number, bytes?: number): void {
  const limit = cacheLimitOf('setJidCacheLimit', entries, bytes);
  for (const cache of allCaches) cache.setLimit(limit);
}

export function clearJidCache(): void {
  for (const cache of allCaches) cache.clear();
}

const cachesFor = (options?: JidOptions) => (isPrecis(options) ? precisCaches : options?.mode === 'stored' ? storedCaches : queryCaches);

// ---------------------------------------------------------------- parts

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c < 0x800 || (c & 0xfc00) === 0xd800 || (c & 0xfc00) === 0xdc00 ? 1 : 2; // a surrogate pair is 4 bytes
  }
  return bytes;
}

function checkLength(part: JidPart, prepared: string): void {
  // Three bytes per UTF-16 unit at most: short strings need no count.
  if (prepared.length * 3 > MAX_PART_BYTES && utf8Length(prepared) > MAX_PART_BYTES) {
    throw new JidError(part, 'too-long', `${utf8Length(prepared)} bytes of UTF-8, at most ${MAX_PART_BYTES}`);
  }
}

function prepareWith(
  part: JidPart,
  profile: StringprepProfile,
  raw: string,
  options: JidOptions | undefined,
  check: PreparedCheck,
): string {
  // Beyond what stringprep takes in, and far beyond what could prepare to 1023 bytes.
  if (raw.length > MAX_STRINGPREP_INPUT) throw new JidError(part, 'too-long', `${raw.length} UTF-16 code units`);
  try {
    return prepareProfile(profile, raw, options, check);
  } catch (error) {
    if (error instanceof StringprepError) {
      throw new JidError(part, error.code, `${profile}: ${formatCodePoint(error.codePoint)}`, error.codePoint);
    }
    throw error;
  }
}

function checkPreparedPart(part: 'local' | 'resource', prepared: string): void {
  if (prepared === '') throw new JidError(part, 'empty', 'nothing left after preparation');
  checkLength(part, prepared);
}
const PART_CHECKS = { local: checkPreparedPart.bind(null, 'local'), resource: checkPreparedPart.bind(null, 'resource') };

function preparePart(part: 'local' | 'resource', raw: string, options?: JidOptions): string {
  if (raw === '') throw new JidError(part, 'empty');
  const check = PART_CHECKS[part];
  const prepared = isPrecis(options)
    ? enforcePrecisPart(part, raw, check)
    : prepareWith(part, part === 'local' ? 'nodeprep' : 'resourceprep', raw, options, check);
  check(prepared); // a result cached by a plain nodeprep() or resourceprep() call was not checked
  return prepared;
}

function checkPartArguments(where: string, name: string, value: unknown, options: JidOptions | undefined): asserts value is string {
  checkString(where, name, value);
  checkJidOptions(where, options);
}

/** Prepares a local part with Nodeprep (and the JID length limit). */
export function prepareLocal(local: string, options?: JidOptions): string {
  checkPartArguments('prepareLocal', 'local', local, options);
  return preparePart('local', local, options);
}

/** Prepares a resource with Resourceprep (and the JID length limit). */
export function prepareResource(resource: string, options?: JidOptions): string {
  checkPartArguments('prepareResource', 'resource', resource, options);
  return preparePart('resource', resource, options);
}

// ---------------------------------------------------------------- domains

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

function prepareDomainPart(domain: string, options?: JidOptions): string {
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

const hasNonAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return true;
  return false;
};

/** The ASCII form of a domain (IDNA ToASCII, Punycode labels with `xn--`), for DNS lookups. */
export function domainToAscii(domain: string | Jid, options?: JidOptions): string {
  if (!(domain instanceof Jid)) checkString('domainToAscii', 'domain', domain);
  checkJidOptions('domainToAscii', options);
  const prepared = typeof domain === 'string' ? prepareDomainPart(domain, options) : domain.domain;
  if (!hasNonAscii(prepared)) return prepared;
  return prepared
    .split('.')
    .map((label) => (hasNonAscii(label) ? 'xn--' + punycodeEncode(label) : label))
    .join('.');
}

/**
 * The Unicode form of a domain: `xn--` labels decoded by IDNA ToUnicode (RFC 3490 §4.2); a label
 * that is not valid Punycode, or whose decoding ToASCII would not give back, is kept.
 */
export function domainToUnicode(domain: string): string {
  checkString('domainToUnicode', 'domain', domain);
  return domain.split('.').map(labelToUnicode).join('.');
}

function labelToUnicode(label: string): string {
  if (label.slice(0, 4).toLowerCase() !== 'xn--') return label;
  try {
    const decoded = punycodeDecode(label.slice(4));
    // Steps 6–7: ToASCII of the decoded label (Nameprep, the STD3 rules) must be the label again.
    return domainToAscii(decoded) === label.toLowerCase() ? decoded : label;
  } catch (error) {
    if (error instanceof JidError || error instanceof PunycodeError) return label;
    throw error;
  }
}

// ---------------------------------------------------------------- JIDs

const TRUSTED = Symbol('prepared parts');
/** `{ profile: 'precis' }`, frozen: passed to parseJid or jid, it is checked once, not per call. */
export const JID_PRECIS: Readonly<JidOptions> = Object.freeze({ profile: 'precis' });

export class Jid {
  /** Prepared local part ('' when there is none). */
  readonly local: string;
  /** Prepared domain part. */
  readonly domain: string;
  /** Prepared resource ('' when there is none). */
  readonly resource: string;
  #text: string | undefined;
  #bare: Jid | undefined;
  // Prepared by RFC 7622: a string compared with this JID is parsed by the same rules.
  #precis = false;

  /** Prepares the parts; `local` and `resource` may be empty or omitted. */
  constructor(local: string | null | undefined, domain: string, resource?: string | null, options?: JidOptions | typeof TRUSTED) {
    if (options === TRUSTED) {
      this.local = local as string;
      this.domain = domain;
      this.resource = resource as string;
    } else {
      checkOptionalString('Jid', 'local', local);
      checkString('Jid', 'domain', domain);
      checkOptionalString('Jid', 'resource', resource);
      checkJidOptions('Jid', options);
      this.local = local ? preparePart('local', local, options) : '';
      this.domain = prepareDomainPart(domain, options);
      this.resource = resource ? preparePart('resource', resource, options) : '';
      this.#precis = isPrecis(options);
    }
    // Parsed JIDs are shared from a cache: a value nobody can change.
    Object.freeze(this);
  }

  isBare(): boolean {
    return this.resource === '';
  }

  /** The JID without its resource. */
  bare(): Jid {
    if (this.resource === '') return this;
    if (this.#bare === undefined) {
      this.#bare = new Jid(this.local, this.domain, '', TRUSTED);
      this.#bare.#precis = this.#precis;
    }
    return this.#bare;
  }

  /** Compares prepared parts; a string or another library's JID (e.g. @xmpp/jid's) by its canonical form. */
  equals(other: Jid | string | { toString(): string }): boolean {
    if (other === null || (typeof other !== 'object' && typeof other !== 'string')) checkString('Jid.equals', 'other', other);
    let that: Jid;
    if (other instanceof Jid) that = other;
    else {
      try {
        that = parseJid(String(other), this.#precis ? JID_PRECIS : undefined);
      } catch {
        return false;
      }
    }
    return this.domain === that.domain && this.local === that.local && this.resource === that.resource;
  }

  toString(): string {
    return (this.#text ??= (this.local ? this.local + '@' : '') + this.domain + (this.resource ? '/' + this.resource : ''));
  }

  toJSON(): string {
    return this.toString();
  }

  /** @internal Marks a JID prepared by RFC 7622. */
  static markPrecis(jid: Jid): Jid {
    jid.#precis = true;
    return jid;
  }

  /** @internal Sets the textual form when it is known to equal the input. */
  static withText(jid: Jid, text: string): Jid {
    jid.#text = text;
    return jid;
  }
}

/**
 * Parses and prepares a JID (RFC 3920 §3.1): the first '/' ends the domain part (the resource
 * may contain '@' and '/'), and an '@' before it ends the local part.
 */
export function parseJid(input: string, options?: JidOptions): Jid {
  checkString('parseJid', 'input', input);
  checkJidOptions('parseJid', options);
  const caches = cachesFor(options);
  const cached = caches.jids.get(input);
  if (cached !== undefined) return cached;

  const slash = input.indexOf('/');
  const bareEnd = slash < 0 ? input.length : slash;
  const at = input.indexOf('@');
  let rawLocal = '';
  let domainStart = 0;
  if (at >= 0 && at < bareEnd) {
    if (at === 0) throw new JidError('local', 'at-without-local');
    rawLocal = input.slice(0, at);
    domainStart = at + 1;
  }
  const rawDomain = input.slice(domainStart, bareEnd);
  let rawResource = '';
  if (slash >= 0) {
    if (slash === input.length - 1) throw new JidError('resource', 'trailing-slash');
    rawResource = input.slice(slash + 1);
  }

  const local = rawLocal ? preparePart('local', rawLocal, options) : '';
  const domain = prepareDomainPart(rawDomain, options);
  const resource = rawResource ? preparePart('resource', rawResource, options) : '';
  const jid = new Jid(local, domain, resource, TRUSTED);
  if (isPrecis(options)) Jid.markPrecis(jid);
  if (local === rawLocal && domain === rawDomain && resource === rawResource) Jid.withText(jid, input);
  caches.jids.set(input, jid);
  return jid;
}

/** Builds a JID from its parts, preparing each (`local` and `resource` may be omitted); `jid(text)` parses. */
export function jid(text: string): Jid;
export function jid(local: string | null | undefined, domain: string, resource?: string | null, options?: JidOptions): Jid;
export function jid(local: string | null | undefined, domain?: string, resource?: string | null, options?: JidOptions): Jid {
  if (domain === undefined && resource === undefined && typeof local === 'string') return parseJid(local);
  checkOptionalString('jid', 'local', local);
  checkString('jid', 'domain', domain);
  checkOptionalString('jid', 'resource', resource);
  checkJidOptions('jid', options);
  return new Jid(local, domain, resource, options);
}

// ---------------------------------------------------------------- XEP-0106

const ESCAPES: Record<string, string> = {
  ' ': '\\20',
  '"': '\\22',
  '&': '\\26',
  "'": '\\27',
  '/': '\\2f',
  ':': '\\3a',
  '<': '\\3c',
  '>': '\\3e',
  '@': '\\40',
  '\\': '\\5c',
};
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([ch, seq]) => [seq.slice(1), ch]));
// A backslash is escaped only where it starts something that would otherwise unescape.
const TO_ESCAPE = /[ "&'/:<>@]|\\(?=20|22|26|27|2f|3a|3c|3e|40|5c)/g;
const TO_UNESCAPE = /\\(20|22|26|27|2f|3a|3c|3e|40|5c)/g;

/** XEP-0106: escapes the characters a local part cannot hold, so that any user name fits. */
export function escapeLocal(local: string): string {
  checkString('escapeLocal', 'local', local);
  if (local.startsWith(' ') || local.endsWith(' ')) throw new JidError('local', 'invalid-escape', 'starts or ends with a space');
  return local.replace(TO_ESCAPE, (ch) => ESCAPES[ch] ?? ch);
}

/** XEP-0106: the user name an escaped local part stands for. */
export function unescapeLocal(local: string): string {
  checkString('unescapeLocal', 'local', local);
  return local.replace(TO_UNESCAPE, (sequence, hex: string) => UNESCAPES[hex] ?? sequence);
}
