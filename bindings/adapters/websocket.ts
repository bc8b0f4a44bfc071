// XMPP over WebSocket (RFC 7395): every message is one complete XML element, and the stream is
// opened and closed by <open/> and <close/> in the framing namespace instead of a stream header.
// Each message is parsed as a standalone document under the same restricted-XML rules and
// limits as a TCP stream, and is emitted only once the whole message proved well-formed.
import type { XmlElement } from '../xml/element.js';
import { Emitter } from '../runtime/emitter.js';
import { StreamError } from '../parser/errors.js';
import { asBytes, StreamParser, type ParserOptions } from '../parser/stream-parser.js';
import { isWhitespace } from '../xml/whitespace.js';
import { settingsFor } from '../parser/settings.js';

export const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';

export type FramedParserEvents = {
  /** An <open/> (also after each stream restart, RFC 7395 §3.4). */
  start: (open: XmlElement) => void;
  /** A stanza or other first-level element: the whole message. */
  element: (element: XmlElement) => void;
  /** A <close/> (RFC 7395 §3.6); it may carry a see-other-uri. */
  end: (close: XmlElement) => void;
  error: (error: StreamError) => void;
};

const encoder = new TextEncoder();

export class FramedParser extends Emitter<FramedParserEvents> {
  /** The last <open/> received (null before the first one). */
  root: XmlElement | null = null;
  /** The error that stopped the parser, until reset(). */
  error: StreamError | null = null;

  private readonly document: StreamParser;
  private parsed: XmlElement | null = null;
  /** Bytes of the messages before the current one: error offsets count from the connection's start. */
  private offset = 0;

  constructor(options: ParserOptions = {}) {
    super();
    settingsFor('FramedParser', options); // checked here, to name this class in its errors
    this.document = new StreamParser(options, true);
    this.document.on('element', (element) => {
      this.parsed = element;
    });
    this.document.on('error', (error) => this.fail(error));
  }

  /**
   * Parses one WebSocket message (a text frame's payload). Bad input ends in one `error` event;
   * with no `error` listener the StreamError is thrown instead, and by later writes until reset().
   */
  write(message: string | Uint8Array): void {
    this.throwIfUnheard(this.error);
    if (this.error !== null) return;
    const bytes = typeof message === 'string' ? encoder.encode(message) : asBytes(message, 'FramedParser.write', 'message');
    const start = this.offset;
    this.offset += bytes.length;
    this.parsed = null;
    this.document.reset();
    this.document.end(bytes);
    if (this.error !== null) return;
    const element = this.parsed as XmlElement | null;
    this.parsed = null;
    if (element === null) {
      // Whitespace only: a keepalive, as between stanzas on TCP; anything else is one element.
      if (!isWhitespace(bytes))
        this.fail(new StreamError('not-well-formed', 'a WebSocket message must hold one complete element (RFC 7395 §3.3.3)', start));
      return;
    }
    if (element.getNS() === FRAMING_NS) {
      const name = element.getName();
      if (name === 'open') {
        this.root = element;
        this.emit('start', element);
        return;
      }
      if (name === 'close') {
        this.emit('end', element);
        return;
      }
    }
    this.emit('element', element);
  }

  /** For the interface of a streaming parser: parses a last message if one is given. */
  end(message?: string | Uint8Array): void {
    if (message !== undefined && message.length > 0) this.write(message);
  }

  /** Accepts messages again after an error (the offsets go on counting). */
  reset(): void {
    this.error = null;
    this.root = null;
  }

  private fail(error: StreamError): void {
    if (this.error !== null) return;
    this.error = error;
    this.emit('error', error);
  }
}
