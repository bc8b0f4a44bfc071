// What clients must not send, each answered with the right stream error and the stream closed:
// restricted XML (a comment, a DOCTYPE), a stanza over the size limit, a flood past the rate
// limit, a forged from, an unknown first-level element; and the server's own limits: idle
// timeout (whitespace keepalives keep a stream open), the connection cap, graceful shutdown.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, DOMAIN, startTestServer } from './helpers.js';
import { RawClient } from './raw-client.js';

/** A clock the tests move by hand, so timeouts and the rate limit are stepped, never waited for. */
const clock = { now: 1_000_000 };
const limits = { rate: 10, rateBurst: 50, idleTimeout: 60_000, keepaliveInterval: 20_000, negotiationTimeout: 30_000, maxConnections: 6 };
let fixture;
beforeAll(async () => {
  fixture = await startTestServer(limits, () => clock.now);
});
afterAll(() => fixture?.stop());

const session = (resource) => RawClient.session(fixture.server.ports.c2s, fixture.tls.cert, ACCOUNTS[0], resource);
const ping = (id) => `<iq type='get' id='${id}' to='${DOMAIN}'><ping xmlns='urn:xmpp:ping'/></iq>`;

describe('stream errors for bad input', () => {
  it.each([
    ['a comment', '<!-- hello -->', 'restricted-xml'],
    ['a DOCTYPE', '<!DOCTYPE lolz [<!ENTITY lol "lol">]>', 'restricted-xml'],
    ['an undeclared entity', '<message to="bob@example.test"><body>&lol;</body></message>', 'restricted-xml'],
    ['a stanza of 1 MB', `<message to='bob@example.test'><body>${'x'.repeat(1 << 20)}</body></message>`, 'policy-violation'],
    ['a forged from', `<message from='mallory@evil.example' to='bob@example.test'><body>hi</body></message>`, 'invalid-from'],
    ['an unknown first-level element', '<foo xmlns="urn:example:foo"/>', 'unsupported-stanza-type'],
    ['a flood past the rate limit', `<message to='bob@example.test' type='chat'><body>x</body></message>`.repeat(200), 'policy-violation'],
  ])('%s', async (what, input, condition) => {
    const client = await session(what.replaceAll(' ', '-'));
    client.write(input);
    expect(await client.streamError()).toBe(condition);
  });

  it('a stanza sent before the bad input is still answered', async () => {
    const client = await session('before');
    client.write(`${ping('p1')}<!-- x -->`);
    expect(await client.streamError()).toBe('restricted-xml');
    expect(client.received.some((e) => e.attrs.id === 'p1' && e.attrs.type === 'result')).toBe(true);
  });

  it('STARTTLS is required: anything else first is a policy-violation', async () => {
    const client = await RawClient.connect(fixture.server.ports.c2s);
    const features = await client.open();
    expect(features.getChild('starttls').getChild('required')).toBeDefined();
    client.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHg=</auth>`);
    expect(await client.streamError()).toBe('policy-violation');
  });
});

describe('server limits', () => {
  it('idle streams end with connection-timeout; whitespace keepalives keep them open', async () => {
    const quiet = await session('quiet');
    const chatty = await session('chatty');
    for (let step = 0; step < 4; step++) {
      clock.now += 25_000;
      chatty.write(' ');
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the space arrive
      fixture.server.tick();
    }
    expect(await quiet.streamError()).toBe('connection-timeout');
    // 100 s on, the chatty stream is still open.
    const before = chatty.received.length;
    chatty.write(ping('alive'));
    await chatty.next((e) => e.attrs.id === 'alive', 'pong', before);
    expect(chatty.closed).toBe(false);
    chatty.socket.destroy();
  });

  it('connections over the cap get resource-constraint', async () => {
    const open = [];
    while (fixture.server.sessions.size < limits.maxConnections) open.push(await RawClient.connect(fixture.server.ports.c2s));
    const refused = await RawClient.connect(fixture.server.ports.c2s);
    expect(await refused.streamError()).toBe('resource-constraint');
    for (const client of open) client.socket.destroy();
  });
});

describe('graceful shutdown', () => {
  it('ends every stream with system-shutdown and resolves once the connections are closed', async () => {
    const own = await startTestServer();
    const bound = await RawClient.session(own.server.ports.c2s, own.tls.cert, ACCOUNTS[1], 'going');
    const negotiating = await RawClient.connect(own.server.ports.c2s);
    await negotiating.open();
    await own.stop();
    expect(await bound.streamError()).toBe('system-shutdown');
    expect(await negotiating.streamError()).toBe('system-shutdown');
    expect(own.server.sessions.size).toBe(0);
  });
});
