// The streaming lexer for XMPP's restricted XML. One call per window of input (carried bytes
// of an unfinished token + the new chunk): it validates UTF-8, characters, names, references
// and markup, tracks depth, enforces the limits, and writes tape records (see tape.ts) that the
// binding turns into Elements. It keeps no per-stream memory: the few integers that survive a
// call live in the state block, which the binding saves per stream, so one instance serves
// any number of streams.
import {
  KIND_SEGMENT, KIND_OPEN, KIND_ATTR, KIND_VALUE, KIND_OPEN_END, KIND_CLOSE, KIND_TEXT, KIND_CDATA, KIND_XMLDECL,
  FLAG_COLON, FLAG_UTF16, FLAG_XMLNS, FLAG_REFS, FLAG_CR, FLAG_WS, FLAG_SELF_CLOSING, FLAG_NEW_SYMBOL, FLAG_XMLNS_PREFIX,
  SYMBOL_SLOTS, SYMBOL_BYTES, SYMBOL_SLOT_SHIFT, SHORT_VALUE_BYTES, MAX_TRACKED_ATTRS,
  S_IN_PTR, S_TAPE_PTR, S_TAPE_CAP, S_LEN, S_FINAL, S_DEPTH, S_FLAGS, S_CONSUMED, S_ERROR, S_ERROR_POS,
  S_MAX_DEPTH, S_MAX_ATTRS, S_MAX_NAME, S_COUNT, S_SEG_DEPTH, S_MAX_SEGMENT, S_SEG_BUDGET, S_TAPE_FULL, S_WAIT, S_UTF16_PTR, WAIT_ANY,
  SF_IN_SEGMENT, SF_IN_CDATA, SF_ROOT_CLOSED, SF_AT_START, SF_BOM_DONE,
  C_NOT_WELL_FORMED, C_RESTRICTED_XML, C_UNSUPPORTED_ENCODING, C_POLICY_VIOLATION,
  R_BAD_UTF8, R_UTF16, R_ILLEGAL_CHAR, R_COMMENT, R_PI, R_DOCTYPE, R_ENTITY, R_BAD_NAME, R_BAD_COLON,
  R_EXPECTED_EQ, R_EXPECTED_QUOTE, R_LT_IN_ATTR, R_BAD_TAG, R_CDATA_END_IN_TEXT, R_BAD_REF, R_BAD_CHARREF,
  R_TEXT_AT_TOP, R_AFTER_ROOT, R_XML_DECL_NOT_FIRST, R_BAD_MARKUP, R_TRUNCATED, R_DEPTH, R_ATTRS,
  R_NAME_LENGTH, R_SEGMENT_SIZE, R_CLOSE_AT_TOP, R_BAD_DECL, R_DUPLICATE_ATTR,
} from './tape';
import { TEXT_CLASS, VALUE_CLASS, NAME_CLASS, isSpace } from './chars';
import { isNameStartCodePoint, isNameCodePoint, isLegalChar } from './names';

const STATE_SLOTS = 32;

const INCOMPLETE = -1; // the token needs bytes beyond the window
const FAIL = -2; // an error was recorded

const state: usize = memory.data(STATE_SLOTS * 4, 16);
const symbols: usize = memory.data(SYMBOL_SLOTS << SYMBOL_SLOT_SHIFT, 16);
/** Slots filled by the token being lexed: emptied again if the token is undone. */
const filled: usize = memory.data(1024 * 4, 16);
let filledCount = 0;
/** The current start tag's attribute names (symbol slot, byte start, byte length): duplicates. */
const tagAttrs: usize = memory.data(MAX_TRACKED_ATTRS * 12, 16);

// Per-call registers (module globals: cheap in WebAssembly, and no per-stream memory).
let inp: usize = 0;
let utf16: usize = 0; // the UTF-16 image: code unit at UTF-16 offset u lives at utf16 + 2u
let tape: usize = 0;
let tapeCap: i32 = 0;
let len: i32 = 0;
let end: i32 = 0; // scan limit: len, or the position where the open segment runs out of budget
let segLimit: i32 = i32.MAX_VALUE;
let isFinal = false;
let depth: i32 = 0;
let flags: i32 = 0;
let nrec: i32 = 0;
let adj: i32 = 0; // UTF-16 offset of byte position p is p + adj
let err: i32 = 0;
let errPos: i32 = 0;
let segRec: i32 = 0;
let segDepth: i32 = 1;
let maxDepth: i32 = 0;
let maxAttrs: i32 = 0;
let maxName: i32 = 0;
let maxSegment: i32 = 0;
let tapeFull = false;
let stopAfterToken = false; // text or CDATA stopped early: the rest waits for more input
let nameHasColon = false;
let waitFor: i32 = WAIT_ANY;
let codePoint: u32 = 0;

