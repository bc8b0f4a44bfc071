// The server's own limits: idle timeout (whitespace keepalives keep a stream open), the
// connection cap, graceful shutdown with system-shutdown, and flow control between sessions.
import { describe, expect, it } from 'vitest';
import { ACCOUNTS, startTestServer, waitUntil } from './helpers.js';
import { RawClient, steppedServer } from './raw-client.js';

const limits = { idleTimeout: 60_000, keepaliveInterval: 20_000, negotiationTimeout: 30_000, maxConnections: 6 };
const stepped = steppedServer(limits);
const { clock, session, ping } = stepped;

describe('server limits', () => {
  it('idle streams end with connection-timeout; whitespace keepalives keep them open', async () => {
    const quiet = await session('quiet');
    const chatty = await session('chatty');
    for (let step = 0; step < 4; step++) {
      clock.now += 25_000;
      chatty.write(' ');
      await new Promise((resolve) => setTimeout(resolve, 50)); // let the space arrive
      stepped.fixture.server.tick();
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
    while (stepped.fixture.server.sessions.size < limits.maxConnections)
      open.push(await RawClient.connect(stepped.fixture.server.ports.c2s));
    const refused = await RawClient.connect(stepped.fixture.server.ports.c2s);
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

describe('flow control', () => {
  it('stops reading a sender while its recipient is backed up, and loses nothing', async () => {
    const own = await startTestServer({ rate: 0 });
    try {
      const [alice, bob] = [
        await RawClient.session(own.server.ports.c2s, own.tls.cert, ACCOUNTS[0], 'sender'),
        await RawClient.session(own.server.ports.c2s, own.tls.cert, ACCOUNTS[1], 'reader'),
      ];
      bob.socket.pause(); // bob reads nothing for now
      const body = 'y'.repeat(100_000);
      for (let i = 0; i < 100; i++) alice.write(`<message to='${bob.jid}' type='chat' id='m${i}'><body>${body}</body></message>`);
      const [sender] = [...own.server.sessions].filter((s) => s.jid === alice.jid);
      await waitUntil(() => sender.paused, 'the sender to be paused');
      bob.socket.resume();
      await waitUntil(() => bob.received.filter((e) => e.name === 'message').length === 100, 'all 100 messages', 30_000);
      expect(bob.received.filter((e) => e.name === 'message').map((e) => e.attrs.id)).toEqual(
        Array.from({ length: 100 }, (_, i) => `m${i}`),
      );
      expect(sender.paused).toBe(false);
    } finally {
      await own.stop();
    }
  });
});
