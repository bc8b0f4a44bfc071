// Linear-memory helpers shared by the stringprep and PRECIS modules (each module gets its own
// copy): a bump allocator without a GC runtime, and UTF-16 reading and writing.

let heapTop: usize = (__heap_base + 15) & ~15;

/** Bytes at the end of the heap, growing the memory when needed. Never freed. */
export function allocate(bytes: usize): usize {
  const ptr = heapTop;
  heapTop = (heapTop + bytes + 15) & ~15;
  const needed = <i32>((heapTop + 0xffff) >> 16) - memory.size();
  if (needed > 0 && memory.grow(needed) < 0) unreachable();
  return ptr;
}

/** A buffer capacity: the next power of two from 64. Doubling bounds the abandoned buffers. */
export function roundCapacity(n: i32): i32 {
  let capacity = 64;
  while (capacity < n) capacity <<= 1;
  return capacity;
}

/** How many UTF-16 units the last decodeAt() took: 1, 2, or 0 for a lone surrogate. */
export let decodedUnits: i32 = 1;

/** The code point at unit `i` of the `units` UTF-16 units at `src`. */
// @ts-ignore: decorator
@inline
export function decodeAt(src: usize, i: i32, units: i32): u32 {
  const cp = <u32>load<u16>(src + (<usize>i << 1));
  decodedUnits = 1;
  if ((cp & 0xf800) != 0xd800) return cp;
  const low = i + 1 < units ? <u32>load<u16>(src + (<usize>(i + 1) << 1)) : 0;
  if (cp >= 0xdc00 || (low & 0xfc00) != 0xdc00) {
    decodedUnits = 0;
    return cp;
  }
  decodedUnits = 2;
  return 0x10000 + ((cp - 0xd800) << 10) + (low - 0xdc00);
}

/** Writes cp as UTF-16 at unit `written` of `out`; returns the new unit count. */
// @ts-ignore: decorator
@inline
export function writeUtf16(out: usize, cp: u32, written: i32): i32 {
  const at = out + (<usize>written << 1);
  if (cp > 0xffff) {
    store<u16>(at, <u16>(0xd800 + ((cp - 0x10000) >> 10)));
    store<u16>(at, <u16>(0xdc00 + ((cp - 0x10000) & 0x3ff)), 2);
    return written + 2;
  }
  store<u16>(at, <u16>cp);
  return written + 1;
}

/** Reads the code point at `offset` of a u16 pool (astral ones are stored as surrogate pairs). */
// @ts-ignore: decorator
@inline
export function poolCodePointIn(pool: usize, offset: u32): u32 {
  const unit = <u32>load<u16>(pool + (<usize>offset << 1));
  if ((unit & 0xfc00) != 0xd800) return unit;
  return 0x10000 + ((unit - 0xd800) << 10) + (<u32>load<u16>(pool + (<usize>(offset + 1) << 1)) - 0xdc00);
}
