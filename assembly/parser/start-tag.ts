// Start tags: the name, then attributes (name, '=', quoted value) until '>' or '/>'.
import { isSpace, VALUE_CLASS } from './chars';
import { scanName } from './qname';
import { scanRef } from './references';
import { symbol } from './symbols';
import {
  C_NOT_WELL_FORMED, C_POLICY_VIOLATION, FLAG_COLON, FLAG_REFS, FLAG_SELF_CLOSING, FLAG_WS, FLAG_XMLNS,
  FLAG_XMLNS_PREFIX, HEAD_FLAGS_SHIFT, HEAD_SYMBOL_SHIFT, KIND_ATTR, KIND_OPEN, KIND_OPEN_END, KIND_VALUE,
  MAX_TRACKED_ATTRS, R_AFTER_ROOT, R_ATTRS, R_BAD_TAG, R_DEPTH, R_DUPLICATE_ATTR, R_EXPECTED_EQ, R_EXPECTED_QUOTE,
  R_ILLEGAL_CHAR, R_LT_IN_ATTR, SF_ROOT_CLOSED, SHORT_STRING_MAX,
} from './contract';
import { emit } from './tape-writer';
import { utf8Sequence } from './utf8';
import {
  byteAt, depth, fail, input, maxAttrs, maxDepth, nameHasColon, need, needByte, scanEnd, streamFlags, utf16Shift,
  waitFor,
} from './window';

/** The current start tag's attribute names (symbol slot, byte start, byte length): duplicates. */
const tagAttrs: usize = memory.data(MAX_TRACKED_ATTRS * 12, 16);

// SIMD: a bit per byte of 16 that the value loop must look at: controls, non-ASCII, markup, quotes.
// @ts-ignore: decorator
@inline function valueStops(at: usize): i32 {
  const v = v128.load(at);
  let m = v128.or(i8x16.lt_u(v, i8x16.splat(0x20)), i8x16.lt_s(v, i8x16.splat(0)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x3c)));
  m = v128.or(m, i8x16.eq(v, i8x16.splat(0x26)));
  m = v128.or(m, v128.or(i8x16.eq(v, i8x16.splat(0x22)), i8x16.eq(v, i8x16.splat(0x27))));
  return i8x16.bitmask(m);
}

// @ts-ignore: decorator
@inline function skipSpace(q: i32): i32 {
  while (q < scanEnd && isSpace(byteAt(q))) q++;
  return q;
}

/** '<' at p0 followed by a name: a start tag. */
export function startTag(p0: i32): i32 {
  const p = p0 + 1;
  if (depth >= maxDepth) return fail(C_POLICY_VIOLATION, R_DEPTH, p0);
  if (streamFlags & SF_ROOT_CLOSED) return fail(C_NOT_WELL_FORMED, R_AFTER_ROOT, p0);
  // No start tag ends without '>': outside its values (which wait for their quote) nothing
  // else can let an unfinished one progress.
  waitFor = 0x3e;
  const start16 = p + utf16Shift;
  let r = scanName(p);
  if (r < 0) return r;
  emit(KIND_OPEN | (nameHasColon ? FLAG_COLON << HEAD_FLAGS_SHIFT : 0) | symbol(p, r - p), start16, r + utf16Shift, p0);
  let attrs = 0;
  while (true) {
    const q = skipSpace(r);
    if (q >= scanEnd) return needByte(0x3e);
    const c = byteAt(q);
    if (c == 0x3e) {
      emit(KIND_OPEN_END, q + 1, 0, 0);
      depth++;
      return q + 1;
    }
    if (c == 0x2f) {
      if (q + 1 >= scanEnd) return need();
      if (byteAt(q + 1) != 0x3e) return fail(C_NOT_WELL_FORMED, R_BAD_TAG, q);
      emit(KIND_OPEN_END | (FLAG_SELF_CLOSING << HEAD_FLAGS_SHIFT), q + 2, 0, 0);
      if (depth == 0) streamFlags |= SF_ROOT_CLOSED;
      return q + 2;
    }
    if (q == r) return fail(C_NOT_WELL_FORMED, R_BAD_TAG, q);
    if (++attrs > maxAttrs) return fail(C_POLICY_VIOLATION, R_ATTRS, q);
    r = attribute(q, attrs - 1);
    if (r < 0) return r;
  }
}

