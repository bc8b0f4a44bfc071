// PRECIS (RFC 8264) with the profiles of RFC 8265 and RFC 8266, and the domain labels of
// RFC 7622 §3.2 (IDNA2008 validity after the UTS #46 mapping), all from Unicode 17.0 tables.
// No GC runtime: linear-memory buffers grown on demand with a bump allocator.
//
// The entry of build/precis.wasm: its exports are the protocol of contract.ts (reserveInput,
// enforce, outputPointer, errorCodePoint, hadRightToLeft, fastPathClass) and nothing else.
import {
  propsOf,
  hasFlag,
  cccOf,
  classOf,
  bidiOf,
  joiningOf,
  scriptOf,
  recordOf,
  poolCodePoint,
  fieldLength,
  fieldOffset,
  FIELD_LOWER,
  FIELD_WIDTH,
  FIELD_NFD,
  FIELD_NFKD,
  FIELD_DOMAIN,
  CLASS_PVALID,
  CLASS_FREE_PVAL,
  CLASS_CONTEXTJ,
  CLASS_CONTEXTO,
  FLAG_HAS_LOWER,
  FLAG_WIDTH_MAP,
  FLAG_NON_ASCII_SPACE,
  FLAG_HAS_NFD,
  FLAG_HAS_NFKD,
  FLAG_HAS_DOMAIN_MAP,
  FLAG_NFC_STABLE,
  FLAG_NFKC_STABLE,
  FLAG_CASED,
  FLAG_CASE_IGNORABLE,
  FLAG_IDNA_PVALID,
  FLAG_MARK,
  FLAG_SIMPLE_LOWER,
  BIDI_L,
  BIDI_AN,
  JOINING_D,
  JOINING_L,
  JOINING_R,
  JOINING_T,
  SCRIPT_GREEK,
  SCRIPT_HEBREW,
  SCRIPT_HIRAGANA_KATAKANA_HAN,
} from './tables';
import {
  PROFILE_IDENTIFIER_CLASS,
  PROFILE_FREEFORM_CLASS,
  PROFILE_USERNAME_CASE_MAPPED,
  PROFILE_USERNAME_CASE_PRESERVED,
  PROFILE_OPAQUE_STRING,
  PROFILE_NICKNAME_CASE_MAPPED,
  PROFILE_NICKNAME_CASE_PRESERVED,
  DOMAIN_LABEL_PROFILE,
  FLAG_PREPARE,
  FLAG_FORCE_BIDI,
  RESULT_UNCHANGED,
  ERROR_DISALLOWED,
  ERROR_EMPTY,
  ERROR_BIDI,
  ERROR_CONTEXT,
  ERROR_UNSTABLE,
  DOMAIN_LABEL_ERROR_LEADING_MARK,
  FAST_KEEP,
  FAST_LOWERCASE,
  FAST_DISALLOWED,
  FAST_SPACE,
  FAST_COMPLEX,
} from './contract';
import { composePair } from './composition';
import { checkBidiRule, hasRightToLeft } from './bidi';
import { allocate, roundCapacity, decodeAt, decodedUnits, writeUtf16 } from '../unicode/memory';
import { S_BASE, L_BASE, V_BASE, T_BASE, T_COUNT, N_COUNT, S_COUNT } from '../unicode/hangul';

const NORMALIZE_NONE: i32 = 0;
const NORMALIZE_NFC: i32 = 1;
const NORMALIZE_NFKC: i32 = 2;

/** RFC 8265 §4.3, RFC 8266 §2.4: reject a string that does not stabilize after four applications. */
const MAX_PASSES = 4;

// ---------------------------------------------------------------- memory management

// Old buffers are abandoned when a larger one is needed; capacities double, so the waste is
// bounded by the largest string ever enforced. Two output buffers take turns between passes.
let inputPtr: usize = 0;
let inputCapacity: i32 = 0;
let outputA: usize = 0;
let outputACapacity: i32 = 0;
let outputB: usize = 0;
let outputBCapacity: i32 = 0;
let lastOutput: usize = 0;
// Code point buffer: 16 bytes per entry, the code point and its property word.
let codePointsPtr: usize = 0;
let codePointsCapacity: i32 = 0;
let count: i32 = 0;
let errorCp: i32 = 0;

