// Where a new stream may start: after a stanza, only whitespace, then an XML declaration or a
// stream header ('<stream' or '<prefix:stream' ending its name). A client restarts its stream
// there after SASL success (RFC 6120 §6.4.6), and the binding resets the parser from the
// stanza's listener; the lexer stops at such a point so those bytes are lexed once, with the new
// stream's state. A hint only: stopping anywhere is safe, the binding calls again.
import { isSpace, NAME_CLASS } from './chars';
import { byteAt, scanEnd } from './window';

const STREAM = "stream";

/** Whether a stream header or XML declaration follows byte p after whitespace (false when the window ends first). */
export function isRestartPoint(p: i32): bool {
  while (p < scanEnd && isSpace(byteAt(p))) p++;
  if (p + 1 >= scanEnd || byteAt(p) != 0x3c) return false;
  if (byteAt(p + 1) == 0x3f) return true; // '<?'
  let q = p + 1;
  // The local part starts after a colon, if the name has one among its first bytes.
  while (q < scanEnd && q - p < 64 && load<u8>(NAME_CLASS + byteAt(q)) != 0 && byteAt(q) != 0x3a) q++;
  const local = q < scanEnd && byteAt(q) == 0x3a ? q + 1 : p + 1;
  if (local + 6 >= scanEnd) return false;
  for (let i = 0; i < 6; i++) if (byteAt(local + i) != <u32>STREAM.charCodeAt(i)) return false;
  const after = byteAt(local + 6);
  return isSpace(after) || after == 0x3e || after == 0x2f;
}