// @ts-ignore: decorator
@inline function getSlot(i: i32): i32 { return load<i32>(state + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline function setSlot(i: i32, v: i32): void { store<i32>(state + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline function byteAt(p: i32): u32 { return load<u8>(inp + <usize>p); }

export function statePtr(): usize { return state; }
export function symbolsPtr(): usize { return symbols; }

/** Lays out input and tape after the static data, growing memory as needed; false if it cannot. */
export function configure(inCap: i32, tapeRecords: i32): bool {
  const base = (__heap_base + 15) & ~15;
  const tapeAt = (base + <usize>inCap + 15) & ~15;
  const utf16At = (tapeAt + (<usize>tapeRecords << 4) + 15) & ~15;
  const top = <u64>utf16At + (<u64>inCap << 1);
  const have = <u64>memory.size() << 16;
  if (top > 0xffff0000) return false;
  if (top > have && memory.grow(<i32>((top - have + 0xffff) >> 16)) < 0) return false;
  setSlot(S_IN_PTR, <i32>base);
  setSlot(S_TAPE_PTR, <i32>tapeAt);
  setSlot(S_TAPE_CAP, tapeRecords);
  setSlot(S_UTF16_PTR, <i32>utf16At);
  return true;
}

function emit(kind: i32, a: i32, b: i32, c: i32): void {
  if (nrec >= tapeCap) { tapeFull = true; return; }
  const at = tape + (<usize>nrec << 4);
  store<i32>(at, kind);
  store<i32>(at, a, 4);
  store<i32>(at, b, 8);
  store<i32>(at, c, 12);
  nrec++;
}

/** Whether n <= SYMBOL_BYTES bytes at a and b are equal (word compares; the last word may overlap). */
function sameBytes(a: usize, b: usize, n: i32): bool {
  if (n >= 8) {
    let i = 0;
    for (; i + 8 <= n; i += 8) if (load<u64>(a + <usize>i) != load<u64>(b + <usize>i)) return false;
    return i == n || load<u64>(a + <usize>(n - 8)) == load<u64>(b + <usize>(n - 8));
  }
  if (n >= 4) return load<u32>(a) == load<u32>(b) && load<u32>(a + <usize>(n - 4)) == load<u32>(b + <usize>(n - 4));
  for (let i = 0; i < n; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return false;
  return true;
}

/** Looks up (or fills) the symbol slot of bytes [p, p+n); returns the bits for word 0. */
function symbol(p: i32, n: i32): i32 {
  if (n > SYMBOL_BYTES || n == 0) return 0;
  const src = inp + <usize>p;
  // A cache key, not a dictionary: the first and last four bytes and the length suffice.
  let h: u32 = n >= 4
    ? (load<u32>(src) * 0x9e3779b1) ^ (load<u32>(src + <usize>(n - 4)) * 0x85ebca77) ^ <u32>n
    : ((<u32>load<u8>(src) | (<u32>load<u8>(src + <usize>(n >> 1)) << 8) | (<u32>load<u8>(src + <usize>(n - 1)) << 16)) * 0x9e3779b1) ^ <u32>n;
  h ^= h >> 16;
  const slot = <i32>(h & (SYMBOL_SLOTS - 1));
  const at = symbols + (<usize>slot << SYMBOL_SLOT_SHIFT);
  if (load<u32>(at) == <u32>n && sameBytes(at + 4, src, n)) return (slot + 1) << 16;
  store<u32>(at, n);
  memory.copy(at + 4, src, <usize>n);
  if (filledCount < 1024) store<i32>(filled + (<usize>filledCount << 2), slot);
  else store<u32>(at, 0xffffffff); // cannot be undone later: never hit
  filledCount++;
  return ((slot + 1) << 16) | (FLAG_NEW_SYMBOL << 8);
}

/** Forgets the slots an undone token filled: its NEW records never reach the binding. */
function unfillSymbols(): void {
  const n = filledCount < 1024 ? filledCount : 1024;
  for (let i = 0; i < n; i++) store<u32>(symbols + (<usize>load<i32>(filled + (<usize>i << 2)) << SYMBOL_SLOT_SHIFT), 0xffffffff);
  filledCount = 0;
}

function fail(condition: i32, reason: i32, at: i32): i32 {
  if (err == 0) {
    err = condition | (reason << 8);
    errPos = at;
  }
  return FAIL;
}

/** Ran into `end`: either the segment's byte budget is spent, or more input is needed. */
function need(): i32 {
  if (end == segLimit) return fail(C_POLICY_VIOLATION, R_SEGMENT_SIZE, segLimit);
  return INCOMPLETE;
}

/** need(), noting which byte the token waits for (see S_WAIT). */
function needByte(c: i32): i32 {
  waitFor = c;
  return need();
}

function openSegment(p: i32, budget: i32): void {
  segRec = nrec;
  emit(KIND_SEGMENT, p, p, p + adj);
  flags |= SF_IN_SEGMENT;
  segLimit = p + budget; // may lie beyond this window; budgets are clamped far below 2^31
  end = segLimit < len ? segLimit : len;
}

/**
 * Patches the open segment's record with its end at p and, when it holds non-ASCII bytes, writes
 * its UTF-16: JavaScript engines make a string of UTF-16 many times faster than they decode
 * UTF-8 with Cyrillic or CJK in it, and doing it here keeps to one call per window.
 */
function finishSegment(p: i32): void {
  if (segRec >= nrec) return; // the token that opened it was undone
  const at = tape + (<usize>segRec << 4);
  const byteStart = load<i32>(at, 4);
  const u16Start = load<i32>(at, 12);
  const u16End = p + adj;
  store<i32>(at, p, 8);
  store<i32>(at, u16End, 12);
  if (u16End - u16Start != p - byteStart) {
    transcodeInto(byteStart, p, utf16 + (<usize>u16Start << 1));
    store<i32>(at, load<i32>(at) | (FLAG_UTF16 << 8));
  }
}

function closeSegment(p: i32): void {
  finishSegment(p);
  flags &= ~SF_IN_SEGMENT;
  segLimit = i32.MAX_VALUE;
  end = len;
}

/** Validates one UTF-8 sequence at p (a byte >= 0x80); returns its length and sets codePoint. */
function utf8(p: i32): i32 {
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
    if (p + i >= end) {
      if (isFinal && end == len) return fail(C_UNSUPPORTED_ENCODING, R_BAD_UTF8, p);
      return need();
    }
    const c = byteAt(p + i);
    if (i == 1 ? c < lo || c > hi : (c & 0xc0) != 0x80) return fail(C_UNSUPPORTED_ENCODING, R_BAD_UTF8, p);
    cp = (cp << 6) | (c & 0x3f);
  }
  if (cp == 0xfffe || cp == 0xffff) return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, p);
  codePoint = cp;
  adj -= n == 2 ? 1 : 2;
  return n;
}

/** Scans an XML name with at most one colon, not first or last (XML Namespaces' QName). */
function scanName(p: i32): i32 {
  const start = p;
  let colonAt = -1;
  if (p >= end) return need();
  let c = byteAt(p);
  if (c < 0x80) {
    if (load<u8>(NAME_CLASS + c) != 1) return fail(C_NOT_WELL_FORMED, R_BAD_NAME, p);
    if (c == 0x3a) return fail(C_NOT_WELL_FORMED, R_BAD_COLON, p);
    p++;
  } else {
    const n = utf8(p);
    if (n < 0) return n;
    if (!isNameStartCodePoint(codePoint)) return fail(C_NOT_WELL_FORMED, R_BAD_NAME, p);
    p += n;
  }
  // One bound per byte: the window's end, or the byte that makes the name too long.
  const tooLong = start + maxName + 1;
  const stop = tooLong < end ? tooLong : end;
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
      const n = utf8(p);
      if (n < 0) return n;
      if (!(afterColon ? isNameStartCodePoint(codePoint) : isNameCodePoint(codePoint))) return fail(C_NOT_WELL_FORMED, R_BAD_NAME, p);
      p += n;
    }
  }
  if (colonAt == p - 1) return fail(C_NOT_WELL_FORMED, R_BAD_COLON, colonAt);
  nameHasColon = colonAt >= 0;
  return p;
}

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

/** A reference at '&': one of the five predefined entities or a character reference. */
function scanRef(p: i32): i32 {
  let q = p + 1;
  if (q >= end) return need();
  if (byteAt(q) == 0x23 /* # */) {
    q++;
    if (q >= end) return need();
    let base: u32 = 10;
    if (byteAt(q) == 0x78 /* x */) { base = 16; q++; }
    let value: u32 = 0;
    let digits = 0;
    while (true) {
      if (q >= end) return need();
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
  const c = byteAt(q);
  if (c < 0x80 && load<u8>(NAME_CLASS + c) != 1) return fail(C_NOT_WELL_FORMED, R_BAD_REF, p);
  const n = scanName(q);
  if (n < 0) return n;
  if (n >= end) return need();
  if (byteAt(n) != 0x3b) return fail(C_NOT_WELL_FORMED, R_BAD_REF, p);
  if (!isPredefinedEntity(q, n - q)) return fail(C_RESTRICTED_XML, R_ENTITY, p);
  return n + 1;
}

/** Whitespace between top-level elements (keepalives) and in the prolog and epilog. */
function topLevelSpace(p: i32): i32 {
  while (p < end) {
    const c = byteAt(p);
    if (isSpace(c)) { p++; continue; }
    if (c == 0x3c) return p;
    return fail(C_NOT_WELL_FORMED, R_TEXT_AT_TOP, p);
  }
  return p;
}

// SIMD: 16 bytes at a time past runs of plain ASCII (base64 blobs, long bodies, long values).
// Each returns a bit per byte that needs the scalar loop: controls, non-ASCII, and markup.

// @ts-ignore: decorator
@inline function textStops(at: usize): i32 {
  const v = v128.load(at);
  let m = v128.or(i8x16.lt_u(v, i8x16.splat(0x20)), i8x16.lt_s(v, i8x16.splat(0)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x3c)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x26)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x3e)));
  return i8x16.bitmask(m);
}