/** Pointer where the host writes `units` UTF-16 code units before calling enforce(). */
export function reserveInput(units: i32): usize {
  if (units > inputCapacity) {
    inputCapacity = roundCapacity(units);
    inputPtr = allocate(<usize>inputCapacity << 1);
  }
  return inputPtr;
}

export function outputPointer(): usize {
  return lastOutput;
}

/** The code point that made the last enforce() fail. */
export function errorCodePoint(): i32 {
  return errorCp;
}

function outputBuffer(which: i32, units: i32): usize {
  if (which == 0) {
    if (outputACapacity < units) {
      outputACapacity = roundCapacity(units);
      outputA = allocate(<usize>outputACapacity << 1);
    }
    return outputA;
  }
  if (outputBCapacity < units) {
    outputBCapacity = roundCapacity(units);
    outputB = allocate(<usize>outputBCapacity << 1);
  }
  return outputB;
}

function growCodePoints(minimum: i32): void {
  const capacity = roundCapacity(minimum);
  const ptr = allocate(<usize>capacity << 4);
  memory.copy(ptr, codePointsPtr, <usize>count << 4);
  codePointsPtr = ptr;
  codePointsCapacity = capacity;
}

// @ts-ignore: decorator
@inline
function codePointAt(i: i32): u32 {
  return load<u32>(codePointsPtr + (<usize>i << 4));
}

// @ts-ignore: decorator
@inline
function propsAt(i: i32): u64 {
  return load<u64>(codePointsPtr + (<usize>i << 4), 8);
}

// @ts-ignore: decorator
@inline
function setEntry(i: i32, cp: u32, props: u64): void {
  const at = codePointsPtr + (<usize>i << 4);
  store<u32>(at, cp);
  store<u64>(at, props, 8);
}

function push(cp: u32, props: u64): void {
  if (count == codePointsCapacity) growCodePoints(count + 1);
  setEntry(count++, cp, props);
}

function fail(code: i32, cp: u32): i32 {
  errorCp = <i32>cp;
  return code;
}

// ---------------------------------------------------------------- UTF-16

let unitsBefore: i32 = 1;

/** The code point that ends just before unit `i` of `src`; unitsBefore says how many units it took. */
function decodeBefore(src: usize, i: i32): u32 {
  const unit = <u32>load<u16>(src + (<usize>(i - 1) << 1));
  unitsBefore = 1;
  if ((unit & 0xfc00) == 0xdc00 && i >= 2) {
    const high = <u32>load<u16>(src + (<usize>(i - 2) << 1));
    if ((high & 0xfc00) == 0xd800) {
      unitsBefore = 2;
      return 0x10000 + ((high - 0xd800) << 10) + (unit - 0xdc00);
    }
  }
  return unit;
}

// ---------------------------------------------------------------- normalization

