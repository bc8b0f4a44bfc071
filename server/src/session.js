// One client stream from its header to its close (RFC 6120 §4–§7): STARTTLS where the transport
// needs it, SASL, resource binding and the RFC 3921 session, then every stanza checked and
// handed to the router. The transport (TCP or WebSocket) frames what is sent and feeds the
// parser's events in; this class does not know which one it talks through.
import { randomBytes } from 'node:crypto';
import { checkStanza, escapeAttribute, escapeText, parseJid, prepareResource, stanzaError, streamError } from 'xmpp-wasm';
import { MECHANISMS, startExchange } from './sasl.js';

const NS = {
  tls: 'urn:ietf:params:xml:ns:xmpp-tls',
  sasl: 'urn:ietf:params:xml:ns:xmpp-sasl',
  bind: 'urn:ietf:params:xml:ns:xmpp-bind',
  session: 'urn:ietf:params:xml:ns:xmpp-session',
};

/** Session phases, in order. */
const OPENING = 0,
  NEGOTIATING = 1,
  BOUND = 2,
  CLOSED = 3;

export class Session {
  /**
   * @param server  the server's shared state: domain, store, router, limits, clock
   * @param transport  frames and sends: openStream, write, closeStream, restart, startTls, end
   */
  constructor(server, transport) {
    this.server = server;
    this.transport = transport;
    this.phase = OPENING;
    this.username = null;
    this.resource = null;
    this.jid = null;
    /** ` from='full JID'` as bytes, stamped on everything this session sends on. */
    this.fromAttribute = null;
    this.available = false;
    /** Not read while a recipient it sent to is backed up. */
    this.paused = false;
    this.priority = 0;
    this.lastPresence = null;
    this.exchange = null;
    this.tokens = server.limits.rateBurst;
    this.tokensAt = server.clock.now;
    this.lastActivity = server.clock.now;
    this.lastSent = server.clock.now;
  }

  get authenticated() {
    return this.username !== null;
  }

  // ---- events from the transport ----

  onStreamStart(header) {
    if (this.phase === CLOSED) return;
    const to = header.attrs.to;
    this.transport.openStream({ from: this.server.domain, id: randomBytes(9).toString('base64url'), version: '1.0' });
    if (to !== undefined && to.toLowerCase() !== this.server.domain)
      return this.fail('host-unknown', `this server serves ${this.server.domain}`);
    if (header.attrs.version === undefined || !/^1\.\d+$/.test(header.attrs.version))
      return this.fail('unsupported-version', 'XMPP 1.0 streams only');
    this.phase = this.jid === null ? NEGOTIATING : BOUND;
    this.transport.write(this.features());
  }

  features() {
    let body;
    if (this.transport.needsTls && !this.transport.secure) body = `<starttls xmlns='${NS.tls}'><required/></starttls>`;
    else if (!this.authenticated)
      body = `<mechanisms xmlns='${NS.sasl}'>${this.mechanisms()
        .map((m) => `<mechanism>${m}</mechanism>`)
        .join('')}</mechanisms>`;
    else body = `<bind xmlns='${NS.bind}'/><session xmlns='${NS.session}'><optional/></session>`;
    return `<stream:features xmlns:stream='http://etherx.jabber.org/streams'>${body}</stream:features>`;
  }

  mechanisms() {
    return this.transport.secure ? MECHANISMS : MECHANISMS.filter((m) => m !== 'PLAIN');
  }

  onElement(element) {
    if (this.phase === CLOSED) return;
    if (this.phase === OPENING) return this.fail('not-authorized', 'no stream header yet');
    if (!this.takeToken()) return this.fail('policy-violation', 'too many stanzas per second');
    if (this.phase === BOUND) return this.onStanza(element);
    if (this.transport.needsTls && !this.transport.secure) return this.negotiateTls(element);
    if (!this.authenticated) return this.negotiateSasl(element);
    return this.negotiateBind(element);
  }

  onStreamEnd() {
    if (this.phase === CLOSED) return;
    this.close();
  }

  /** A parse error from the engine: its condition is the stream error sent. */
  onParseError(error) {
    this.fail(error.condition, error.message);
  }

  /** The connection is gone (whoever closed it). */
  onClosed() {
    this.phase = CLOSED;
    this.server.forget(this);
  }

  // ---- negotiation ----

  negotiateTls(element) {
    if (!element.is('starttls', NS.tls)) return this.fail('policy-violation', 'STARTTLS is required');
    this.transport.write(`<proceed xmlns='${NS.tls}'/>`);
    this.phase = OPENING;
    this.transport.startTls();
  }

