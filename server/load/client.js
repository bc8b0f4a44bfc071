// The load tool's client, written on the engine so that it is not the bottleneck: STARTTLS,
// SCRAM-SHA-1 (salted passwords cached per salt and iteration count, as real clients cache
// them), bind, then raw stanzas out and parsed stanzas in. Works against any RFC 6120 server.
import { createHash, createHmac, pbkdf2, randomBytes } from 'node:crypto';
import { connect } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { StreamParser, escapeAttribute } from 'xmpp-wasm';

const NS = { tls: 'urn:ietf:params:xml:ns:xmpp-tls', sasl: 'urn:ietf:params:xml:ns:xmpp-sasl', bind: 'urn:ietf:params:xml:ns:xmpp-bind' };
/** SaltedPassword per password, salt and iteration count. */
const saltedCache = new Map();

function saltedPassword(password, salt, iterations) {
  const key = `${password}\0${salt}\0${iterations}`;
  let salted = saltedCache.get(key);
  if (salted === undefined) {
    salted = new Promise((resolve, reject) =>
      pbkdf2(password, Buffer.from(salt, 'base64'), iterations, 20, 'sha1', (e, k) => (e ? reject(e) : resolve(k))),
    );
    saltedCache.set(key, salted);
  }
  return salted;
}

export class LoadClient {
  constructor({ host, port, domain, username, password, resource }) {
    Object.assign(this, { host, port, domain, username, password, resource });
    this.waiter = null;
    this.onStanza = null;
    this.closed = false;
    this.parser = new StreamParser();
    this.parser.on('element', (element) => this.element(element));
    this.parser.on('error', (error) => this.failWith(new Error(`${username}: ${error.condition} from the server's stream`)));
  }

  element(element) {
    if (this.waiter !== null) {
      const { resolve, reject } = this.waiter;
      this.waiter = null;
      if (element.name === 'stream:error') reject(new Error(`${this.username}: stream error ${element.children[0]?.name}`));
      else resolve(element);
    } else if (this.onStanza !== null) {
      this.onStanza(element);
    }
  }

  failWith(error) {
    this.error ??= error;
    if (this.waiter !== null) this.waiter.reject(error);
    this.waiter = null;
  }

  next() {
    return new Promise((resolve, reject) => {
      this.waiter = { resolve, reject };
    });
  }

  attach(socket) {
    this.socket = socket;
    socket.on('data', (data) => this.parser.write(data));
    socket.on('error', (error) => this.failWith(error));
    socket.on('close', () => {
      this.closed = true;
      this.failWith(new Error(`${this.username}: connection closed`));
    });
  }

  /** Sends a stream header and returns the features that follow it. */
  async open() {
    this.parser.reset();
    const features = this.next();
    this.socket.write(
      `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='${escapeAttribute(this.domain)}' version='1.0'>`,
    );
    return features;
  }

  async login() {
    const raw = connect(this.port, this.host);
    raw.setNoDelay(true);
    this.attach(raw);
    await new Promise((resolve, reject) => raw.once('connect', resolve).once('error', reject));
    await this.open();
    const proceed = this.next();
    raw.write(`<starttls xmlns='${NS.tls}'/>`);
    if ((await proceed).name !== 'proceed') throw new Error(`${this.username}: STARTTLS refused`);
    raw.removeAllListeners('data');
    raw.removeAllListeners('close');
    // Loopback benchmark against self-signed certificates: encryption on, identity not checked.
    const secured = connectTls({ socket: raw, servername: this.domain, rejectUnauthorized: false });
    this.attach(secured);
    await new Promise((resolve, reject) => secured.once('secureConnect', resolve).once('error', reject));
    await this.open();
    await this.scramSha1();
    await this.open();
    const bound = this.next();
    secured.write(`<iq type='set' id='bind'><bind xmlns='${NS.bind}'><resource>${escapeAttribute(this.resource)}</resource></bind></iq>`);
    const result = await bound;
    if (result.attrs.type !== 'result') throw new Error(`${this.username}: bind failed`);
    this.jid = result.getChild('bind').getChildText('jid');
  }

  async scramSha1() {
    const nonce = randomBytes(18).toString('base64');
    const clientFirstBare = `n=${this.username},r=${nonce}`;
    let reply = this.next();
    this.socket.write(`<auth xmlns='${NS.sasl}' mechanism='SCRAM-SHA-1'>${Buffer.from(`n,,${clientFirstBare}`).toString('base64')}</auth>`);
    const challenge = await reply;
    if (challenge.name !== 'challenge') throw new Error(`${this.username}: SASL ${challenge.name} (${challenge.children[0]?.name})`);
    const serverFirst = Buffer.from(challenge.getText(), 'base64').toString();
    const fields = Object.fromEntries(serverFirst.split(',').map((f) => [f[0], f.slice(2)]));
    if (!fields.r.startsWith(nonce)) throw new Error(`${this.username}: the server's nonce does not extend ours`);
    this.iterations = Number(fields.i);
    const salted = await saltedPassword(this.password, fields.s, Number(fields.i));
    const withoutProof = `c=biws,r=${fields.r}`;
    const authMessage = `${clientFirstBare},${serverFirst},${withoutProof}`;
    const clientKey = createHmac('sha1', salted).update('Client Key').digest();
    const signature = createHmac('sha1', createHash('sha1').update(clientKey).digest()).update(authMessage).digest();
    for (let i = 0; i < clientKey.length; i++) clientKey[i] ^= signature[i];
    reply = this.next();
    this.socket.write(
      `<response xmlns='${NS.sasl}'>${Buffer.from(`${withoutProof},p=${clientKey.toString('base64')}`).toString('base64')}</response>`,
    );
    const outcome = await reply;
    if (outcome.name !== 'success') throw new Error(`${this.username}: SASL ${outcome.name} (${outcome.children[0]?.name})`);
    const verifier = createHmac('sha1', createHmac('sha1', salted).update('Server Key').digest()).update(authMessage).digest('base64');
    const additional = Buffer.from(outcome.getText(), 'base64').toString();
    if (additional !== '' && additional !== `v=${verifier}`) throw new Error(`${this.username}: wrong server signature`);
  }

  write(data) {
    this.socket.write(data);
  }

  close() {
    if (this.closed) return Promise.resolve();
    return new Promise((resolve) => {
      this.socket.once('close', resolve);
      this.socket.end('</stream:stream>');
      setTimeout(() => this.socket.destroy(), 2000).unref();
    });
  }
}
