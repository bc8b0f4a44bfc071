// A real Python client: Debian's slixmpp logs in over STARTTLS with SCRAM (trusting only the
// test certificate), fetches the roster, sends presence, pings the server, asks disco#info and
// chats with an xmpp.js client in both directions, then closes.
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xml } from '@xmpp/client';
import { ACCOUNTS, DOMAIN, TEXT, login, startTestServer, trustOnly, waitUntil } from './helpers.js';

const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./slixmpp-client.py', import.meta.url));
const missing =
  spawnSync(PYTHON, ['-c', 'import slixmpp'], { encoding: 'utf8' }).status === 0
    ? null
    : 'python3-slixmpp is not installed (bash .ci/install-deps.sh installs it): skipping the slixmpp tests';
if (missing !== null) console.warn(missing);

let fixture;
beforeAll(async () => {
  fixture = await startTestServer();
  trustOnly(fixture.tls.cert);
});
afterAll(() => fixture?.stop());

function runSlixmpp(jid, password, peer) {
  const caFile = join(fixture.dataDir, 'ca.pem');
  writeFileSync(caFile, fixture.tls.cert);
  const child = spawn(PYTHON, [SCRIPT, '127.0.0.1', String(fixture.server.ports.c2s), jid, password, peer, caFile, TEXT], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const run = { events: [], stderr: '' };
  let pending = '';
  child.stdout.setEncoding('utf8').on('data', (data) => {
    const lines = (pending + data).split('\n');
    pending = lines.pop();
    for (const line of lines) if (line.trim()) run.events.push(JSON.parse(line));
  });
  child.stderr.setEncoding('utf8').on('data', (data) => {
    run.stderr += data;
  });
  run.exited = new Promise((resolve) => child.on('exit', resolve));
  run.kill = () => child.kill();
  return run;
}

describe.skipIf(missing !== null)('slixmpp', () => {
  it('logs in with SCRAM over STARTTLS, pings, and chats with non-ASCII text both ways', async () => {
    const bob = await login(`xmpp://127.0.0.1:${fixture.server.ports.c2s}`, ACCOUNTS[1], 'xmppjs');
    await bob.entity.send(xml('presence'));
    const run = runSlixmpp(`alice@${DOMAIN}/slixmpp`, ACCOUNTS[0].password, bob.jid);
    try {
      const [toBob] = await waitUntil(
        () => {
          const got = bob.received.filter((s) => s.is('message') && s.attrs.from === `alice@${DOMAIN}/slixmpp`);
          return got.length && got;
        },
        `slixmpp's message (${run.stderr})`,
        30_000,
      );
      expect(toBob.getChildText('body')).toBe(TEXT);
      await bob.entity.send(xml('message', { to: toBob.attrs.from, type: 'chat' }, xml('body', {}, `re: ${TEXT}`)));
      expect(await run.exited).toBe(0);
    } finally {
      run.kill();
      await bob.entity.stop();
    }
    const event = (name) => run.events.find((e) => e.event === name);
    expect(event('auth').mechanism).toMatch(/^SCRAM-SHA-(1|256)$/);
    expect(event('bound').jid).toBe(`alice@${DOMAIN}/slixmpp`);
    expect(event('roster').items).toEqual([]);
    expect(event('pong').ok).toBe(true);
    expect(event('disco').features).toContain('urn:xmpp:ping');
    expect(event('message')).toEqual({ event: 'message', frm: bob.jid, body: `re: ${TEXT}`, type: 'chat' });
    expect(event('disconnected')).toBeDefined();
    expect(run.events.filter((e) => e.event === 'stream_error' || e.event === 'failed_auth')).toEqual([]);
  });
});
