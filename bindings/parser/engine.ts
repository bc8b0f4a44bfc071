// The lexer engine: one WebAssembly instance shared by every parser in the process (per-stream
// state is a handful of integers kept by each parser, see lexer-state.ts). The engine owns the
// state block and the lexer call. A listener that writes into another parser while the engine
// is busy gets the next engine of a small stack, so nothing it does can overwrite the input or
// tape of the write still being processed.
import { defineModule } from '../runtime/wasm.js';
import { parserWasm } from '../../build/wasm-inline.js';
import * as C from './contract.generated.js';
import type { Carry, LexerState } from './lexer-state.js';
import type { Settings } from './settings.js';
import { TapeReader } from './tape-reader.js';

interface LexerExports extends Record<string, unknown> {
  memory: WebAssembly.Memory;
  statePtr(): number;
  symbolsPtr(): number;
  configure(inCap: number, tapeRecords: number): number;
  lex(): void;
}

const INITIAL_INPUT = 128 * 1024;
/** Lazy mode's small stanzas share a copy of up to GROUP_BYTES of their window (see keepBytes). */
const GROUP_BYTES = 1024;
const SHARED_MAX = 256;

/** build/parser.wasm, compiled when the first engine is made. */
const lexerModule = /* @__PURE__ */ defineModule('parser', parserWasm);

interface NodeBuffer extends Uint8Array {
  utf8Slice(start: number, end: number): string;
  ucs2Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
  latin1Write(text: string, offset: number): number;
}

type BufferFrom = (buffer: ArrayBuffer) => NodeBuffer;
/** Node's Buffer decodes a byte range without the per-call checks of TextDecoder; browsers use the latter. */
const bufferFrom: BufferFrom | null = (() => {
  const B = (globalThis as unknown as { Buffer?: { from: BufferFrom; prototype: { utf8Slice?: unknown } } }).Buffer;
  return B && typeof B.prototype.utf8Slice === 'function' ? (buffer) => B.from(buffer) : null;
})();
const textDecoder = new TextDecoder('utf-8', { ignoreBOM: true });

export class Engine {
  private readonly wasm: LexerExports;
  u8!: Uint8Array;
  i32!: Int32Array;
  /** Index of the state block in `i32`. */
  private readonly state: number;
  inPtr = 0;
  /** Index of the first tape word in `i32`. */
  tape = 0;
  private inCap = 0;
  /**
   * Reads the tape of the write in progress: one per engine rather than per parser, since a
   * write holds its engine until done (an idle stream should cost little).
   */
  readonly reader = new TapeReader();
  /** One string per symbol slot of the lexer (index = slot + 1). */
  readonly symbols: string[] = new Array<string>(C.SYMBOL_SLOTS + 1).fill('');
  private buffer: NodeBuffer | null = null;
  /** The settings and level whose limits the state block holds (written once per change). */
  private limitsOf: Settings | null = null;
  private levelOf = -1;
  private utf16Ptr = 0;
  /** Input bytes of the window being lexed, and the copy of window bytes [groupFrom, groupTo) (see keepBytes). */
  private windowBytes = 0;
  private group: Carry = '';
  private groupFrom = 0;
  private groupTo = 0;
  /** @internal Bytes handed to the lexer so far: what a test counts to see no byte is lexed twice. */
  bytesLexed = 0;

  // What the last lex() call found.
  /** Where it stopped: the end of its last whole token. */
  consumed = 0;
  /** Its tape records. */
  records = 0;
  /** condition | reason << 8 of the error it found, 0 if none, at byte errorAt. */
  errorWord = 0;
  errorAt = 0;
  /** It stopped before the window's end to be called again (the tape filled, or a stream may restart). */
  paused = false;

  constructor() {
    this.wasm = lexerModule.instantiate<LexerExports>();
    this.state = this.wasm.statePtr() >> 2;
    this.layout(INITIAL_INPUT);
  }

  /**
   * Makes room for a window of `bytes`; false when the memory cannot grow that far (the caller
   * reports a policy-violation rather than trapping). The tape holds half a record per byte of
   * input, more than any one start tag in the window needs (an attribute takes four bytes or
   * more and two records), so a call always gets past its first token.
   */
  ensure(bytes: number): boolean {
    if (bytes <= this.inCap) return true;
    let cap = this.inCap;
    while (cap < bytes) cap *= 2;
    return this.layout(cap);
  }

  private layout(inCap: number): boolean {
    const tapeRecords = (inCap >> 1) + 4096;
    if (!this.wasm.configure(inCap, tapeRecords)) return false;
    this.u8 = new Uint8Array(this.wasm.memory.buffer);
    this.i32 = new Int32Array(this.wasm.memory.buffer);
    this.buffer = bufferFrom ? bufferFrom(this.wasm.memory.buffer as ArrayBuffer) : null;
    this.inCap = inCap;
    this.inPtr = this.i32[this.state + C.S_IN_PTR]!;
    this.tape = this.i32[this.state + C.S_TAPE_PTR]! >> (C.RECORD_SHIFT - 2);
    this.utf16Ptr = this.i32[this.state + C.S_UTF16_PTR]!;
    return true;
  }

