// The symbol cache: names, namespace URIs and short attribute values repeat all the time, so
// their bytes are kept in a direct-mapped table and records carry the slot instead (see
// SYMBOL_SLOTS in contract.ts); the binding keeps one string per slot.
import {
  FLAG_NEW_SYMBOL, HEAD_FLAGS_SHIFT, HEAD_SYMBOL_SHIFT, SYMBOL_BYTES, SYMBOL_EMPTY, SYMBOL_SLOT_SHIFT, SYMBOL_SLOTS,
} from './contract';
import { input } from './window';

export const symbolTable: usize = memory.data(SYMBOL_SLOTS << SYMBOL_SLOT_SHIFT, 16);

/** Most slots one token can fill and still be undone (more are emptied at once: never hit). */
const MAX_FILLED = 1024;
/** Slots filled by the token being lexed: emptied again if the token is undone. */
const filledSlots: usize = memory.data(MAX_FILLED * 4, 16);
let filledCount = 0;

/** Whether n <= SYMBOL_BYTES bytes at a and b are equal (word compares; the last word may overlap). */
function sameBytes(a: usize, b: usize, n: i32): bool {
  if (n >= 8) {
    let i = 0;
    for (; i + 8 <= n; i += 8) if (load<u64>(a + <usize>i) != load<u64>(b + <usize>i)) return false;
    return i == n || load<u64>(a + <usize>(n - 8)) == load<u64>(b + <usize>(n - 8));
  }
  if (n >= 4) return load<u32>(a) == load<u32>(b) && load<u32>(a + <usize>(n - 4)) == load<u32>(b + <usize>(n - 4));
  for (let i = 0; i < n; i++) if (load<u8>(a + <usize>i) != load<u8>(b + <usize>i)) return false;
  return true;
}

/**
 * Looks up (or fills) the slot of input bytes [p, p+n); returns the bits for a record's first
 * word: the 1-based slot, and FLAG_NEW_SYMBOL when the slot was (re)filled. 0 when not cached.
 */
export function symbol(p: i32, n: i32): i32 {
  if (n > SYMBOL_BYTES || n == 0) return 0;
  const src = input + <usize>p;
  // A cache key, not a dictionary: the first and last four bytes and the length suffice.
  let h: u32 = n >= 4
    ? (load<u32>(src) * 0x9e3779b1) ^ (load<u32>(src + <usize>(n - 4)) * 0x85ebca77) ^ <u32>n
    : ((<u32>load<u8>(src) | (<u32>load<u8>(src + <usize>(n >> 1)) << 8) | (<u32>load<u8>(src + <usize>(n - 1)) << 16)) * 0x9e3779b1) ^ <u32>n;
  h ^= h >> 16;
  const slot = <i32>(h & (SYMBOL_SLOTS - 1));
  const at = symbolTable + (<usize>slot << SYMBOL_SLOT_SHIFT);
  if (load<u32>(at) == <u32>n && sameBytes(at + 4, src, n)) return (slot + 1) << HEAD_SYMBOL_SHIFT;
  store<u32>(at, n);
  memory.copy(at + 4, src, <usize>n);
  if (filledCount < MAX_FILLED) store<i32>(filledSlots + (<usize>filledCount << 2), slot);
  else store<i32>(at, SYMBOL_EMPTY);
  filledCount++;
  return ((slot + 1) << HEAD_SYMBOL_SHIFT) | (FLAG_NEW_SYMBOL << HEAD_FLAGS_SHIFT);
}

/** A token starts: the slots it fills are the ones to forget if it is undone. */
export function startTokenSymbols(): void {
  filledCount = 0;
}

/** Forgets the slots an undone token filled: its NEW records never reach the binding. */
export function forgetTokenSymbols(): void {
  const n = filledCount < MAX_FILLED ? filledCount : MAX_FILLED;
  for (let i = 0; i < n; i++) {
    store<i32>(symbolTable + (<usize>load<i32>(filledSlots + (<usize>i << 2)) << SYMBOL_SLOT_SHIFT), SYMBOL_EMPTY);
  }
  filledCount = 0;
}
