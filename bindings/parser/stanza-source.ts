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

  get offset(): number {
    return this.stanzaOffset;
  }

  get length(): number {
    return this.windowOffset + this.endInWindow - this.stanzaOffset;
  }

  bytes(overrides?: AttributeOverrides): Uint8Array {
    return overrides === undefined ? this.received() : overrideAttributes(this.received(), overrides);
  }

  /** @internal The stanza's bytes to keep after the listener (see Engine.keepBytes). */
  keep(): Carry {
    return this.earlierText !== null ? this.received() : this.window!.keepBytes(this.startInWindow, this.endInWindow);
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
