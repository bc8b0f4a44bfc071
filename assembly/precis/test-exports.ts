// The entry of build/test/precis.wasm, which only the tests load: the generated tables read back
// code point by code point. Kept out of build/precis.wasm, which exports the protocol of
// contract.ts alone.
import { propsOf, recordOf, poolCodePoint, fieldLength, fieldOffset } from './tables';
import { composePair } from './composition';
import { allocate } from '../unicode/memory';

// Where mappingOf() writes: a mapping is a few code points (the longest, NFKD of U+FDFA, is 18).
const MAPPING_CAPACITY = 32;
const mapping: usize = allocate(MAPPING_CAPACITY << 2);

/** The low (fields) and high (flags) halves of a code point's property word. */
export function propertyLow(cp: i32): u32 {
  return <u32>propsOf(<u32>cp);
}
export function propertyHigh(cp: i32): u32 {
  return <u32>(propsOf(<u32>cp) >> 32);
}

/** Writes a record field of cp (0 lower, 1 width, 2 NFD, 3 NFKD, 4 domain) as u32s at codePointsPointer(); returns its length. */
export function mappingOf(cp: i32, field: i32): i32 {
  const record = recordOf(<u32>cp);
  if (record == 0) return 0;
  let offset = fieldOffset(record, field);
  const n = min(<i32>fieldLength(record, field), MAPPING_CAPACITY);
  for (let i = 0; i < n; i++) {
    const mapped = poolCodePoint(offset);
    offset += mapped > 0xffff ? 2 : 1;
    store<u32>(mapping + (<usize>i << 2), mapped);
  }
  return n;
}

/** The primary composite of two code points, or -1. */
export function compositeOf(first: i32, second: i32): i32 {
  return composePair(<u32>first, propsOf(<u32>first), <u32>second, propsOf(<u32>second));
}

export function codePointsPointer(): usize {
  return mapping;
}
