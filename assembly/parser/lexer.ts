// The streaming lexer for XMPP's restricted XML. One call per window of input (carried bytes
// of an unfinished token + the new chunk): it validates UTF-8, characters, names, references
// and markup, tracks depth, enforces the limits, and writes tape records (see contract.ts) that the
// binding turns into Elements. It keeps no per-stream memory: the few integers that survive a
// call live in the state block, which the binding saves per stream, so one instance serves
// any number of streams.
import { isSpace } from './chars';
import { cdata, text } from './character-data';
import { endTag } from './end-tag';
import { markup, processingInstruction } from './markup';
import { isRestartPoint } from './restart-point';
import { startTag } from './start-tag';
import { forgetTokenSymbols, startTokenSymbols } from './symbols';
import {
  C_NOT_WELL_FORMED, C_POLICY_VIOLATION, C_UNSUPPORTED_ENCODING, R_SEGMENT_SIZE, R_TEXT_AT_TOP, R_TRUNCATED, R_UTF16,
  S_CONSUMED, S_COUNT, S_DEPTH, S_ERROR, S_ERROR_POS, S_FINAL, S_FLAGS, S_IN_PTR, S_LEN, S_MAX_ATTRS, S_MAX_DEPTH,
  S_MAX_NAME, S_MAX_SEGMENT, S_SEG_BUDGET, S_SEG_DEPTH, S_TAPE_CAP, S_PAUSED, S_TAPE_PTR, S_UTF16_PTR, S_WAIT,
  SF_AT_START, SF_BOM_DONE, SF_IN_CDATA, SF_IN_SEGMENT, WAIT_ANY,
} from './contract';
import { closeSegment, dropOpenedSegment, finishSegment, openSegment } from './tape-writer';
import {
  byteAt, depth, errorAt, errorWord, fail, getSlot, INCOMPLETE, input, isFinal, maxAttrs, maxDepth, maxName,
  maxSegment, need, pausedAtRestart, recordCount, scanEnd, segmentDepth, segmentLimit, setSlot, stopAfterToken, streamFlags, tape,
  tapeCapacity, tapeFull, utf16Image, utf16Shift, waitFor, windowLength,
} from './window';

/** Lexes the window [S_CONSUMED, S_LEN) of the input buffer; see contract.ts for the contract. */
export function lex(): void {
  let p = loadState();
  if (streamFlags & SF_IN_SEGMENT) openSegment(p, getSlot(S_SEG_BUDGET));
  if (streamFlags & SF_IN_CDATA) p = resumeCdata(p);
  while (errorWord == 0 && !stopAfterToken && !pausedAtRestart) {
    if (p >= scanEnd) {
      if (scanEnd == segmentLimit) fail(C_POLICY_VIOLATION, R_SEGMENT_SIZE, segmentLimit);
      break;
    }
    const r = lexToken(p);
    if (r < 0) break; // undone: the window stops at the token's start
    p = r;
  }
  // The input ended inside a token (text stopped at a cut reference, say) or inside an element
  // (a document's root, or a stanza of a stream).
  if (errorWord == 0 && isFinal && !tapeFull && !pausedAtRestart && (p < windowLength || depth > segmentDepth)) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
  if (streamFlags & SF_IN_SEGMENT) {
    finishSegment(p);
    setSlot(S_SEG_BUDGET, segmentLimit - p);
  }
  saveState(p);
}

/** Reads the window and the stream's state from the state block; returns where lexing starts. */
function loadState(): i32 {
  input = <usize>getSlot(S_IN_PTR);
  utf16Image = <usize>getSlot(S_UTF16_PTR);
  tape = <usize>getSlot(S_TAPE_PTR);
  tapeCapacity = getSlot(S_TAPE_CAP);
  windowLength = getSlot(S_LEN);
  isFinal = getSlot(S_FINAL) != 0;
  depth = getSlot(S_DEPTH);
  streamFlags = getSlot(S_FLAGS);
  segmentDepth = getSlot(S_SEG_DEPTH);
  maxDepth = getSlot(S_MAX_DEPTH);
  maxAttrs = getSlot(S_MAX_ATTRS);
  maxName = getSlot(S_MAX_NAME);
  maxSegment = getSlot(S_MAX_SEGMENT);
  recordCount = 0;
  utf16Shift = 0;
  errorWord = 0;
  errorAt = 0;
  tapeFull = false;
  pausedAtRestart = false;
  stopAfterToken = false;
  waitFor = WAIT_ANY;
  scanEnd = windowLength;
  segmentLimit = i32.MAX_VALUE;
  return getSlot(S_CONSUMED);
}