// @ts-ignore: decorator
@inline function valueStops(at: usize): i32 {
  const v = v128.load(at);
  let m = v128.or(i8x16.lt_u(v, i8x16.splat(0x20)), i8x16.lt_s(v, i8x16.splat(0)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x3c)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x26)));
  m = v128.or(m, v128.or(i8x16.eq(v, i8x16.splat(0x22)), i8x16.eq(v, i8x16.splat(0x27))));
  return i8x16.bitmask(m);
}

/** Character data inside an element, up to '<' (references stay raw; the binding decodes them). */
function text(p0: i32): i32 {
  let p = p0;
  const u = p + adj;
  let tf = 0;
  let stopped = false;
  while (p < end) {
    if (p + 16 <= end) {
      const m = textStops(inp + <usize>p);
      if (m == 0) { p += 16; continue; }
      p += ctz(m);
    }
    const c = byteAt(p);
    if (load<u8>(TEXT_CLASS + c) == 0) { p++; continue; }
    if (c == 0x3c) break;
    if (c == 0x26) {
      const saved = adj;
      const r = scanRef(p);
      if (r == INCOMPLETE) { adj = saved; stopped = true; break; }
      if (r < 0) return r;
      tf |= FLAG_REFS;
      p = r;
    } else if (c == 0x3e) {
      if (p - p0 >= 2 && byteAt(p - 1) == 0x5d && byteAt(p - 2) == 0x5d) return fail(C_NOT_WELL_FORMED, R_CDATA_END_IN_TEXT, p - 2);
      p++;
    } else if (c == 0xd) {
      tf |= FLAG_CR;
      p++;
    } else if (c >= 0x80) {
      const n = utf8(p);
      if (n == INCOMPLETE) { stopped = true; break; }
      if (n < 0) return n;
      p += n;
    } else return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, p);
  }
  if (p >= end && end == len && !isFinal) {
    // Hold back what the next bytes may change: a CR before LF, ']' that may open ']]>'.
    if (p > p0 && byteAt(p - 1) == 0xd) p--;
    else if (p > p0 && byteAt(p - 1) == 0x5d) {
      p--;
      if (p > p0 && byteAt(p - 1) == 0x5d) p--;
    }
    stopped = p < len;
  }
  if (p == p0) return stopped ? INCOMPLETE : p;
  emit(KIND_TEXT | (tf << 8), u, p + adj, p0);
  if (stopped) stopAfterToken = true;
  return p;
}

