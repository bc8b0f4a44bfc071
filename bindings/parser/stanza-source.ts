// Where the stanza of the current `element` event lies in the input, and its exact bytes.
// While the listener runs they are in the engine's input buffer (the window), preceded, when the
// stanza began in earlier writes, by the text of its earlier bytes.
import { type AttributeOverrides, overrideAttributes } from './attribute-overrides.js';
import type { Engine } from './engine.js';
import type { Carry } from './lexer-state.js';
import type { TapeReader } from './tape-reader.js';

/** Where the stanza of the current `element` event lies in the input. */
export interface StanzaSource {
  /** Byte offset of its '<' from the start of the input (counted across stream restarts). */
  readonly offset: number;
  /** Its length in bytes, up to and including its final '>'. */
  readonly length: number;
  /**
   * Its exact bytes as received. Valid only while the listener runs (it may be a view of the
   * parser's buffer): copy it (`.slice()`) to keep it. With `overrides` (`{ from: 'a@b/c', to:
   * null }`), a new array: the bytes with the stanza's own attributes set, added or removed,
   * every other byte as received.
   */
  bytes(overrides?: AttributeOverrides): Uint8Array;
}

const encoder = new TextEncoder();
/** Small stanzas share a copy of up to this many bytes of their window; larger ones have their own. */
const GROUP_BYTES = 1024;
const SHARED_MAX = 256;

/** The `source` argument of `element` events: one per parser, following its current stanza. */
export class StanzaTracker implements StanzaSource {
  /** @internal Input offset of the window's first byte. */
  windowOffset = 0;
  /** @internal The window being processed (null between writes: bytes() is refused then). */
  window: Engine | null = null;
  /** @internal Byte offset in the window where the current stanza starts (0 when it began earlier). */
  startInWindow = 0;
  /** @internal Byte offset in the window after the current stanza's last byte. */
  endInWindow = 0;
  private stanzaOffset = 0;
  /**
   * Text of the current stanza's bytes from earlier writes (valid UTF-8 round-trips exactly, so
   * its encoding gives the bytes back); null when it started in this window.
   */
  private earlierText: string | null = null;
  /** Input bytes of the window being processed. */
  private windowBytes = 0;
  /** Window bytes [groupFrom, groupTo) as one copy that small stanzas of lazy mode are sliced from. */
  private group: Carry = '';
  private groupFrom = 0;
  private groupTo = 0;

  get offset(): number {
    return this.stanzaOffset;
  }

  get length(): number {
    return this.windowOffset + this.endInWindow - this.stanzaOffset;
  }

  bytes(overrides?: AttributeOverrides): Uint8Array {
    return overrides === undefined ? this.received() : overrideAttributes(this.received(), overrides);
  }

  /**
   * @internal The stanza's bytes to keep after the listener: a latin1 string in Node (see Carry).
   * Copying bytes into a string costs the same ~900 instructions whether 50 or 250 bytes, more
   * than the rest of a small stanza's lazy work: small stanzas are sliced from one copy of up to
   * GROUP_BYTES of the window they share (a kept one holds at most that much more).
   */
  keep(): Carry {
    const engine = this.window!;
    if (this.earlierText !== null) return this.received();
    const from = this.startInWindow;
    const to = this.endInWindow;
    if (to - from > SHARED_MAX) return engine.saveCarry(from, to);
    if (from < this.groupFrom || to > this.groupTo) {
      this.groupFrom = from;
      this.groupTo = Math.max(to, Math.min(from + GROUP_BYTES, this.windowBytes));
      this.group = engine.saveCarry(from, this.groupTo);
    }
    const group = this.group;
    return typeof group === 'string'
      ? group.slice(from - this.groupFrom, to - this.groupFrom)
      : group.slice(from - this.groupFrom, to - this.groupFrom);
  }

  /** @internal A window of `bytes` input bytes is being processed. */
  windowStarts(bytes: number): void {
    this.startInWindow = 0;
    this.windowBytes = bytes;
    this.groupFrom = this.groupTo = 0;
  }

  private received(): Uint8Array {
    const engine = this.window;
    if (engine === null) throw new Error('xmpp-wasm: source.bytes() is only available while the element listener runs');
    const tail = engine.u8.subarray(engine.inPtr + (this.earlierText === null ? this.startInWindow : 0), engine.inPtr + this.endInWindow);
    if (this.earlierText === null) return tail;
    const out = new Uint8Array(this.length);
    const { written } = encoder.encodeInto(this.earlierText, out);
    out.set(tail, written);
    return out;
  }

  /** @internal A stanza starts at byte `at` of the window. */
  stanzaStarts(at: number): void {
    this.stanzaOffset = this.windowOffset + at;
    this.startInWindow = at;
    this.earlierText = null;
  }

  /** @internal The stanza was delivered: its earlier bytes are not needed any more. */
  stanzaDelivered(): void {
    this.earlierText = null;
  }

  /**
   * @internal The window ends inside a stanza at byte `consumed`: keep its text so far, reusing
   * what the tape reader already decoded of the last segment (from its first needed string).
   */
  keepEarlierBytes(engine: Engine, reader: TapeReader, consumed: number): void {
    const from = this.startInWindow;
    const decoded = reader.segmentText;
    const text =
      decoded === null
        ? engine.decode(from, consumed)
        : reader.segmentTextFrom > from
          ? engine.decode(from, reader.segmentTextFrom) + decoded
          : decoded;
    this.earlierText = this.earlierText === null ? text : this.earlierText + text;
  }

  /** @internal The next window starts `consumed` bytes further; its stanza bytes start at its beginning. */
  windowDone(consumed: number): void {
    this.windowOffset += consumed;
    this.startInWindow = 0;
  }
}
