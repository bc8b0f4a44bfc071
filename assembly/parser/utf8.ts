// UTF-8 validation: the only encoding XMPP allows (RFC 6120 §11.6).
import { C_NOT_WELL_FORMED, C_UNSUPPORTED_ENCODING, R_BAD_UTF8, R_ILLEGAL_CHAR } from './contract';
import { byteAt, codePoint, fail, isFinal, need, scanEnd, utf16Shift, windowLength } from './window';

/**
 * Validates one UTF-8 sequence at p (a byte >= 0x80): shortest form, no surrogates, nothing
 * above U+10FFFF. Returns its length and sets codePoint; counts its UTF-16 shrink in utf16Shift.
 */
export function utf8Sequence(p: i32): i32 {
  const c0 = byteAt(p);
  let n = 0;
  let lo: u32 = 0x80;
  let hi: u32 = 0xbf;
  if (c0 < 0xc2) return fail(C_UNSUPPORTED_ENCODING, R_BAD_UTF8, p);
  if (c0 < 0xe0) n = 2;
  else if (c0 < 0xf0) {
    n = 3;
    if (c0 == 0xe0) lo = 0xa0;
    else if (c0 == 0xed) hi = 0x9f; // surrogates
  } else if (c0 < 0xf5) {
    n = 4;
    if (c0 == 0xf0) lo = 0x90;
    else if (c0 == 0xf4) hi = 0x8f; // above U+10FFFF
  } else return fail(C_UNSUPPORTED_ENCODING, R_BAD_UTF8, p);
  let cp: u32 = c0 & (0xff >> (n + 1));
  for (let i = 1; i < n; i++) {
    if (p + i >= scanEnd) {
      if (isFinal && scanEnd == windowLength) return fail(C_UNSUPPORTED_ENCODING, R_BAD_UTF8, p);
      return need();
    }
    const c = byteAt(p + i);
    if (i == 1 ? c < lo || c > hi : (c & 0xc0) != 0x80) return fail(C_UNSUPPORTED_ENCODING, R_BAD_UTF8, p);
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp == 0xfffe || cp == 0xffff) return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, p);
  codePoint = cp;
  utf16Shift -= n == 2 ? 1 : 2;
  return n;
}