/** CDATA content from p up to ']]>' (or as far as the window allows). */
function cdata(p0: i32): i32 {
  let p = p0;
  const u = p + adj;
  let cf = 0;
  let found = false;
  while (p < end) {
    const c = byteAt(p);
    if (c == 0x5d) {
      if (p + 2 >= end) break;
      if (byteAt(p + 1) == 0x5d && byteAt(p + 2) == 0x3e) { found = true; break; }
      p++;
    } else if (c < 0x80) {
      if (c < 0x20) {
        if (c == 0xd) cf |= FLAG_CR;
        else if (c != 0x9 && c != 0xa) return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, p);
      }
      p++;
    } else {
      const n = utf8(p);
      if (n == INCOMPLETE) break;
      if (n < 0) return n;
      p += n;
    }
  }
  if (!found && end == segLimit) return need();
  if (!found && p > p0 && byteAt(p - 1) == 0xd && !isFinal) p--; // a CR before a possible LF
  if (p > p0) emit(KIND_CDATA | (cf << 8), u, p + adj, p0);
  if (found) {
    flags &= ~SF_IN_CDATA;
    return p + 3;
  }
  if (p == p0) return INCOMPLETE;
  stopAfterToken = true;
  return p;
}

/** Is name [p, p+n) (symbol slot id) among the tag's first `count` attributes? Then remembers it. */
function isDuplicate(count: i32, id: i32, p: i32, n: i32): bool {
  const tracked = count < MAX_TRACKED_ATTRS ? count : MAX_TRACKED_ATTRS;
  for (let i = 0; i < tracked; i++) {
    const at = tagAttrs + <usize>(i * 12);
    if (load<i32>(at) == id && load<i32>(at, 8) == n) {
      const other = load<i32>(at, 4);
      let j = 0;
      while (j < n && byteAt(other + j) == byteAt(p + j)) j++;
      if (j == n) return true;
    }
  }
  if (count < MAX_TRACKED_ATTRS) {
    const at = tagAttrs + <usize>(count * 12);
    store<i32>(at, id);
    store<i32>(at, p, 4);
    store<i32>(at, n, 8);
  }
  return false;
}

