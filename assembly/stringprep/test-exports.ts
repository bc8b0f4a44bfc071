// The entry of build/test/stringprep.wasm, which only the tests load: the generated tables read
// back code point by code point. Kept out of build/stringprep.wasm, which exports the protocol
// of contract.ts alone.
import { propsOf, recordOf, poolUnit, poolCodePoint, poolCodePointWidth, caseMapLength, PROP_HAS_CASE_MAP } from './tables';
import { clearCodePoints, codePointCount, codePointAt, codePointsAddress, push, pushDecomposed, composePair } from './code-points';

/** The property word of a code point (ccc and PROP_* flags). */
export function propertyWord(cp: i32): u32 {
  return propsOf(<u32>cp);
}

/** Drops the property words so that codePointsPointer() shows the code points as a u32 array. */
function packCodePoints(): i32 {
  const count = codePointCount();
  for (let i = 0; i < count; i++) store<u32>(codePointsAddress() + (<usize>i << 2), codePointAt(i));
  return count;
}

/** Writes cp's B.2 case mapping into the code point buffer; returns its length (0 = none). */
export function caseMappingOf(cp: i32): i32 {
  clearCodePoints(32);
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
  clearCodePoints(32);
  pushDecomposed(<u32>cp, propsOf(<u32>cp));
  return packCodePoints();
}

/** The primary composite of two code points, or -1. */
export function compositeOf(first: i32, second: i32): i32 {
  return composePair(<u32>first, propsOf(<u32>first), <u32>second, propsOf(<u32>second));
}

export function codePointsPointer(): usize {
  return codePointsAddress();
}
