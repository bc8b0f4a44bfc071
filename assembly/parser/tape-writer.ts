// Writing tape records, and the segment record that brackets each stanza's bytes.
import { FLAG_UTF16, HEAD_FLAGS_SHIFT, KIND_SEGMENT, RECORD_SHIFT, SF_IN_SEGMENT } from './contract';
import { transcodeInto } from './utf16';
import {
  recordCount, scanEnd, segmentLimit, streamFlags, tape, tapeCapacity, tapeFull, utf16Image, utf16Shift, windowLength,
} from './window';

/** The record of the open segment. */
let segmentRecord: i32 = 0;

/** Appends a record; sets tapeFull instead when there is no room (the token is then undone). */
export function emit(head: i32, a: i32, b: i32, c: i32): void {
  if (recordCount >= tapeCapacity) { tapeFull = true; return; }
  const at = tape + (<usize>recordCount << RECORD_SHIFT);
  store<i32>(at, head);
  store<i32>(at, a, 4);
  store<i32>(at, b, 8);
  store<i32>(at, c, 12);
  recordCount++;
}

/** Opens a segment at byte p with `budget` bytes to spend. */
export function openSegment(p: i32, budget: i32): void {
  segmentRecord = recordCount;
  emit(KIND_SEGMENT, p, p, p + utf16Shift);
  streamFlags |= SF_IN_SEGMENT;
  segmentLimit = p + budget; // may lie beyond this window; budgets are clamped far below 2^31
  scanEnd = segmentLimit < windowLength ? segmentLimit : windowLength;
}

/**
 * Patches the open segment's record with its end at p and, when it holds non-ASCII bytes, writes
 * its UTF-16: JavaScript engines make a string of UTF-16 many times faster than they decode
 * UTF-8 with Cyrillic or CJK in it, and doing it here keeps to one call per window.
 */
export function finishSegment(p: i32): void {
  if (segmentRecord >= recordCount) return; // the token that opened it was undone
  const at = tape + (<usize>segmentRecord << RECORD_SHIFT);
  const byteStart = load<i32>(at, 4);
  const start16 = load<i32>(at, 12);
  const end16 = p + utf16Shift;
  store<i32>(at, p, 8);
  store<i32>(at, end16, 12);
  if (end16 - start16 != p - byteStart) {
    transcodeInto(byteStart, p, utf16Image + (<usize>start16 << 1));
    store<i32>(at, load<i32>(at) | (FLAG_UTF16 << HEAD_FLAGS_SHIFT));
  }
}

export function closeSegment(p: i32): void {
  finishSegment(p);
  streamFlags &= ~SF_IN_SEGMENT;
  segmentLimit = i32.MAX_VALUE;
  scanEnd = windowLength;
}

/** Drops the segment an undone token opened, with all its records. */
export function dropOpenedSegment(): void {
  recordCount = segmentRecord;
  segmentLimit = i32.MAX_VALUE;
  scanEnd = windowLength;
}
