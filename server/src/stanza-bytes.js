// Forwarding a client's stanza without re-serializing it: its original bytes with `from`
// stamped on the start tag (any `from` the client wrote is dropped) and, for WebSocket
// recipients, `xmlns='jabber:client'` added when the stanza relied on the stream's default
// namespace (RFC 7395 §3.3.3: every message is a complete element). The engine has already
// checked the stanza is well-formed, so a plain scan of its start tag is enough here.
const LT = 0x3c,
  GT = 0x3e,
  SLASH = 0x2f,
  EQ = 0x3d;
const isSpace = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

const FROM = [0x66, 0x72, 0x6f, 0x6d]; // from
const XMLNS = [0x78, 0x6d, 0x6c, 0x6e, 0x73]; // xmlns
const CLIENT_NS = Buffer.from(" xmlns='jabber:client'");

function nameIs(bytes, start, end, name) {
  if (end - start !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[start + i] !== name[i]) return false;
  return true;
}

/**
 * Where the element's name ends, where a `from` attribute lies (with the space before it) and
 * whether a default namespace is declared on it.
 */
export function scanStartTag(bytes) {
  if (bytes[0] !== LT) throw new TypeError('scanStartTag: bytes must start with an element');
  let i = 1;
  while (i < bytes.length && !isSpace(bytes[i]) && bytes[i] !== GT && bytes[i] !== SLASH) i++;
  const nameEnd = i;
  let fromStart = -1,
    fromEnd = -1,
    hasXmlns = false;
  for (;;) {
    const spaceStart = i;
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
    if (nameIs(bytes, attrStart, attrEnd, FROM)) [fromStart, fromEnd] = [spaceStart, i];
    else if (nameIs(bytes, attrStart, attrEnd, XMLNS)) hasXmlns = true;
  }
  return { nameEnd, fromStart, fromEnd, hasXmlns };
}

/**
 * A copy of a stanza's bytes with `from` replaced by `fromAttribute` (the bytes of
 * ` from='…'`, escaped), and the client namespace declared when `declareNamespace` is set.
 */
export function stampFrom(bytes, fromAttribute, declareNamespace) {
  const { nameEnd, fromStart, fromEnd, hasXmlns } = scanStartTag(bytes);
  const namespace = declareNamespace && !hasXmlns ? CLIENT_NS : null;
  const dropped = fromStart < 0 ? 0 : fromEnd - fromStart;
  const out = Buffer.allocUnsafe(bytes.length - dropped + fromAttribute.length + (namespace?.length ?? 0));
  out.set(bytes.subarray(0, nameEnd), 0);
  let at = nameEnd;
  out.set(fromAttribute, at);
  at += fromAttribute.length;
  if (namespace !== null) {
    out.set(namespace, at);
    at += namespace.length;
  }
  if (fromStart < 0) {
    out.set(bytes.subarray(nameEnd), at);
  } else {
    out.set(bytes.subarray(nameEnd, fromStart), at);
    at += fromStart - nameEnd;
    out.set(bytes.subarray(fromEnd), at);
  }
  return out;
}
