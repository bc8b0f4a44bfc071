// StreamParser: bytes of an XMPP stream in, Elements out (RFC 6120 §4, §11).
// Each write is copied once into the shared lexer's memory (after the few carried bytes of an
// unfinished token) and lexed one window at a time (engine.ts); the tape reader gives the
// records' strings (tape-reader.ts) and the tree builder makes Elements of them
// (tree-builder.ts). This file orchestrates: writes, windows, events, errors and reset().
import type { Element as LtxElement } from 'ltx';
import { Emitter } from '../runtime/emitter.js';
import { acquireEngine, type Engine, releaseEngine } from './engine.js';
import { RECORD_WORDS } from './contract.generated.js';
import { lexerError, StreamError, type StreamErrorCondition } from './errors.js';
import { LexerState } from './lexer-state.js';
import { NO_OPTIONS, type ParserOptions, type Settings, settingsFor } from './settings.js';
import { type StanzaSource, StanzaTracker } from './stanza-source.js';
import { type TapeConsumer, TapeReader } from './tape-reader.js';
import { TreeBuilder, type TreeEvents } from './tree-builder.js';
import { parseVersion, type StreamVersion } from './version.js';

export { XML_NS, XMLNS_NS } from './namespaces.js';
export type { ParserOptions } from './settings.js';
export type { StanzaSource } from './stanza-source.js';
export { STREAMS_NS } from './stream-header.js';

export type ParserEvents = {
  start: (header: LtxElement) => void;
  element: (stanza: LtxElement, source: StanzaSource) => void;
  end: (header: LtxElement) => void;
  error: (error: StreamError) => void;
};

/** New bytes lexed per call: bounds the copy of one call and the tape it needs. */
const WINDOW = 64 * 1024;

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

function asBytes(chunk: Uint8Array | ArrayBufferView | ArrayBuffer | string): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError('xmpp-wasm: write() takes bytes (Uint8Array, ArrayBufferView, ArrayBuffer) or a string');
}

export class StreamParser extends Emitter<ParserEvents> implements TreeEvents {
  /** The stream header Element once `start` was emitted (null before and after reset). */
  header: LtxElement | null = null;
  /** The header's version attribute, parsed (0.9 when absent, RFC 6120 §4.7.5); null if malformed or no header yet. */
  get version(): StreamVersion | null {
    return this.header === null ? null : parseVersion(this.header.attrs.version as string | undefined);
  }
  /** The error that stopped the parser, until reset(). */
  error: StreamError | null = null;

  private readonly settings: Settings;
  /** 1 for a stream (stanzas are the stream element's children), 0 for a standalone document. */
  private readonly stanzaLevel: number;
  private readonly lexer = new LexerState();
  private readonly source = new StanzaTracker();
  private readonly reader = new TapeReader();
  /** Turns the tape's records into events: the tree builder. */
  private readonly tree: TapeConsumer;
  /** Bytes written so far (counted even while the parser is stopped by an error). */
  private written = 0;
  /** Set by reset() while a write is processed: the window's later records belong to the old stream. */
  private restarted = false;
  /** Set by reset() after an error: the rest of the current write is dropped. */
  private abortWrite = false;
  private writing = false;
  private queue: { chunk: Uint8Array; final: boolean }[] | null = null;
  private ended = false;

  constructor(options: ParserOptions = NO_OPTIONS, document = false) {
    super();
    this.settings = settingsFor(options);
    this.stanzaLevel = document ? 0 : 1;
    this.tree = new TreeBuilder(this.settings, this.stanzaLevel, this.source, this);
  }

  /**
   * Feeds bytes of the stream: a Uint8Array (a Buffer), the bytes of any other ArrayBufferView or
   * ArrayBuffer, or text (encoded as UTF-8). Never throws because of the input.
   */
  write(chunk: Uint8Array | ArrayBufferView | ArrayBuffer | string): void {
    this.feed(asBytes(chunk), false);
  }

  /** Feeds the last bytes, if any, and checks that the input did not stop inside a stanza. */
  end(chunk?: Uint8Array | ArrayBufferView | ArrayBuffer | string): void {
    this.feed(chunk === undefined ? EMPTY : asBytes(chunk), true);
  }

  /**
   * Starts a new stream on the same input (RFC 6120 §4.3.3: after STARTTLS or SASL success), or
   * recovers after an error. Safe to call from a listener: the bytes after the current stanza
   * are then parsed as the new stream.
   */
  reset(): void {
    // Between stanzas the carried bytes (an unfinished token) start the new stream; after an
    // error or inside a stanza they are dropped, and the new stream starts after the bytes
    // written so far (offsets keep counting the whole input). After an error the rest of the
    // write being parsed, if any, is dropped too.
    const keepCarry = this.error === null && this.tree.openElements <= this.stanzaLevel;
    if (!keepCarry) {
      this.abortWrite = this.writing;
      this.source.windowOffset = this.written;
    }
    this.restarted = this.writing;
    this.lexer.restart(keepCarry);
    this.tree.clear();
    // The source's earlier text stays: a listener that resets may still read source.bytes() of
    // its stanza; the next stanza's start tag clears it.
    this.header = null;
    this.error = null;
    this.ended = false;
  }