function startTag(p0: i32): i32 {
  let p = p0 + 1;
  if (depth >= maxDepth) return fail(C_POLICY_VIOLATION, R_DEPTH, p0);
  if (flags & SF_ROOT_CLOSED) return fail(C_NOT_WELL_FORMED, R_AFTER_ROOT, p0);
  // No start tag ends without '>': outside its values (which wait for their quote) nothing
  // else can let an unfinished one progress.
  waitFor = 0x3e;
  const u = p + adj;
  let r = scanName(p);
  if (r < 0) return r;
  emit(KIND_OPEN | (nameHasColon ? FLAG_COLON << 8 : 0) | symbol(p, r - p), u, r + adj, p0);
  let attrs = 0;
  while (true) {
    let q = r;
    while (q < end && isSpace(byteAt(q))) q++;
    if (q >= end) return needByte(0x3e);
    let c = byteAt(q);
    if (c == 0x3e) {
      emit(KIND_OPEN_END, q + 1, 0, 0);
      depth++;
      return q + 1;
    }
    if (c == 0x2f) {
      if (q + 1 >= end) return need();
      if (byteAt(q + 1) != 0x3e) return fail(C_NOT_WELL_FORMED, R_BAD_TAG, q);
      emit(KIND_OPEN_END | (FLAG_SELF_CLOSING << 8), q + 2, 0, 0);
      if (depth == 0) flags |= SF_ROOT_CLOSED;
      return q + 2;
    }
    if (q == r) return fail(C_NOT_WELL_FORMED, R_BAD_TAG, q);
    if (++attrs > maxAttrs) return fail(C_POLICY_VIOLATION, R_ATTRS, q);
    const nameU = q + adj;
    const n = scanName(q);
    if (n < 0) return n;
    let af = nameHasColon ? FLAG_COLON : 0;
    if (n - q >= 5 && byteAt(q) == 0x78 && byteAt(q + 1) == 0x6d && byteAt(q + 2) == 0x6c && byteAt(q + 3) == 0x6e
      && byteAt(q + 4) == 0x73 && (n - q == 5 || byteAt(q + 5) == 0x3a)) af |= n - q == 5 ? FLAG_XMLNS : FLAG_XMLNS | FLAG_XMLNS_PREFIX;
    const sym = symbol(q, n - q);
    if (isDuplicate(attrs - 1, sym >>> 16, q, n - q)) return fail(C_NOT_WELL_FORMED, R_DUPLICATE_ATTR, q);
    emit(KIND_ATTR | (af << 8) | sym, nameU, n + adj, q);
    q = n;
    while (q < end && isSpace(byteAt(q))) q++;
    if (q >= end) return needByte(0x3e);
    if (byteAt(q) != 0x3d) return fail(C_NOT_WELL_FORMED, R_EXPECTED_EQ, q);
    q++;
    while (q < end && isSpace(byteAt(q))) q++;
    if (q >= end) return needByte(0x3e);
    const quote = byteAt(q);
    if (quote != 0x22 && quote != 0x27) return fail(C_NOT_WELL_FORMED, R_EXPECTED_QUOTE, q);
    const quoteAt = q;
    waitFor = <i32>quote; // a value ends only at its quote, whatever is cut inside it
    q++;
    const valueU = q + adj;
    let vf = 0;
    while (true) {
      if (q + 16 <= end) {
        const m = valueStops(inp + <usize>q);
        if (m == 0) { q += 16; continue; }
        q += ctz(m);
      }
      if (q >= end) return need();
      c = byteAt(q);
      if (load<u8>(VALUE_CLASS + c) == 0) { q++; continue; }
      if (c == quote) break;
      if (c == 0x22 || c == 0x27) { q++; continue; }
      if (c == 0x3c) return fail(C_NOT_WELL_FORMED, R_LT_IN_ATTR, q);
      if (c == 0x26) {
        const e = scanRef(q);
        if (e < 0) return e;
        vf |= FLAG_REFS;
        q = e;
      } else if (c >= 0x80) {
        const m = utf8(q);
        if (m < 0) return m;
        q += m;
      } else if (c == 0x9 || c == 0xa || c == 0xd) {
        vf |= FLAG_WS;
        q++;
      } else return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, q);
    }
    const valueBytes = q - quoteAt - 1;
    const cached = vf == 0 && ((af & FLAG_XMLNS) != 0 || valueBytes <= SHORT_VALUE_BYTES);
    emit(KIND_VALUE | (vf << 8) | (cached ? symbol(quoteAt + 1, valueBytes) : 0), valueU, q + adj, quoteAt);
    waitFor = 0x3e;
    r = q + 1;
  }
  return FAIL; // unreachable
}

