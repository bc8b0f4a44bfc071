// Node streams: parse what a net.Socket, tls.TLSSocket or any Readable of Buffers delivers.
// Listeners get stanzas synchronously as data arrives; the async iterator buffers at most
// `highWaterMark` stanzas and pauses the socket beyond that, so a slow consumer slows the
// peer down (TCP flow control) instead of growing memory.
import type { Readable } from 'node:stream';
import type { XmlElement } from '../xml/element.js';
import { Emitter } from '../runtime/emitter.js';
import { isRestartTrigger } from '../parser/restart.js';
import { StreamParser, type ParserEvents, type ParserOptions } from '../parser/stream-parser.js';
import { PARSER_OPTION_NAMES, settingsFor } from '../parser/settings.js';
import { checkOptions } from '../runtime/arguments.js';

const OWN_OPTIONS = ['restartAfterSaslSuccess', 'highWaterMark', 'iterate'];

export { isRestartTrigger };

export interface NodeStreamOptions extends ParserOptions {
  /**
   * Reset the parser right after a SASL <success/> is received (a client reading its server).
   * A server must instead call `restart()` after sending its <success/>. Default false.
   */
  restartAfterSaslSuccess?: boolean;
  /** Stanzas the async iterator buffers before pausing the readable; default 64. */
  highWaterMark?: number;
  /**
   * Whether the stanzas are read with the async iterator (the default for `readStanzas`): they
   * are then buffered from the first byte on, and the readable is paused while the buffer is
   * full. A reader used only through listeners (`attach`) never buffers nor pauses.
   */
  iterate?: boolean;
}

export type StanzaReaderEvents = ParserEvents & {
  /** The readable ended or closed (after the parser's own `end`, if the stream was closed). */
  close: () => void;
};

type Waiter = { resolve: (result: IteratorResult<XmlElement>) => void; reject: (error: unknown) => void };

export class StanzaReader extends Emitter<StanzaReaderEvents> {
  readonly parser: StreamParser;
  private readable: Readable | null = null;
  private readonly highWaterMark: number;
  private readonly queue: XmlElement[] = [];
  private waiter: Waiter | null = null;
  private iterating: boolean;
  private iterated = false;
  private finished = false;
  /** A StreamError from the parser, or the readable's own error. */
  private failure: Error | null = null;
  private readonly onData = (chunk: Buffer | string) => this.parser.write(chunk);
  private readonly onEnd = () => {
    if (this.parser.error === null) this.parser.end();
    this.finish();
  };
  private readonly onReadableError = (error: Error) => this.fail(error);

  constructor(readable: Readable, options: NodeStreamOptions = {}, where = 'StanzaReader') {
    super();
    if (typeof (readable as Partial<Readable> | null)?.on !== 'function') {
      throw new TypeError(
        `${where}: readable must be a Readable (a socket or stream), got ${readable === null ? 'null' : typeof readable}`,
      );
    }
    checkOptions(where, options, [...PARSER_OPTION_NAMES, ...OWN_OPTIONS]);
    const { restartAfterSaslSuccess, highWaterMark, iterate, ...parserOptions } = options;
    this.highWaterMark = Math.max(1, highWaterMark ?? 64);
    this.iterating = iterate ?? true;
    settingsFor(where, parserOptions); // the parser's options named as this function's
    const parser = (this.parser = new StreamParser(parserOptions));
    parser.on('start', (header) => this.emit('start', header));
    parser.on('element', (stanza, source) => {
      this.emit('element', stanza, source);
      if (this.iterating) this.push(stanza);
      if (restartAfterSaslSuccess && isRestartTrigger(stanza)) parser.reset();
    });
    parser.on('end', (header) => {
      this.emit('end', header);
      this.finish();
    });
    parser.on('error', (error) => {
      this.fail(error);
      // The iterator hears the error (its next() rejects); for listeners only, an unheard error
      // is thrown, as Node's EventEmitter does.
      if (!this.iterating || this.listenerCount('error') > 0) this.emit('error', error);
    });
    this.switchTo(readable);
  }

  /** Starts a new stream on the same connection (RFC 6120 §4.3.3); safe inside listeners. */
  restart(): void {
    this.parser.reset();
  }

  /**
   * Reads from another readable from now on, as a new stream: after STARTTLS's <proceed/>, pass
   * the TLSSocket wrapping the old socket.
   */
  upgrade(readable: Readable): void {
    this.switchTo(readable);
    this.restart();
  }

  /** Stops reading; the readable is left as it is (paused if the iterator had paused it). */
  detach(): void {
    const readable = this.readable;
    if (readable === null) return;
    readable.off('data', this.onData);
    readable.off('end', this.onEnd);
    readable.off('close', this.onEnd);
    readable.off('error', this.onReadableError);
    this.readable = null;
  }

  /** The stanzas, in order, until the stream or the readable ends; throws a StreamError or the readable's error. */
  [Symbol.asyncIterator](): AsyncIterator<XmlElement> {
    if (!this.iterating || this.iterated) throw new Error('xmpp-wasm: a StanzaReader is iterated once, and only if created by readStanzas');
    this.iterated = true;
    return {
      next: () => {
        const stanza = this.queue.shift();
        if (stanza !== undefined) {
          if (this.queue.length < this.highWaterMark) this.readable?.resume();
          return Promise.resolve({ value: stanza, done: false });
        }
        if (this.failure !== null) return Promise.reject(this.failure);
        if (this.finished) return Promise.resolve({ value: undefined, done: true });
        this.readable?.resume();
        return new Promise((resolve, reject) => {
          this.waiter = { resolve, reject };
        });
      },
      return: () => {
        this.iterating = false;
        this.queue.length = 0;
        this.detach();
        return Promise.resolve({ value: undefined, done: true });
      },
    };
  }

  private switchTo(readable: Readable): void {
    this.detach();
    this.readable = readable;
    readable.on('data', this.onData);
    readable.on('end', this.onEnd);
    readable.on('close', this.onEnd);
    readable.on('error', this.onReadableError);
  }

  private push(stanza: XmlElement): void {
    const waiter = this.waiter;
    if (waiter !== null) {
      this.waiter = null;
      waiter.resolve({ value: stanza, done: false });
      return;
    }
    this.queue.push(stanza);
    if (this.queue.length >= this.highWaterMark) this.readable?.pause();
  }

  private finish(): void {
    if (this.finished) return;
    this.finished = true;
    this.detach();
    this.emit('close');
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.resolve({ value: undefined, done: true });
  }

  private fail(error: Error): void {
    this.failure ??= error;
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.reject(this.failure);
    this.detach();
  }
}

/** The stanzas a readable (a socket) delivers, for `for await`; events are emitted too. */
export function readStanzas(readable: Readable, options?: NodeStreamOptions): StanzaReader {
  return new StanzaReader(readable, { ...options, iterate: true }, 'readStanzas');
}

/** Parses what a readable delivers for listeners only: no buffering, never paused. */
export function attach(readable: Readable, options?: NodeStreamOptions): StanzaReader {
  return new StanzaReader(readable, { ...options, iterate: false }, 'attach');
}
