// XML's whitespace (the S production: space, tab, LF, CR), the only characters allowed between
// stanzas and in whitespace keepalives.

/** Whether bytes [from, to) are all XML whitespace. */
export function isWhitespace(bytes: Uint8Array, from = 0, to = bytes.length): boolean {
  for (let i = from; i < to; i++) {
    const c = bytes[i]!;
    if (c !== 0x20 && c !== 0x09 && c !== 0x0a && c !== 0x0d) return false;
  }
  return true;
}
