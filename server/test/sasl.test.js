// SASL on the server side, exchange by exchange (no network): SCRAM-SHA-1 and SCRAM-SHA-256
// against the stored keys (RFC 5802 with the RFC 7677 hash), PLAIN, and the failures.
import { createHash, createHmac, pbkdf2Sync } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AccountStore } from '../src/accounts.js';
import { MECHANISMS, startExchange } from '../src/sasl.js';

const dir = mkdtempSync(join(tmpdir(), 'xmpp-wasm-sasl-'));
const store = new AccountStore(dir);
store.domain = 'example.test';
store.add('Juliet', 'pencil-ü', 1000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const HASHES = { 'SCRAM-SHA-1': ['sha1', 20], 'SCRAM-SHA-256': ['sha256', 32] };

/** A client's side of SCRAM, written from RFC 5802 §3 (no channel binding). */
async function scram(mechanism, username, password, tamper = {}) {
  const [hash, length] = HASHES[mechanism];
  const exchange = startExchange(mechanism, store, MECHANISMS);
  const bare = `n=${username},r=clientnonce`;
  const first = await exchange.step(Buffer.from(`n,,${bare}`));
  if (first.failure) return first;
  const serverFirst = first.challenge.toString();
  const fields = Object.fromEntries(serverFirst.split(',').map((f) => [f[0], f.slice(2)]));
  const salted = pbkdf2Sync(password, Buffer.from(fields.s, 'base64'), Number(fields.i), length, hash);
  const withoutProof = `c=${tamper.binding ?? 'biws'},r=${tamper.nonce ?? fields.r}`;
  const authMessage = `${bare},${serverFirst},${withoutProof}`;
  const clientKey = createHmac(hash, salted).update('Client Key').digest();
  const signature = createHmac(hash, createHash(hash).update(clientKey).digest()).update(authMessage).digest();
  const proof = clientKey.map((byte, i) => byte ^ signature[i]);
  const final = await exchange.step(Buffer.from(`${withoutProof},p=${Buffer.from(proof).toString('base64')}`));
  const verifier = createHmac(hash, createHmac(hash, salted).update('Server Key').digest()).update(authMessage).digest('base64');
  return { ...final, serverFirst, fields, verifier };
}

describe.each(Object.keys(HASHES))('%s', (mechanism) => {
  it('succeeds with the password, the server proving it holds the keys', async () => {
    const result = await scram(mechanism, 'juliet', 'pencil-ü');
    expect(result.username).toBe('juliet');
    expect(result.fields.i).toBe('1000');
    expect(result.fields.r.startsWith('clientnonce')).toBe(true);
    expect(result.success.toString()).toBe(`v=${result.verifier}`);
  });

  it('prepares the user name (nodeprep) before looking it up', async () => {
    expect((await scram(mechanism, 'JULIET', 'pencil-ü')).username).toBe('juliet');
  });

  it.each([
    ['a wrong password', ['juliet', 'pencil'], {}],
    ['an unknown user (after an ordinary challenge)', ['romeo', 'pencil-ü'], {}],
    ['a changed nonce', ['juliet', 'pencil-ü'], { nonce: 'clientnonceX' }],
    ['channel binding data that is not the gs2 header', ['juliet', 'pencil-ü'], { binding: 'eSws' }],
  ])('fails with not-authorized for %s', async (_what, [username, password], tamper) => {
    const result = await scram(mechanism, username, password, tamper);
    expect(result.serverFirst).toMatch(/^r=clientnonce.+,s=.+,i=\d+$/);
    expect(result.failure).toBe('not-authorized');
  });
});

describe('PLAIN', () => {
  const plain = (text) => startExchange('PLAIN', store, MECHANISMS).step(Buffer.from(text));
  it('checks the password against the stored SCRAM-SHA-256 keys', async () => {
    expect(await plain('\0juliet\0pencil-ü')).toEqual({ success: null, username: 'juliet' });
    expect(await plain('juliet@example.test\0juliet\0pencil-ü')).toEqual({ success: null, username: 'juliet' });
    expect((await plain('\0juliet\0pencil')).failure).toBe('not-authorized');
    expect((await plain('romeo@example.test\0juliet\0pencil-ü')).failure).toBe('invalid-authzid');
    expect((await plain('juliet\0pencil-ü')).failure).toBe('malformed-request');
  });

  it('is not started when not offered (unencrypted connections)', () => {
    expect(startExchange('PLAIN', store, ['SCRAM-SHA-1'])).toBeNull();
    expect(startExchange('DIGEST-MD5', store, MECHANISMS)).toBeNull();
  });
});

it('stores salted keys, never the password', () => {
  const stored = readFileSync(join(dir, 'accounts.json'), 'utf8');
  expect(stored).not.toContain('pencil');
  const { users } = JSON.parse(stored);
  expect(Object.keys(users.juliet).sort()).toEqual(['SCRAM-SHA-1', 'SCRAM-SHA-256']);
  expect(Object.keys(users.juliet['SCRAM-SHA-1']).sort()).toEqual(['iterations', 'salt', 'serverKey', 'storedKey']);
  expect(users.juliet['SCRAM-SHA-1'].salt).not.toBe(users.juliet['SCRAM-SHA-256'].salt);
});
