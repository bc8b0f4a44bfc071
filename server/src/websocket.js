// XMPP over WebSocket (RFC 7395) at /xmpp-websocket: one element per text message, the stream
// opened and closed by <open/> and <close/>, parsed by the engine's FramedParser. TLS is the
// HTTP layer's business (wss behind a proxy, or loopback), so no STARTTLS here.
import { escapeAttribute } from 'xmpp-wasm';
import { FramedParser } from 'xmpp-wasm/websocket';
import { Session } from './session.js';

export const FRAMING_NS = 'urn:ietf:params:xml:ns:xmpp-framing';
export const WEBSOCKET_PATH = '/xmpp-websocket';

export class WebSocketTransport {
  constructor(server, socket) {
    this.server = server;
    this.socket = socket;
    this.needsTls = false;
    this.secure = server.limits.webSocketSecure;
    /** Every message must carry its namespace: forwarded stanzas get xmlns='jabber:client'. */
    this.framed = true;
    this.opened = false;
    this.parser = new FramedParser(server.parserOptions);
    const session = (this.session = new Session(server, this));
    this.parser.on('start', (open) => session.onStreamStart(open));
    this.parser.on('element', (element) => session.onElement(element));
    this.parser.on('end', () => session.onStreamEnd());
    this.parser.on('error', (error) => session.onParseError(error));
    socket.on('message', (data, isBinary) => {
      session.lastActivity = server.clock.now;
      if (isBinary) return session.fail('bad-format', 'XMPP over WebSocket uses text messages (RFC 7395 §3.2)');
      this.parser.write(data);
    });
    socket.on('pong', () => {
      session.lastActivity = server.clock.now;
    });
    socket.on('close', () => session.onClosed());
    socket.on('error', () => socket.terminate());
  }

  openStream({ from, id, version }) {
    this.opened = true;
    const idAttr = id === undefined ? '' : ` id='${escapeAttribute(id)}'`;
    this.write(`<open xmlns='${FRAMING_NS}' from='${escapeAttribute(from)}'${idAttr} version='${version}' xml:lang='en'/>`);
  }

  write(data) {
    this.socket.send(data, { binary: false });
  }

  closeStream() {
    if (this.opened) this.write(`<close xmlns='${FRAMING_NS}'/>`);
  }

  end() {
    this.socket.close(1000);
    setTimeout(() => this.socket.terminate(), this.server.limits.closeTimeout).unref();
  }

  restart() {
    this.opened = false;
  }

  startTls() {
    throw new Error('STARTTLS is not used over WebSocket (RFC 7395 §3.1)');
  }

  /** RFC 7395 §3.3.3: keepalives are WebSocket pings, not whitespace. */
  sendKeepalive() {
    this.socket.ping();
  }

  pause() {
    this.socket.pause();
  }

  resume() {
    this.socket.resume();
  }

  get writableLength() {
    return this.socket.bufferedAmount;
  }

  onceDrained(callback) {
    this.socket._socket.once('drain', callback);
  }
}
