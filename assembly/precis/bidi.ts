// The bidi rule of RFC 5893 §2, over the code point buffer of index.ts (16-byte entries: the
// code point, then its 64-bit property word at offset 8).
import { bidiOf, BIDI_L, BIDI_R, BIDI_AL, BIDI_AN, BIDI_EN, BIDI_ES, BIDI_CS, BIDI_ET, BIDI_ON, BIDI_BN, BIDI_NSM } from './tables';

// @ts-ignore: decorator
@inline
function bidiAt(entries: usize, i: i32): u32 {
  return bidiOf(load<u64>(entries + (<usize>i << 4), 8));
}

// @ts-ignore: decorator
@inline
function codePointAt(entries: usize, i: i32): i32 {
  return <i32>load<u32>(entries + (<usize>i << 4));
}

/** Whether any code point is right-to-left in the sense of RFC 5893 §1.4 (R, AL or AN). */
export function hasRightToLeft(entries: usize, count: i32): bool {
  for (let i = 0; i < count; i++) {
    const bidi = bidiAt(entries, i);
    if (bidi == BIDI_R || bidi == BIDI_AL || bidi == BIDI_AN) return true;
  }
  return false;
}

const bit = (bidi: u32): u32 => 1 << bidi;
const COMMON_ALLOWED: u32 = bit(BIDI_EN) | bit(BIDI_ES) | bit(BIDI_CS) | bit(BIDI_ET) | bit(BIDI_ON) | bit(BIDI_BN) | bit(BIDI_NSM);

/** The code point that breaks the bidi rule (-1 when none does). */
export function checkBidiRule(entries: usize, count: i32): i32 {
  if (count == 0) return -1;
  const first = bidiAt(entries, 0);
  const rtl = first == BIDI_R || first == BIDI_AL;
  if (!rtl && first != BIDI_L) return codePointAt(entries, 0); // rule 1
  // Rules 2 and 5: the classes allowed in the label.
  const allowed = rtl ? COMMON_ALLOWED | bit(BIDI_R) | bit(BIDI_AL) | bit(BIDI_AN) : COMMON_ALLOWED | bit(BIDI_L);
  let seenEn = false;
  let seenAn = false;
  for (let i = 0; i < count; i++) {
    const bidi = bidiAt(entries, i);
    if (!(allowed & bit(bidi))) return codePointAt(entries, i);
    // Rule 4: EN and AN do not mix in a right-to-left label.
    if (bidi == BIDI_EN) seenEn = true;
    if (bidi == BIDI_AN) seenAn = true;
    if (rtl && seenEn && seenAn) return codePointAt(entries, i);
  }
  // Rules 3 and 6: how the label ends, before any trailing NSM.
  let last = count - 1;
  while (last > 0 && bidiAt(entries, last) == BIDI_NSM) last--;
  const end = bidiAt(entries, last);
  const endAllowed = rtl ? bit(BIDI_R) | bit(BIDI_AL) | bit(BIDI_EN) | bit(BIDI_AN) : bit(BIDI_L) | bit(BIDI_EN);
  return endAllowed & bit(end) ? -1 : codePointAt(entries, last);
}
