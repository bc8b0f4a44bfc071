// XMPP addresses (RFC 3920 §3, RFC 7622): parsing, the Jid class, comparison, and the ASCII
// (Punycode) and Unicode forms of a domain. Each part's preparation is in parts.ts and domain.ts,
// the caches in caches.ts, XEP-0106 escaping in escaping.ts; all are exported from here.
import { checkOptionalString, checkString } from '../runtime/arguments.js';
import { punycodeEncode, punycodeDecode, PunycodeError } from './punycode.js';
import { cachesFor } from './caches.js';
import { prepareDomainPart } from './domain.js';
import { JidError } from './jid-error.js';
import { checkJidOptions, isPrecis, JID_PRECIS, type JidOptions } from './options.js';
import { preparePart } from './parts.js';

export { JidError, type JidPart, type JidErrorReason } from './jid-error.js';
export { JID_PRECIS, type JidProfile, type JidOptions } from './options.js';
export { setJidCacheLimit, clearJidCache } from './caches.js';
export { prepareLocal, prepareResource } from './parts.js';
export { prepareDomain } from './domain.js';
export { escapeLocal, unescapeLocal } from './escaping.js';

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
