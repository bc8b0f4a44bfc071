// When a stream restarts (RFC 6120 §4.3.3): after SASL success the next bytes are a new stream
// header, so a parser must be reset right after that element. (STARTTLS's <proceed/> restarts
// too, but what follows is TLS, which the socket layer has to unwrap first.)
import type { XmlElement as LtxElement } from '../xml/element.js';

export const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';

/** True for SASL <success/>, after which both sides start a new stream. */
export function isRestartTrigger(element: LtxElement): boolean {
  return element.name === 'success' && element.attrs.xmlns === SASL_NS;
}