/** Appends cp decomposed as the normalization form asks (Hangul syllables by algorithm). */
function pushDecomposed(cp: u32, props: u64, form: i32): void {
  if (form != NORMALIZE_NONE) {
    const compatibility = form == NORMALIZE_NFKC && hasFlag(props, FLAG_HAS_NFKD);
    if (compatibility || hasFlag(props, FLAG_HAS_NFD)) {
      const field = compatibility ? FIELD_NFKD : FIELD_NFD;
      const record = recordOf(cp);
      let offset = fieldOffset(record, field);
      for (let i: u32 = 0, n = fieldLength(record, field); i < n; i++) {
        const part = poolCodePoint(offset);
        offset += part > 0xffff ? 2 : 1;
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
  }
  push(cp, props);
}

/** Appends a record field of cp (a mapping), each code point decomposed. */
function pushMapped(cp: u32, field: u32, form: i32): void {
  const record = recordOf(cp);
  let offset = fieldOffset(record, field);
  for (let i: u32 = 0, n = fieldLength(record, field); i < n; i++) {
    const mapped = poolCodePoint(offset);
    offset += mapped > 0xffff ? 2 : 1;
    pushDecomposed(mapped, propsOf(mapped), form);
  }
}

/** Canonical ordering: stable sort of each run of non-starters by combining class. */
function reorder(): void {
  for (let i = 1; i < count; i++) {
    const cp = codePointAt(i);
    const props = propsAt(i);
    const ccc = cccOf(props);
    if (ccc == 0) continue;
    let j = i;
    while (j > 0) {
      const beforeProps = propsAt(j - 1);
      if (cccOf(beforeProps) <= ccc) break; // includes starters (0)
      setEntry(j, codePointAt(j - 1), beforeProps);
      j--;
    }
    setEntry(j, cp, props);
  }
}

/** Canonical composition (UAX #15): a character composes with the last starter unless blocked. */
function compose(): void {
  if (count == 0) return;
  let starterAt = 0;
  let starter = codePointAt(0);
  let starterProps = propsAt(0);
  // A leading non-starter has no starter to compose with: everything after it is blocked until
  // the next starter.
  let lastCcc: u32 = cccOf(starterProps) ? 256 : 0;
  let written = 1;
  for (let i = 1; i < count; i++) {
    const cp = codePointAt(i);
    const props = propsAt(i);
    const ccc = cccOf(props);
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

// ---------------------------------------------------------------- mapping

/** Unicode's Final_Sigma: a cased letter (and case-ignorables) before, none after. */
function isFinalSigma(src: usize, at: i32, units: i32): bool {
  let i = at;
  let cased = false;
  while (i > 0) {
    const cp = decodeBefore(src, i);
    i -= unitsBefore;
    const props = propsOf(cp);
    if (hasFlag(props, FLAG_CASE_IGNORABLE)) continue;
    cased = hasFlag(props, FLAG_CASED);
    break;
  }
  if (!cased) return false;
  for (let j = at + 1; j < units; ) {
    const cp = decodeAt(src, j, units);
    j += decodedUnits > 0 ? decodedUnits : 1;
    const props = propsOf(cp);
    if (hasFlag(props, FLAG_CASE_IGNORABLE)) continue;
    return !hasFlag(props, FLAG_CASED);
  }
  return true;
}

/** Collapses runs of U+0020 into one and removes them at both ends (RFC 8266 §2.1). */
function collapseSpaces(): void {
  let written = 0;
  for (let i = 0; i < count; i++) {
    const cp = codePointAt(i);
    if (cp == 0x20 && (written == 0 || codePointAt(written - 1) == 0x20)) continue;
    setEntry(written++, cp, propsAt(i));
  }
  if (written > 0 && codePointAt(written - 1) == 0x20) written--;
  count = written;
}

function normalizationOf(profile: i32, flags: i32): i32 {
  if (flags & FLAG_PREPARE || profile <= PROFILE_FREEFORM_CLASS) return NORMALIZE_NONE;
  if (profile == PROFILE_NICKNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_PRESERVED) return NORMALIZE_NFKC;
  return NORMALIZE_NFC;
}

/** Decodes `units` of `src` and applies the profile's mappings, decomposing as it goes. */
function mapAndDecompose(profile: i32, flags: i32, src: usize, units: i32): i32 {
  const enforcing = !(flags & FLAG_PREPARE);
  const widthMap = profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_USERNAME_CASE_PRESERVED;
  const nickname = profile == PROFILE_NICKNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_PRESERVED;
  const spaceMap = enforcing && (profile == PROFILE_OPAQUE_STRING || nickname);
  const lower = enforcing && (profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_MAPPED);
  const domain = profile == DOMAIN_LABEL_PROFILE;
  const form = normalizationOf(profile, flags);
  count = 0;
  if (codePointsCapacity < units) growCodePoints(units);
  for (let i = 0; i < units; ) {
    let cp = decodeAt(src, i, units);
    const at = i;
    if (decodedUnits == 0) return fail(ERROR_DISALLOWED, cp);
    i += decodedUnits;
    let props = propsOf(cp);
    if (widthMap && hasFlag(props, FLAG_WIDTH_MAP)) {
      cp = poolCodePoint(fieldOffset(recordOf(cp), FIELD_WIDTH));
      props = propsOf(cp);
    }
    if (spaceMap && hasFlag(props, FLAG_NON_ASCII_SPACE)) {
      cp = 0x20;
      props = propsOf(cp);
    }
    if (domain && hasFlag(props, FLAG_HAS_DOMAIN_MAP)) pushMapped(cp, FIELD_DOMAIN, form);
    else if (lower && cp == 0x3a3 && isFinalSigma(src, at, units)) pushDecomposed(0x3c2, propsOf(0x3c2), form);
    else if (lower && hasFlag(props, FLAG_HAS_LOWER)) pushMapped(cp, FIELD_LOWER, form);
    else pushDecomposed(cp, props, form);
  }
  if (nickname && enforcing) collapseSpaces();
  if (form != NORMALIZE_NONE) {
    reorder();
    compose();
  }
  return 0;
}

// ---------------------------------------------------------------- validity

function anyCodePointIn(first: u32, last: u32): bool {
  for (let i = 0; i < count; i++) {
    const cp = codePointAt(i);
    if (cp >= first && cp <= last) return true;
  }
  return false;
}

/** The ZWNJ rule's regular expression (RFC 5892 A.1): (L|D) T* ZWNJ T* (R|D). */
function joinsAroundZwnj(i: i32): bool {
  let j = i - 1;
  while (j >= 0 && joiningOf(propsAt(j)) == JOINING_T) j--;
  if (j < 0) return false;
  const before = joiningOf(propsAt(j));
  if (before != JOINING_L && before != JOINING_D) return false;
  let k = i + 1;
  while (k < count && joiningOf(propsAt(k)) == JOINING_T) k++;
  if (k >= count) return false;
  const after = joiningOf(propsAt(k));
  return after == JOINING_R || after == JOINING_D;
}

const VIRAMA: u32 = 9; // the canonical combining class of viramas

/** The contextual rules of RFC 5892 Appendix A for the code point at `i`. */
function contextAllows(i: i32): bool {
  const cp = codePointAt(i);
  const hasBefore = i > 0;
  const hasAfter = i + 1 < count;
  if (cp == 0x200c) return (hasBefore && cccOf(propsAt(i - 1)) == VIRAMA) || joinsAroundZwnj(i);
  if (cp == 0x200d) return hasBefore && cccOf(propsAt(i - 1)) == VIRAMA;
  if (cp == 0x00b7) return hasBefore && hasAfter && codePointAt(i - 1) == 0x6c && codePointAt(i + 1) == 0x6c;
  if (cp == 0x0375) return hasAfter && scriptOf(propsAt(i + 1)) == SCRIPT_GREEK;
  if (cp == 0x05f3 || cp == 0x05f4) return hasBefore && scriptOf(propsAt(i - 1)) == SCRIPT_HEBREW;
  if (cp == 0x30fb) {
    for (let j = 0; j < count; j++) if (scriptOf(propsAt(j)) == SCRIPT_HIRAGANA_KATAKANA_HAN) return true;
    return false;
  }
  if (cp >= 0x0660 && cp <= 0x0669) return !anyCodePointIn(0x06f0, 0x06f9);
  if (cp >= 0x06f0 && cp <= 0x06f9) return !anyCodePointIn(0x0660, 0x0669);
  return false;
}

/** Whether the code point at `i` belongs to the profile's class (contexts included). */
function checkClass(profile: i32): i32 {
  for (let i = 0; i < count; i++) {
    const props = propsAt(i);
    const kind = classOf(props);
    if (kind == CLASS_CONTEXTJ || kind == CLASS_CONTEXTO) {
      if (!contextAllows(i)) return fail(ERROR_CONTEXT, codePointAt(i));
      continue;
    }
    let allowed: bool;
    if (profile == DOMAIN_LABEL_PROFILE) allowed = hasFlag(props, FLAG_IDNA_PVALID);
    else if (profile == PROFILE_IDENTIFIER_CLASS || profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_USERNAME_CASE_PRESERVED) {
      allowed = kind == CLASS_PVALID;
    } else allowed = kind == CLASS_PVALID || kind == CLASS_FREE_PVAL;
    if (!allowed) return fail(ERROR_DISALLOWED, codePointAt(i));
  }
  return 0;
}

let rightToLeft = false;

/** Whether the last enforced domain label had a right-to-left code point (R, AL or AN). */
export function hadRightToLeft(): bool {
  return rightToLeft;
}

function checkOutput(profile: i32, flags: i32): i32 {
  const checked = checkClass(profile);
  if (checked < 0) return checked;
  if (flags & FLAG_PREPARE) return count == 0 ? fail(ERROR_EMPTY, 0) : 0;
  const bidiProfile = profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_USERNAME_CASE_PRESERVED || profile == DOMAIN_LABEL_PROFILE;
  if (bidiProfile) {
    rightToLeft = hasRightToLeft(codePointsPtr, count);
    if (rightToLeft || flags & FLAG_FORCE_BIDI) {
      const offender = checkBidiRule(codePointsPtr, count);
      if (offender >= 0) return fail(ERROR_BIDI, <u32>offender);
    }
  }
  if (profile == DOMAIN_LABEL_PROFILE && count > 0 && hasFlag(propsAt(0), FLAG_MARK)) return fail(DOMAIN_LABEL_ERROR_LEADING_MARK, codePointAt(0));
  return count == 0 ? fail(ERROR_EMPTY, 0) : 0;
}

// ---------------------------------------------------------------- enforcement

/** One application of the profile's rules from `src` into output buffer `which`; its length or an error. */
function applyOnce(profile: i32, flags: i32, src: usize, units: i32, which: i32): i32 {
  const mapped = mapAndDecompose(profile, flags, src, units);
  if (mapped < 0) return mapped;
  const checked = checkOutput(profile, flags);
  if (checked < 0) return checked;
  const out = outputBuffer(which, count * 2);
  let written = 0;
  for (let i = 0; i < count; i++) written = writeUtf16(out, codePointAt(i), written);
  lastOutput = out;
  return written;
}

/** Enforces (or, with FLAG_PREPARE, prepares) the `units` code units at reserveInput()'s pointer. */
export function enforce(profile: i32, flags: i32, units: i32): i32 {
  const quick = enforceStable(profile, flags, units);
  if (quick != NEEDS_FULL_PIPELINE) return quick;
  let src = inputPtr;
  let length = units;
  // Only the nickname rules can expose more to map (NFKC after case mapping, spaces after NFKC);
  // one application of the others is idempotent.
  const passes = profile == PROFILE_NICKNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_PRESERVED ? MAX_PASSES : 1;
  for (let pass = 0; pass < passes; pass++) {
    const written = applyOnce(profile, flags, src, length, pass & 1);
    if (written < 0) return written;
    if (written == length && memory.compare(lastOutput, src, <usize>length << 1) == 0) {
      return pass == 0 ? RESULT_UNCHANGED : written;
    }
    if (passes == 1) return written;
    src = lastOutput;
    length = written;
  }
  return fail(ERROR_UNSTABLE, 0);
}

// ---------------------------------------------------------------- one-pass path

const NEEDS_FULL_PIPELINE: i32 = -100;

/**
 * The common case in one pass: every code point is stable under the profile's normalization
 * (after a simple lowercase mapping) and needs no other mapping, so normalization is the
 * identity. Returns NEEDS_FULL_PIPELINE as soon as a code point could interact with its
 * neighbours or the profile's rules need more than this.
 */
function enforceStable(profile: i32, flags: i32, units: i32): i32 {
  if (profile == PROFILE_NICKNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_PRESERVED) return NEEDS_FULL_PIPELINE;
  const enforcing = !(flags & FLAG_PREPARE);
  const lower = enforcing && profile == PROFILE_USERNAME_CASE_MAPPED;
  const mapping = hasMappings(profile, enforcing);
  const stableFlag = profile <= PROFILE_FREEFORM_CLASS || !enforcing ? 0 : FLAG_NFC_STABLE;
  count = 0;
  if (codePointsCapacity < units) growCodePoints(units);
  let changed = false;
  for (let i = 0; i < units; ) {
    let cp = decodeAt(inputPtr, i, units);
    if (decodedUnits == 0) return fail(ERROR_DISALLOWED, cp);
    i += decodedUnits;
    let props = propsOf(cp);
    if (stableFlag && !hasFlag(props, stableFlag)) return NEEDS_FULL_PIPELINE;
    if (hasFlag(props, mapping)) {
      if (!lower || !hasFlag(props, FLAG_SIMPLE_LOWER) || hasFlag(props, mapping & ~FLAG_HAS_LOWER)) return NEEDS_FULL_PIPELINE;
      // Σ lowers to ς at the end of a word (Final_Sigma), else to σ; both are stable.
      cp = cp == 0x3a3 ? (isFinalSigma(inputPtr, i - decodedUnits, units) ? 0x3c2 : 0x3c3) : poolCodePoint(fieldOffset(recordOf(cp), FIELD_LOWER));
      props = propsOf(cp);
      changed = true;
    }
    push(cp, props);
  }
  const checked = checkOutput(profile, flags);
  if (checked < 0) return checked;
  if (!changed) return RESULT_UNCHANGED;
  const out = outputBuffer(0, count * 2);
  let written = 0;
  for (let i = 0; i < count; i++) written = writeUtf16(out, codePointAt(i), written);
  lastOutput = out;
  return written;
}

/** The flags of the code points a profile maps (other than by normalization). */
function hasMappings(profile: i32, enforcing: bool): u32 {
  let flags: u32 = 0;
  if (profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_USERNAME_CASE_PRESERVED) flags |= FLAG_WIDTH_MAP;
  if (enforcing && profile == PROFILE_USERNAME_CASE_MAPPED) flags |= FLAG_HAS_LOWER;
  if (enforcing && profile == PROFILE_OPAQUE_STRING) flags |= FLAG_NON_ASCII_SPACE;
  if (profile == DOMAIN_LABEL_PROFILE) flags |= FLAG_HAS_DOMAIN_MAP;
  return flags;
}

// ---------------------------------------------------------------- classes for the host's fast path


/**
 * How a profile treats a code point below U+0100 in any context, for hosts that enforce strings
 * of such characters themselves (no bidi, no contexts, no normalization, no other mapping).
 */
export function fastPathClass(profile: i32, cp: i32, prepare: bool): i32 {
  const props = propsOf(<u32>cp);
  const kind = classOf(props);
  const enforcing = !prepare;
  const nickname = profile == PROFILE_NICKNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_PRESERVED;
  if (profile == DOMAIN_LABEL_PROFILE || kind == CLASS_CONTEXTJ || kind == CLASS_CONTEXTO) return FAST_COMPLEX;
  if (bidiOf(props) > BIDI_L && bidiOf(props) <= BIDI_AN) return FAST_COMPLEX; // R, AL, AN
  const stable = enforcing && nickname ? FLAG_NFKC_STABLE : FLAG_NFC_STABLE;
  const normalizes = enforcing && profile > PROFILE_FREEFORM_CLASS;
  if (normalizes && !hasFlag(props, stable)) return FAST_COMPLEX;
  const mapping = hasMappings(profile, enforcing) | (enforcing && nickname ? FLAG_NON_ASCII_SPACE : 0);
  const lowers = enforcing && (profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_NICKNAME_CASE_MAPPED);
  const identifier = profile == PROFILE_IDENTIFIER_CLASS || profile == PROFILE_USERNAME_CASE_MAPPED || profile == PROFILE_USERNAME_CASE_PRESERVED;
  if (lowers && hasFlag(props, FLAG_HAS_LOWER)) {
    if (!hasFlag(props, FLAG_SIMPLE_LOWER) || poolCodePoint(fieldOffset(recordOf(<u32>cp), FIELD_LOWER)) != <u32>cp + 0x20) return FAST_COMPLEX;
    return inClass(<u32>cp + 0x20, identifier) ? FAST_LOWERCASE : FAST_COMPLEX;
  }
  if (hasFlag(props, mapping & ~FLAG_HAS_LOWER)) return FAST_COMPLEX;
  if (nickname && enforcing && cp == 0x20) return FAST_SPACE;
  return inClass(<u32>cp, identifier) ? FAST_KEEP : FAST_DISALLOWED;
}

function inClass(cp: u32, identifier: bool): bool {
  const kind = classOf(propsOf(cp));
  return kind == CLASS_PVALID || (kind == CLASS_FREE_PVAL && !identifier);
}
