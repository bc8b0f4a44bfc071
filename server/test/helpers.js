// A server for one test file: its own data folder with two accounts, free loopback ports, a
// self-signed certificate the test's clients trust (and nothing else).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AccountStore, selfSignedCertificate, startServer } from '../src/index.js';

export const DOMAIN = 'example.test';
export const ACCOUNTS = [
  { username: 'alice', password: 'alice-secret-ü' },
  { username: 'bob', password: 'bob-secret' },
];
/** Non-ASCII, emoji and markup characters, in both directions. */
export const TEXT = `Grüße, ça va? 日本語 עברית 😀👍🏽 <&> "quoted" 'apos' ]]> tab\tend`;

let certificate = null;
export async function testCertificate() {
  certificate ??= await selfSignedCertificate(DOMAIN);
  return certificate;
}

export async function startTestServer(limits = {}) {
  const dataDir = mkdtempSync(join(tmpdir(), 'xmpp-wasm-server-'));
  const store = new AccountStore(dataDir);
  for (const { username, password } of ACCOUNTS) store.add(username, password, 4096);
  const tls = await testCertificate();
  const server = await startServer({ domain: DOMAIN, dataDir, c2sPort: 0, wsPort: 0, tls, limits });
  return {
    server,
    tls,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function waitUntil(predicate, what, ms = 10_000) {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const poll = () => {
      const value = predicate();
      if (value) return resolve(value);
      if (Date.now() - started > ms) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll();
  });
}
