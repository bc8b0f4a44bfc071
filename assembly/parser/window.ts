// The window one lex() call works on (the carried bytes of an unfinished token, then the new
// chunk), held in module globals: WebAssembly globals are cheap, and nothing here outlives the
// call except what lex() writes back to the state block. The lexer's files assign these
// directly (AssemblyScript allows it for module globals).
import { C_POLICY_VIOLATION, ERROR_REASON_SHIFT, R_SEGMENT_SIZE, STATE_SLOTS, WAIT_ANY } from './contract';

/** What a scanning function returns instead of a position: the token needs bytes beyond the window. */
export const INCOMPLETE = -1;
/** What a scanning function returns instead of a position: an error was recorded. */
export const FAILED = -2;

/** The state block shared with the binding (see the S_ slots in contract.ts). */
export const stateBlock: usize = memory.data(STATE_SLOTS * 4, 16);

export let input: usize = 0;
/** The UTF-16 image: the code unit at UTF-16 offset u lives at utf16Image + 2u. */
export let utf16Image: usize = 0;
export let tape: usize = 0;
export let tapeCapacity: i32 = 0;
export let recordCount: i32 = 0;
export let tapeFull = false;
/** Bytes in the window. */
export let windowLength: i32 = 0;
/** Scan limit: windowLength, or where the open segment runs out of its byte budget. */
export let scanEnd: i32 = 0;
export let segmentLimit: i32 = i32.MAX_VALUE;
/** The window is the stream's last: nothing more will come. */
export let isFinal = false;
export let depth: i32 = 0;
/** SF_ stream flags. */
export let streamFlags: i32 = 0;
/** The UTF-16 offset of byte position p is p + utf16Shift (non-ASCII sequences shrink it). */
export let utf16Shift: i32 = 0;
/** condition | reason << ERROR_REASON_SHIFT of the first error, 0 if none. */
export let errorWord: i32 = 0;
export let errorAt: i32 = 0;
/** Depth at which elements are segments (stanzas): 1 in a stream, 0 in a document. */
export let segmentDepth: i32 = 1;
export let maxDepth: i32 = 0;
export let maxAttrs: i32 = 0;
export let maxName: i32 = 0;
export let maxSegment: i32 = 0;
/** A stanza ended where a new stream may start: the call stops there (see S_PAUSED). */
export let pausedAtRestart = false;
/** Text or CDATA stopped early: the rest waits for more input. */
export let stopAfterToken = false;
/** Set by scanName: the name it scanned has a prefix. */
export let nameHasColon = false;
/** See S_WAIT. */
export let waitFor: i32 = WAIT_ANY;
/** Set by utf8Sequence: the code point it decoded. */
export let codePoint: u32 = 0;

// @ts-ignore: decorator
@inline export function getSlot(i: i32): i32 { return load<i32>(stateBlock + (<usize>i << 2)); }
// @ts-ignore: decorator
@inline export function setSlot(i: i32, v: i32): void { store<i32>(stateBlock + (<usize>i << 2), v); }
// @ts-ignore: decorator
@inline export function byteAt(p: i32): u32 { return load<u8>(input + <usize>p); }

/** Records the first error (the error word, at byte p); returns FAILED. */
export function fail(condition: i32, reason: i32, at: i32): i32 {
  if (errorWord == 0) {
    errorWord = condition | (reason << ERROR_REASON_SHIFT);
    errorAt = at;
  }
  return FAILED;
}

/** Ran into scanEnd: either the segment's byte budget is spent, or more input is needed. */
export function need(): i32 {
  if (scanEnd == segmentLimit) return fail(C_POLICY_VIOLATION, R_SEGMENT_SIZE, segmentLimit);
  return INCOMPLETE;
}

/** need(), noting which byte the token waits for (see S_WAIT). */
export function needByte(c: i32): i32 {
  waitFor = c;
  return need();
}
