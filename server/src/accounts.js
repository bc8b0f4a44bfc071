// Accounts on disk: one JSON file per data folder, holding per user the salted SCRAM keys of
// each hash (RFC 5802 §3: salt, iteration count, StoredKey, ServerKey), never the password.
// PLAIN is checked by deriving the same keys from the password it carries.
import { createHash, createHmac, pbkdf2, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, writeFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { nodeprep, saslprep } from 'xmpp-wasm';

/** SCRAM mechanism name → Node's hash name and output length. */
export const SCRAM_HASHES = {
  'SCRAM-SHA-256': { hash: 'sha256', length: 32 },
  'SCRAM-SHA-1': { hash: 'sha1', length: 20 },
};

export const DEFAULT_ITERATIONS = 4096;

/** StoredKey and ServerKey from a salted password (RFC 5802 §3). */
export function scramKeys(hash, saltedPassword) {
  const clientKey = createHmac(hash, saltedPassword).update('Client Key').digest();
  return {
    storedKey: createHash(hash).update(clientKey).digest(),
    serverKey: createHmac(hash, saltedPassword).update('Server Key').digest(),
  };
}

/** The credentials stored for one password: per mechanism, its own salt and keys. */
export function makeCredentials(password, iterations = DEFAULT_ITERATIONS) {
  if (!Number.isInteger(iterations) || iterations < 1) throw new TypeError('makeCredentials: iterations must be a positive integer');
  const prepared = saslprep(password, { mode: 'stored' });
  const credentials = {};
  for (const [mechanism, { hash, length }] of Object.entries(SCRAM_HASHES)) {
    const salt = randomBytes(16);
    const { storedKey, serverKey } = scramKeys(hash, pbkdf2Sync(prepared, salt, iterations, length, hash));
    credentials[mechanism] = {
      salt: salt.toString('base64'),
      iterations,
      storedKey: storedKey.toString('base64'),
      serverKey: serverKey.toString('base64'),
    };
  }
  return credentials;
}

/** A user name as stored: the local part of a JID, nodeprepped. Throws a TypeError when invalid. */
export function prepareUsername(username) {
  if (typeof username !== 'string' || username.length === 0) throw new TypeError('username must be a non-empty string');
  const prepared = nodeprep(username, { mode: 'stored' });
  if (prepared.length === 0 || prepared.length > 1023)
    throw new TypeError(`username ${JSON.stringify(username)} is not a valid JID local part`);
  return prepared;
}

export class AccountStore {
  constructor(dataDir) {
    if (typeof dataDir !== 'string' || dataDir.length === 0) throw new TypeError('AccountStore: dataDir must be a non-empty path');
    this.dataDir = dataDir;
    this.file = join(dataDir, 'accounts.json');
    this.rosterDir = join(dataDir, 'rosters');
    this.users = existsSync(this.file) ? JSON.parse(readFileSync(this.file, 'utf8')).users : {};
  }

  /** Adds or replaces a user's credentials and writes the file (atomically: write, then rename). */
  add(username, password, iterations = DEFAULT_ITERATIONS) {
    const name = prepareUsername(username);
    if (typeof password !== 'string' || password.length === 0) throw new TypeError('AccountStore.add: password must be a non-empty string');
    this.users[name] = makeCredentials(password, iterations);
    mkdirSync(this.dataDir, { recursive: true });
    writeFileSync(`${this.file}.tmp`, JSON.stringify({ users: this.users }, null, 1));
    renameSync(`${this.file}.tmp`, this.file);
    return name;
  }

  has(username) {
    return Object.hasOwn(this.users, username);
  }

  /** The stored SCRAM credentials of a prepared user name for one mechanism, or null. */
  scram(username, mechanism) {
    const user = Object.hasOwn(this.users, username) ? this.users[username] : null;
    const entry = user?.[mechanism];
    if (!entry) return null;
    return {
      salt: Buffer.from(entry.salt, 'base64'),
      iterations: entry.iterations,
      storedKey: Buffer.from(entry.storedKey, 'base64'),
      serverKey: Buffer.from(entry.serverKey, 'base64'),
    };
  }

  /** Checks a password against the stored SHA-256 keys (for SASL PLAIN), off the main thread. */
  async checkPassword(username, password) {
    const entry = this.scram(username, 'SCRAM-SHA-256');
    let prepared;
    try {
      prepared = saslprep(password, { mode: 'query' });
    } catch {
      return false;
    }
    if (entry === null) return false;
    const salted = await new Promise((resolve, reject) => {
      pbkdf2(prepared, entry.salt, entry.iterations, 32, 'sha256', (error, key) => (error ? reject(error) : resolve(key)));
    });
    return timingSafeEqual(scramKeys('sha256', salted).storedKey, entry.storedKey);
  }

  /** The user's stored roster items (RFC 6121 §2.1.2), empty when none is stored. */
  roster(username) {
    const file = join(this.rosterDir, `${encodeURIComponent(username)}.json`);
    if (!existsSync(file)) return [];
    return JSON.parse(readFileSync(file, 'utf8')).items ?? [];
  }
}