  /** Lexes input bytes [start, length) for a stream in `state`, which it updates. */
  run(state: LexerState, settings: Settings, level: number, start: number, length: number, final: boolean): void {
    const i32 = this.i32;
    const s = this.state;
    i32[s + C.S_LEN] = length;
    i32[s + C.S_FINAL] = final ? 1 : 0;
    i32[s + C.S_DEPTH] = state.depth;
    i32[s + C.S_FLAGS] = state.flags;
    i32[s + C.S_CONSUMED] = start;
    i32[s + C.S_SEG_BUDGET] = state.segmentBudget;
    if (this.limitsOf !== settings || this.levelOf !== level) this.writeLimits(settings, level);
    this.lex();
    this.consumed = i32[s + C.S_CONSUMED]!;
    this.records = i32[s + C.S_COUNT]!;
    this.errorWord = i32[s + C.S_ERROR]!;
    this.errorAt = i32[s + C.S_ERROR_POS]!;
    this.paused = i32[s + C.S_PAUSED]! !== 0;
    this.bytesLexed += (this.paused ? this.consumed : length) - start;
    state.depth = i32[s + C.S_DEPTH]!;
    state.flags = i32[s + C.S_FLAGS]!;
    state.segmentBudget = i32[s + C.S_SEG_BUDGET]!;
    state.carryWait = i32[s + C.S_WAIT]!;
  }

  /** Limits are constant per parser: written only when the engine last served other settings. */
  private writeLimits(settings: Settings, level: number): void {
    const i32 = this.i32;
    const s = this.state;
    this.limitsOf = settings;
    this.levelOf = level;
    i32[s + C.S_SEG_DEPTH] = level;
    i32[s + C.S_MAX_DEPTH] = settings.maxDepth;
    i32[s + C.S_MAX_ATTRS] = settings.maxAttributes;
    i32[s + C.S_MAX_NAME] = settings.maxNameLength;
    i32[s + C.S_MAX_SEGMENT] = settings.maxStanzaBytes;
  }

  lex(): void {
    this.wasm.lex();
  }

  /** The text of input bytes [start, end) (offsets in the input buffer), which the lexer validated. */
  decode(start: number, end: number): string {
    const at = this.inPtr;
    return this.buffer !== null ? this.buffer.utf8Slice(at + start, at + end) : textDecoder.decode(this.u8.subarray(at + start, at + end));
  }

  /**
   * The text of part of a segment: input bytes [start, end), which are UTF-16 code units
   * [start16, end16) of the segment. In Node, an ASCII segment is copied as latin1 and a
   * non-ASCII one (`utf16`) comes from the UTF-16 the lexer wrote for it.
   */
  decodeSegment(start: number, end: number, start16: number, end16: number, utf16: boolean): string {
    const buffer = this.buffer;
    if (buffer === null) return textDecoder.decode(this.u8.subarray(this.inPtr + start, this.inPtr + end));
    if (!utf16) return buffer.latin1Slice(this.inPtr + start, this.inPtr + end);
    return buffer.ucs2Slice(this.utf16Ptr + start16 * 2, this.utf16Ptr + end16 * 2);
  }

  /**
   * Whether decodeSegment() may be given the end of a string in UTF-16 units alone (its byte end
   * then being start + units): always for an ASCII segment, in Node for one with a UTF-16 image.
   */
  decodesByUnits(utf16: boolean): boolean {
    return !utf16 || this.buffer !== null;
  }

  /** A window of `bytes` input bytes is lexed: copies of the last one are stale. */
  windowStarts(bytes: number): void {
    this.windowBytes = bytes;
    this.groupFrom = this.groupTo = 0;
  }

  /**
   * Input bytes [start, end) of a stanza that lazy mode keeps (a latin1 string in Node). A copy
   * costs ~900 instructions whether of 50 or 250 bytes, more than the rest of a small stanza's
   * lazy work: a small stanza is a slice of one copy of up to GROUP_BYTES of the window, which
   * the small stanzas after it share (a kept one holds at most that much more).
   */
  keepBytes(start: number, end: number): Carry {
    if (end - start > SHARED_MAX) return this.saveCarry(start, end);
    if (start < this.groupFrom || end > this.groupTo) {
      this.groupFrom = start;
      this.groupTo = Math.max(end, Math.min(start + GROUP_BYTES, this.windowBytes));
      this.group = this.saveCarry(start, this.groupTo);
    }
    const at = start - this.groupFrom;
    return this.group.slice(at, at + end - start);
  }

  /** Keeps input bytes [start, end) for the next window of the same stream. */
  saveCarry(start: number, end: number): Carry {
    const at = this.inPtr;
    return this.buffer !== null ? this.buffer.latin1Slice(at + start, at + end) : this.u8.slice(at + start, at + end);
  }

  /** Writes a carry at the start of the input buffer; returns its length in bytes. */
  restoreCarry(carry: Carry): number {
    if (typeof carry === 'string') return this.buffer!.latin1Write(carry, this.inPtr);
    this.u8.set(carry, this.inPtr);
    return carry.length;
  }

  /**
   * Empties the symbol slots that records [from, to) (tape word indexes) filled: records the
   * binding drops (after an error or a reset) never gave it their strings, so the slots must
   * not be hit later.
   */
  forgetSymbols(from: number, to: number): void {
    const i32 = this.i32;
    const table = this.wasm.symbolsPtr() >> 2;
    for (let r = from; r < to; r += C.RECORD_WORDS) {
      const head = i32[r]!;
      if ((head & (C.FLAG_NEW_SYMBOL << C.HEAD_FLAGS_SHIFT)) !== 0) {
        i32[table + (((head >>> C.HEAD_SYMBOL_SHIFT) - 1) << (C.SYMBOL_SLOT_SHIFT - 2))] = C.SYMBOL_EMPTY;
      }
    }
  }
}

const engines: Engine[] = [];
let nesting = 0;

export function acquireEngine(): Engine {
  const engine = engines[nesting] ?? (engines[nesting] = new Engine());
  nesting++;
  return engine;
}

export function releaseEngine(): void {
  nesting--;
}

/** @internal Bytes handed to the lexer by every engine so far (see Engine.bytesLexed). */
export function bytesLexed(): number {
  let total = 0;
  for (const engine of engines) total += engine.bytesLexed;
  return total;
}
