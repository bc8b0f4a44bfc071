// XML 1.0 (5th edition) name characters beyond ASCII, and the legal character set.
// ASCII is handled by the byte tables in chars.ts; these run only for non-ASCII code points.

/** NameStartChar for code points >= 0x80. */
export function isNameStartCodePoint(c: u32): bool {
  if (c < 0x300) return c >= 0xc0 && c != 0xd7 && c != 0xf7;
  if (c < 0x2000) return c >= 0x370 && c != 0x37e;
  if (c < 0x3001) {
    return (c == 0x200c || c == 0x200d) || (c >= 0x2070 && c <= 0x218f) || (c >= 0x2c00 && c <= 0x2fef);
  }
  if (c <= 0xd7ff) return true;
  if (c < 0xf900) return false;
  if (c <= 0xfdcf) return true;
  if (c < 0xfdf0) return false;
  if (c <= 0xfffd) return true;
  return c >= 0x10000 && c <= 0xeffff;
}

/** NameChar for code points >= 0x80. */
export function isNameCodePoint(c: u32): bool {
  if (c == 0xb7 || (c >= 0x300 && c <= 0x36f) || c == 0x203f || c == 0x2040) return true;
  return isNameStartCodePoint(c);
}

/** Char production: legal in an XML 1.0 document (also what a character reference may name). */
export function isLegalChar(c: u32): bool {
  if (c < 0x20) return c == 0x9 || c == 0xa || c == 0xd;
  if (c <= 0xd7ff) return true;
  if (c < 0xe000) return false;
  if (c <= 0xfffd) return true;
  return c >= 0x10000 && c <= 0x10ffff;
}
