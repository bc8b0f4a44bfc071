// Lookups into the generated Unicode 3.2 tables (see tools/gen-stringprep-tables.mjs for the layout).
import {
  PROPS_INNER_SHIFT,
  PROPS_OUTER_SHIFT,
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
} from './tables.generated';
import { poolCodePointIn } from '../unicode/memory';

export * from './tables.generated';

/** The property word of a code point (< 0x110000): ccc in the low byte, PROP_* flags above. */
// @ts-ignore: decorator
@inline
export function propsOf(cp: u32): u32 {
  const middle = <u32>load<u8>(PROP_TOP + (cp >> (PROPS_INNER_SHIFT + PROPS_OUTER_SHIFT)));
  const leaf = <u32>load<u16>(PROP_MIDDLE + (<usize>((middle << PROPS_OUTER_SHIFT) | ((cp >> PROPS_INNER_SHIFT) & ((1 << PROPS_OUTER_SHIFT) - 1))) << 1));
  const index = <u32>load<u8>(PROP_LEAVES + ((leaf << PROPS_INNER_SHIFT) | (cp & ((1 << PROPS_INNER_SHIFT) - 1))));
  return load<u32>(PROP_WORDS + (<usize>index << 2));
}

/** Offset (in u16 units) of the code point's record in RECORD_POOL; 0 when it has none. */
// @ts-ignore: decorator
@inline
export function recordOf(cp: u32): u32 {
  const middle = <u32>load<u8>(RECORD_TOP + (cp >> (RECORDS_INNER_SHIFT + RECORDS_OUTER_SHIFT)));
  const leafAndBase = load<u32>(RECORD_MIDDLE + (<usize>((middle << RECORDS_OUTER_SHIFT) | ((cp >> RECORDS_INNER_SHIFT) & ((1 << RECORDS_OUTER_SHIFT) - 1))) << 2));
  const relative = <u32>load<u8>(RECORD_LEAVES + (((leafAndBase >> 16) << RECORDS_INNER_SHIFT) | (cp & ((1 << RECORDS_INNER_SHIFT) - 1))));
  return relative ? (leafAndBase & 0xffff) + relative - 1 : 0;
}

// @ts-ignore: decorator
@inline
export function poolUnit(offset: u32): u32 {
  return <u32>load<u16>(RECORD_POOL + (<usize>offset << 1));
}

/** Reads the code point at `offset` in the pool (astral ones are stored as surrogate pairs). */
// @ts-ignore: decorator
@inline
export function poolCodePoint(offset: u32): u32 {
  return poolCodePointIn(RECORD_POOL, offset);
}

// @ts-ignore: decorator
@inline
export function poolCodePointWidth(cp: u32): u32 {
  return cp > 0xffff ? 2 : 1;
}

// Record header fields.
// @ts-ignore: decorator
@inline
export function caseMapLength(header: u32): u32 {
  return header & 7;
}
// @ts-ignore: decorator
@inline
export function decompositionLength(header: u32): u32 {
  return (header >> 3) & 31;
}
// @ts-ignore: decorator
@inline
export function compositionCount(header: u32): u32 {
  return header >> 8;
}