/** The tag's attribute number `index` at q: name = "value". Returns the position after the quote. */
function attribute(q: i32, index: i32): i32 {
  const name16 = q + utf16Shift;
  const n = scanName(q);
  if (n < 0) return n;
  let nameFlags = nameHasColon ? FLAG_COLON : 0;
  if (n - q >= 5 && byteAt(q) == 0x78 && byteAt(q + 1) == 0x6d && byteAt(q + 2) == 0x6c && byteAt(q + 3) == 0x6e
    && byteAt(q + 4) == 0x73 && (n - q == 5 || byteAt(q + 5) == 0x3a)) nameFlags |= n - q == 5 ? FLAG_XMLNS : FLAG_XMLNS | FLAG_XMLNS_PREFIX;
  const sym = symbol(q, n - q);
  if (isDuplicate(index, sym >>> HEAD_SYMBOL_SHIFT, q, n - q)) return fail(C_NOT_WELL_FORMED, R_DUPLICATE_ATTR, q);
  emit(KIND_ATTR | (nameFlags << HEAD_FLAGS_SHIFT) | sym, name16, n + utf16Shift, q);
  q = skipSpace(n);
  if (q >= scanEnd) return needByte(0x3e);
  if (byteAt(q) != 0x3d) return fail(C_NOT_WELL_FORMED, R_EXPECTED_EQ, q);
  q = skipSpace(q + 1);
  if (q >= scanEnd) return needByte(0x3e);
  const quote = byteAt(q);
  if (quote != 0x22 && quote != 0x27) return fail(C_NOT_WELL_FORMED, R_EXPECTED_QUOTE, q);
  return attributeValue(q, quote, nameFlags);
}

/** The value after the quote at quoteAt, up to the same quote; returns the position after it. */
function attributeValue(quoteAt: i32, quote: u32, nameFlags: i32): i32 {
  waitFor = <i32>quote; // a value ends only at its quote, whatever is cut inside it
  let q = quoteAt + 1;
  const value16 = q + utf16Shift;
  let valueFlags = 0;
  while (true) {
    if (q + 16 <= scanEnd) {
      const m = valueStops(input + <usize>q);
      if (m == 0) { q += 16; continue; }
      q += ctz(m);
    }
    if (q >= scanEnd) return need();
    const c = byteAt(q);
    if (load<u8>(VALUE_CLASS + c) == 0) { q++; continue; }
    if (c == quote) break;
    if (c == 0x22 || c == 0x27) { q++; continue; }
    if (c == 0x3c) return fail(C_NOT_WELL_FORMED, R_LT_IN_ATTR, q);
    if (c == 0x26) {
      const e = scanRef(q);
      if (e < 0) return e;
      valueFlags |= FLAG_REFS;
      q = e;
    } else if (c >= 0x80) {
      const m = utf8Sequence(q);
      if (m < 0) return m;
      q += m;
    } else if (c == 0x9 || c == 0xa || c == 0xd) {
      valueFlags |= FLAG_WS;
      q++;
    } else return fail(C_NOT_WELL_FORMED, R_ILLEGAL_CHAR, q);
  }
  const valueBytes = q - quoteAt - 1;
  const cached = valueFlags == 0 && ((nameFlags & FLAG_XMLNS) != 0 || valueBytes <= SHORT_STRING_MAX);
  const head = KIND_VALUE | (valueFlags << HEAD_FLAGS_SHIFT) | (cached ? symbol(quoteAt + 1, valueBytes) : 0);
  emit(head, value16, q + utf16Shift, quoteAt);
  waitFor = 0x3e;
  return q + 1;
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