function saveState(p: i32): void {
  setSlot(S_COUNT, recordCount);
  setSlot(S_CONSUMED, p);
  setSlot(S_DEPTH, depth);
  setSlot(S_FLAGS, streamFlags);
  setSlot(S_ERROR, errorWord);
  setSlot(S_ERROR_POS, errorAt);
  setSlot(S_PAUSED, tapeFull || pausedAtRestart ? 1 : 0);
  setSlot(S_WAIT, waitFor);
}

/** The window starts inside a CDATA section: its content up to ']]>' first. */
function resumeCdata(p: i32): i32 {
  const r = cdata(p);
  if (r >= 0) return r;
  if (r == INCOMPLETE && isFinal) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
  stopAfterToken = true;
  return p;
}

/**
 * Lexes the token at p; returns the position after it, or a negative outcome when it is
 * unfinished or failed, in which case everything it wrote is undone.
 */
// @ts-ignore: decorator
@inline function lexToken(p: i32): i32 {
  const savedRecords = recordCount;
  const savedShift = utf16Shift;
  const savedFlags = streamFlags;
  const savedDepth = depth;
  startTokenSymbols();
  waitFor = WAIT_ANY;
  if (streamFlags & SF_AT_START) {
    const r = streamStart(p);
    if (r == INCOMPLETE && isFinal) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
    if (r != p) return r; // a byte order mark skipped, or an outcome
  }
  let r: i32;
  if (depth <= segmentDepth && byteAt(p) != 0x3c) {
    r = topLevelSpace(p);
  } else {
    if (!(streamFlags & SF_IN_SEGMENT)) openSegment(p, maxSegment);
    r = token(p);
  }
  if (r >= 0 && tapeFull) r = INCOMPLETE;
  if (r < 0) {
    forgetTokenSymbols();
    recordCount = savedRecords;
    utf16Shift = savedShift;
    depth = savedDepth;
    if ((savedFlags & SF_IN_SEGMENT) == 0 && (streamFlags & SF_IN_SEGMENT) != 0) dropOpenedSegment();
    streamFlags = savedFlags;
    if (r == INCOMPLETE && isFinal && !tapeFull) fail(C_NOT_WELL_FORMED, R_TRUNCATED, p);
    return r;
  }
  streamFlags &= ~SF_AT_START;
  if (depth <= segmentDepth && !(streamFlags & SF_IN_CDATA) && (streamFlags & SF_IN_SEGMENT)) {
    closeSegment(r);
    if (depth == 1 && segmentDepth == 1 && isRestartPoint(r)) pausedAtRestart = true;
  }
  return r;
}

/** The first bytes of a stream: skip a UTF-8 BOM; recognise UTF-16 and refuse it. */
function streamStart(p: i32): i32 {
  const c = byteAt(p);
  if (c == 0xef && !(streamFlags & SF_BOM_DONE)) {
    if (p + 2 >= scanEnd) return need();
    if (byteAt(p + 1) == 0xbb && byteAt(p + 2) == 0xbf) { streamFlags |= SF_BOM_DONE; return p + 3; }
    return p;
  }
  if (c == 0xfe || c == 0xff || c == 0) return fail(C_UNSUPPORTED_ENCODING, R_UTF16, p);
  if (c == 0x3c) {
    if (p + 1 >= scanEnd) return need();
    if (byteAt(p + 1) == 0) return fail(C_UNSUPPORTED_ENCODING, R_UTF16, p);
  }
  return p;
}

/** Whitespace between top-level elements (keepalives) and in the prolog and epilog. */
function topLevelSpace(p: i32): i32 {
  while (p < scanEnd) {
    const c = byteAt(p);
    if (isSpace(c)) { p++; continue; }
    if (c == 0x3c) return p;
    return fail(C_NOT_WELL_FORMED, R_TEXT_AT_TOP, p);
  }
  return p;
}

/** A token at p: text, or markup dispatched on the byte after "<". */
function token(p: i32): i32 {
  const c = byteAt(p);
  if (c != 0x3c) return text(p);
  if (p + 1 >= scanEnd) return need();
  const c1 = byteAt(p + 1);
  if (c1 == 0x2f) return endTag(p);
  if (c1 == 0x21) return markup(p);
  if (c1 == 0x3f) return processingInstruction(p);
  return startTag(p);
}
