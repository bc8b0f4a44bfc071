// Where a new stream may start: after a stanza, only whitespace, then an XML declaration or a
// stream header ('<stream' or '<prefix:stream' ending its name). A client restarts its stream
// there after SASL success (RFC 6120 §6.4.6), and the binding resets the parser from the
// stanza's listener; the lexer stops at such a point so those bytes are lexed once, with the new
// stream's state. A hint only: stopping anywhere is safe, the binding calls again. Runs after
// every stanza, so it reads as few bytes as it can.
import { isSpace, NAME_CLASS } from './chars';
import { byteAt, input, scanEnd } from './window';

/** "stre" and "am" as little-endian words. */
const STRE: u32 = 0x65727473;
const AM: u16 = 0x6d61;

/** Whether a stream header or XML declaration follows byte p after whitespace (false when the window ends first). */
export function isRestartPoint(p: i32): bool {
  while (p < scanEnd && isSpace(byteAt(p))) p++;
  if (p + 1 >= scanEnd || byteAt(p) != 0x3c) return false;
  if (byteAt(p + 1) == 0x3f) return true; // '<?'
  // The name ends at the first byte that is no name byte; a header's ends with "stream".
  let q = p + 1;
  while (q < scanEnd && load<u8>(NAME_CLASS + byteAt(q)) != 0) q++;
  if (q >= scanEnd || q - p < 7) return false;
  const local = input + <usize>(q - 6);
  if (load<u32>(local) != STRE || load<u16>(local, 4) != AM) return false;
  const before = byteAt(q - 7);
  return before == 0x3c || before == 0x3a; // '<stream' or ':stream'
}