function endTag(p0: i32): i32 {
  const p = p0 + 2;
  waitFor = 0x3e;
  const u = p + adj;
  const n = scanName(p);
  if (n < 0) return n;
  const colon = nameHasColon;
  const nameEndU = n + adj;
  let q = n;
  while (q < end && isSpace(byteAt(q))) q++;
  if (q >= end) return need();
  if (byteAt(q) != 0x3e) return fail(C_NOT_WELL_FORMED, R_BAD_TAG, q);
  if (depth == 0) return fail(C_NOT_WELL_FORMED, R_CLOSE_AT_TOP, p0);
  emit(KIND_CLOSE | (colon ? FLAG_COLON << 8 : 0) | symbol(p, n - p), u, nameEndU, p0);
  depth--;
  if (depth == 0) flags |= SF_ROOT_CLOSED;
  return q + 1;
}

const CDATA_OPEN = "<![CDATA[";

/** '<!': a CDATA section, or a comment or DTD declaration (not allowed in XMPP). */
function markup(p0: i32): i32 {
  const q = p0 + 2;
  if (q >= end) return need();
  const c = byteAt(q);
  if (c == 0x2d) return fail(C_RESTRICTED_XML, R_COMMENT, p0);
  if (c >= 0x41 && c <= 0x5a) return fail(C_RESTRICTED_XML, R_DOCTYPE, p0);
  if (c != 0x5b) return fail(C_NOT_WELL_FORMED, R_BAD_MARKUP, p0);
  for (let i = 3; i < 9; i++) {
    if (p0 + i >= end) return need();
    if (byteAt(p0 + i) != <u32>CDATA_OPEN.charCodeAt(i)) return fail(C_NOT_WELL_FORMED, R_BAD_MARKUP, p0);
  }
  if (depth <= segDepth) return fail(C_NOT_WELL_FORMED, R_TEXT_AT_TOP, p0);
  flags |= SF_IN_CDATA;
  const r = cdata(p0 + 9);
  if (r == INCOMPLETE) { stopAfterToken = true; return p0 + 9; }
  return r;
}

