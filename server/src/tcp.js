// c2s over TCP (RFC 6120 §3–§5): the stream header and </stream:stream> frame the stream, and
// the connection is upgraded in place by STARTTLS. Writes made in one tick are corked into one
// TLS record batch.
import { TLSSocket } from 'node:tls';
import { StreamParser, escapeAttribute, streamError } from 'xmpp-wasm';
import { Session } from './session.js';

const STREAMS_NS = 'http://etherx.jabber.org/streams';

export function streamOpening({ from, id, version }) {
  const idAttr = id === undefined ? '' : ` id='${escapeAttribute(id)}'`;
  return `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='${STREAMS_NS}' from='${escapeAttribute(from)}'${idAttr} version='${version}' xml:lang='en'>`;
}

/** What a connection over the cap gets: a stream that opens with resource-constraint and closes. */
export function refuseTcp(socket, domain) {
  socket.on('error', () => {});
  socket.end(
    `${streamOpening({ from: domain, version: '1.0' })}${streamError('resource-constraint', { text: 'too many connections' })}</stream:stream>`,
  );
}

export class TcpTransport {
  constructor(server, socket) {
    this.server = server;
    this.socket = socket;
    this.needsTls = true;
    this.secure = false;
    /** Stanzas keep the stream's default namespace: no xmlns needs adding. */
    this.framed = false;
    this.opened = false;
    this.corked = false;
    this.uncork = () => {
      this.corked = false;
      this.socket.uncork();
    };
    this.onData = (chunk) => {
      this.session.lastActivity = server.clock.now;
      this.parser.write(chunk);
    };
    this.onClose = () => this.session.onClosed();
    this.parser = new StreamParser(server.parserOptions);
    const session = (this.session = new Session(server, this));
    this.parser.on('start', (header) => session.onStreamStart(header));
    this.parser.on('element', (element) => session.onElement(element));
    this.parser.on('end', () => session.onStreamEnd());
    this.parser.on('error', (error) => session.onParseError(error));
    socket.setNoDelay(true);
    this.listen(socket);
  }

  listen(socket) {
    socket.on('data', this.onData);
    socket.on('close', this.onClose);
    socket.on('error', () => socket.destroy());
  }

  openStream(attributes) {
    this.opened = true;
    this.write(streamOpening(attributes));
  }

  write(data) {
    if (!this.corked) {
      this.corked = true;
      this.socket.cork();
      process.nextTick(this.uncork);
    }
    this.socket.write(data);
  }

  closeStream() {
    if (this.opened) this.write('</stream:stream>');
  }

  /** Closes after what was written is sent; a peer that does not close in time is cut off. */
  end() {
    this.socket.end();
    setTimeout(() => this.socket.destroy(), this.server.limits.closeTimeout).unref();
  }

  restart() {
    this.opened = false;
    this.parser.reset();
  }

  /** Continues the same stream machine over TLS once <proceed/> is on its way (RFC 6120 §5.4.3.3). */
  startTls() {
    const raw = this.socket;
    if (this.corked) {
      this.corked = false;
      raw.uncork();
    }
    raw.removeListener('data', this.onData);
    const secured = new TLSSocket(raw, { isServer: true, secureContext: this.server.secureContext });
    this.socket = secured;
    this.secure = true;
    this.restart();
    this.listen(secured);
  }

  sendKeepalive() {
    if (this.opened) this.socket.write(' ');
  }

  pause() {
    this.socket.pause();
  }

  resume() {
    this.socket.resume();
  }

  get writableLength() {
    return this.socket.writableLength;
  }

  onceDrained(callback) {
    this.socket.once('drain', callback);
  }
}
