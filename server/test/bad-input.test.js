// What clients must not send, each answered with the right stream error and the stream closed:
// restricted XML (a comment, a DOCTYPE), a stanza over the size limit, a flood past the rate
// limit, a forged from, an unknown first-level element; over TCP and over WebSocket.
import { describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { parse } from 'xmpp-wasm';
import { DOMAIN, waitUntil } from './helpers.js';
import { RawClient, steppedServer } from './raw-client.js';

// The rate limit's bucket refills only when the test moves the clock: the flood is exact.
const stepped = steppedServer({ rate: 10, rateBurst: 50 });
const { session, ping } = stepped;

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
    const client = await RawClient.connect(stepped.fixture.server.ports.c2s);
    const features = await client.open();
    expect(features.getChild('starttls').getChild('required')).toBeDefined();
    client.write(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>AGFsaWNlAHg=</auth>`);
    expect(await client.streamError()).toBe('policy-violation');
  });
});

describe('over WebSocket', () => {
  /** Opens an RFC 7395 stream and returns the messages received, as text, as they come. */
  async function openWebSocket() {
    const socket = new WebSocket(`ws://127.0.0.1:${stepped.fixture.server.ports.ws}/xmpp-websocket`, 'xmpp');
    const messages = [];
    socket.on('message', (data) => messages.push(data.toString()));
    const closed = new Promise((resolve) => socket.on('close', resolve));
    await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
    socket.send(`<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='${DOMAIN}' version='1.0'/>`);
    await waitUntil(() => messages.some((m) => m.includes('stream:features')), 'features');
    return { socket, messages, closed };
  }

  it.each([
    ['a comment', '<!-- hello -->', 'restricted-xml'],
    ['two elements in one message', '<presence/><presence/>', 'not-well-formed'],
    ['a stanza before authentication', "<message xmlns='jabber:client' to='bob@example.test'/>", 'not-authorized'],
  ])('%s', async (_what, input, condition) => {
    const { socket, messages, closed } = await openWebSocket();
    socket.send(input);
    await closed;
    const error = parse(messages.find((m) => m.startsWith('<stream:error')));
    expect(error.getChildByAttr('xmlns', 'urn:ietf:params:xml:ns:xmpp-streams').name).toBe(condition);
    expect(messages.at(-1)).toBe("<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>");
  });

  it('offers SCRAM but not PLAIN on an unencrypted WebSocket', async () => {
    const { socket, messages } = await openWebSocket();
    const features = parse(messages.find((m) => m.includes('stream:features')));
    expect(
      features
        .getChild('mechanisms')
        .getChildren('mechanism')
        .map((m) => m.getText()),
    ).toEqual(['SCRAM-SHA-256', 'SCRAM-SHA-1']);
    socket.close();
  });
});
