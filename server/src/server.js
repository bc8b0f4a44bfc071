// The server: listeners (TCP c2s with STARTTLS, WebSocket), the shared state every session
// reads (domain, accounts, router, limits, a coarse clock), the sweep that ends idle
// connections and sends keepalives, the connection cap and graceful shutdown.
import { createServer as createTcpServer } from 'node:net';
import { createServer as createHttpServer } from 'node:http';
import { createSecureContext } from 'node:tls';
import { WebSocketServer } from 'ws';
import { nameprep } from 'xmpp-wasm';
import { AccountStore } from './accounts.js';
import { selfSignedCertificate } from './certificate.js';
import { Router } from './router.js';
import { TcpTransport, refuseTcp } from './tcp.js';
import { WebSocketTransport, WEBSOCKET_PATH } from './websocket.js';

export const DEFAULT_LIMITS = {
  /** Bytes of one stanza (the engine's limit; RFC 6120 §13.12 asks for at least 10,000). */
  maxStanzaBytes: 262144,
  /** Stanzas per second per connection, sustained; 0 disables the rate limit. */
  rate: 500,
  /** Stanzas a connection may send at once before the rate applies. */
  rateBurst: 2000,
  /** Milliseconds without a byte from the client (whitespace keepalives count) before connection-timeout. */
  idleTimeout: 300_000,
  /** Milliseconds from connect to a bound resource. */
  negotiationTimeout: 60_000,
  /** Milliseconds without a byte to the client before a keepalive is sent. */
  keepaliveInterval: 60_000,
  /** Connections open at once, TCP and WebSocket together. */
  maxConnections: 20_000,
  /** Milliseconds a closing peer gets to close its side. */
  closeTimeout: 2_000,
  /** Whether WebSocket connections count as encrypted (TLS terminated in front, or loopback): PLAIN is offered then. */
  webSocketSecure: false,
};

function listen(server, port, host) {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.removeListener('error', reject);
      resolve(server.address().port);
    });
  });
}

export class XmppServer {
  constructor({ domain, dataDir, limits = {}, tls, now = Date.now }) {
    /** The time source (milliseconds); tests pass their own to step timeouts without waiting. */
    this.now = now;
    this.domain = nameprep(domain);
    this.store = new AccountStore(dataDir);
    this.store.domain = this.domain;
    this.limits = { ...DEFAULT_LIMITS, ...limits };
    /** One options object for every connection's parser: the engine resolves it once and shares the result. */
    this.parserOptions = { maxStanzaBytes: this.limits.maxStanzaBytes, lazy: true };
    this.router = new Router(this);
    this.secureContext = createSecureContext({ cert: tls.cert, key: tls.key });
    this.clock = { now: now() };
    this.sessions = new Set();
    this.listeners = [];
    this.ticker = setInterval(() => this.tick(), 250);
    this.ticker.unref();
  }

  /** A connection arrived: refused over the cap, otherwise a session starts. */
  accept(socket, Transport) {
    const transport = new Transport(this, socket);
    this.sessions.add(transport.session);
    return transport.session;
  }

  /** Called once per session when it closes. */
  forget(session) {
    if (!this.sessions.delete(session)) return;
    this.router.unbind(session);
    if (this.sessions.size === 0 && this.drained !== undefined) this.drained();
  }

  tick() {
    const now = (this.clock.now = this.now());
    if (now - (this.swept ?? 0) < 1000) return;
    this.swept = now;
    const { idleTimeout, negotiationTimeout, keepaliveInterval } = this.limits;
    for (const session of this.sessions) {
      if (session.jid === null && now - session.startedAt > negotiationTimeout)
        session.fail('connection-timeout', 'negotiation took too long');
      else if (now - session.lastActivity > idleTimeout) session.fail('connection-timeout', 'idle for too long');
      else if (now - session.lastSent > keepaliveInterval) {
        session.lastSent = now;
        session.transport.sendKeepalive();
      }
    }
  }

  async listenTcp(port, host) {
    const server = createTcpServer((socket) => {
      if (this.sessions.size >= this.limits.maxConnections) return refuseTcp(socket, this.domain);
      this.accept(socket, TcpTransport).startedAt = this.clock.now;
    });
    this.listeners.push(server);
    return listen(server, port, host);
  }

  async listenWebSocket(port, host) {
    const http = createHttpServer((_request, response) => {
      response.writeHead(404, { 'content-type': 'text/plain' }).end(`XMPP over WebSocket is at ${WEBSOCKET_PATH}\n`);
    });
    const wss = new WebSocketServer({
      server: http,
      path: WEBSOCKET_PATH,
      maxPayload: this.limits.maxStanzaBytes * 4,
      handleProtocols: (protocols) => (protocols.has('xmpp') ? 'xmpp' : false),
      verifyClient: (_info, done) =>
        this.sessions.size >= this.limits.maxConnections ? done(false, 503, 'too many connections') : done(true),
    });
    wss.on('connection', (socket) => {
      if (socket.protocol !== 'xmpp') return socket.close(1002, 'the xmpp subprotocol is required (RFC 7395 §3.1)');
      this.accept(socket, WebSocketTransport).startedAt = this.clock.now;
    });
    this.listeners.push(http);
    this.webSocketServer = wss;
    return listen(http, port, host);
  }

  /**
   * Stops listening, ends every stream with system-shutdown (RFC 6120 §4.9.3.17) and resolves
   * once every connection is closed (those that do not close in time are cut off).
   */
  async close() {
    clearInterval(this.ticker);
    const closed = this.listeners.map((listener) => new Promise((resolve) => listener.close(resolve)));
    const drained =
      this.sessions.size === 0
        ? Promise.resolve()
        : new Promise((resolve) => {
            this.drained = resolve;
          });
    for (const session of [...this.sessions]) session.fail('system-shutdown', 'the server is shutting down');
    await drained;
    this.webSocketServer?.close();
    await Promise.all(closed);
  }
}

/**
 * Starts a server. Options: domain, dataDir, bind ('127.0.0.1'), c2sPort (5222; 0 = any free
 * port), wsPort (5280; null = no WebSocket), tls ({ cert, key } PEM; self-signed when absent),
 * limits (see DEFAULT_LIMITS), now (a clock, Date.now). Resolves to the server with `ports` { c2s, ws }.
 */
export async function startServer(options) {
  if (options === null || typeof options !== 'object') throw new TypeError('startServer: options must be an object');
  const { domain, dataDir, bind = '127.0.0.1', c2sPort = 5222, wsPort = 5280, limits, now } = options;
  if (typeof domain !== 'string' || domain.length === 0) throw new TypeError('startServer: options.domain must be a non-empty string');
  if (typeof dataDir !== 'string' || dataDir.length === 0) throw new TypeError('startServer: options.dataDir must be a non-empty path');
  const tls = options.tls ?? (await selfSignedCertificate(domain));
  const server = new XmppServer({ domain, dataDir, limits, tls, now });
  server.ports = { c2s: await server.listenTcp(c2sPort, bind), ws: null };
  if (wsPort !== null) server.ports.ws = await server.listenWebSocket(wsPort, bind);
  return server;
}
