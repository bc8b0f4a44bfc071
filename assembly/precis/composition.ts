// Canonical composition of one pair (UAX #15), Hangul syllables by algorithm: used by the
// normalization of index.ts and read back by the tests through test-exports.ts.
import { hasFlag, recordOf, poolCodePoint, fieldLength, fieldOffset, FIELD_PAIRS, FLAG_COMPOSES_FIRST, FLAG_COMPOSES_SECOND } from './tables';
import { composeHangul, NOT_HANGUL } from '../unicode/hangul';

/** The primary composite of (first, second), or -1. */
export function composePair(first: u32, firstProps: u64, second: u32, secondProps: u64): i32 {
  const hangul = composeHangul(first, second);
  if (hangul != NOT_HANGUL) return hangul;
  if (!hasFlag(firstProps, FLAG_COMPOSES_FIRST) || !hasFlag(secondProps, FLAG_COMPOSES_SECOND)) return -1;
  const record = recordOf(first);
  let offset = fieldOffset(record, FIELD_PAIRS);
  for (let i: u32 = 0, n = fieldLength(record, FIELD_PAIRS); i < n; i++) {
    const candidate = poolCodePoint(offset);
    offset += candidate > 0xffff ? 2 : 1;
    const composite = poolCodePoint(offset);
    offset += composite > 0xffff ? 2 : 1;
    if (candidate == second) return <i32>composite;
  }
  return -1;
}
