// References in text and attribute values: checked here, decoded by the binding.
import { NAME_CLASS } from './chars';
import { isLegalChar } from './names';
import { scanName } from './qname';
import { C_NOT_WELL_FORMED, C_RESTRICTED_XML, R_BAD_CHARREF, R_BAD_REF, R_ENTITY } from './contract';
import { byteAt, fail, input, need, scanEnd } from './window';

/** lt, gt, amp, quot or apos: the only entities XMPP knows (no DTD can declare others). */
function isPredefinedEntity(p: i32, n: i32): bool {
  const c0 = byteAt(p);
  if (n == 2) return (c0 == 0x6c /* l */ || c0 == 0x67 /* g */) && byteAt(p + 1) == 0x74;
  if (n == 3) return c0 == 0x61 && byteAt(p + 1) == 0x6d && byteAt(p + 2) == 0x70; // amp
  if (n == 4) {
    return (c0 == 0x71 && byteAt(p + 1) == 0x75 && byteAt(p + 2) == 0x6f && byteAt(p + 3) == 0x74) // quot
      || (c0 == 0x61 && byteAt(p + 1) == 0x70 && byteAt(p + 2) == 0x6f && byteAt(p + 3) == 0x73); // apos
  }
  return false;
}

/** '&#...;' or '&#x...;' from q (after '&#'): a legal character, any number of leading zeros. */
function scanCharRef(p: i32, q: i32): i32 {
  if (q >= scanEnd) return need();
  let base: u32 = 10;
  if (byteAt(q) == 0x78 /* x */) { base = 16; q++; }
  let value: u32 = 0;
  let digits = 0;
  // Leading zeros (any number is legal), 16 at a time: they change nothing but the length.
  const start = q;
  while (q + 16 <= scanEnd && i8x16.all_true(i8x16.eq(v128.load(input + <usize>q), i8x16.splat(0x30)))) q += 16;
  digits = q - start;
  while (true) {
    if (q >= scanEnd) return need();
    const c = byteAt(q);
    if (c == 0x3b) break;
    let d: u32 = 99;
    if (c >= 0x30 && c <= 0x39) d = c - 0x30;
    else if (base == 16 && (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66) d = (c | 0x20) - 0x57;
    if (d >= base) return fail(C_NOT_WELL_FORMED, R_BAD_REF, p);
    value = value * base + d;
    if (value > 0x10ffff) value = 0x110000; // saturate: any number of leading zeros is legal
    digits++;
    q++;
  }
  if (digits == 0) return fail(C_NOT_WELL_FORMED, R_BAD_REF, p);
  if (!isLegalChar(value)) return fail(C_NOT_WELL_FORMED, R_BAD_CHARREF, p);
  return q + 1;
}

/** A reference at '&' (p): one of the five predefined entities or a character reference. */
export function scanRef(p: i32): i32 {
  const q = p + 1;
  if (q >= scanEnd) return need();
  if (byteAt(q) == 0x23 /* # */) return scanCharRef(p, q + 1);
  const c = byteAt(q);
  if (c < 0x80 && load<u8>(NAME_CLASS + c) != 1) return fail(C_NOT_WELL_FORMED, R_BAD_REF, p);
  const n = scanName(q);
  if (n < 0) return n;
  if (n >= scanEnd) return need();
  if (byteAt(n) != 0x3b) return fail(C_NOT_WELL_FORMED, R_BAD_REF, p);
  if (!isPredefinedEntity(q, n - q)) return fail(C_RESTRICTED_XML, R_ENTITY, p);
  return n + 1;
}
