// Stream restarts (RFC 6120 §4.3.3): after SASL success both sides start a new stream on the
// same connection, so a parser must be reset right after that element. (STARTTLS's <proceed/>
// restarts too, but what follows is TLS, which the socket layer has to unwrap first.) For bytes
// recorded without their events (captures, a file given to the CLI), where a new stream header
// may begin. The lexer has its own byte-level twin of this test (assembly/parser/restart-point.ts),
// which only decides where it pauses.
import type { XmlElement as LtxElement } from '../xml/element.js';
import { isWhitespace } from '../xml/whitespace.js';

export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** True for SASL <success/>, after which both sides start a new stream. */
export function isRestartTrigger(element: LtxElement): boolean {
  return element.name === 'success' && element.attrs.xmlns === SASL_NS;
}

/** An XML declaration, or a stream header: `stream` as the local part of the name. */
const HEADER_START = /<\?xml[\s?]|<(?:[A-Za-z_][\w.-]*:)?stream[\s/>]/g;
const latin1 = new TextDecoder('latin1');

/**
 * Offsets of every XML declaration and stream header start tag in the bytes, in order. Only
 * candidates: one inside a stanza's text or value is not a header.
 */
export function streamHeaderCandidates(bytes: Uint8Array): number[] {
  const text = latin1.decode(bytes); // one char per byte: indexes are byte offsets
  const found: number[] = [];
  HEADER_START.lastIndex = 0;
  for (let m = HEADER_START.exec(text); m !== null; m = HEADER_START.exec(text)) found.push(m.index);
  return found;
}

/**
 * Where each stream after the first begins: a later stream header, or the XML declaration when
 * only whitespace separates it from the header.
 */
export function streamRestartOffsets(bytes: Uint8Array): number[] {
  const restarts: number[] = [];
  let declaration = -1;
  let headers = 0;
  for (const at of streamHeaderCandidates(bytes)) {
    if (bytes[at + 1] === 0x3f /* ? */) {
      declaration = at;
      continue;
    }
    const end = declaration < 0 ? -1 : indexOfDeclarationEnd(bytes, declaration);
    const start = end >= 0 && isWhitespace(bytes, end, at) ? declaration : at;
    if (headers++ > 0) restarts.push(start);
    declaration = -1;
  }
  return restarts;
}

function indexOfDeclarationEnd(bytes: Uint8Array, from: number): number {
  for (let i = from; i + 1 < bytes.length; i++) if (bytes[i] === 0x3f && bytes[i + 1] === 0x3e) return i + 2;
  return -1;
}
