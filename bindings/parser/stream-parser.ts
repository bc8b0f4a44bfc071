// StreamParser: bytes of an XMPP stream in, Elements out (RFC 6120 §4, §11).
// Each write is copied once into the shared lexer's memory (after the few carried bytes of an
// unfinished token); one lexer call per window returns tape records; this file turns them into
// Elements, decoding one string per stanza (per window it spans) and slicing names, values and
// text out of it, and applies the rules that need the tree: matching end tags, unique
// attributes, namespaces, the stream header, the limits counted per stanza.
import type { XmlElement as LtxElement } from '../xml/element.js';
import { Emitter } from '../runtime/emitter.js';
import { NO_OPTIONS, settingsFor, type ParserOptions, type Settings } from './settings.js';
import { asciiString, detach, normalizeText, normalizeValue } from './tape-strings.js';
import { acquireEngine, releaseEngine, type Carry, type Engine } from './engine.js';
import { lexerError, StreamError, type StreamErrorCondition } from './errors.js';
import * as T from './contract.generated.js';
import { parseVersion, type StreamVersion } from './version.js';

export const STREAMS_NS = 'http://etherx.jabber.org/streams';
export const XML_NS = 'http://www.w3.org/XML/1998/namespace';
export const XMLNS_NS = 'http://www.w3.org/2000/xmlns/';
export type { ParserOptions } from './settings.js';

/** Where the stanza of the current `element` event lies in the input. */
export interface StanzaSource {
  /** Byte offset of its '<' from the start of the input (counted across stream restarts). */
  readonly offset: number;
  /** Its length in bytes, up to and including its final '>'. */
  readonly length: number;
  /**
   * Its exact bytes as received. Valid only while the listener runs (it may be a view of the
   * parser's buffer): copy it (`.slice()`) to keep it.
   */
  bytes(): Uint8Array;
}

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
const NORMALIZE = T.FLAG_REFS | T.FLAG_CR | T.FLAG_WS;
const hasOwn = Object.prototype.hasOwnProperty;

/** Per record kind: where its string starts, in bytes after the offset in its word 3. */
const STRING_AFTER: number[] = [];
STRING_AFTER[T.KIND_OPEN] = 1; // '<'
STRING_AFTER[T.KIND_CLOSE] = 2; // '</'
STRING_AFTER[T.KIND_ATTR] = 0;
STRING_AFTER[T.KIND_VALUE] = 1; // the quote
STRING_AFTER[T.KIND_TEXT] = 0;
STRING_AFTER[T.KIND_CDATA] = 0;
STRING_AFTER[T.KIND_XMLDECL] = 5; // '<?xml'

