// The lexer engine: one WebAssembly instance shared by every parser in the process (per-stream
// state is a handful of integers kept by each parser). A listener that writes into another
// parser while the engine is busy gets the next engine of a small stack, so nothing it does
// can overwrite the input or tape of the write still being processed.
import { instantiateModule } from '../runtime/wasm.js';
import * as T from './contract.generated.js';

interface LexerExports extends Record<string, unknown> {
  memory: WebAssembly.Memory;
  statePtr(): number;
  symbolsPtr(): number;
  configure(inCap: number, tapeRecords: number): number;
  lex(): void;
}

const INITIAL_INPUT = 128 * 1024;

interface NodeBuffer extends Uint8Array {
  utf8Slice(start: number, end: number): string;
  ucs2Slice(start: number, end: number): string;
  latin1Slice(start: number, end: number): string;
  latin1Write(text: string, offset: number): number;
}

/**
 * Bytes of an unfinished token kept between two writes of a stream. In Node a latin1 string
 * (one char per byte, on the JS heap); a Uint8Array elsewhere. A small typed array is cheap, but
 * past 64 bytes each slice() allocates a backing store, which costs a microsecond per write.
 */
export type Carry = string | Uint8Array;
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
  readonly state: number;
  inPtr = 0;
  /** Index of the first tape word in `i32`. */
  tape = 0;
  inCap = 0;
  /** One string per symbol slot of the lexer (index = slot + 1). */
  readonly symbols: string[] = new Array<string>(T.SYMBOL_SLOTS + 1).fill('');
  private buffer: NodeBuffer | null = null;
  /** The settings and level whose limits the state block holds (written once per change). */
  limitsOf: unknown = null;
  levelOf = -1;
  private utf16Ptr = 0;

  constructor() {
    this.wasm = instantiateModule<LexerExports>('parser');
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
    this.inPtr = this.i32[this.state + T.S_IN_PTR]!;
    this.tape = this.i32[this.state + T.S_TAPE_PTR]! >> (T.RECORD_SHIFT - 2);
    this.utf16Ptr = this.i32[this.state + T.S_UTF16_PTR]!;
    return true;
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

  lex(): void {
    this.wasm.lex();
  }

  /**
   * Empties the symbol slots that records [from, to) (tape word indexes) filled: records the
   * binding drops (after an error or a reset) never gave it their strings, so the slots must
   * not be hit later.
   */
  forgetSymbols(from: number, to: number): void {
    const i32 = this.i32;
    const table = this.wasm.symbolsPtr() >> 2;
    for (let r = from; r < to; r += T.RECORD_WORDS) {
      const head = i32[r]!;
      if ((head & (T.FLAG_NEW_SYMBOL << T.HEAD_FLAGS_SHIFT)) !== 0) {
        i32[table + (((head >>> T.HEAD_SYMBOL_SHIFT) - 1) << (T.SYMBOL_SLOT_SHIFT - 2))] = T.SYMBOL_EMPTY;
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