/** '<?': only the XML declaration, and only at the very start of a stream. */
function processingInstruction(p0: i32): i32 {
  const q = p0 + 2;
  const n = scanName(q);
  if (n < 0) return n;
  const isXml = n - q == 3 && byteAt(q) == 0x78 && byteAt(q + 1) == 0x6d && byteAt(q + 2) == 0x6c;
  if (!isXml) return fail(C_RESTRICTED_XML, R_PI, p0);
  if (!(flags & SF_AT_START)) return fail(C_NOT_WELL_FORMED, R_XML_DECL_NOT_FIRST, p0);
  let p = n;
  while (true) {
    if (p + 1 >= end) return needByte(0x3e);
    const c = byteAt(p);
    if (c == 0x3f && byteAt(p + 1) == 0x3e) break;
    if (c >= 0x7f || (c < 0x20 && !isSpace(c)) || c == 0x3c || c == 0x3e) return fail(C_NOT_WELL_FORMED, R_BAD_DECL, p);
    p++;
  }
  emit(KIND_XMLDECL, n + adj, p + adj, p0);
  return p + 2;
}

/** The first bytes of a stream: skip a UTF-8 BOM; recognise UTF-16 and refuse it. */
function streamStart(p: i32): i32 {
  const c = byteAt(p);
  if (c == 0xef && !(flags & SF_BOM_DONE)) {
    if (p + 2 >= end) return need();
    if (byteAt(p + 1) == 0xbb && byteAt(p + 2) == 0xbf) { flags |= SF_BOM_DONE; return p + 3; }
    return p;
  }
  if (c == 0xfe || c == 0xff || c == 0) return fail(C_UNSUPPORTED_ENCODING, R_UTF16, p);
  if (c == 0x3c) {
    if (p + 1 >= end) return need();
    if (byteAt(p + 1) == 0) return fail(C_UNSUPPORTED_ENCODING, R_UTF16, p);
  }
  return p;
}

function token(p: i32): i32 {
  const c = byteAt(p);
  if (c != 0x3c) return text(p);
  if (p + 1 >= end) return need();
  const c1 = byteAt(p + 1);
  if (c1 == 0x2f) return endTag(p);
  if (c1 == 0x21) return markup(p);
  if (c1 == 0x3f) return processingInstruction(p);
  return startTag(p);
}

/** Writes the UTF-16 of input bytes [from, to) (UTF-8 the lexer validated) at `out`. */
function transcodeInto(from: i32, to: i32, out: usize): void {
  const src = inp;
  let q = out;
  let p = from;
  while (p < to) {
    if (p + 16 <= to) {
      const v = v128.load(src + <usize>p);
      if (i8x16.bitmask(v) == 0) {
        v128.store(q, i16x8.extend_low_i8x16_u(v));
        v128.store(q, i16x8.extend_high_i8x16_u(v), 16);
        p += 16;
        q += 32;
        continue;
      }
    }
    const c = <u32>load<u8>(src + <usize>p);
    if (c < 0x80) {
      store<u16>(q, <u16>c);
      q += 2;
      p++;
    } else if (c < 0xe0) {
      store<u16>(q, <u16>(((c & 0x1f) << 6) | (<u32>load<u8>(src + <usize>p + 1) & 0x3f)));
      q += 2;
      p += 2;
    } else if (c < 0xf0) {
      store<u16>(q, <u16>(((c & 0x0f) << 12) | ((<u32>load<u8>(src + <usize>p + 1) & 0x3f) << 6) | (<u32>load<u8>(src + <usize>p + 2) & 0x3f)));
      q += 2;
      p += 3;
    } else {
      const cp = (((c & 0x07) << 18) | ((<u32>load<u8>(src + <usize>p + 1) & 0x3f) << 12)
        | ((<u32>load<u8>(src + <usize>p + 2) & 0x3f) << 6) | (<u32>load<u8>(src + <usize>p + 3) & 0x3f)) - 0x10000;
      store<u16>(q, <u16>(0xd800 + (cp >> 10)));
      store<u16>(q, <u16>(0xdc00 + (cp & 0x3ff)), 2);
      q += 4;
      p += 4;
    }
  }
}

