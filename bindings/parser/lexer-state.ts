// What a stream keeps of the lexer between windows: a few integers from the state block and the
// bytes of an unfinished token (the carry), which start the stream's next window.
import * as C from './contract.generated.js';

/**
 * Bytes of an unfinished token kept between two writes of a stream. In Node a latin1 string
 * (one char per byte, on the JS heap); a Uint8Array elsewhere. A small typed array is cheap, but
 * past 64 bytes each slice() allocates a backing store, which costs a microsecond per write.
 */
export type Carry = string | Uint8Array;

/**
 * A carry shorter than this is lexed again with each write: cheaper than keeping it aside, and a
 * bound on the work a write can repeat.
 */
export const CARRY_LEXED_AGAIN = 256;

const GT = 0x3e;
const QUOT = 0x22;
const APOS = 0x27;
const GT_FOUND = -2;

/**
 * Follows a start tag (or declaration) through new bytes from the lexer's wait (a value's quote,
 * or '>'): GT_FOUND when a '>' comes outside the values, where the tag may end; otherwise what it
 * waits for after them. Each value is crossed once, however many '>' or quotes the tag holds.
 */
function tagWaitAfter(bytes: Uint8Array, wait: number): number {
  for (let i = 0; i < bytes.length; i++) {
    if (wait !== GT) {
      // Inside a value: straight to its closing quote (a native search, values are long).
      i = bytes.indexOf(wait, i);
      if (i < 0) return wait;
      wait = GT;
      continue;
    }
    const b = bytes[i]!;
    if (b === GT) return GT_FOUND;
    if (b === QUOT || b === APOS) wait = b;
  }
  return wait;
}

export class LexerState {
  depth = 0;
  flags = C.SF_AT_START;
  /** Bytes the open stanza may still take (see S_SEG_BUDGET). */
  segmentBudget = 0;
  carry: Carry | null = null;
  /** What the carried token waits for (S_WAIT): chunks without it are appended unlexed. */
  carryWait = C.WAIT_ANY;
  /** Storage of a carry that grows by appends (see append); dropped once it is lexed. */
  private carryBuffer: Uint8Array | null = null;

  /** A new stream: the lexer starts over; the carry stays only when asked (an unfinished token between stanzas). */
  restart(keepCarry: boolean): void {
    this.depth = 0;
    this.flags = C.SF_AT_START;
    this.segmentBudget = 0;
    if (!keepCarry) this.takeCarry();
  }

  get inStanza(): boolean {
    return (this.flags & C.SF_IN_SEGMENT) !== 0;
  }

  /** Hands the carry over to be lexed (and forgets it). */
  takeCarry(): Carry | null {
    const carry = this.carry;
    this.carry = null;
    this.carryBuffer = null;
    this.carryWait = C.WAIT_ANY;
    return carry;
  }

  /**
   * Would lexing these bytes after a long carried token be wasted work? True when the token waits
   * for a byte they lack (its closing quote, say) and the stanza budget is not exceeded, so a
   * token dripped byte by byte is lexed a few times, not once per byte. Errors inside it are then
   * found when that byte arrives, at the same offsets.
   */
  cannotProgress(bytes: Uint8Array, maxStanzaBytes: number): boolean {
    const wait = this.carryWait;
    const carry = this.carry;
    if (carry === null || wait === C.WAIT_ANY || carry.length < CARRY_LEXED_AGAIN) return false;
    const budget = this.inStanza ? this.segmentBudget : maxStanzaBytes;
    if (carry.length + bytes.length >= budget) return false;
    if (wait !== GT && wait !== QUOT && wait !== APOS) return bytes.indexOf(wait) < 0;
    const after = tagWaitAfter(bytes, wait);
    if (after === GT_FOUND) return false;
    this.carryWait = after;
    return true;
  }

  /**
   * Appends bytes to a carry that waits for a byte. A growable buffer rather than strings: a
   * string per dripped byte would make a rope of one node per write.
   */
  append(bytes: Uint8Array): void {
    const carry = this.carry!;
    const length = carry.length + bytes.length;
    let buffer = this.carryBuffer;
    if (typeof carry === 'string' || buffer === null || carry.buffer !== buffer.buffer || length > buffer.length) {
      const grown = new Uint8Array(Math.max(length * 2, 1024));
      if (typeof carry === 'string') for (let i = 0; i < carry.length; i++) grown[i] = carry.charCodeAt(i);
      else grown.set(carry);
      buffer = this.carryBuffer = grown;
    }
    buffer.set(bytes, carry.length);
    this.carry = buffer.subarray(0, length);
  }
}

interface NodeBufferClass {
  allocUnsafeSlow(size: number): Uint8Array & { latin1Write(text: string, offset: number): number };
}

/** A carry's bytes, as a new Uint8Array of their own (not a slice of a pooled buffer). */
export function carryBytes(carry: Carry): Uint8Array {
  if (typeof carry !== 'string') return carry.slice();
  const buffer = (globalThis as unknown as { Buffer: NodeBufferClass }).Buffer.allocUnsafeSlow(carry.length);
  buffer.latin1Write(carry, 0);
  return new Uint8Array(buffer.buffer, 0, carry.length);
}
