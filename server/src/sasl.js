// SASL for the server side (RFC 6120 §6): PLAIN (RFC 4616) checked against the stored keys, and
// SCRAM-SHA-1 / SCRAM-SHA-256 (RFC 5802, RFC 7677) without channel binding. Each exchange is
// one object whose step() takes the client's decoded response and resolves to the next move:
// { challenge } | { success, username } | { failure: condition }.
import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { nodeprep } from 'xmpp-wasm';
import { SCRAM_HASHES } from './accounts.js';

export const MECHANISMS = ['SCRAM-SHA-256', 'SCRAM-SHA-1', 'PLAIN'];

function prepareAuthcid(name) {
  try {
    return nodeprep(name);
  } catch {
    return null;
  }
}

class PlainExchange {
  constructor(store) {
    this.store = store;
  }

  async step(message) {
    if (message === null) return { challenge: Buffer.alloc(0) };
    const parts = message.toString('utf8').split('\0');
    if (parts.length !== 3) return { failure: 'malformed-request' };
    const [authzid, authcid, password] = parts;
    const username = prepareAuthcid(authcid);
    if (username === null || !(await this.store.checkPassword(username, password))) return { failure: 'not-authorized' };
    if (authzid !== '' && authzid !== `${username}@${this.store.domain}`) return { failure: 'invalid-authzid' };
    return { success: null, username };
  }
}

/** The value of one `k=value` SCRAM attribute, or null. */
function attribute(field, key) {
  return field?.startsWith(`${key}=`) ? field.slice(2) : null;
}

class ScramExchange {
  constructor(store, mechanism) {
    this.store = store;
    this.mechanism = mechanism;
    this.hash = SCRAM_HASHES[mechanism].hash;
    this.state = 'first';
  }

  async step(message) {
    if (message === null) return { challenge: Buffer.alloc(0) };
    const text = message.toString('utf8');
    if (this.state === 'first') return this.first(text);
    if (this.state === 'final') return this.final(text);
    return { failure: 'malformed-request' };
  }

  first(text) {
    // gs2-header: "n,," or "y,," (no channel binding offered, so "p=" is refused), then the bare message.
    const match = /^([ny]),(a=[^,]*)?,(.*)$/s.exec(text);
    if (match === null) return { failure: 'malformed-request' };
    this.gs2Header = text.slice(0, text.length - match[3].length);
    this.clientFirstBare = match[3];
    const fields = this.clientFirstBare.split(',');
    const rawName = attribute(fields[0], 'n');
    const clientNonce = attribute(fields[1], 'r');
    if (rawName === null || clientNonce === null || clientNonce.length === 0) return { failure: 'malformed-request' };
    const username = prepareAuthcid(rawName.replace(/=2C/g, ',').replace(/=3D/g, '='));
    // An unknown user gets a challenge like any other (a random salt) and fails at the end,
    // so the exchange does not tell which accounts exist.
    const stored = username === null ? null : this.store.scram(username, this.mechanism);
    this.username = username;
    this.credentials = stored;
    this.nonce = clientNonce + randomBytes(18).toString('base64');
    const salt = stored?.salt ?? randomBytes(16);
    const iterations = stored?.iterations ?? 4096;
    this.serverFirst = `r=${this.nonce},s=${salt.toString('base64')},i=${iterations}`;
    this.state = 'final';
    return { challenge: Buffer.from(this.serverFirst) };
  }

  final(text) {
    this.state = 'done';
    const proofAt = text.lastIndexOf(',p=');
    if (proofAt < 0) return { failure: 'malformed-request' };
    const withoutProof = text.slice(0, proofAt);
    const fields = withoutProof.split(',');
    const binding = attribute(fields[0], 'c');
    const nonce = attribute(fields[1], 'r');
    if (binding === null || nonce === null) return { failure: 'malformed-request' };
    if (Buffer.from(binding, 'base64').toString('utf8') !== this.gs2Header || nonce !== this.nonce) return { failure: 'not-authorized' };
    if (this.credentials === null) return { failure: 'not-authorized' };
    const proof = Buffer.from(text.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const { storedKey, serverKey } = this.credentials;
    const signature = createHmac(this.hash, storedKey).update(authMessage).digest();
    if (proof.length !== signature.length) return { failure: 'not-authorized' };
    for (let i = 0; i < proof.length; i++) proof[i] ^= signature[i];
    if (!timingSafeEqual(createHash(this.hash).update(proof).digest(), storedKey)) return { failure: 'not-authorized' };
    const verifier = createHmac(this.hash, serverKey).update(authMessage).digest('base64');
    return { success: Buffer.from(`v=${verifier}`), username: this.username };
  }
}

/** A new exchange for a mechanism name the client chose, or null when it is not offered. */
export function startExchange(mechanism, store, offered) {
  if (!offered.includes(mechanism)) return null;
  if (mechanism === 'PLAIN') return new PlainExchange(store);
  if (Object.hasOwn(SCRAM_HASHES, mechanism)) return new ScramExchange(store, mechanism);
  return null;
}
