// End tags: '</' name, optional space, '>'.
import { isSpace } from './chars';
import { scanName } from './qname';
import { symbol } from './symbols';
import { C_NOT_WELL_FORMED, FLAG_COLON, HEAD_FLAGS_SHIFT, KIND_CLOSE, R_BAD_TAG, R_CLOSE_AT_TOP, SF_ROOT_CLOSED } from './contract';
import { emit } from './tape-writer';
import { byteAt, depth, fail, nameHasColon, need, scanEnd, streamFlags, utf16Shift, waitFor } from './window';

/** '</' at p0: an end tag (the binding checks it matches the open element). */
export function endTag(p0: i32): i32 {
  const p = p0 + 2;
  waitFor = 0x3e;
  const start16 = p + utf16Shift;
  const n = scanName(p);
  if (n < 0) return n;
  const colon = nameHasColon;
  const end16 = n + utf16Shift;
  let q = n;
  while (q < scanEnd && isSpace(byteAt(q))) q++;
  if (q >= scanEnd) return need();
  if (byteAt(q) != 0x3e) return fail(C_NOT_WELL_FORMED, R_BAD_TAG, q);
  if (depth == 0) return fail(C_NOT_WELL_FORMED, R_CLOSE_AT_TOP, p0);
  emit(KIND_CLOSE | (colon ? FLAG_COLON << HEAD_FLAGS_SHIFT : 0) | symbol(p, n - p), start16, end16, p0);
  depth--;
  if (depth == 0) streamFlags |= SF_ROOT_CLOSED;
  return q + 1;
}
