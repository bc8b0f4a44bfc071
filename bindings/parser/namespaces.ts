// XML Namespaces 1.0 for the tree: prefix declarations in scope, the rules on declarations,
// declared prefixes, and unique expanded attribute names. The lexer flags the start tags that
// need a look (a colon in a name, an xmlns attribute); the others never come here.
import type { XmlElement as LtxElement } from '../xml/element.js';
import * as C from './contract.generated.js';

export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';

/** Declarations in scope up to which a scan from the innermost is cheaper than a map. */
const SCAN_LIMIT = 8;

let lookups = 0;

/** @internal Prefix declarations (or map entries) resolve() looked at, over all parsers: what a test counts. */
export function prefixLookups(): number {
  return lookups;
}

/** Words per declaration in scope: depth of the declaring element, prefix, URI, shadowed. */
const ENTRY = 4;

/**
 * The prefix declarations in force: resolve() a prefix, declare() on entering, leave() on leaving.
 * A stanza declares a few prefixes at most, found by scanning them; past SCAN_LIMIT a map from
 * each prefix to its innermost declaration keeps every lookup one step, however many are
 * declared (each declaration links to the one of the same prefix it shadows, for leave()).
 */
export class NamespaceScopes {
  /** Declarations, innermost last, ENTRY words each; `shadowed` is an index, or -1, while byPrefix is kept. */
  private scopes: (number | string)[] = [];
  /** Prefix → index of its innermost declaration in scopes; only while more than SCAN_LIMIT are declared. */
  private byPrefix: Map<string, number> | null = null;

  /** The URI a prefix stands for, or undefined when it is not declared. */
  resolve(prefix: string): string | undefined {
    if (prefix === 'xml') return XML_NS;
    const scopes = this.scopes;
    const byPrefix = this.byPrefix;
    if (byPrefix !== null) {
      lookups++;
      const at = byPrefix.get(prefix);
      return at === undefined ? undefined : (scopes[at + 2] as string);
    }
    for (let i = scopes.length - ENTRY; i >= 0; i -= ENTRY) {
      lookups++;
      if (scopes[i + 1] === prefix) return scopes[i + 2] as string;
    }
    return undefined;
  }

  private declare(depth: number, prefix: string, uri: string): void {
    const scopes = this.scopes;
    const at = scopes.length;
    const byPrefix = this.byPrefix;
    scopes.push(depth, prefix, uri, byPrefix === null ? -1 : (byPrefix.get(prefix) ?? -1));
    if (byPrefix !== null) byPrefix.set(prefix, at);
    else if (scopes.length > SCAN_LIMIT * ENTRY) this.indexPrefixes();
  }

  /** Builds byPrefix and the shadowing links from the declarations in scope. */
  private indexPrefixes(): void {
    const scopes = this.scopes;
    const byPrefix = new Map<string, number>();
    for (let i = 0; i < scopes.length; i += ENTRY) {
      const prefix = scopes[i + 1] as string;
      scopes[i + 3] = byPrefix.get(prefix) ?? -1;
      byPrefix.set(prefix, i);
    }
    this.byPrefix = byPrefix;
  }

  /** Forgets the declarations of elements deeper than `depth` (they were closed). */
  leave(depth: number): void {
    const scopes = this.scopes;
    const byPrefix = this.byPrefix;
    while (scopes.length > 0 && (scopes[scopes.length - ENTRY] as number) > depth) {
      if (byPrefix !== null) {
        const shadowed = scopes[scopes.length - 1] as number;
        const prefix = scopes[scopes.length - 3] as string;
        if (shadowed < 0) byPrefix.delete(prefix);
        else byPrefix.set(prefix, shadowed);
      }
      scopes.length -= ENTRY;
    }
    if (byPrefix !== null && scopes.length <= SCAN_LIMIT * ENTRY) this.byPrefix = null;
  }

  clear(): void {
    this.scopes = [];
    this.byPrefix = null;
  }

  /**
   * Checks an element at `depth` whose start tag has the lexer's `flags` (FLAG_COLON, FLAG_XMLNS,
   * FLAG_XMLNS_PREFIX) and enters its declarations; returns what is wrong, or null.
   */
  enter(element: LtxElement, flags: number, depth: number): string | null {
    const attrs = element.attrs as Record<string, string>;
    if (flags & C.FLAG_XMLNS) {
      const uri = attrs.xmlns;
      if (uri === XML_NS || uri === XMLNS_NS) return 'the xml and xmlns namespaces cannot be the default namespace';
    }
    if (flags & C.FLAG_XMLNS_PREFIX) {
      const problem = this.declareAll(attrs, depth);
      if (problem !== null) return problem;
    }
    if (!(flags & C.FLAG_COLON)) return null;
    const name = element.name;
    const colon = name.indexOf(':');
    if (colon > 0) {
      const prefix = name.slice(0, colon);
      if (prefix === 'xmlns' || this.resolve(prefix) === undefined) return `undeclared namespace prefix ${prefix} on <${name}>`;
    }
    return this.checkPrefixedAttributes(attrs);
  }

  /** The element's prefix declarations (xmlns:p="uri"), remembered with its depth. */
  private declareAll(attrs: Record<string, string>, depth: number): string | null {
    for (const name in attrs) {
      if (!name.startsWith('xmlns:')) continue;
      const uri = attrs[name]!;
      const prefix = name.slice(6);
      if (prefix === 'xmlns') return 'the xmlns prefix must not be declared';
      if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) return 'the xml prefix and its namespace belong only to each other';
      if (uri === XMLNS_NS) return 'the xmlns namespace must not be declared';
      if (uri === '') return `xmlns:${prefix}="" is not allowed (XML Namespaces 1.0)`;
      this.declare(depth, prefix, uri);
    }
    return null;
  }

  /** Prefixed attributes: declared prefixes, and no two with the same expanded name. */
  private checkPrefixedAttributes(attrs: Record<string, string>): string | null {
    // Expanded names of the prefixed attributes, [uri, local, …]: usually one (xml:lang).
    let expanded: string[] | null = null;
    for (const attr in attrs) {
      const c = attr.indexOf(':');
      if (c < 0 || attr.startsWith('xmlns:')) continue;
      const uri = this.resolve(attr.slice(0, c));
      if (uri === undefined) return `undeclared namespace prefix on attribute ${attr}`;
      const local = attr.slice(c + 1);
      if (expanded === null) expanded = [uri, local];
      else {
        for (let i = 0; i < expanded.length; i += 2) {
          if (expanded[i] === uri && expanded[i + 1] === local) return `duplicate attribute {${uri}}${local}`;
        }
        expanded.push(uri, local);
      }
    }
    return null;
  }
}
