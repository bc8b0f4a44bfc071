// '<!' and '<?': XMPP allows only CDATA sections and, first in a stream, the XML declaration
// (RFC 6120 §11.1 refuses comments, processing instructions and DTDs).
import { isSpace } from './chars';
import { cdata } from './character-data';
import { scanName } from './qname';
import {
  C_NOT_WELL_FORMED, C_RESTRICTED_XML, KIND_XMLDECL, R_BAD_DECL, R_BAD_MARKUP, R_COMMENT, R_DOCTYPE, R_PI,
  R_TEXT_AT_TOP, R_XML_DECL_NOT_FIRST, SF_AT_START, SF_IN_CDATA,
} from './contract';
import { emit } from './tape-writer';
import {
  byteAt, depth, fail, INCOMPLETE, need, needByte, scanEnd, segmentDepth, stopAfterToken, streamFlags, utf16Shift, waitFor,
} from './window';

const CDATA_OPEN = "<![CDATA[";

/** '<!' at p0: a CDATA section, or a comment or DTD declaration (not allowed in XMPP). */
export function markup(p0: i32): i32 {
  const q = p0 + 2;
  if (q >= scanEnd) return need();
  const c = byteAt(q);
  if (c == 0x2d) return fail(C_RESTRICTED_XML, R_COMMENT, p0);
  if (c >= 0x41 && c <= 0x5a) return fail(C_RESTRICTED_XML, R_DOCTYPE, p0);
  if (c != 0x5b) return fail(C_NOT_WELL_FORMED, R_BAD_MARKUP, p0);
  for (let i = 3; i < 9; i++) {
    if (p0 + i >= scanEnd) return need();
    if (byteAt(p0 + i) != <u32>CDATA_OPEN.charCodeAt(i)) return fail(C_NOT_WELL_FORMED, R_BAD_MARKUP, p0);
  }
  if (depth <= segmentDepth) return fail(C_NOT_WELL_FORMED, R_TEXT_AT_TOP, p0);
  streamFlags |= SF_IN_CDATA;
  const r = cdata(p0 + 9);
  if (r == INCOMPLETE) { stopAfterToken = true; return p0 + 9; }
  return r;
}

/** '<?' at p0: only the XML declaration, and only at the very start of a stream. */
export function processingInstruction(p0: i32): i32 {
  const q = p0 + 2;
  waitFor = 0x3e; // the declaration ends only at '?>', whatever is cut in its name or content
  const n = scanName(q);
  if (n < 0) return n;
  const isXml = n - q == 3 && byteAt(q) == 0x78 && byteAt(q + 1) == 0x6d && byteAt(q + 2) == 0x6c;
  if (!isXml) return fail(C_RESTRICTED_XML, R_PI, p0);
  if (!(streamFlags & SF_AT_START)) return fail(C_NOT_WELL_FORMED, R_XML_DECL_NOT_FIRST, p0);
  let p = n;
  while (true) {
    if (p + 1 >= scanEnd) return needByte(0x3e);
    const c = byteAt(p);
    if (c == 0x3f && byteAt(p + 1) == 0x3e) break;
    if (c >= 0x7f || (c < 0x20 && !isSpace(c)) || c == 0x3c || c == 0x3e) return fail(C_NOT_WELL_FORMED, R_BAD_DECL, p);
    p++;
  }
  emit(KIND_XMLDECL, n + utf16Shift, p + utf16Shift, p0);
  return p + 2;
}