/** Lexes the window [consumed-in .. len) of the input buffer; see tape.ts for the contract. */
export function lex(): void {
  inp = <usize>getSlot(S_IN_PTR);
  utf16 = <usize>getSlot(S_UTF16_PTR);
  tape = <usize>getSlot(S_TAPE_PTR);
  tapeCap = getSlot(S_TAPE_CAP);
  len = getSlot(S_LEN);
  isFinal = getSlot(S_FINAL) != 0;
  depth = getSlot(S_DEPTH);
  flags = getSlot(S_FLAGS);
  segDepth = getSlot(S_SEG_DEPTH);
  maxDepth = getSlot(S_MAX_DEPTH);
  maxAttrs = getSlot(S_MAX_ATTRS);
  maxName = getSlot(S_MAX_NAME);
  maxSegment = getSlot(S_MAX_SEGMENT);
  let p = getSlot(S_CONSUMED);
  nrec = 0;
  adj = 0;
  err = 0;
  errPos = 0;
  tapeFull = false;
  stopAfterToken = false;
  waitFor = WAIT_ANY;
  end = len;
  segLimit = i32.MAX_VALUE;

  if (flags & SF_IN_SEGMENT) openSegment(p, getSlot(S_SEG_BUDGET));
  if (flags & SF_IN_CDATA) {
    const r = cdata(p);
    if (r >= 0) p = r;
    else {
      if (r == INCOMPLETE && isFinal) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
      stopAfterToken = true;
    }
  }

  while (err == 0 && !stopAfterToken) {
    if (p >= end) {
      if (end == segLimit) fail(C_POLICY_VIOLATION, R_SEGMENT_SIZE, segLimit);
      break;
    }
    const tokenStart = p;
    const savedRec = nrec;
    const savedAdj = adj;
    const savedFlags = flags;
    const savedDepth = depth;
    filledCount = 0;
    waitFor = WAIT_ANY;
    if (flags & SF_AT_START) {
      const r = streamStart(p);
      if (r < 0) {
        if (r == INCOMPLETE && isFinal) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
        break;
      }
      if (r != p) { p = r; continue; }
    }
    let r: i32;
    if (depth <= segDepth && byteAt(p) != 0x3c) {
      r = topLevelSpace(p);
    } else {
      if (!(flags & SF_IN_SEGMENT)) openSegment(p, maxSegment);
      r = token(p);
    }
    if (r >= 0 && tapeFull) r = INCOMPLETE;
    if (r < 0) {
      // Undo the unfinished token: its records, the segment it opened, its UTF-16 count, the
      // symbol slots it filled.
      unfillSymbols();
      nrec = savedRec;
      adj = savedAdj;
      depth = savedDepth;
      if ((savedFlags & SF_IN_SEGMENT) == 0 && (flags & SF_IN_SEGMENT) != 0) {
        nrec = segRec;
        flags = savedFlags;
        segLimit = i32.MAX_VALUE;
        end = len;
      } else flags = savedFlags;
      p = tokenStart;
      if (r == INCOMPLETE && isFinal && !tapeFull) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
      break;
    }
    p = r;
    flags &= ~SF_AT_START;
    if (depth <= segDepth && !(flags & SF_IN_CDATA) && (flags & SF_IN_SEGMENT)) closeSegment(p);
  }
  // The input ended inside a token (text stopped at a cut reference, say) or inside an element
  // (a document's root, or a stanza of a stream).
  if (err == 0 && isFinal && !tapeFull && (p < len || depth > segDepth)) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
  if (flags & SF_IN_SEGMENT) {
    finishSegment(p);
    setSlot(S_SEG_BUDGET, segLimit - p);
  }
  setSlot(S_COUNT, nrec);
  setSlot(S_CONSUMED, p);
  setSlot(S_DEPTH, depth);
  setSlot(S_FLAGS, flags);
  setSlot(S_ERROR, err);
  setSlot(S_ERROR_POS, errPos);
  setSlot(S_TAPE_FULL, tapeFull ? 1 : 0);
  setSlot(S_WAIT, waitFor);
}
