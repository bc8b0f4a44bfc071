// The code point buffer of stringprep: each entry a code point and its property word (looked up
// once), in linear memory grown on demand; and the normalization steps (NFKC) that work on it.
import {
  propsOf,
  recordOf,
  poolUnit,
  poolCodePoint,
  poolCodePointWidth,
  caseMapLength,
  decompositionLength,
  compositionCount,
  PROP_CCC_MASK,
  PROP_HAS_DECOMPOSITION,
  PROP_COMPOSES_FIRST,
  PROP_COMPOSES_SECOND,
} from './tables';
import { allocate, roundCapacity } from '../unicode/memory';
import { S_BASE, L_BASE, V_BASE, T_BASE, T_COUNT, N_COUNT, S_COUNT, composeHangul, NOT_HANGUL } from '../unicode/hangul';

// Old buffers are abandoned when a larger one is needed; capacities double, so the waste is
// bounded by the largest string ever prepared.
let codePointsPtr: usize = 0;
let codePointsCapacity: i32 = 0;
let count: i32 = 0; // code points in the buffer

/** Empties the buffer, making room for at least `capacity` code points. */
export function clearCodePoints(capacity: i32): void {
  count = 0;
  if (codePointsCapacity < capacity) growCodePoints(capacity);
}

/** How many code points the buffer holds. */
export function codePointCount(): i32 {
  return count;
}

/** The buffer's address (8 bytes per entry). */
export function codePointsAddress(): usize {
  return codePointsPtr;
}

// Each entry of the code point buffer is the code point and its property word, looked up once.
function growCodePoints(minimum: i32): void {
  const capacity = roundCapacity(minimum);
  const ptr = allocate(<usize>capacity << 3);
  memory.copy(ptr, codePointsPtr, <usize>count << 3);
  codePointsPtr = ptr;
  codePointsCapacity = capacity;
}

// @ts-ignore: decorator
@inline
export function codePointAt(i: i32): u32 {
  return load<u32>(codePointsPtr + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline
export function propsAt(i: i32): u32 {
  return load<u32>(codePointsPtr + (<usize>i << 3), 4);
}

// @ts-ignore: decorator
@inline
function setEntry(i: i32, cp: u32, props: u32): void {
  const at = codePointsPtr + (<usize>i << 3);
  store<u32>(at, cp);
  store<u32>(at, props, 4);
}

// @ts-ignore: decorator
@inline
export function push(cp: u32, props: u32): void {
  if (count == codePointsCapacity) growCodePoints(count + 1);
  setEntry(count++, cp, props);
}

// ---------------------------------------------------------------- normalization (NFKC)

/** Appends the full compatibility decomposition of cp. */
export function pushDecomposed(cp: u32, props: u32): void {
  if (props & PROP_HAS_DECOMPOSITION) {
    let offset = recordOf(cp);
    const header = poolUnit(offset++);
    for (let i: u32 = 0, n = caseMapLength(header); i < n; i++) offset += poolCodePointWidth(poolCodePoint(offset));
    for (let i: u32 = 0, n = decompositionLength(header); i < n; i++) {
      const part = poolCodePoint(offset);
      offset += poolCodePointWidth(part);
      push(part, propsOf(part));
    }
    return;
  }
  const s = cp - S_BASE;
  if (s < S_COUNT) {
    const l = L_BASE + s / N_COUNT;
    const v = V_BASE + (s % N_COUNT) / T_COUNT;
    push(l, propsOf(l));
    push(v, propsOf(v));
    const t = s % T_COUNT;
    if (t != 0) push(T_BASE + t, propsOf(T_BASE + t));
    return;
  }
  push(cp, props);
}

/** Appends the B.2 case mapping of cp, each mapped code point decomposed. */
export function pushCaseMapped(cp: u32): void {
  let offset = recordOf(cp);
  const header = poolUnit(offset++);
  for (let i: u32 = 0, n = caseMapLength(header); i < n; i++) {
    const mapped = poolCodePoint(offset);
    offset += poolCodePointWidth(mapped);
    pushDecomposed(mapped, propsOf(mapped));
  }
}

/** Canonical ordering: stable sort of each run of non-starters by combining class. */
export function reorder(): void {
  for (let i = 1; i < count; i++) {
    const cp = codePointAt(i);
    const props = propsAt(i);
    const ccc = props & PROP_CCC_MASK;
    if (ccc == 0) continue;
    let j = i;
    while (j > 0) {
      const beforeProps = propsAt(j - 1);
      if ((beforeProps & PROP_CCC_MASK) <= ccc) break; // includes starters (0)
      setEntry(j, codePointAt(j - 1), beforeProps);
      j--;
    }
    setEntry(j, cp, props);
  }
}

/** The primary composite of (first, second), or -1. */
export function composePair(first: u32, firstProps: u32, second: u32, secondProps: u32): i32 {
  const hangul = composeHangul(first, second);
  if (hangul != NOT_HANGUL) return hangul;
  if (!(firstProps & PROP_COMPOSES_FIRST) || !(secondProps & PROP_COMPOSES_SECOND)) return -1;
  let offset = recordOf(first);
  const header = poolUnit(offset++);
  for (let i: u32 = 0, n = caseMapLength(header) + decompositionLength(header); i < n; i++) offset += poolCodePointWidth(poolCodePoint(offset));
  for (let i: u32 = 0, n = compositionCount(header); i < n; i++) {
    const candidate = poolCodePoint(offset);
    offset += poolCodePointWidth(candidate);
    const composite = poolCodePoint(offset);
    offset += poolCodePointWidth(composite);
    if (candidate == second) return <i32>composite;
  }
  return -1;
}

/** Canonical composition (UAX #15): a character composes with the last starter unless blocked. */
export function compose(): void {
  if (count == 0) return;
  let starterAt = 0;
  let starter = codePointAt(0);
  let starterProps = propsAt(0);
  // A leading non-starter has no starter to compose with: treat everything after it as blocked
  // until the next starter.
  let lastCcc: u32 = starterProps & PROP_CCC_MASK ? 256 : 0;
  let written = 1;
  for (let i = 1; i < count; i++) {
    const cp = codePointAt(i);
    const props = propsAt(i);
    const ccc = props & PROP_CCC_MASK;
    const composite = lastCcc < ccc || lastCcc == 0 ? composePair(starter, starterProps, cp, props) : -1;
    if (composite >= 0) {
      starter = <u32>composite;
      starterProps = propsOf(starter);
      setEntry(starterAt, starter, starterProps);
      continue;
    }
    if (ccc == 0) {
      starterAt = written;
      starter = cp;
      starterProps = props;
    }
    lastCcc = ccc;
    setEntry(written++, cp, props);
  }
  count = written;
}
