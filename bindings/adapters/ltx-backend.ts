// A backend for ltx (`new ltx.Parser({ Parser: LtxBackend })`, `ltx.parse(xml, { Parser: ... })`)
// with xmpp-wasm's restricted-XML rules. ltx's backends report SAX events; this one reports them
// per complete element: an XMPP stream (first element `stream`) gives the header's
// startElement at once, then each stanza's events when the stanza is complete; any other
// document gives its events when the root element is complete.
import type { XmlElement, XmlNode } from '../xml/element.js';
import { Emitter } from '../runtime/emitter.js';
import { settingsFor } from '../parser/settings.js';
import type { StreamError } from '../parser/errors.js';
import { StreamParser, type ParserOptions } from '../parser/stream-parser.js';

export { withOptions } from './with-options.js';

export type LtxBackendEvents = {
  startElement: (name: string, attrs: Record<string, string>) => void;
  endElement: (name: string) => void;
  text: (text: string) => void;
  error: (error: StreamError) => void;
};

const encoder = new TextEncoder();
const latin1 = new TextDecoder('latin1');
/** The first start tag's name; '<?' and '<!' are skipped (a declaration, or an error later). */
const FIRST_NAME = /<([^?!\s/>][^\s/>]*)[\s/>]/;
/** Past this many bytes without a start tag, the input is not a stream: parse it as a document. */
const SNIFF_LIMIT = 4096;

export class LtxBackend extends Emitter<LtxBackendEvents> {
  private parser: StreamParser | null = null;
  private pending: Uint8Array[] = [];
  private pendingLength = 0;

  constructor(private readonly options: ParserOptions = {}) {
    super();
    settingsFor('LtxBackend', options); // checked now: the parser is made at the first write
  }

  write(data: string | Uint8Array): void {
    const bytes = typeof data === 'string' ? encoder.encode(data) : data;
    if (this.parser !== null) {
      this.parser.write(bytes);
      return;
    }
    this.pending.push(bytes);
    this.pendingLength += bytes.length;
    this.choose(false);
  }

  end(data?: string | Uint8Array): void {
    if (data !== undefined) this.write(data);
    if (this.parser === null) this.choose(true);
    this.parser!.end();
  }

  /** Picks stream or document parsing from the first start tag, then feeds what was buffered. */
  private choose(final: boolean): void {
    const buffered = new Uint8Array(this.pendingLength);
    let at = 0;
    for (const piece of this.pending) {
      buffered.set(piece, at);
      at += piece.length;
    }
    const match = FIRST_NAME.exec(latin1.decode(buffered));
    if (match === null && !final && buffered.length < SNIFF_LIMIT) return;
    const name = match?.[1] ?? '';
    const isStream = name === 'stream' || name.endsWith(':stream');
    const parser = (this.parser = new StreamParser(this.options, !isStream));
    if (isStream) {
      parser.on('start', (header) => this.emit('startElement', header.name, { ...header.attrs }));
      parser.on('end', (header) => this.emit('endElement', header.name));
    }
    parser.on('element', (element) => this.replay(element));
    parser.on('error', (error) => this.emit('error', error));
    this.pending = [];
    this.pendingLength = 0;
    parser.write(buffered);
  }

  private replay(element: XmlElement): void {
    this.emit('startElement', element.name, { ...element.attrs });
    for (const child of element.children as XmlNode[]) {
      if (typeof child === 'string') this.emit('text', child);
      else this.replay(child as XmlElement);
    }
    this.emit('endElement', element.name);
  }
}