  negotiateSasl(element) {
    if (element.getNS() !== NS.sasl) return this.fail('not-authorized', 'authenticate first');
    if (element.name === 'abort') {
      this.exchange = null;
      return this.transport.write(`<failure xmlns='${NS.sasl}'><aborted/></failure>`);
    }
    if (element.name === 'auth') {
      this.exchange = startExchange(element.attrs.mechanism, this.server.store, this.mechanisms());
      if (this.exchange === null) return this.transport.write(`<failure xmlns='${NS.sasl}'><invalid-mechanism/></failure>`);
    } else if (element.name !== 'response' || this.exchange === null) {
      return this.fail('not-authorized', 'unexpected SASL element');
    }
    const text = element.getText();
    let message = null;
    if (text === '=') message = Buffer.alloc(0);
    else if (text !== '') {
      if (!/^[A-Za-z0-9+/]*={0,2}$/.test(text) || text.length % 4 !== 0) return this.saslFailure('incorrect-encoding');
      message = Buffer.from(text, 'base64');
    }
    const exchange = this.exchange;
    exchange.step(message).then(
      (move) => this.saslMove(exchange, move),
      () => this.saslFailure('temporary-auth-failure'),
    );
  }

  saslMove(exchange, move) {
    if (this.phase === CLOSED || this.exchange !== exchange) return;
    if (move.challenge !== undefined)
      return this.transport.write(
        `<challenge xmlns='${NS.sasl}'>${move.challenge.length ? move.challenge.toString('base64') : '='}</challenge>`,
      );
    if (move.failure !== undefined) return this.saslFailure(move.failure);
    this.exchange = null;
    this.username = move.username;
    this.transport.write(
      move.success === null ? `<success xmlns='${NS.sasl}'/>` : `<success xmlns='${NS.sasl}'>${move.success.toString('base64')}</success>`,
    );
    this.phase = OPENING;
    this.transport.restart();
  }

  saslFailure(condition) {
    this.exchange = null;
    this.transport.write(`<failure xmlns='${NS.sasl}'><${condition}/></failure>`);
  }

  negotiateBind(element) {
    const bind = element.is('iq') && element.attrs.type === 'set' ? element.getChild('bind', NS.bind) : undefined;
    if (bind === undefined) return this.fail('not-authorized', 'bind a resource first');
    let resource = bind.getChildText('resource')?.trim() || randomBytes(6).toString('hex');
    try {
      resource = prepareResource(resource);
    } catch {
      return this.transport.write(stanzaError(element, 'bad-request', { text: 'invalid resource' }).toString());
    }
    this.resource = resource;
    this.jid = `${this.username}@${this.server.domain}/${resource}`;
    this.fromAttribute = Buffer.from(` from='${escapeAttribute(this.jid)}'`);
    this.server.router.bind(this);
    this.phase = BOUND;
    this.transport.write(
      `<iq type='result' id='${escapeAttribute(element.attrs.id ?? '')}'><bind xmlns='${NS.bind}'><jid>${escapeText(this.jid)}</jid></bind></iq>`,
    );
  }

  // ---- stanzas ----

  onStanza(stanza) {
    // RFC 6120 §8 (c2s): a bad stanza is answered with a stanza error (from the server), a bad
    // error stanza dropped, a first-level element that is no stanza ends the stream.
    const problem = checkStanza(stanza);
    if (problem !== null) {
      if (problem.kind === 'stream') return this.fail(problem.condition, problem.text);
      if (problem.kind === 'stanza') this.send(stanzaError(stanza, problem, { to: this.jid, from: this.server.domain }).toString());
      return;
    }
    const from = stanza.attrs.from;
    if (from !== undefined && from !== this.jid && from !== this.jid.slice(0, this.jid.indexOf('/'))) return this.fail('invalid-from');
    if (
      stanza.name === 'iq' &&
      stanza.attrs.type === 'set' &&
      stanza.attrs.to === undefined &&
      stanza.getChild('session', NS.session) !== undefined
    ) {
      return this.send(`<iq type='result' id='${escapeAttribute(stanza.attrs.id)}'/>`);
    }
    // checkStanza has parsed `to` (parseJid caches it): this does not parse it again.
    const to = stanza.attrs.to === undefined ? null : parseJid(stanza.attrs.to);
    this.server.router.route(this, stanza, to);
  }

  /** Sends one complete element (a string or bytes) on this stream. */
  send(data) {
    if (this.phase === CLOSED) return;
    this.lastSent = this.server.clock.now;
    this.transport.write(data);
  }

  /** A token bucket per connection: `rate` stanzas per second, bursts of up to `rateBurst`. */
  takeToken() {
    const { rate, rateBurst } = this.server.limits;
    if (rate <= 0) return true;
    const now = this.server.clock.now;
    if (now !== this.tokensAt) {
      this.tokens = Math.min(rateBurst, this.tokens + ((now - this.tokensAt) * rate) / 1000);
      this.tokensAt = now;
    }
    if (this.tokens < 1) return false;
    this.tokens--;
    return true;
  }

  // ---- ending ----

  /** Sends a stream error and closes (RFC 6120 §4.9.1.1). */
  fail(condition, text) {
    if (this.phase === CLOSED) return;
    if (this.phase === OPENING && !this.transport.opened) this.transport.openStream({ from: this.server.domain, version: '1.0' });
    this.transport.write(streamError(condition, { text }).toString());
    this.close();
  }

  close() {
    if (this.phase === CLOSED) return;
    this.phase = CLOSED;
    this.server.router.unbind(this);
    this.transport.closeStream();
    this.transport.end();
  }
}