  private feed(chunk: Uint8Array, final: boolean): void {
    if (this.writing) {
      (this.queue ??= []).push({ chunk, final });
      return;
    }
    this.writing = true;
    try {
      this.feedNow(chunk, final);
      while (this.queue !== null && this.queue.length > 0) {
        const next = this.queue.shift()!;
        this.feedNow(next.chunk, next.final);
      }
    } finally {
      this.queue = null;
      this.writing = false;
    }
  }

  /** Lexes a chunk one window at a time, after the carried bytes of an unfinished token. */
  private feedNow(chunk: Uint8Array, final: boolean): void {
    this.written += chunk.length;
    let pos = 0;
    this.abortWrite = false;
    do {
      if (this.error !== null || this.ended || this.abortWrite) return;
      const take = Math.min(WINDOW, chunk.length - pos);
      const bytes = take === chunk.length ? chunk : chunk.subarray(pos, pos + take);
      pos += take;
      if (!final && this.lexer.cannotProgress(bytes, this.settings.maxStanzaBytes)) this.lexer.append(bytes);
      else this.lexWindow(bytes, final && pos >= chunk.length);
    } while (pos < chunk.length);
    // A reset() from an error listener dropped the rest of this input: the new stream is open.
    if (final && !this.abortWrite) this.ended = true;
  }

  /** Copies the carry and `bytes` into an engine and lexes them. */
  private lexWindow(bytes: Uint8Array, final: boolean): void {
    const engine = acquireEngine();
    try {
      const carry = this.lexer.carry;
      if (!engine.ensure((carry === null ? 0 : carry.length) + bytes.length)) {
        this.fail(new StreamError('policy-violation', 'not enough memory for this input', this.source.windowOffset));
        return;
      }
      const carryLength = carry === null ? 0 : engine.restoreCarry(carry);
      this.lexer.takeCarry();
      engine.u8.set(bytes, engine.inPtr + carryLength);
      this.source.window = engine;
      this.processWindow(engine, carryLength + bytes.length, final);
    } finally {
      this.source.window = null;
      releaseEngine();
    }
  }

  /**
   * Lexes the engine's input [0, length) and builds what it holds. The one place where a
   * reset() from a listener takes effect: the lexer goes on from the end of the stanza (or
   * header) whose listener reset, with the new stream's state. The lexer pauses where a new
   * stream may start, so in a restart the bytes after the stanza were not lexed yet.
   */
  private processWindow(engine: Engine, length: number, final: boolean): void {
    const source = this.source;
    source.startInWindow = 0;
    let start = 0;
    while (true) {
      engine.run(this.lexer, this.settings, this.stanzaLevel, start, length, final);
      this.restarted = false;
      this.buildRecords(engine);
      if (this.abortWrite || this.error !== null) return;
      if (this.restarted) start = source.startInWindow = source.endInWindow;
      else if (engine.errorWord !== 0) return this.fail(lexerError(engine.errorWord, source.windowOffset + engine.errorAt));
      else if (engine.paused && engine.consumed < length) start = engine.consumed;
      else return this.windowDone(engine, length);
    }
  }

  /** Builds Elements from the engine's tape; records after a stop (an error, a reset) are dropped. */
  private buildRecords(engine: Engine): void {
    const reader = this.reader;
    reader.begin(engine);
    let stoppedAt: number;
    try {
      stoppedAt = this.tree.build(reader);
    } catch (thrown) {
      // A listener threw: the exception is the caller's, but the tape's remaining records are
      // lost, so this stream stops here and the engine forgets what they cached.
      engine.forgetSymbols(reader.first, reader.end);
      this.error ??= new StreamError('internal-server-error', `a listener threw: ${String(thrown)}`, this.source.windowOffset);
      throw thrown;
    }
    if (stoppedAt >= 0) engine.forgetSymbols(stoppedAt + RECORD_WORDS, reader.end);
  }

  /** The window is lexed up to `consumed`: keep what the stream's next window needs. */
  private windowDone(engine: Engine, length: number): void {
    const consumed = engine.consumed;
    // The stanza goes on in the next write: keep its text so far for `source.bytes()`.
    if (this.lexer.inStanza) this.source.keepEarlierBytes(engine, this.reader, consumed);
    if (consumed < length) this.lexer.carry = engine.saveCarry(consumed, length);
    this.source.windowDone(consumed);
    this.tree.compact();
  }

  /** @internal The tree builder's stream header, accepted. */
  streamStarted(header: LtxElement): boolean {
    this.header = header;
    this.emit('start', header);
    return this.going();
  }

  /** @internal An element closed at `depth`: a stanza, or the stream (document) element. */
  elementClosed(element: LtxElement, depth: number): boolean {
    if (depth === this.stanzaLevel) {
      this.emit('element', element, this.source);
      this.source.stanzaDelivered();
    } else this.emit('end', element);
    return this.going();
  }

  /** @internal What the tree builder refuses, at byte `at` of the window. */
  refuse(condition: StreamErrorCondition, text: string, at: number): false {
    this.fail(new StreamError(condition, text, this.source.windowOffset + at));
    return false;
  }

  /** After an event: false when its listener stopped the parser or restarted the stream. */
  private going(): boolean {
    return this.error === null && !this.restarted;
  }

  /** The parser stops at its first error, which it emits. */
  private fail(error: StreamError): void {
    if (this.error !== null) return;
    this.error = error;
    this.emit('error', error);
  }
}
