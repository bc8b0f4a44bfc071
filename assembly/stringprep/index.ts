// RFC 3454 stringprep for the XMPP profiles (Nameprep, Nodeprep, Resourceprep) and SASLprep,
// exact to Unicode 3.2. No GC runtime: three buffers in linear memory (UTF-16 input, code
// points being prepared, UTF-16 output), grown on demand with a bump allocator.
//
// Protocol: the host calls reserveInput(n), writes n UTF-16 code units at the returned pointer,
// then prepare(profile, flags, n). The result is -1 when the prepared string equals the input
// (nothing to read back), a length >= 0 of the output at outputPointer(), or an error below
// with the offending code point in errorCodePoint().
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
  PROP_PROHIBITED_COMMON,
  PROP_C11,
  PROP_C12,
  PROP_C21,
  PROP_NODEPREP_EXTRA,
  PROP_RANDAL,
  PROP_L,
  PROP_UNASSIGNED,
  PROP_MAP_TO_NOTHING,
  PROP_HAS_CASE_MAP,
  PROP_HAS_DECOMPOSITION,
  PROP_COMPOSES_FIRST,
  PROP_COMPOSES_SECOND,
  PROP_STABLE,
  PROP_SIMPLE_CASE_MAP,
} from './tables';
import { allocate, roundCapacity, decodeAt, decodedUnits, writeUtf16 } from '../unicode/memory';
import { S_BASE, L_BASE, V_BASE, T_BASE, L_COUNT, V_COUNT, T_COUNT, N_COUNT, S_COUNT } from '../unicode/hangul';

export const PROFILE_NAMEPREP: i32 = 0;
export const PROFILE_NODEPREP: i32 = 1;
export const PROFILE_RESOURCEPREP: i32 = 2;
export const PROFILE_SASLPREP: i32 = 3;
/** prepare() flag: reject unassigned code points (RFC 3454 §7 "stored strings"). */
export const FLAG_STORED: i32 = 1;

export const RESULT_UNCHANGED: i32 = -1;
export const ERROR_PROHIBITED: i32 = -2;
export const ERROR_BIDI: i32 = -3;
export const ERROR_UNASSIGNED: i32 = -4;
export const ERROR_LONE_SURROGATE: i32 = -5;

// ---------------------------------------------------------------- memory management

// Old buffers are abandoned when a larger one is needed; capacities double, so the waste is
// bounded by the largest string ever prepared.
let inputPtr: usize = 0;
let inputCapacity: i32 = 0;
let codePointsPtr: usize = 0;
let codePointsCapacity: i32 = 0;
let outputPtr: usize = 0;
let outputCapacity: i32 = 0;
let count: i32 = 0; // code points in the code point buffer
let errorCp: i32 = 0;

/** Pointer where the host writes `units` UTF-16 code units before calling prepare(). */
export function reserveInput(units: i32): usize {
  if (units > inputCapacity) {
    inputCapacity = roundCapacity(units);
    inputPtr = allocate(<usize>inputCapacity << 1);
  }
  return inputPtr;
}

export function outputPointer(): usize {
  return outputPtr;
}

