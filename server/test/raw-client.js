// A client written on the engine for the tests that send what real clients never would: it logs
// in by hand (STARTTLS trusting only the test certificate, SASL PLAIN, bind) and then writes
// raw bytes, recording every element and the stream's end as the server sends them.
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { StreamParser } from 'xmpp-wasm';
import { afterAll, beforeAll } from 'vitest';
import { ACCOUNTS, DOMAIN, startTestServer, waitUntil } from './helpers.js';

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${DOMAIN}' version='1.0'>`;

export class RawClient {
  constructor(socket) {
    this.received = [];
    this.ended = false;
    this.closed = false;
    this.parser = new StreamParser();
    this.parser.on('element', (element) => this.received.push(element));
    this.parser.on('end', () => {
      this.ended = true;
    });
    this.attach(socket);
  }

  attach(socket) {
    this.socket = socket;
    socket.on('data', (data) => this.parser.write(data));
    socket.on('close', () => {
      this.closed = true;
    });
    socket.on('error', () => {});
  }

  static async connect(port) {
    const socket = connect(port, '127.0.0.1');
    await new Promise((resolve, reject) => socket.once('connect', resolve).once('error', reject));
    return new RawClient(socket);
  }

  write(data) {
    this.socket.write(data);
  }

  /** The next received element matching, counting from `from` (an index into received). */
  async next(predicate, what, from = 0) {
    return waitUntil(() => this.received.slice(from).find(predicate), what);
  }

  async open() {
    const from = this.received.length;
    this.parser.reset();
    this.write(HEADER);
    return this.next((e) => e.name === 'stream:features', 'stream features', from);
  }

  async startTls(ca) {
    await this.open();
    const from = this.received.length;
    this.write("<starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>");
    await this.next((e) => e.name === 'proceed', 'proceed', from);
    const raw = this.socket;
    raw.removeAllListeners('data');
    const secured = connectTls({ socket: raw, ca, servername: DOMAIN, host: DOMAIN });
    await new Promise((resolve, reject) => secured.once('secureConnect', resolve).once('error', reject));
    this.attach(secured);
  }

  /** STARTTLS, PLAIN, bind: a full session, ready for raw bytes. */
  static async session(port, ca, { username, password }, resource = 'raw') {
    const client = await RawClient.connect(port);
    await client.startTls(ca);
    await client.open();
    let from = client.received.length;
    client.write(
      `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${Buffer.from(`\0${username}\0${password}`).toString('base64')}</auth>`,
    );
    await client.next((e) => e.name === 'success', 'SASL success', from);
    await client.open();
    from = client.received.length;
    client.write(`<iq type='set' id='b1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>${resource}</resource></bind></iq>`);
    await client.next((e) => e.attrs.id === 'b1', 'bind result', from);
    client.jid = `${username}@${DOMAIN}/${resource}`;
    return client;
  }

  /** The condition of the stream error received, once the server has closed the stream. */
  async streamError() {
    const error = await this.next((e) => e.name === 'stream:error', 'a stream error');
    await waitUntil(() => this.ended && this.closed, 'the stream and the connection to close');
    return error.children.find((c) => typeof c !== 'string' && c.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-streams' && c.name !== 'text')
      .name;
  }
}

/**
 * A server for one test file whose clock the tests move by hand, so timeouts and the rate limit
 * are stepped, never waited for; `session(resource)` logs alice in with a raw client.
 */
export function steppedServer(limits) {
  const state = {
    clock: { now: 1_000_000 },
    fixture: null,
    session: (resource) => RawClient.session(state.fixture.server.ports.c2s, state.fixture.tls.cert, ACCOUNTS[0], resource),
    ping: (id) => `<iq type='get' id='${id}' to='${DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>`,
  };
  beforeAll(async () => {
    state.fixture = await startTestServer(limits, () => state.clock.now);
  });
  afterAll(() => state.fixture?.stop());
  return state;
}
