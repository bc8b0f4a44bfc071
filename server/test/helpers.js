// A server for one test file: its own data folder with two accounts, free loopback ports, a
// self-signed certificate the test's clients trust (and nothing else).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { client } from '@xmpp/client';
import TlsSocket from '@xmpp/tls/lib/Socket.js';
import { WebSocket } from 'ws';
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

export async function startTestServer(limits = {}, now = undefined) {
  const dataDir = mkdtempSync(join(tmpdir(), 'xmpp-wasm-server-'));
  const store = new AccountStore(dataDir);
  for (const { username, password } of ACCOUNTS) store.add(username, password, 4096);
  const tls = await testCertificate();
  const server = await startServer({ domain: DOMAIN, dataDir, c2sPort: 0, wsPort: 0, tls, limits, now });
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

const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
globalThis.WebSocket ??= WebSocket; // xmpp.js's WebSocket transport on Node 20

/** Makes xmpp.js's TLS trust exactly this certificate, nothing else. */
export function trustOnly(cert) {
  if (TlsSocket.prototype.trusted === cert) return;
  const connect = TlsSocket.prototype.connect;
  TlsSocket.prototype.connect = function (options) {
    return connect.call(this, { ...options, ca: cert });
  };
  TlsSocket.prototype.trusted = cert;
}

/** An xmpp.js session, logged in and bound; records what it sent for SASL and what it received. */
export async function login(service, account, resource) {
  const entity = client({ service, domain: DOMAIN, username: account.username, password: account.password, resource, timeout: 10_000 });
  const session = { entity, mechanisms: [], received: [], errors: [], statuses: [] };
  entity.on('send', (element) => {
    if (element.is('auth', SASL_NS)) session.mechanisms.push(element.attrs.mechanism);
  });
  entity.on('stanza', (stanza) => session.received.push(stanza));
  entity.on('error', (error) => session.errors.push(error));
  entity.on('status', (status) => session.statuses.push(status));
  session.jid = (await entity.start()).toString();
  return session;
}