/** The code point that made the last prepare() fail. */
export function errorCodePoint(): i32 {
  return errorCp;
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
function codePointAt(i: i32): u32 {
  return load<u32>(codePointsPtr + (<usize>i << 3));
}

// @ts-ignore: decorator
@inline
function propsAt(i: i32): u32 {
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
function push(cp: u32, props: u32): void {
  if (count == codePointsCapacity) growCodePoints(count + 1);
  setEntry(count++, cp, props);
}

// ---------------------------------------------------------------- normalization (NFKC)

/** Appends the full compatibility decomposition of cp. */
function pushDecomposed(cp: u32, props: u32): void {
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
function pushCaseMapped(cp: u32): void {
  let offset = recordOf(cp);
  const header = poolUnit(offset++);
  for (let i: u32 = 0, n = caseMapLength(header); i < n; i++) {
    const mapped = poolCodePoint(offset);
    offset += poolCodePointWidth(mapped);
    pushDecomposed(mapped, propsOf(mapped));
  }
}

/** Canonical ordering: stable sort of each run of non-starters by combining class. */
function reorder(): void {
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
function composePair(first: u32, firstProps: u32, second: u32, secondProps: u32): i32 {
  const l = first - L_BASE;
  if (l < L_COUNT) {
    const v = second - V_BASE;
    return v < V_COUNT ? <i32>(S_BASE + (l * V_COUNT + v) * T_COUNT) : -1;
  }
  const s = first - S_BASE;
  if (s < S_COUNT && s % T_COUNT == 0) {
    const t = second - T_BASE;
    return t > 0 && t < T_COUNT ? <i32>(first + t) : -1;
  }
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
function compose(): void {
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

// ---------------------------------------------------------------- profiles

function prohibitedMask(profile: i32): u32 {
  const common = PROP_PROHIBITED_COMMON | PROP_C12;
  if (profile == PROFILE_NAMEPREP) return common;
  if (profile == PROFILE_NODEPREP) return common | PROP_C11 | PROP_C21 | PROP_NODEPREP_EXTRA;
  return common | PROP_C21; // Resourceprep, SASLprep
}

function fail(code: i32, cp: u32): i32 {
  errorCp = <i32>cp;
  return code;
}

function ensureOutputCapacity(units: i32): void {
  if (outputCapacity < units) {
    outputCapacity = roundCapacity(units);
    outputPtr = allocate(<usize>outputCapacity << 1);
  }
}

// The output checks, fed one code point at a time: prohibited output, then bidi (RFC 3454 §6),
// then unassigned code points in stored mode.
let prohibitedMaskNow: u32 = 0;
let firstProhibited: i32 = -1;
let firstL: i32 = -1;
let firstUnassigned: i32 = -1;
let hasRandAL = false;
let firstProps: u32 = 0;
let firstCp: u32 = 0;
let lastProps: u32 = 0;
let lastCp: u32 = 0;
let noted = 0;

function startChecks(profile: i32): void {
  prohibitedMaskNow = prohibitedMask(profile);
  firstProhibited = firstL = firstUnassigned = -1;
  hasRandAL = false;
  noted = 0;
}

// @ts-ignore: decorator
@inline
function note(cp: u32, props: u32): void {
  if (props & prohibitedMaskNow && firstProhibited < 0) firstProhibited = <i32>cp;
  if (props & PROP_RANDAL) hasRandAL = true;
  if (props & PROP_L && firstL < 0) firstL = <i32>cp;
  if (props & PROP_UNASSIGNED && firstUnassigned < 0) firstUnassigned = <i32>cp;
  if (noted++ == 0) {
    firstCp = cp;
    firstProps = props;
  }
  lastCp = cp;
  lastProps = props;
}

function finishChecks(flags: i32): i32 {
  if (firstProhibited >= 0) return fail(ERROR_PROHIBITED, <u32>firstProhibited);
  if (hasRandAL) {
    if (firstL >= 0) return fail(ERROR_BIDI, <u32>firstL);
    if (!(firstProps & PROP_RANDAL)) return fail(ERROR_BIDI, firstCp);
    if (!(lastProps & PROP_RANDAL)) return fail(ERROR_BIDI, lastCp);
  }
  if (flags & FLAG_STORED && firstUnassigned >= 0) return fail(ERROR_UNASSIGNED, <u32>firstUnassigned);
  return 0;
}

const NEEDS_FULL_PIPELINE: i32 = -100;

/**
 * The common case in one pass: every code point is STABLE under NFKC (after a simple case
 * mapping), so normalization is the identity and only mapping and the checks remain. Returns
 * NEEDS_FULL_PIPELINE as soon as a code point could interact with its neighbours. Errors wait
 * for the end, since a later code point may send the string to the full pipeline, whose
 * normalization can remove them ('<' U+0338 composes to U+226E).
 */
function prepareStable(profile: i32, flags: i32, units: i32): i32 {
  const caseFold = profile == PROFILE_NAMEPREP || profile == PROFILE_NODEPREP;
  const spaceToSpace = profile == PROFILE_SASLPREP;
  ensureOutputCapacity(units * 2);
  startChecks(profile);
  let changed = false;
  let written = 0;
  for (let i = 0; i < units; i += decodedUnits) {
    let cp = decodeAt(inputPtr, i, units);
    if (decodedUnits == 0) return fail(ERROR_LONE_SURROGATE, cp);
    let props = propsOf(cp);
    // SASLprep maps non-ASCII spaces first: U+200B is in both C.1.2 and B.1 and becomes a space.
    if (spaceToSpace && props & PROP_C12) {
      note(0x20, propsOf(0x20));
      written = writeUtf16(outputPtr, 0x20, written);
      changed = true;
      continue;
    }
    if (!(props & PROP_STABLE) || props & PROP_MAP_TO_NOTHING) return NEEDS_FULL_PIPELINE;
    if (caseFold && props & PROP_HAS_CASE_MAP) {
      if (!(props & PROP_SIMPLE_CASE_MAP)) return NEEDS_FULL_PIPELINE;
      cp = poolCodePoint(recordOf(cp) + 1);
      props = propsOf(cp);
      changed = true;
    }
    note(cp, props);
    written = writeUtf16(outputPtr, cp, written);
  }
  const checked = finishChecks(flags);
  if (checked < 0) return checked;
  return changed ? written : RESULT_UNCHANGED;
}

/** Decodes the input and applies the mapping step, decomposing as it goes. */
function mapAndDecompose(profile: i32, units: i32): i32 {
  const caseFold = profile == PROFILE_NAMEPREP || profile == PROFILE_NODEPREP;
  const spaceToSpace = profile == PROFILE_SASLPREP;
  count = 0;
  if (codePointsCapacity < units) growCodePoints(units);
  for (let i = 0; i < units; i += decodedUnits) {
    const cp = decodeAt(inputPtr, i, units);
    if (decodedUnits == 0) return fail(ERROR_LONE_SURROGATE, cp);
    const props = propsOf(cp);
    // RFC 4013 §2.1 lists the space mapping first: U+200B (C.1.2 and B.1) becomes a space.
    if (spaceToSpace && props & PROP_C12) push(0x20, propsOf(0x20));
    else if (props & PROP_MAP_TO_NOTHING) continue;
    else if (caseFold && props & PROP_HAS_CASE_MAP) pushCaseMapped(cp);
    else pushDecomposed(cp, props);
  }
  return 0;
}

/** Checks the normalized code points and writes them as UTF-16; RESULT_UNCHANGED when they equal the input. */
function checkAndEncode(profile: i32, flags: i32, units: i32): i32 {
  ensureOutputCapacity(count * 2);
  startChecks(profile);
  let written = 0;
  for (let i = 0; i < count; i++) {
    const cp = codePointAt(i);
    note(cp, propsAt(i));
    written = writeUtf16(outputPtr, cp, written);
  }
  const checked = finishChecks(flags);
  if (checked < 0) return checked;
  if (written == units && memory.compare(outputPtr, inputPtr, <usize>units << 1) == 0) return RESULT_UNCHANGED;
  return written;
}

/** Prepares the `units` UTF-16 code units at reserveInput()'s pointer with a profile. */
export function prepare(profile: i32, flags: i32, units: i32): i32 {
  const quick = prepareStable(profile, flags, units);
  if (quick != NEEDS_FULL_PIPELINE) return quick;
  const mapped = mapAndDecompose(profile, units);
  if (mapped < 0) return mapped;
  reorder();
  compose();
  return checkAndEncode(profile, flags, units);
}

// ---------------------------------------------------------------- classes for the host's fast path

export const CLASS_KEEP: i32 = 0;
export const CLASS_LOWERCASE: i32 = 1; // B.2 maps it to cp + 0x20, as String.prototype.toLowerCase does below U+0100
export const CLASS_PROHIBITED: i32 = 2;
export const CLASS_COMPLEX: i32 = 3; // needs prepare(): mapping, normalization, bidi or unassigned

/**
 * How a profile treats a code point in any context, for hosts that prepare strings of simple
 * characters themselves: only STABLE ones qualify, so neighbours never change the result.
 */
export function fastPathClass(profile: i32, cp: i32): i32 {
  const props = propsOf(<u32>cp);
  if (!(props & PROP_STABLE) || props & (PROP_MAP_TO_NOTHING | PROP_RANDAL | PROP_UNASSIGNED)) return CLASS_COMPLEX;
  if (profile == PROFILE_SASLPREP && props & PROP_C12) return CLASS_COMPLEX;
  const caseFold = profile == PROFILE_NAMEPREP || profile == PROFILE_NODEPREP;
  if (caseFold && props & PROP_HAS_CASE_MAP) {
    if (!(props & PROP_SIMPLE_CASE_MAP) || poolCodePoint(recordOf(<u32>cp) + 1) != <u32>cp + 0x20) return CLASS_COMPLEX;
    return propsOf(<u32>cp + 0x20) & prohibitedMask(profile) ? CLASS_COMPLEX : CLASS_LOWERCASE;
  }
  return props & prohibitedMask(profile) ? CLASS_PROHIBITED : CLASS_KEEP;
}

// ---------------------------------------------------------------- table access for tests

/** The property word of a code point (ccc and PROP_* flags). */
export function propertyWord(cp: i32): u32 {
  return propsOf(<u32>cp);
}

/** Drops the property words so that codePointsPointer() shows the code points as a u32 array. */
function packCodePoints(): i32 {
  for (let i = 0; i < count; i++) store<u32>(codePointsPtr + (<usize>i << 2), codePointAt(i));
  return count;
}

/** Writes cp's B.2 case mapping into the code point buffer; returns its length (0 = none). */
export function caseMappingOf(cp: i32): i32 {
  count = 0;
  if (codePointsCapacity < 32) growCodePoints(32);
  if (!(propsOf(<u32>cp) & PROP_HAS_CASE_MAP)) return 0;
  let offset = recordOf(<u32>cp);
  const header = poolUnit(offset++);
  for (let i: u32 = 0, n = caseMapLength(header); i < n; i++) {
    const mapped = poolCodePoint(offset);
    offset += poolCodePointWidth(mapped);
    push(mapped, 0);
  }
  return packCodePoints();
}

/** Writes cp's full compatibility decomposition (NFKD) into the code point buffer; returns its length. */
export function decompositionOf(cp: i32): i32 {
  count = 0;
  if (codePointsCapacity < 32) growCodePoints(32);
  pushDecomposed(<u32>cp, propsOf(<u32>cp));
  return packCodePoints();
}

/** The primary composite of two code points, or -1. */
export function compositeOf(first: i32, second: i32): i32 {
  return composePair(<u32>first, propsOf(<u32>first), <u32>second, propsOf(<u32>second));
}

export function codePointsPointer(): usize {
  return codePointsPtr;
}
