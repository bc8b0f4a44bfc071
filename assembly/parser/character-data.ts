// Character data inside elements: text up to the next '<', and CDATA sections.
import { TEXT_CLASS } from './chars';
import { scanRef } from './references';
import {
  C_NOT_WELL_FORMED, FLAG_CR, FLAG_REFS, HEAD_FLAGS_SHIFT, KIND_CDATA, KIND_TEXT, R_CDATA_END_IN_TEXT, R_ILLEGAL_CHAR,
  SF_IN_CDATA,
} from './contract';
import { emit } from './tape-writer';
import { utf8Sequence } from './utf8';
import {
  byteAt, fail, INCOMPLETE, input, isFinal, need, scanEnd, segmentLimit, stopAfterToken, streamFlags, utf16Shift,
  waitFor, windowLength,
} from './window';

// SIMD: 16 bytes at a time past runs of plain ASCII (base64 blobs, long bodies). A bit per byte
// that needs the scalar loop: controls, non-ASCII, and markup.
// @ts-ignore: decorator
@inline function textStops(at: usize): i32 {
  const v = v128.load(at);
  let m = v128.or(i8x16.lt_u(v, i8x16.splat(0x20)), i8x16.lt_s(v, i8x16.splat(0)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x3c)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x26)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x3e)));
  return i8x16.bitmask(m);
}

/** Character data from p0 up to '<' (references stay raw; the binding decodes them). */
export function text(p0: i32): i32 {
  let p = p0;
  const start16 = p + utf16Shift;
  let textFlags = 0;
  let stopped = false;
  while (p < scanEnd) {
    if (p + 16 <= scanEnd) {
      const m = textStops(input + <usize>p);
      if (m == 0) { p += 16; continue; }
      p += ctz(m);
    }
    const c = byteAt(p);
    if (load<u8>(TEXT_CLASS + c) == 0) { p++; continue; }
    if (c == 0x3c) break;
    if (c == 0x26) {
      const saved = utf16Shift;
      const r = scanRef(p);
      if (r == INCOMPLETE) { utf16Shift = saved; stopped = true; break; }
      if (r < 0) return r;
      textFlags |= FLAG_REFS;
      p = r;
    } else if (c == 0x3e) {
      if (p - p0 >= 2 && byteAt(p - 1) == 0x5d && byteAt(p - 2) == 0x5d) return fail(C_NOT_WELL_FORMED, R_CDATA_END_IN_TEXT, p - 2);
      p++;
    } else if (c == 0xd) {
      textFlags |= FLAG_CR;
      p++;
    } else if (c >= 0x80) {
      const n = utf8Sequence(p);
      if (n == INCOMPLETE) { stopped = true; break; }
      if (n < 0) return n;
      p += n;
    } else return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, p);
  }
  if (p >= scanEnd && scanEnd == windowLength && !isFinal) {
    // Hold back what the next bytes may change: a CR before LF, ']' that may open ']]>'.
    if (p > p0 && byteAt(p - 1) == 0xd) p--;
    else if (p > p0 && byteAt(p - 1) == 0x5d) {
      p--;
      if (p > p0 && byteAt(p - 1) == 0x5d) p--;
    }
    stopped = p < windowLength;
  }
  if (p == p0) {
    if (!stopped) return p;
    // A reference cut by the window's end (any number of leading zeros is legal): it ends only
    // at ';', so later chunks without one are kept unlexed (see S_WAIT).
    if (byteAt(p) == 0x26) waitFor = 0x3b;
    return INCOMPLETE;
  }
  emit(KIND_TEXT | (textFlags << HEAD_FLAGS_SHIFT), start16, p + utf16Shift, p0);
  if (stopped) stopAfterToken = true;
  return p;
}

/** CDATA content from p0 up to ']]>' (or as far as the window allows). */
export function cdata(p0: i32): i32 {
  let p = p0;
  const start16 = p + utf16Shift;
  let cdataFlags = 0;
  let found = false;
  while (p < scanEnd) {
    const c = byteAt(p);
    if (c == 0x5d) {
      if (p + 2 >= scanEnd) break;
      if (byteAt(p + 1) == 0x5d && byteAt(p + 2) == 0x3e) { found = true; break; }
      p++;
    } else if (c < 0x80) {
      if (c < 0x20) {
        if (c == 0xd) cdataFlags |= FLAG_CR;
        else if (c != 0x9 && c != 0xa) return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, p);
      }
      p++;
    } else {
      const n = utf8Sequence(p);
      if (n == INCOMPLETE) break;
      if (n < 0) return n;
      p += n;
    }
  }
  if (!found && scanEnd == segmentLimit) return need();
  if (!found && p > p0 && byteAt(p - 1) == 0xd && !isFinal) p--; // a CR before a possible LF
  if (p > p0) emit(KIND_CDATA | (cdataFlags << HEAD_FLAGS_SHIFT), start16, p + utf16Shift, p0);
  if (found) {
    streamFlags &= ~SF_IN_CDATA;
    return p + 3;
  }
  if (p == p0) return INCOMPLETE;
  stopAfterToken = true;
  return p;
}
