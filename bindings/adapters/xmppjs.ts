// xmpp.js (@xmpp/client, @xmpp/component) drop-in: a Parser with the interface of @xmpp/xml's,
// so a connection's `Parser` can be replaced by it, and `useXmppWasm(entity)` which does that
// for every transport of an entity (the framed parser for WebSocket) and hands it the socket's
// raw bytes: xmpp.js decodes each TCP read on its own, which breaks a multi-byte character
// split across two reads, while this parser decodes whole stanzas.
import type { XmlElement } from '../xml/element.js';
import { Emitter } from '../runtime/emitter.js';
import { StreamError } from '../parser/errors.js';
import { StreamParser, type ParserOptions } from '../parser/stream-parser.js';
import { FramedParser } from './websocket.js';
import { withOptions } from './with-options.js';
import { settingsFor } from '../parser/settings.js';

export { FramedParser, withOptions };

export type XmppjsParserEvents = {
  /** The stream header (xmpp.js: the stream is open). */
  start: (root: XmlElement) => void;
  /** Each stanza or nonza; its `parent` is the root, which does not list it as a child. */
  element: (element: XmlElement) => void;
  end: (root: XmlElement) => void;
  error: (error: StreamError) => void;
};

/** xmpp.js uses one Parser for clients and for components (XEP-0114), so it accepts both. */
export const XMPPJS_CONTENT_NAMESPACES: readonly string[] = [
  'jabber:client',
  'jabber:server',
  'jabber:component:accept',
  'jabber:component:connect',
];

export class Parser extends Emitter<XmppjsParserEvents> {
  /** What @xmpp/xml's Parser.XMLError stands for: the class of the errors emitted. */
  static readonly XMLError = StreamError;
  /** The stream header once received. */
  root: XmlElement | null = null;
  /** The underlying parser (for limits, `version`, `source` offsets). */
  readonly stream: StreamParser;

  constructor(options: ParserOptions = {}) {
    super();
    settingsFor('Parser', options); // checked here, to name this class in its errors
    const stream = (this.stream = new StreamParser({ contentNamespaces: XMPPJS_CONTENT_NAMESPACES, ...options }));
    stream.on('start', (root) => {
      this.root = root;
      this.emit('start', root);
    });
    stream.on('element', (element) => this.emit('element', element));
    stream.on('end', (root) => this.emit('end', root));
    stream.on('error', (error) => this.emit('error', error));
  }

  /** Bytes (a Buffer or Uint8Array, split anywhere) or text of the stream. */
  write(data: string | Uint8Array): void {
    this.throwIfUnheard(this.stream.error);
    this.stream.write(data);
  }

  /** The last data, if any; reports a stream cut inside a stanza as an error. */
  end(data?: string | Uint8Array): void {
    this.throwIfUnheard(this.stream.error);
    this.stream.end(data);
  }
}

// biome-ignore lint/suspicious/noExplicitAny: xmpp.js's transport classes are untyped
type TransportClass = abstract new (...args: any[]) => any;

/** The parts of an xmpp.js Client (or Component) that `useXmppWasm` changes. */
export interface XmppjsEntity {
  transports?: TransportClass[];
  Parser?: unknown;
  parser?: { write(data: unknown): void } | null;
  _onData?: (data: unknown) => void;
}

const isWebSocketTransport = (Transport: { prototype: { socketParameters(url: string): unknown } }): boolean => {
  try {
    return Transport.prototype.socketParameters('ws://localhost/xmpp-websocket') !== undefined;
  } catch {
    return false;
  }
};

/**
 * Makes an xmpp.js entity parse with xmpp-wasm: TCP transports get `Parser`, WebSocket ones
 * `FramedParser`, each built with `options` (e.g. `{ Element: xml.Element }` for @xmpp/xml
 * Elements); socket data reaches the parser as raw bytes. Call it before `start()`.
 */
export function useXmppWasm<E extends XmppjsEntity>(entity: E, options: ParserOptions = {}): E {
  if (typeof entity !== 'object' || entity === null) {
    throw new TypeError(`useXmppWasm: entity must be an xmpp.js client or component, got ${entity === null ? 'null' : typeof entity}`);
  }
  settingsFor('useXmppWasm', options);
  const Tcp = withOptions(Parser, options);
  const Framed = withOptions(FramedParser, options);
  if (entity.transports !== undefined) {
    entity.transports = entity.transports.map((Transport) => {
      // biome-ignore lint/suspicious/noExplicitAny: a mixin base must take `any[]`; the transport is untyped
      const Replaced = class extends (Transport as new (...args: any[]) => any) {};
      Replaced.prototype.Parser = isWebSocketTransport(Transport) ? Framed : Tcp;
      return Replaced;
    });
  } else {
    // A connection without transports (e.g. @xmpp/component over TCP).
    entity.Parser = Tcp;
  }
  entity._onData = function (this: XmppjsEntity, data: unknown) {
    this.parser?.write(data);
  };
  return entity;
}
