// StreamParser: bytes of an XMPP stream in, Elements out (RFC 6120 §4, §11).
// Each write is copied once into the shared lexer's memory (after the few carried bytes of an
// unfinished token) and lexed one window at a time (engine.ts); the tape reader gives the
// records' strings (tape-reader.ts) and the tree builder makes Elements of them
// (tree-builder.ts). This file orchestrates: writes, windows, events, errors and reset().
import { checkInput } from '../runtime/arguments.js';
import { Emitter } from '../runtime/emitter.js';
import type { Element, XmlElement } from '../xml/element.js';
import { acquireEngine, type Engine, releaseEngine } from './engine.js';
import { RECORD_WORDS } from './contract.generated.js';
import { lexerError, StreamError, type StreamErrorCondition } from './errors.js';
import { LazyBuilder } from './lazy-builder.js';
import { LexerState } from './lexer-state.js';
import { type ParserOptions, type Settings, settingsFor } from './settings.js';
import { type StanzaSource, StanzaTracker } from './stanza-source.js';
import type { TapeConsumer } from './tape-reader.js';
import { TreeBuilder } from './tree-builder.js';
import { parseVersion, type StreamVersion } from './version.js';

export { XML_NS, XMLNS_NS } from './namespaces.js';
export type { ParserOptions } from './settings.js';
export type { StanzaSource } from './stanza-source.js';
export type { AttributeOverrides } from './attribute-overrides.js';
export type { LazyElement } from './lazy-element.js';
export { STREAMS_NS } from './stream-header.js';

/** The events of a StreamParser whose Elements are of class `E`. */
export type ParserEvents<E extends XmlElement = Element> = {
  /** The stream header (`<stream:stream>`), as an Element without children. */
  start: (header: E) => void;
  /** Each first-level child of the stream (a stanza), and where its bytes lie in the input. */
  element: (stanza: E, source: StanzaSource) => void;
  /** `</stream:stream>`. */
  end: (header: E) => void;
  /** The error that stopped the parser. With no listener, write() or end() throws it instead. */
  error: (error: StreamError) => void;
};

/** What write() and end() take: bytes, or text (encoded as UTF-8). */
export type StreamInput = Uint8Array | ArrayBufferView | ArrayBuffer | string;

/** New bytes lexed per call: bounds the copy of one call and the tape it needs. */
const WINDOW = 64 * 1024;

const encoder = new TextEncoder();
const EMPTY = new Uint8Array(0);

/** The input as bytes; `where` and `name` name the public function and argument in a TypeError. */
export function asBytes(chunk: StreamInput, where: string, name: string): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  checkInput(where, name, chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  return new Uint8Array(chunk);
}

/**
 * A streaming parser of one XMPP connection's input. `E` is the class of the Elements it builds
 * (the `Element` option; this package's Element by default).
 */
export class StreamParser<E extends XmlElement = Element> extends Emitter<ParserEvents<E>> {
  /** The stream header Element once `start` was emitted (null before and after reset). */
  header: E | null = null;
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
  /** Turns the tape's records into events: the tree builder, or in lazy mode the lazy builder. */
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

  /**
   * `options`: the limits, content namespaces and Element class (see ParserOptions); unknown
   * names are refused. `document` (internal, for parse()): a standalone document, not a stream.
   */
  constructor(options?: ParserOptions<E>, document = false) {
    super();
    this.settings = settingsFor(document ? 'parse' : 'StreamParser', options as ParserOptions<XmlElement> | undefined);
    this.stanzaLevel = document ? 0 : 1;
    const Builder = this.settings.lazy ? LazyBuilder : TreeBuilder;
    this.tree = new Builder(this.settings, this.stanzaLevel, this.source, this);
  }

  /**
   * Feeds bytes of the stream: a Uint8Array (a Buffer), the bytes of any other ArrayBufferView or
   * ArrayBuffer, or text (encoded as UTF-8). Bad input ends in one `error` event and never
   * throws while an `error` listener is attached; without one, as with Node's EventEmitter, the
   * StreamError is thrown, here and by every later write until reset().
   */
  write(chunk: StreamInput): void {
    this.feed(asBytes(chunk, 'StreamParser.write', 'chunk'), false);
  }

  /** Feeds the last bytes, if any, and checks that the input did not stop inside a stanza. */
  end(chunk?: StreamInput): void {
    this.feed(chunk === undefined ? EMPTY : asBytes(chunk, 'StreamParser.end', 'chunk'), true);
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
    this.throwIfUnheard(this.error);
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
    engine.windowStarts(length);
    let start = 0;
    while (true) {
      engine.run(this.lexer, this.settings, this.stanzaLevel, start, length, final);
      this.restarted = false;
      this.buildRecords(engine);
      if (this.abortWrite || this.error !== null) return;
      if (this.restarted) start = source.startInWindow = source.endInWindow;
      else if (engine.errorWord === 0 && engine.paused && engine.consumed < length) start = engine.consumed;
      else break;
    }
    if (engine.errorWord !== 0) this.fail(lexerError(engine.errorWord, source.windowOffset + engine.errorAt));
    else this.windowDone(engine, length);
  }

  /** Builds Elements from the engine's tape; records after a stop (an error, a reset) are dropped. */
  private buildRecords(engine: Engine): void {
    const reader = engine.reader;
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
    if (this.lexer.inStanza) this.source.keepEarlierBytes(engine, engine.reader, consumed);
    if (consumed < length) this.lexer.carry = engine.saveCarry(consumed, length);
    this.source.windowDone(consumed);
    this.tree.compact();
  }

  // The tree builder's events (TreeEvents). They are left out of the published declarations, so
  // the class does not say `implements TreeEvents`; `new TreeBuilder(…, this)` checks the fit.

  /** @internal The tree builder's stream header, accepted. */
  streamStarted(header: XmlElement): boolean {
    this.header = header as E;
    this.emit('start', this.header);
    return this.going();
  }

  /** @internal An element closed at `depth`: a stanza, or the stream (document) element. */
  elementClosed(element: XmlElement, depth: number): boolean {
    if (depth === this.stanzaLevel) {
      this.emit('element', element as E, this.source);
      this.source.stanzaDelivered();
    } else this.emit('end', element as E);
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

  /** The parser stops at its first error, which it emits (thrown when no listener hears it). */
  private fail(error: StreamError): void {
    if (this.error !== null) return;
    this.error = error;
    this.emit('error', error);
  }
}
