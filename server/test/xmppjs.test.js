// Real clients: xmpp.js (@xmpp/client) over TCP with STARTTLS and over WebSocket (RFC 7395)
// logs in with SCRAM, binds, fetches the roster, sends presence, chats in both directions,
// pings the server and closes; a second login with the same resource replaces the first.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { xml } from '@xmpp/client';
import { ACCOUNTS, DOMAIN, TEXT, login, startTestServer, trustOnly, waitUntil } from './helpers.js';

let fixture;
beforeAll(async () => {
  fixture = await startTestServer();
  trustOnly(fixture.tls.cert);
});
afterAll(() => fixture?.stop());

const messagesFrom = (session, jid) => session.received.filter((s) => s.is('message') && s.attrs.from === jid);

for (const transport of ['tcp', 'websocket']) {
  describe(`xmpp.js over ${transport}`, () => {
    const service = () =>
      transport === 'tcp' ? `xmpp://127.0.0.1:${fixture.server.ports.c2s}` : `ws://127.0.0.1:${fixture.server.ports.ws}/xmpp-websocket`;

    it('logs in with SCRAM, fetches the roster, chats with non-ASCII text both ways, pings and closes', async () => {
      const alice = await login(service(), ACCOUNTS[0], 'desk');
      const bob = await login(service(), ACCOUNTS[1], 'phone');
      expect(alice.jid).toBe(`alice@${DOMAIN}/desk`);
      expect(alice.mechanisms).toEqual(['SCRAM-SHA-1']);
      if (transport === 'tcp') expect(alice.entity.socket.socket.encrypted).toBe(true);

      const roster = await alice.entity.iqCaller.get(xml('query', { xmlns: 'jabber:iq:roster' }));
      expect(roster.attrs.xmlns).toBe('jabber:iq:roster');
      expect(roster.children).toEqual([]);

      await alice.entity.send(xml('presence'));
      await bob.entity.send(xml('presence'));
      // RFC 6121 §4.2.2: initial presence goes to the account's own available resources too.
      await waitUntil(() => alice.received.find((s) => s.is('presence') && s.attrs.from === alice.jid), "alice's own presence");

      await alice.entity.send(xml('message', { to: bob.jid, type: 'chat' }, xml('body', {}, TEXT)));
      await bob.entity.send(xml('message', { to: `alice@${DOMAIN}`, type: 'chat' }, xml('body', {}, `re: ${TEXT}`)));
      const [toBob] = await waitUntil(() => messagesFrom(bob, alice.jid).length && messagesFrom(bob, alice.jid), 'message to bob');
      const [toAlice] = await waitUntil(() => messagesFrom(alice, bob.jid).length && messagesFrom(alice, bob.jid), 'message to alice');
      expect(toBob.getChildText('body')).toBe(TEXT);
      expect(toBob.attrs.from).toBe(alice.jid); // stamped by the server
      expect(toAlice.getChildText('body')).toBe(`re: ${TEXT}`);

      const pong = await alice.entity.iqCaller.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(pong.attrs.type).toBe('result');
      const info = await alice.entity.iqCaller.get(xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }), DOMAIN);
      expect(info.getChildren('feature').map((f) => f.attrs.var)).toContain('urn:xmpp:ping');

      await bob.entity.stop();
      // Bob's resource went away: his unavailable presence is not alice's business (no roster),
      // and a chat message to his bare JID now bounces (no offline storage).
      await alice.entity.send(xml('message', { to: `bob@${DOMAIN}`, type: 'chat', id: 'm1' }, xml('body', {}, 'anyone?')));
      const error = await waitUntil(() => alice.received.find((s) => s.is('message') && s.attrs.id === 'm1'), 'bounce');
      expect(error.attrs.type).toBe('error');
      expect(error.getChild('error').getChild('service-unavailable')).toBeDefined();
      await alice.entity.stop();
      expect(alice.errors).toEqual([]);
      expect(bob.errors).toEqual([]);
      expect(alice.statuses.at(-1)).toBe('offline');
    });

    it('replaces a session when a second one binds the same resource (conflict)', async () => {
      const first = await login(service(), ACCOUNTS[0], 'same');
      const second = await login(service(), ACCOUNTS[0], 'same');
      await waitUntil(() => first.errors.length > 0, "the first session's stream error");
      expect(first.errors[0].condition).toBe('conflict');
      const pong = await second.entity.iqCaller.request(xml('iq', { type: 'get', to: DOMAIN }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
      expect(pong.attrs.type).toBe('result');
      await second.entity.stop();
      await first.entity.stop().catch(() => {});
    });
  });
}
