// The parser module's exports: where the state block and the symbol table live, the memory
// layout of a window, and lex(). The binding (bindings/parser/engine.ts) is the only caller.
import { S_IN_PTR, S_TAPE_CAP, S_TAPE_PTR, S_UTF16_PTR, RECORD_SHIFT } from './contract';
import { symbolTable } from './symbols';
import { setSlot, stateBlock } from './window';

export { lex } from './lexer';

export function statePtr(): usize { return stateBlock; }
export function symbolsPtr(): usize { return symbolTable; }

/**
 * Lays out the input (inCap bytes), the tape (tapeRecords records) and the UTF-16 image (two
 * bytes per input byte) after the static data, growing memory as needed; false if it cannot.
 */
export function configure(inCap: i32, tapeRecords: i32): bool {
  const base = (__heap_base + 15) & ~15;
  const tapeAt = (base + <usize>inCap + 15) & ~15;
  const utf16At = (tapeAt + (<usize>tapeRecords << RECORD_SHIFT) + 15) & ~15;
  const top = <u64>utf16At + (<u64>inCap << 1);
  const have = <u64>memory.size() << 16;
  if (top > 0xffff0000) return false;
  if (top > have && memory.grow(<i32>((top - have + 0xffff) >> 16)) < 0) return false;
  setSlot(S_IN_PTR, <i32>base);
  setSlot(S_TAPE_PTR, <i32>tapeAt);
  setSlot(S_TAPE_CAP, tapeRecords);
  setSlot(S_UTF16_PTR, <i32>utf16At);
  return true;
}
