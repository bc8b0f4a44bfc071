// RFC 3454 stringprep for the XMPP profiles (Nameprep, Nodeprep, Resourceprep) and SASLprep,
// exact to Unicode 3.2: the entry of build/stringprep.wasm, whose exports are the protocol of
// contract.ts (reserveInput, prepare, outputPointer, errorCodePoint, fastPathClass) and nothing
// else. No GC runtime: three buffers in linear memory (UTF-16 input, code points being prepared,
// UTF-16 output), grown on demand with a bump allocator.
import {
  propsOf,
  recordOf,
  poolCodePoint,
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
  PROP_STABLE,
  PROP_SIMPLE_CASE_MAP,
} from './tables';
import {
  PROFILE_NAMEPREP,
  PROFILE_NODEPREP,
  PROFILE_SASLPREP,
  FLAG_STORED,
  RESULT_UNCHANGED,
  ERROR_PROHIBITED,
  ERROR_BIDI,
  ERROR_UNASSIGNED,
  ERROR_LONE_SURROGATE,
  CLASS_KEEP,
  CLASS_LOWERCASE,
  CLASS_PROHIBITED,
  CLASS_COMPLEX,
} from './contract';
import {
  clearCodePoints,
  codePointCount,
  codePointAt,
  propsAt,
  push,
  pushDecomposed,
  pushCaseMapped,
  reorder,
  compose,
} from './code-points';
import { allocate, roundCapacity, decodeAt, decodedUnits, writeUtf16 } from '../unicode/memory';

// ---------------------------------------------------------------- input and output buffers

// Old buffers are abandoned when a larger one is needed; capacities double, so the waste is
// bounded by the largest string ever prepared.
let inputPtr: usize = 0;
let inputCapacity: i32 = 0;
let outputPtr: usize = 0;
let outputCapacity: i32 = 0;
let errorCp: i32 = 0;

/** Pointer where the host writes `units` UTF-16 code units before calling prepare(). */
export function reserveInput(units: i32): usize {
  if (units > inputCapacity) {
    inputCapacity = roundCapacity(units);
    inputPtr = allocate(<usize>inputCapacity << 1);
  }
  return inputPtr;
}

/** Where the last prepare() wrote its output (UTF-16). */
export function outputPointer(): usize {
  return outputPtr;
}

/** The code point that made the last prepare() fail. */
export function errorCodePoint(): i32 {
  return errorCp;
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
  clearCodePoints(units);
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
  const count = codePointCount();
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
