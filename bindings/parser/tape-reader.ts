// Reading the tape: the strings of records. A record's string is its symbol when the lexer
// cached it, a short ASCII string made from its bytes, or a slice of its stanza's text, decoded
// on first need (a stanza made only of symbols needs no decode at all). Whatever consumes the
// records (the tree builder, or a consumer that builds nothing) reads them through this.
import * as C from './contract.generated.js';
import type { Engine } from './engine.js';
import { asciiString, copyOf, detach } from './tape-strings.js';

/** Characters of a segment's text a kept slice may pin beyond its own (larger segments copy). */
const PINNED_SLACK = 2048;

/**
 * Segments longer than this (UTF-16 units from the first needed string) are decoded string by
 * string: one string that large lands in V8's large-object space, which costs about ten times
 * more per byte than strings of ordinary size (a 256 KiB start tag carried across writes).
 */
const DECODE_WHOLE_MAX = 64 * 1024;

/** A record's kind. */
const kindOf = (head: number): number => head & C.HEAD_KIND_MASK;

/** Per record kind: where its string starts, in bytes after the offset in its last word. */
const STRING_AFTER: number[] = [];
STRING_AFTER[C.KIND_OPEN] = 1; // '<'
STRING_AFTER[C.KIND_CLOSE] = 2; // '</'
STRING_AFTER[C.KIND_ATTR] = 0;
STRING_AFTER[C.KIND_VALUE] = 1; // the quote
STRING_AFTER[C.KIND_TEXT] = 0;
STRING_AFTER[C.KIND_CDATA] = 0;
STRING_AFTER[C.KIND_XMLDECL] = 5; // '<?xml'

/**
 * What turns the records into results: the tree builder, or a consumer that builds nothing and
 * keeps each stanza's bytes (a lazy mode). The stream parser drives whichever it was given.
 */
export interface TapeConsumer {
  /** Consumes the reader's records; returns the word index of the record it stopped at, or -1. */
  build(reader: TapeReader): number;
  /** Elements open now, the stream element included. */
  readonly openElements: number;
  /** A new stream (or recovery after an error): nothing is open. */
  clear(): void;
  /** Between windows: give back what a large stanza grew. */
  compact(): void;
}

export class TapeReader {
  engine!: Engine;
  i32!: Int32Array;
  /** Tape word index of the first record and one past the last. */
  first = 0;
  end = 0;
  /** The current segment's byte end and UTF-16 end; whether the lexer wrote its UTF-16. */
  segmentEnd = 0;
  private segmentEnd16 = 0;
  private segmentUtf16 = false;
  /** The segment's text from its first needed string (null until a string needs it). */
  segmentText: string | null = null;
  /** Byte offset in the window where segmentText starts. */
  segmentTextFrom = 0;
  private segmentText16 = 0;
  /**
   * Strings shorter than this are copied rather than sliced from segmentText: a kept slice (an
   * id, say) would keep the whole text alive. Negative for small segments, where a slice pins
   * little and copying would only cost time.
   */
  private copyBelow = 0;
  // Fields, not the contract's module constants: V8 reloads those at each use in a hot loop.
  private readonly symbolShift = C.HEAD_SYMBOL_SHIFT;
  private readonly newSymbolBit = C.FLAG_NEW_SYMBOL << C.HEAD_FLAGS_SHIFT;

  /** The records of the engine's last lex() call. */
  begin(engine: Engine): void {
    this.engine = engine;
    this.i32 = engine.i32;
    this.first = engine.tape;
    this.end = engine.tape + engine.records * C.RECORD_WORDS;
    this.segmentText = null;
  }

  /** A segment record (at word index r, with its flags): the strings after it are sliced from its bytes. Returns its byte end. */
  enterSegment(r: number, flags: number): number {
    const i32 = this.i32;
    this.segmentText = null;
    this.segmentEnd16 = i32[r + 3]!;
    this.segmentUtf16 = (flags & C.FLAG_UTF16) !== 0;
    return (this.segmentEnd = i32[r + 2]!);
  }

  /** The raw string of the record at word index r (references and line ends as written). */
  string(r: number, head: number): string {
    const id = head >>> this.symbolShift;
    if (id !== 0 && (head & this.newSymbolBit) === 0) return this.engine.symbols[id]!;
    const str = this.sliceString(r, head);
    if (id !== 0) this.engine.symbols[id] = detach(str);
    return str;
  }

  /** A string not in the symbol table: made from its bytes when short and ASCII, else a slice of the segment's text. */
  private sliceString(r: number, head: number): string {
    const i32 = this.i32;
    const start16 = i32[r + 1]!;
    const units = i32[r + 2]! - start16;
    if (this.segmentText === null) {
      // A short string (an id, a counter, 'dnd') of a stanza not decoded yet is made from its
      // bytes when they are ASCII: a stanza of symbols and such strings needs no decode call.
      const from = i32[r + 3]! + STRING_AFTER[kindOf(head)]!;
      const short = units <= C.SHORT_STRING_MAX ? asciiString(this.engine.u8, this.engine.inPtr + from, units) : null;
      if (short !== null) return short;
      if (this.segmentEnd16 - start16 > DECODE_WHOLE_MAX && this.engine.decodesByUnits(this.segmentUtf16)) {
        return this.engine.decodeSegment(from, from + units, start16, start16 + units, this.segmentUtf16);
      }
      this.decodeSegmentFrom(from, start16);
    }
    const at = start16 - this.segmentText16;
    const str = this.segmentText!.slice(at, at + units);
    return units < this.copyBelow ? copyOf(str) : str;
  }

  /** Decodes the segment from its first string the consumer needs: markup before it is never read. */
  private decodeSegmentFrom(from: number, start16: number): void {
    this.segmentText16 = start16;
    this.segmentTextFrom = from;
    const text = this.engine.decodeSegment(from, this.segmentEnd, start16, this.segmentEnd16, this.segmentUtf16);
    this.segmentText = text;
    this.copyBelow = text.length - PINNED_SLACK;
  }
}
