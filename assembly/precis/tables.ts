// Lookups into the generated Unicode 17.0 tables (see tools/gen-precis-tables.mjs for the layout).
import {
  PROPS_INNER_SHIFT,
  PROPS_OUTER_SHIFT,
  PROP_LEAVES_WIDE,
  RECORDS_INNER_SHIFT,
  RECORDS_OUTER_SHIFT,
  PROP_WORDS,
  PROP_TOP,
  PROP_MIDDLE,
  PROP_LEAVES,
  RECORD_TOP,
  RECORD_MIDDLE,
  RECORD_LEAVES,
  RECORD_POOL,
  FIELD_CCC_MASK,
  FIELD_CLASS_SHIFT,
  FIELD_BIDI_SHIFT,
  FIELD_JOINING_SHIFT,
  FIELD_SCRIPT_SHIFT,
} from './tables.generated';
import { poolCodePointIn } from '../unicode/memory';

export * from './tables.generated';

/** The property word of a code point (< 0x110000): fields in the low half, FLAG_* in the high half. */
// @ts-ignore: decorator
@inline
export function propsOf(cp: u32): u64 {
  const middle = <u32>load<u8>(PROP_TOP + (cp >> (PROPS_INNER_SHIFT + PROPS_OUTER_SHIFT)));
  const leaf = <u32>(
    load<u16>(PROP_MIDDLE + (<usize>((middle << PROPS_OUTER_SHIFT) | ((cp >> PROPS_INNER_SHIFT) & ((1 << PROPS_OUTER_SHIFT) - 1))) << 1))
  );
  const at = (leaf << PROPS_INNER_SHIFT) | (cp & ((1 << PROPS_INNER_SHIFT) - 1));
  const index = PROP_LEAVES_WIDE ? <u32>load<u16>(PROP_LEAVES + (<usize>at << 1)) : <u32>load<u8>(PROP_LEAVES + at);
  return load<u64>(PROP_WORDS + (<usize>index << 3));
}

// @ts-ignore: decorator
@inline
export function hasFlag(word: u64, flag: u32): bool {
  return (<u32>(word >> 32) & flag) != 0;
}

// @ts-ignore: decorator
@inline
export function cccOf(word: u64): u32 {
  return <u32>word & FIELD_CCC_MASK;
}

// @ts-ignore: decorator
@inline
export function classOf(word: u64): u32 {
  return (<u32>word >> FIELD_CLASS_SHIFT) & 7;
}

// @ts-ignore: decorator
@inline
export function bidiOf(word: u64): u32 {
  return (<u32>word >> FIELD_BIDI_SHIFT) & 15;
}

// @ts-ignore: decorator
@inline
export function joiningOf(word: u64): u32 {
  return (<u32>word >> FIELD_JOINING_SHIFT) & 7;
}

// @ts-ignore: decorator
@inline
export function scriptOf(word: u64): u32 {
  return (<u32>word >> FIELD_SCRIPT_SHIFT) & 3;
}

/** Offset (in u16 units) of the code point's record in RECORD_POOL; 0 when it has none. */
// @ts-ignore: decorator
@inline
export function recordOf(cp: u32): u32 {
  const middle = <u32>load<u8>(RECORD_TOP + (cp >> (RECORDS_INNER_SHIFT + RECORDS_OUTER_SHIFT)));
  const leafAndBase = load<u32>(
    RECORD_MIDDLE + (<usize>((middle << RECORDS_OUTER_SHIFT) | ((cp >> RECORDS_INNER_SHIFT) & ((1 << RECORDS_OUTER_SHIFT) - 1))) << 2),
  );
  const relative = <u32>load<u8>(RECORD_LEAVES + (((leafAndBase >> 16) << RECORDS_INNER_SHIFT) | (cp & ((1 << RECORDS_INNER_SHIFT) - 1))));
  return relative ? (leafAndBase & 0xffff) + relative - 1 : 0;
}

// @ts-ignore: decorator
@inline
export function poolUnit(offset: u32): u32 {
  return <u32>load<u16>(RECORD_POOL + (<usize>offset << 1));
}

/** Reads the code point at `offset` in the pool. */
// @ts-ignore: decorator
@inline
export function poolCodePoint(offset: u32): u32 {
  return poolCodePointIn(RECORD_POOL, offset);
}

/** Skips `n` code points of the pool from `offset`. */
export function skipCodePoints(offset: u32, n: u32): u32 {
  for (let i: u32 = 0; i < n; i++) offset += poolCodePoint(offset) > 0xffff ? 2 : 1;
  return offset;
}

// Record fields, in order after the two header units.
export const FIELD_LOWER: u32 = 0;
export const FIELD_WIDTH: u32 = 1;
export const FIELD_NFD: u32 = 2;
export const FIELD_NFKD: u32 = 3;
export const FIELD_DOMAIN: u32 = 4;
export const FIELD_PAIRS: u32 = 5;

/** Number of code points in a record field (pairs: number of (second, composite) pairs). */
export function fieldLength(record: u32, field: u32): u32 {
  const header = poolUnit(record);
  if (field == FIELD_LOWER) return header & 3;
  if (field == FIELD_WIDTH) return (header >> 2) & 1;
  if (field == FIELD_NFD) return (header >> 3) & 7;
  if (field == FIELD_NFKD) return (header >> 6) & 31;
  if (field == FIELD_DOMAIN) return header >> 11;
  return poolUnit(record + 1) & 0x7fff;
}

/** Pool offset of a field of the record at `record`. */
export function fieldOffset(record: u32, field: u32): u32 {
  let offset = record + 2;
  for (let f: u32 = 0; f < field; f++) offset = skipCodePoints(offset, fieldLength(record, f));
  return offset;
}