/** XML 1.0 §2.8 and §4.3.3: VersionInfo, EncodingDecl (EncName), SDDecl. */
const DECLARATION =
  /^\s+version\s*=\s*(["'])([^"']*)\1(?:\s+encoding\s*=\s*(["'])([A-Za-z][A-Za-z0-9._-]*)\3)?(?:\s+standalone\s*=\s*(["'])(?:yes|no)\5)?\s*$/;

function asBytes(chunk: Uint8Array | ArrayBufferView | ArrayBuffer | string): Uint8Array {
  if (chunk instanceof Uint8Array) return chunk;
  if (typeof chunk === 'string') return encoder.encode(chunk);
  if (ArrayBuffer.isView(chunk)) return new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  if (chunk instanceof ArrayBuffer) return new Uint8Array(chunk);
  throw new TypeError('xmpp-wasm: write() takes bytes (Uint8Array, ArrayBufferView, ArrayBuffer) or a string');
}

/** The `source` argument of `element` events: one small object per parser, reading its fields. */
class Source implements StanzaSource {
  constructor(private readonly parser: StreamParser) {}
  get offset(): number {
    return this.parser.stanzaOffset;
  }
  get length(): number {
    return this.parser.stanzaLength;
  }
  bytes(): Uint8Array {
    return this.parser.stanzaBytes();
  }
}

export class StreamParser extends Emitter<ParserEvents> {
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

  // Lexer state between calls.
  private lexDepth = 0;
  private lexFlags = T.SF_AT_START;
  private segmentBudget = 0;
  private carry: Carry | null = null;
  /** What the carried token waits for (S_WAIT): chunks without it are appended unlexed. */
  private carryWait = T.WAIT_ANY;
  /** Storage of a carry that grows by appends (see appendToCarry); dropped once it is lexed. */
  private carryBuffer: Uint8Array | null = null;
  /** Input offset of the first byte of the window being lexed (of the carry, between writes). */
  private offset = 0;

  // Tree state.
  private stack: LtxElement[] = [];
  /** Prefix declarations in force, as triples: depth of the declaring element, prefix, URI. */
  private scopes: (number | string)[] = [];
  private elementCount = 0;
  /** @internal Input offset of the current stanza (see StanzaSource). */
  stanzaOffset = 0;
  private stanzaStartInWindow = 0;
  /**
   * Text of the current stanza's bytes from earlier writes (valid UTF-8 round-trips exactly, so
   * its encoding gives the bytes back), for `source.bytes()`; null when it started in this window.
   */
  private earlierText: string | null = null;
  /** The decoded text of the window's last segment, when processTape needed it. */
  private segmentText: string | null = null;
  /** Byte offset in the window where segmentText starts (the first string the stanza needed). */
  private segmentTextFrom = 0;
  private segmentEnd = 0;
  private window: Engine | null = null;

  private generation = 0;
  /** Tape index of the record where the last processTape stopped early, or -1. */
  private tapeStop = -1;
  /** Bytes written so far (counted even while the parser is stopped by an error). */
  private written = 0;
  /** Set by reset() after an error: the rest of the current write is dropped. */
  private abortWrite = false;
  private writing = false;
  private queue: { chunk: Uint8Array; final: boolean }[] | null = null;
  private ended = false;
  private source: Source | null = null;

  constructor(options: ParserOptions = NO_OPTIONS, document = false) {
    super();
    this.settings = settingsFor(options);
    this.stanzaLevel = document ? 0 : 1;
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
    const keepCarry = this.error === null && this.stack.length <= this.stanzaLevel;
    if (!keepCarry) {
      this.abortWrite = this.writing;
      this.offset = this.written;
    }
    this.generation++;
    this.lexDepth = 0;
    this.lexFlags = T.SF_AT_START;
    this.segmentBudget = 0;
    if (!keepCarry) {
      this.carry = null;
      this.carryBuffer = null;
      this.carryWait = T.WAIT_ANY;
    }
    this.stack = [];
    this.scopes = [];
    this.elementCount = 0;
    // earlierText stays: a listener that resets may still read source.bytes() of its stanza;
    // the next stanza's start tag clears it.
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

  private feedNow(chunk: Uint8Array, final: boolean): void {
    this.written += chunk.length;
    let pos = 0;
    this.abortWrite = false;
    do {
      if (this.error !== null || this.ended || this.abortWrite) return;
      const take = Math.min(WINDOW, chunk.length - pos);
      const carry = this.carry;
      if (carry !== null && !final && this.cannotProgress(carry, chunk, pos, take)) {
        this.appendToCarry(carry, chunk.subarray(pos, pos + take));
        pos += take;
        continue;
      }
      const engine = acquireEngine();
      try {
        if (!engine.ensure((carry === null ? 0 : carry.length) + take)) {
          this.fail(new StreamError('policy-violation', 'not enough memory for this input', this.offset));
          return;
        }
        const carryLength = carry === null ? 0 : engine.restoreCarry(carry);
        engine.u8.set(take === chunk.length ? chunk : chunk.subarray(pos, pos + take), engine.inPtr + carryLength);
        pos += take;
        this.carry = null;
        this.carryBuffer = null;
        this.lexWindow(engine, carryLength + take, final && pos >= chunk.length);
      } finally {
        this.window = null;
        releaseEngine();
      }
    } while (pos < chunk.length);
    if (final) this.ended = true;
  }

  /**
   * Would lexing this chunk after a long carried token be wasted work? True when the token waits
   * for a byte the chunk lacks (its closing quote, say) and the stanza budget is not exceeded, so
   * a token dripped byte by byte is lexed a few times, not once per byte. Errors inside it are
   * then found when that byte arrives, at the same offsets.
   */
  private cannotProgress(carry: Carry, chunk: Uint8Array, pos: number, take: number): boolean {
    const wait = this.carryWait;
    if (wait === T.WAIT_ANY || carry.length < 256) return false;
    const budget = (this.lexFlags & T.SF_IN_SEGMENT) !== 0 ? this.segmentBudget : this.settings.maxStanzaBytes;
    if (carry.length + take >= budget) return false;
    return chunk.subarray(pos, pos + take).indexOf(wait) < 0;
  }

  /**
   * Appends a chunk to a carry that waits for a byte. A growable buffer rather than strings: a
   * string per dripped byte would make a rope of one node per write.
   */
  private appendToCarry(carry: Carry, bytes: Uint8Array): void {
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

  private lexWindow(engine: Engine, length: number, final: boolean): void {
    const i32 = engine.i32;
    const s = engine.state;
    this.window = engine;
    this.stanzaStartInWindow = 0;
    let start = 0;
    while (true) {
      i32[s + T.S_LEN] = length;
      i32[s + T.S_FINAL] = final ? 1 : 0;
      i32[s + T.S_DEPTH] = this.lexDepth;
      i32[s + T.S_FLAGS] = this.lexFlags;
      i32[s + T.S_CONSUMED] = start;
      if (engine.limitsOf !== this.settings || engine.levelOf !== this.stanzaLevel) {
        // Constant per parser: written only when the engine last served other settings.
        engine.limitsOf = this.settings;
        engine.levelOf = this.stanzaLevel;
        i32[s + T.S_SEG_DEPTH] = this.stanzaLevel;
        i32[s + T.S_MAX_DEPTH] = this.settings.maxDepth;
        i32[s + T.S_MAX_ATTRS] = this.settings.maxAttributes;
        i32[s + T.S_MAX_NAME] = this.settings.maxNameLength;
        i32[s + T.S_MAX_SEGMENT] = this.settings.maxStanzaBytes;
      }
      i32[s + T.S_SEG_BUDGET] = this.segmentBudget;
      engine.lex();
      const consumed = i32[s + T.S_CONSUMED]!;
      const errorCode = i32[s + T.S_ERROR]!;
      const errorPos = i32[s + T.S_ERROR_POS]!;
      const paused = i32[s + T.S_PAUSED]!;
      this.lexDepth = i32[s + T.S_DEPTH]!;
      this.lexFlags = i32[s + T.S_FLAGS]!;
      this.segmentBudget = i32[s + T.S_SEG_BUDGET]!;
      this.carryWait = i32[s + T.S_WAIT]!;
      const generation = this.generation;
      this.segmentText = null;
      const count = i32[s + T.S_COUNT]!;
      let resumeAt: number;
      try {
        resumeAt = this.processTape(engine, count);
      } catch (thrown) {
        // A listener threw: the exception is the caller's, but the tape's remaining records
        // are lost, so this stream stops here and the engine forgets what they cached.
        engine.forgetSymbols(engine.tape, engine.tape + count * T.RECORD_WORDS);
        this.error ??= new StreamError('internal-server-error', `a listener threw: ${String(thrown)}`, this.offset);
        throw thrown;
      }
      if (this.tapeStop >= 0) engine.forgetSymbols(this.tapeStop + T.RECORD_WORDS, engine.tape + count * T.RECORD_WORDS);
      if (this.abortWrite) return;
      if (this.error !== null) return;
      if (generation !== this.generation) {
        // reset() from a listener: what follows the stanza belongs to the new stream.
        if (this.ended) return;
        start = resumeAt;
        this.stanzaStartInWindow = start;
        continue;
      }
      if (errorCode !== 0) {
        this.fail(lexerError(errorCode, this.offset + errorPos));
        return;
      }
      if (paused !== 0 && consumed < length) {
        start = consumed;
        continue;
      }
      if ((this.lexFlags & T.SF_IN_SEGMENT) !== 0) {
        // The stanza goes on in the next write: keep its text so far for `source.bytes()`.
        const from = this.stanzaStartInWindow;
        // The last segment's text, when decoded, runs from its first needed string to `consumed`.
        const decoded = this.segmentText;
        const text =
          decoded === null
            ? engine.decode(from, consumed)
            : this.segmentTextFrom > from
              ? engine.decode(from, this.segmentTextFrom) + decoded
              : decoded;
        this.earlierText = this.earlierText === null ? text : this.earlierText + text;
      }
      if (consumed < length) this.carry = engine.saveCarry(consumed, length);
      this.offset += consumed;
      this.segmentText = null;
      if (this.stack.length === 1) {
        // Between stanzas: shrink the arrays a stanza grew (an idle stream should cost little).
        this.stack = [this.stack[0]!];
      }
      return;
    }
  }

  /** Builds Elements from `count` tape records; returns where to resume after a reset(). */
  private processTape(engine: Engine, count: number): number {
    const i32 = engine.i32;
    const u8 = engine.u8;
    const inPtr = engine.inPtr;
    const symbols = engine.symbols;
    const stack = this.stack;
    const ElementClass = this.settings.ElementClass;
    const stanzaLevel = this.stanzaLevel;
    const generation = this.generation;
    // The segment's text is decoded on first need: a stanza made only of known symbols needs none.
    let segment: string | null = null;
    let base = 0;
    let segmentEnd16 = 0;
    let segmentUtf16 = false;
    let current: LtxElement | null = stack.length > 0 ? stack[stack.length - 1]! : null;
    let attrs: Record<string, string> = current === null ? {} : current.attrs;
    let attrName = '';
    let special = 0; // colon or xmlns flags seen in the current start tag
    let attrCount = 0;
    let openPos = 0;
    for (let r = engine.tape, last = engine.tape + count * T.RECORD_WORDS; r < last; r += T.RECORD_WORDS) {
      const head = i32[r]!;
      const kind = head & T.HEAD_KIND_MASK;
      if (kind === T.KIND_SEGMENT) {
        segment = null;
        this.segmentText = null;
        this.segmentEnd = i32[r + 2]!;
        segmentEnd16 = i32[r + 3]!;
        segmentUtf16 = ((head >>> T.HEAD_FLAGS_SHIFT) & T.FLAG_UTF16) !== 0;
        continue;
      }
      if (kind === T.KIND_OPEN_END) {
        // No string: handled before the symbol and decode logic, which it must not trigger.
        const element = current!;
        if ((special & (T.FLAG_COLON | T.FLAG_XMLNS)) !== 0 && !this.checkNamespaces(element, special, openPos)) return this.stopAt(r, 0);
        if (stack.length === 1 && stanzaLevel === 1) {
          if (!this.startStream(element, openPos)) return this.stopAt(r, 0);
          if (generation !== this.generation) return this.stopAt(r, this.segmentEnd);
        }
        if ((head >>> T.HEAD_FLAGS_SHIFT) & T.FLAG_SELF_CLOSING) {
          this.closeElement();
          if (generation !== this.generation || this.error !== null) return this.stopAt(r, this.segmentEnd);
          current = stack.length > 0 ? stack[stack.length - 1]! : null;
          if (current !== null) attrs = current.attrs;
        }
        continue;
      }
      const id = head >>> T.HEAD_SYMBOL_SHIFT;
      let str: string;
      if (id !== 0 && (head & (T.FLAG_NEW_SYMBOL << T.HEAD_FLAGS_SHIFT)) === 0) {
        str = symbols[id]!;
      } else {
        const start16 = i32[r + 1]!;
        const units = i32[r + 2]! - start16;
        const from: number = segment === null ? i32[r + 3]! + STRING_AFTER[kind]! : 0; // its first byte
        // A short string (an id, a counter, 'dnd') of a stanza not decoded yet is made from its
        // bytes when they are ASCII: a stanza of symbols and such strings needs no decode call.
        const short = segment === null && units <= T.SHORT_STRING_MAX ? asciiString(u8, inPtr + from, units) : null;
        if (short !== null) str = short;
        else {
          if (segment === null) {
            // Decode from the first string the stanza needs: markup before it is never read.
            base = start16;
            segment = this.segmentText = engine.decodeSegment(from, this.segmentEnd, base, segmentEnd16, segmentUtf16);
            this.segmentTextFrom = from;
          }
          str = segment.slice(start16 - base, start16 - base + units);
        }
        if (id !== 0) symbols[id] = str = detach(str);
      }
      switch (kind) {
        case T.KIND_OPEN: {
          const element = new ElementClass(str);
          const depth = stack.length;
          openPos = i32[r + 3]!;
          if (depth === stanzaLevel) {
            this.stanzaOffset = this.offset + openPos;
            this.stanzaStartInWindow = openPos;
            this.earlierText = null;
            this.elementCount = 0;
            if (depth > 0) element.parent = stack[0]!;
          } else if (depth > stanzaLevel) {
            const parent = stack[depth - 1]!;
            element.parent = parent;
            parent.children.push(element);
          }
          if (depth >= stanzaLevel && ++this.elementCount > this.settings.maxElements) {
            return this.stopAt(r, this.fail(new StreamError('policy-violation', 'too many elements in one stanza', this.offset + openPos)));
          }
          stack.push(element);
          current = element;
          attrs = element.attrs;
          attrCount = 0;
          special = (head >>> T.HEAD_FLAGS_SHIFT) & T.HEAD_FLAGS_MASK;
          break;
        }
        case T.KIND_ATTR:
          attrName = str;
          special |= (head >>> T.HEAD_FLAGS_SHIFT) & T.HEAD_FLAGS_MASK;
          break;
        case T.KIND_VALUE: {
          const value = (head >>> T.HEAD_FLAGS_SHIFT) & NORMALIZE ? normalizeValue(str, head >>> T.HEAD_FLAGS_SHIFT) : str;
          // The lexer finds duplicates among a tag's first 1024 attributes; past them, look here.
          if (++attrCount > T.MAX_TRACKED_ATTRS && hasOwn.call(attrs, attrName)) {
            return this.stopAt(r, this.fail(new StreamError('not-well-formed', `duplicate attribute ${attrName}`, this.offset + openPos)));
          }
          if (attrName === '__proto__')
            Object.defineProperty(attrs, attrName, { value, enumerable: true, writable: true, configurable: true });
          else attrs[attrName] = value;
          break;
        }
        case T.KIND_CLOSE: {
          if (current === null || str !== current.name) {
            const expected = current === null ? 'no open element' : `</${current.name}>`;
            return this.stopAt(
              r,
              this.fail(new StreamError('not-well-formed', `end tag </${str}> does not match ${expected}`, this.offset + i32[r + 3]!)),
            );
          }
          this.closeElement();
          if (generation !== this.generation || this.error !== null) return this.stopAt(r, this.segmentEnd);
          current = stack.length > 0 ? stack[stack.length - 1]! : null;
          if (current !== null) attrs = current.attrs;
          break;
        }
        case T.KIND_TEXT:
        case T.KIND_CDATA: {
          const text = (head >>> T.HEAD_FLAGS_SHIFT) & NORMALIZE ? normalizeText(str, head >>> T.HEAD_FLAGS_SHIFT) : str;
          const children = current!.children;
          const n = children.length;
          if (n > 0 && typeof children[n - 1] === 'string') children[n - 1] += text;
          else children.push(text);
          break;
        }
        case T.KIND_XMLDECL:
          if (!this.checkDeclaration(str, i32[r + 3]!)) return this.stopAt(r, 0);
          break;
      }
    }
    this.tapeStop = -1;
    return 0;
  }

  /** Notes the record where processTape stopped early; the later ones are dropped. */
  private stopAt(record: number, resumeAt: number): number {
    this.tapeStop = record;
    return resumeAt;
  }

  private closeElement(): void {
    const stack = this.stack;
    const element = stack.pop()!;
    const scopes = this.scopes;
    while (scopes.length > 0 && (scopes[scopes.length - 3] as number) > stack.length) scopes.length -= 3;
    const depth = stack.length;
    if (depth === this.stanzaLevel) {
      this.emit('element', element, (this.source ??= new Source(this)));
      this.earlierText = null;
    } else if (depth < this.stanzaLevel) {
      this.emit('end', element);
    }
  }

  /** @internal Byte length of the current stanza (see StanzaSource). */
  get stanzaLength(): number {
    return this.offset + this.segmentEnd - this.stanzaOffset;
  }

  /** @internal The current stanza's bytes (see StanzaSource). */
  stanzaBytes(): Uint8Array {
    const engine = this.window;
    if (engine === null) throw new Error('xmpp-wasm: source.bytes() is only available while the element listener runs');
    const tail = engine.u8.subarray(
      engine.inPtr + (this.earlierText === null ? this.stanzaStartInWindow : 0),
      engine.inPtr + this.segmentEnd,
    );
    if (this.earlierText === null) return tail;
    const out = new Uint8Array(this.stanzaLength);
    const { written } = encoder.encodeInto(this.earlierText, out);
    out.set(tail, written);
    return out;
  }

  private resolve(prefix: string): string | undefined {
    if (prefix === 'xml') return XML_NS;
    const scopes = this.scopes;
    for (let i = scopes.length - 3; i >= 0; i -= 3) if (scopes[i + 1] === prefix) return scopes[i + 2] as string;
    return undefined;
  }

  /** XML Namespaces: declarations, declared prefixes, unique expanded attribute names. */
  private checkNamespaces(element: LtxElement, flags: number, at: number): boolean {
    const attrs = element.attrs as Record<string, string>;
    const offset = this.offset + at;
    if (flags & T.FLAG_XMLNS) {
      const uri = attrs.xmlns;
      if (uri === XML_NS || uri === XMLNS_NS)
        return this.refuse('not-well-formed', 'the xml and xmlns namespaces cannot be the default namespace', offset);
    }
    if (flags & T.FLAG_XMLNS_PREFIX) {
      // Prefix declarations are remembered with the depth of the element that makes them.
      const depth = this.stack.length;
      for (const name in attrs) {
        if (!name.startsWith('xmlns:')) continue;
        const uri = attrs[name]!;
        const prefix = name.slice(6);
        let problem: string | null = null;
        if (prefix === 'xmlns') problem = 'the xmlns prefix must not be declared';
        else if (prefix === 'xml' ? uri !== XML_NS : uri === XML_NS) problem = 'the xml prefix and its namespace belong only to each other';
        else if (uri === XMLNS_NS) problem = 'the xmlns namespace must not be declared';
        else if (uri === '') problem = `xmlns:${prefix}="" is not allowed (XML Namespaces 1.0)`;
        if (problem !== null) return this.refuse('not-well-formed', problem, offset);
        this.scopes.push(depth, prefix, uri);
      }
    }
    if (!(flags & T.FLAG_COLON)) return true;
    const name = element.name;
    const colon = name.indexOf(':');
    if (colon > 0) {
      const prefix = name.slice(0, colon);
      if (prefix === 'xmlns' || this.resolve(prefix) === undefined) {
        return this.refuse('not-well-formed', `undeclared namespace prefix ${prefix} on <${name}>`, offset);
      }
    }
    // Expanded names of the prefixed attributes, [uri, local, …]: usually one (xml:lang).
    let expanded: string[] | null = null;
    for (const attr in attrs) {
      const c = attr.indexOf(':');
      if (c < 0 || attr.startsWith('xmlns:')) continue;
      const prefix = attr.slice(0, c);
      const uri = prefix === 'xml' ? XML_NS : this.resolve(prefix);
      if (uri === undefined) {
        return this.refuse('not-well-formed', `undeclared namespace prefix on attribute ${attr}`, offset);
      }
      const local = attr.slice(c + 1);
      if (expanded === null) expanded = [uri, local];
      else {
        for (let i = 0; i < expanded.length; i += 2) {
          if (expanded[i] === uri && expanded[i + 1] === local) {
            return this.refuse('not-well-formed', `duplicate attribute {${uri}}${local}`, offset);
          }
        }
        expanded.push(uri, local);
      }
    }
    return true;
  }

  /** The stream header: `stream` in the streams namespace, an allowed content namespace. */
  private startStream(header: LtxElement, at: number): boolean {
    const offset = this.offset + at;
    const colon = header.name.indexOf(':');
    const local = colon < 0 ? header.name : header.name.slice(colon + 1);
    const content = header.attrs.xmlns as string | undefined;
    const ns = colon < 0 ? content : this.resolve(header.name.slice(0, colon));
    if (local !== 'stream' || ns !== STREAMS_NS) {
      return this.refuse('invalid-namespace', `the stream element must be stream in ${STREAMS_NS}, not <${header.name}>`, offset);
    }
    if (content === undefined || !this.settings.contentNamespaces.includes(content)) {
      return this.refuse('invalid-namespace', `unsupported content namespace ${JSON.stringify(content ?? '')}`, offset);
    }
    // The header lives as long as the stream: its values must not keep the decoded text of the
    // header's bytes alive (a stream id is no symbol and would be a slice of it).
    const headerAttrs = header.attrs as Record<string, string>;
    for (const name in headerAttrs) headerAttrs[name] = detach(headerAttrs[name]!);
    this.header = header;
    this.emit('start', header);
    return true;
  }

  private checkDeclaration(content: string, at: number): boolean {
    const match = DECLARATION.exec(content);
    const offset = this.offset + at;
    if (match === null) return this.refuse('not-well-formed', 'malformed XML declaration', offset);
    if (match[2] !== '1.0') {
      return this.refuse('not-well-formed', `XML version ${match[2]} is not supported (XMPP uses XML 1.0)`, offset);
    }
    if (match[4] !== undefined && match[4].toLowerCase() !== 'utf-8') {
      return this.refuse('unsupported-encoding', `encoding ${match[4]} is not supported (XMPP uses UTF-8)`, offset);
    }
    return true;
  }

  /** fail() for the checks that answer whether the element may stand. */
  private refuse(condition: StreamErrorCondition, text: string, offset: number): false {
    this.fail(new StreamError(condition, text, offset));
    return false;
  }

  private fail(error: StreamError): number {
    if (this.error === null) {
      this.error = error;
      this.emit('error', error);
    }
    return 0;
  }
}
