// Forwarding a client's stanza without re-serializing it: the engine stamps `from` on the
// sender's bytes (source.bytes({ from })); for WebSocket recipients this adds
// `xmlns='jabber:client'` when the stanza relied on the stream's default namespace (RFC 7395
// §3.3.3: every message is a complete element) — a declaration the engine's overrides leave alone.
const LT = 0x3c,
  GT = 0x3e,
  SLASH = 0x2f,
  EQ = 0x3d;
const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const XMLNS = [0x78, 0x6d, 0x6c, 0x6e, 0x73]; // xmlns
const CLIENT_NS = Buffer.from(" xmlns='jabber:client'");

function nameIs(bytes, start, end, name) {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name[i]) return false;
  return true;
}

/** Where the element's name ends, and whether a default namespace is declared on it. */
export function scanStartTag(bytes) {
  if (bytes[0] !== LT) throw new TypeError('scanStartTag: bytes must start with an element');
  let i = 1;
  while (i < bytes.length && !isSpace(bytes[i]) && bytes[i] !== GT && bytes[i] !== SLASH) i++;
  const nameEnd = i;
  let hasXmlns = false;
  for (;;) {
    while (isSpace(bytes[i])) i++;
    if (i >= bytes.length || bytes[i] === GT || bytes[i] === SLASH) break;
    const attrStart = i;
    while (bytes[i] !== EQ && !isSpace(bytes[i])) i++;
    const attrEnd = i;
    while (bytes[i] !== EQ) i++;
    i++;
    while (isSpace(bytes[i])) i++;
    const quote = bytes[i];
    i = bytes.indexOf(quote, i + 1) + 1;
    if (nameIs(bytes, attrStart, attrEnd, XMLNS)) hasXmlns = true;
  }
  return { nameEnd, hasXmlns };
}

/** The stanza's bytes with the client namespace declared on it, unless it declares its own. */
export function declareClientNamespace(bytes) {
  const { nameEnd, hasXmlns } = scanStartTag(bytes);
  if (hasXmlns) return bytes;
  const out = Buffer.allocUnsafe(bytes.length + CLIENT_NS.length);
  out.set(bytes.subarray(0, nameEnd), 0);
  out.set(CLIENT_NS, nameEnd);
  out.set(bytes.subarray(nameEnd), nameEnd + CLIENT_NS.length);
  return out;
}
