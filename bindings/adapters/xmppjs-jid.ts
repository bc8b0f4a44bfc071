// xmpp.js's @xmpp/jid, module for module (`import jid from 'xmpp-wasm/xmppjs/jid'`), so an app
// can alias @xmpp/jid to it: the same exports, the same mutable JID with getters, setters and
// `toString(unescape)`, but each part prepared as RFC 6122 says (Nodeprep, Nameprep,
// Resourceprep) instead of lowercased, and XEP-0106 escaping as the XEP writes it.
// Equality with any JID (this one, @xmpp/jid's, xmpp-wasm's Jid) compares canonical strings.
import { checkOptionalString, checkString } from '../runtime/arguments.js';
import {
  escapeLocal as escapeXep0106,
  unescapeLocal as unescapeXep0106,
  parseJid,
  prepareDomain,
  prepareLocal,
  prepareResource,
} from '../jid/jid.js';

/** The escape sequences of XEP-0106 (a backslash and two hex digits). */
const SEQUENCES = /\\(?:20|22|26|27|2f|3a|3c|3e|40|5c)/g;
const NEEDS_ESCAPE = /[ "&'/:<>@]/;

/** True when a local part holds a character it may only hold escaped (escape sequences aside). */
export function detectEscape(local: string | null | undefined): boolean {
  checkOptionalString('detectEscape', 'local', local);
  if (!local) return false;
  return NEEDS_ESCAPE.test(local.replace(SEQUENCES, ''));
}

/** XEP-0106 escaping of a user name (null stays null, as in @xmpp/jid). */
export function escapeLocal(local: string | null): string | null {
  return local === null ? null : escapeXep0106(local);
}

/** The user name an escaped local part stands for (null stays null). */
export function unescapeLocal(local: string | null): string | null {
  return local === null ? null : unescapeXep0106(local);
}

/** The canonical text of any JID-like value, or null when it is not a valid JID. */
function canonical(value: unknown): string | null {
  if (value instanceof JID) return value.toString();
  if (value === null || value === undefined) return null;
  try {
    return parseJid(String(value)).toString();
  } catch {
    return null;
  }
}

export class JID {
  /** Prepared parts, under the names @xmpp/jid keeps them (its equals() reads them). */
  _local = '';
  _domain = '';
  _resource = '';

  constructor(local?: string | null, domain?: string, resource?: string | null) {
    if (typeof domain !== 'string' || !domain) throw new TypeError('Invalid domain.');
    this.setDomain(domain);
    this.setLocal(typeof local === 'string' ? local : '');
    this.setResource(typeof resource === 'string' ? resource : '');
  }

  [Symbol.toPrimitive](hint: string): string | number {
    return hint === 'number' ? Number.NaN : this.toString();
  }

  /** `local@domain/resource`; with `unescaped`, the local part as the user name it escapes. */
  toString(unescaped?: boolean): string {
    let text = this._domain;
    if (this._local) text = this.getLocal(unescaped) + '@' + text;
    if (this._resource) text += '/' + this._resource;
    return text;
  }

  toJSON(): string {
    return this.toString();
  }

  bare(): JID {
    return this._resource ? new JID(this._local, this._domain, null) : this;
  }

  /** Equal when both have the same canonical form (works across @xmpp/jid, xmpp-wasm and strings). */
  equals(other: unknown): boolean {
    return canonical(other) === this.toString();
  }

  /** Sets the local part: escaped (XEP-0106) when it needs it or `escaped` is set, then Nodeprep. */
  setLocal(local: string | null | undefined, escaped?: boolean): this {
    checkOptionalString('JID.setLocal', 'local', local);
    let text = local ?? '';
    if (escaped || detectEscape(text)) text = escapeXep0106(text);
    this._local = text ? prepareLocal(text) : '';
    return this;
  }

  getLocal(unescaped = false): string {
    return unescaped ? unescapeXep0106(this._local) : this._local;
  }

  setDomain(domain: string): this {
    this._domain = prepareDomain(domain);
    return this;
  }

  getDomain(): string {
    return this._domain;
  }

  setResource(resource: string | null | undefined): this {
    checkOptionalString('JID.setResource', 'resource', resource);
    this._resource = resource ? prepareResource(resource) : '';
    return this;
  }

  getResource(): string {
    return this._resource;
  }

  get local(): string {
    return this.getLocal();
  }
  set local(local: string) {
    this.setLocal(local);
  }
  get domain(): string {
    return this.getDomain();
  }
  set domain(domain: string) {
    this.setDomain(domain);
  }
  get resource(): string {
    return this.getResource();
  }
  set resource(resource: string) {
    this.setResource(resource);
  }
}

/** Splits at the first '/' (the resource), then at the first '@' before it (the local part). */
export function parse(text: string): JID {
  checkString('parse', 'text', text);
  let rest = text;
  let local: string | undefined;
  let resource: string | undefined;
  const slash = rest.indexOf('/');
  if (slash !== -1) {
    resource = rest.slice(slash + 1);
    rest = rest.slice(0, slash);
  }
  const at = rest.indexOf('@');
  if (at !== -1) {
    local = rest.slice(0, at);
    rest = rest.slice(at + 1);
  }
  return new JID(local, rest, resource);
}

export function equal(a: JID, b: unknown): boolean {
  if (!(a instanceof JID)) throw new TypeError(`equal: a must be a JID, got ${a === null ? 'null' : typeof a}`);
  return a.equals(b);
}

/** `jid('a@b/c')` parses; `jid(local, domain, resource)` builds. */
export function jid(local?: string | null, domain?: string, resource?: string | null): JID {
  if (!domain && !resource) return parse(local as string);
  return new JID(local, domain, resource);
}

export interface JidFunction {
  (local?: string | null, domain?: string, resource?: string | null): JID;
  new (local?: string | null, domain?: string, resource?: string | null): JID;
  jid: typeof jid;
  JID: typeof JID;
  parse: typeof parse;
  equal: typeof equal;
  detectEscape: typeof detectEscape;
  escapeLocal: typeof escapeLocal;
  unescapeLocal: typeof unescapeLocal;
}

const defaultJid = Object.assign(jid.bind(undefined), { jid, JID, parse, equal, detectEscape, escapeLocal, unescapeLocal }) as JidFunction;

export default defaultJid;
