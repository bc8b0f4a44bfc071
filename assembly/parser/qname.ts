// Scanning an XML name with at most one colon, neither first nor last (XML Namespaces' QName).
import { NAME_CLASS } from './chars';
import { isNameCodePoint, isNameStartCodePoint } from './names';
import { C_NOT_WELL_FORMED, C_POLICY_VIOLATION, R_BAD_COLON, R_BAD_NAME, R_NAME_LENGTH } from './contract';
import { utf8Sequence } from './utf8';
import { byteAt, codePoint, fail, maxName, nameHasColon, need, scanEnd } from './window';

/** Scans the name at p; returns where it ends and sets nameHasColon. */
export function scanName(p: i32): i32 {
  const start = p;
  let colonAt = -1;
  if (p >= scanEnd) return need();
  let c = byteAt(p);
  if (c < 0x80) {
    if (load<u8>(NAME_CLASS + c) != 1) return fail(C_NOT_WELL_FORMED, R_BAD_NAME, p);
    if (c == 0x3a) return fail(C_NOT_WELL_FORMED, R_BAD_COLON, p);
    p++;
  } else {
    const n = utf8Sequence(p);
    if (n < 0) return n;
    if (!isNameStartCodePoint(codePoint)) return fail(C_NOT_WELL_FORMED, R_BAD_NAME, p);
    p += n;
  }
  // One bound per byte: the window's end, or the byte that makes the name too long.
  const tooLong = start + maxName + 1;
  const stop = tooLong < scanEnd ? tooLong : scanEnd;
  while (true) {
    if (p >= stop) {
      if (p - start > maxName) return fail(C_POLICY_VIOLATION, R_NAME_LENGTH, start);
      return need();
    }
    c = byteAt(p);
    const afterColon = colonAt == p - 1; // a local part starts here: NameStartChar, not ':'
    if (c < 0x80) {
      const cls = load<u8>(NAME_CLASS + c);
      if (cls == 0) break;
      if (afterColon && (cls != 1 || c == 0x3a)) return fail(C_NOT_WELL_FORMED, R_BAD_COLON, p);
      if (c == 0x3a) {
        if (colonAt >= 0) return fail(C_NOT_WELL_FORMED, R_BAD_COLON, p);
        colonAt = p;
      }
      p++;
    } else {
      const n = utf8Sequence(p);
      if (n < 0) return n;
      if (!(afterColon ? isNameStartCodePoint(codePoint) : isNameCodePoint(codePoint))) return fail(C_NOT_WELL_FORMED, R_BAD_NAME, p);
      p += n;
    }
  }
  if (colonAt == p - 1) return fail(C_NOT_WELL_FORMED, R_BAD_COLON, colonAt);
  nameHasColon = colonAt >= 0;
  return p;
}
