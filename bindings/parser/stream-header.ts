// The start of a stream: the XML declaration (XML 1.0 §2.8, §4.3.3: version 1.0, UTF-8 only) and
// the stream header (RFC 6120 §4.2: `stream` in the streams namespace, an allowed content
// namespace).
import type { XmlElement as LtxElement } from '../xml/element.js';
import type { StreamErrorCondition } from './errors.js';
import type { NamespaceScopes } from './namespaces.js';
import { detach } from './tape-strings.js';

export const STREAMS_NS = 'http://etherx.jabber.org/streams';

/** What is wrong with a declaration or header. */
export interface Refusal {
  condition: StreamErrorCondition;
  text: string;
}

/** VersionInfo, EncodingDecl (EncName), SDDecl, between '<?xml' and '?>'. */
const DECLARATION =
  /^\s+version\s*=\s*(["'])([^"']*)\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\5)?\s*$/;

/** The XML declaration's content: null when XMPP accepts it. */
export function checkDeclaration(content: string): Refusal | null {
  const match = DECLARATION.exec(content);
  if (match === null) return { condition: 'not-well-formed', text: 'malformed XML declaration' };
  if (match[2] !== '1.0') return { condition: 'not-well-formed', text: `XML version ${match[2]} is not supported (XMPP uses XML 1.0)` };
  if (match[4] !== undefined && match[4].toLowerCase() !== 'utf-8') {
    return { condition: 'unsupported-encoding', text: `encoding ${match[4]} is not supported (XMPP uses UTF-8)` };
  }
  return null;
}

/** The stream header: null when it may open a stream whose content namespace is one of `allowed`. */
export function checkStreamHeader(header: LtxElement, namespaces: NamespaceScopes, allowed: readonly string[]): Refusal | null {
  const colon = header.name.indexOf(':');
  const local = colon < 0 ? header.name : header.name.slice(colon + 1);
  const content = header.attrs.xmlns as string | undefined;
  const ns = colon < 0 ? content : namespaces.resolve(header.name.slice(0, colon));
  if (local !== 'stream' || ns !== STREAMS_NS) {
    return { condition: 'invalid-namespace', text: `the stream element must be stream in ${STREAMS_NS}, not <${header.name}>` };
  }
  if (content === undefined || !allowed.includes(content)) {
    return { condition: 'invalid-namespace', text: `unsupported content namespace ${JSON.stringify(content ?? '')}` };
  }
  return null;
}

/**
 * The header lives as long as the stream: its values must not keep the decoded text of the
 * header's bytes alive (a stream id is no symbol and would be a slice of it).
 */
export function detachHeader(header: LtxElement): void {
  const attrs = header.attrs as Record<string, string>;
  for (const name in attrs) attrs[name] = detach(attrs[name]!);
}
