// Stanza types the server does not know: a message's is read as `normal` (RFC 6121 §5.2.2) and
// routed like one, to a full JID, a bare JID and a resource that is gone; presence and iq
// types outside the RFCs' lists are answered with bad-request (RFC 6121 §4.7.1, RFC 6120 §8.2.3).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNTS, DOMAIN } from './helpers.js';
import { RawClient, steppedServer } from './raw-client.js';

const stepped = steppedServer({});
let alice, bob;

beforeAll(async () => {
  alice = await RawClient.session(stepped.fixture.server.ports.c2s, stepped.fixture.tls.cert, ACCOUNTS[0], 'a');
  bob = await RawClient.session(stepped.fixture.server.ports.c2s, stepped.fixture.tls.cert, ACCOUNTS[1], 'b');
});
afterAll(() => {
  alice?.socket.destroy();
  bob?.socket.destroy();
});

const BOB = `bob@${DOMAIN}`;
const message = (id, to) => `<message type='x-unknown' id='${id}' to='${to}'><body>${id}</body></message>`;
const byId = (id) => (e) => e.attrs.id === id;

describe('a message of an unknown type is a normal message', () => {
  it('to a full JID: delivered as sent, from stamped', async () => {
    alice.write(message('m1', `${BOB}/b`));
    const delivered = await bob.next(byId('m1'), 'the message');
    expect(delivered.attrs).toMatchObject({ type: 'x-unknown', from: alice.jid });
    expect(delivered.getChildText('body')).toBe('m1');
  });

  it('to a bare JID with no available resource: service-unavailable, as for normal (no offline storage)', async () => {
    alice.write(message('m2', BOB));
    const reply = await alice.next(byId('m2'), 'the error reply');
    expect(reply.attrs).toMatchObject({ type: 'error', from: BOB });
    expect(reply.getChild('error').getChild('service-unavailable')).toBeDefined();
  });

  it('to a bare JID or a resource that is gone, once available: delivered to the available resource', async () => {
    const from = bob.received.length;
    bob.write('<presence/>');
    await bob.next((e) => e.name === 'presence', 'its own presence back', from);
    alice.write(message('m3', BOB) + message('m4', `${BOB}/gone`));
    await bob.next(byId('m3'), 'the message to the bare JID');
    await bob.next(byId('m4'), 'the message to the resource that is gone');
    expect(alice.received.filter((e) => e.attrs.type === 'error' && e.attrs.id !== 'm2')).toEqual([]);
  });
});

describe('presence and iq types outside their lists', () => {
  it.each([
    ['presence', `<presence type='x-unknown' id='p1' to='${BOB}'/>`, 'p1'],
    ['iq', `<iq type='x-unknown' id='i1' to='${BOB}/b'><query xmlns='jabber:iq:version'/></iq>`, 'i1'],
  ])('%s: bad-request, not routed', async (_kind, stanza, id) => {
    // A message sent after it marks when bob would have had it.
    alice.write(stanza + message(`after-${id}`, `${BOB}/b`));
    const reply = await alice.next(byId(id), 'the error reply');
    expect(reply.attrs.type).toBe('error');
    expect(reply.getChild('error').getChild('bad-request')).toBeDefined();
    await bob.next(byId(`after-${id}`), 'the message sent after it');
    expect(bob.received.some(byId(id))).toBe(false);
  });
});

describe('stanzas the stanza rules refuse (RFC 6120 §8)', () => {
  it('a malformed to: jid-malformed, answered by the server', async () => {
    alice.write(`<message id='j1' to='bob@@${DOMAIN}'><body>x</body></message>`);
    const reply = await alice.next(byId('j1'), 'the error reply');
    expect(reply.attrs).toMatchObject({ type: 'error', from: DOMAIN });
    expect(reply.getChild('error').getChild('jid-malformed')).toBeDefined();
  });

  it('an error stanza without <error/>: dropped, neither answered nor routed', async () => {
    // A message to bob and a ping sent after it mark when either side would have had it.
    alice.write(`<message type='error' id='e1' to='${BOB}/b'/>${message('after-e1', `${BOB}/b`)}${stepped.ping('ping-e1')}`);
    await bob.next(byId('after-e1'), 'the message sent after it');
    await alice.next(byId('ping-e1'), 'the ping result');
    expect(bob.received.some(byId('e1'))).toBe(false);
    expect(alice.received.some(byId('e1'))).toBe(false);
  });
});
