// A real xmpp.js client session against a real Prosody, with xmpp-wasm's parser injected, over
// TCP and over WebSocket (RFC 7395). Each received byte is also fed to xmpp.js's stock parser,
// so the test shows both built the same elements.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, xml } from '@xmpp/client';
import { Parser as StockParser } from '@xmpp/xml';
import StockFramedParser from '@xmpp/websocket/lib/FramedParser.js';
import { useXmppWasm, Parser, FramedParser } from '../../bindings/adapters/xmppjs.js';
import { elementToJson } from '../../bindings/cli/pretty.js';
import { prosodyMissing, startProsody, DOMAIN, type Account, type Prosody } from './prosody.js';

const SASL_NS = 'urn:ietf:params:xml:ns:xmpp-sasl';
const MUC_NS = 'http://jabber.org/protocol/muc';
const TEXT = `Grüße, ça va? 日本語 עברית 😀👍🏽 <&> "quoted" 'apos' ]]> tab\tend`;

const missing = prosodyMissing();
if (missing !== null) console.warn(missing);

type Element = InstanceType<typeof xml.Element>;

interface Session {
  entity: any;
  jid: string;
  mechanisms: string[];
  statuses: string[];
  errors: unknown[];
  received: Element[];
  /** Every element our parser emitted, and what the stock parser built from the same bytes. */
  ours: Element[];
  stock: Element[];
}

async function open(service: string, account: Account, resource: string, webSocket: boolean): Promise<Session> {
  const entity: any = client({
    service,
    domain: DOMAIN,
    username: account.username,
    password: account.password,
    resource,
    timeout: 10_000,
  });
  useXmppWasm(entity, { Element: xml.Element });
  const session: Session = { entity, jid: '', mechanisms: [], statuses: [], errors: [], received: [], ours: [], stock: [] };

  // Shadow the parser with xmpp.js's own, fed the way xmpp.js feeds it (each read decoded alone).
  const feedOurs = entity._onData;
  let shadowed: unknown = null;
  let shadow: any = null;
  entity._onData = function (this: any, data: Buffer | string) {
    if (this.parser !== shadowed) {
      shadowed = this.parser;
      shadow = webSocket ? new StockFramedParser() : new StockParser();
      for (const event of ['start', 'element']) shadow.on(event, (element: Element) => session.stock.push(element));
      shadow.on('error', (error: unknown) => session.errors.push(error));
    }
    shadow.write(data.toString('utf8'));
    feedOurs.call(this, data);
  };
  entity.on('status', (status: string, element: Element | undefined) => {
    session.statuses.push(status);
    if (status === 'open') session.ours.push(element!); // the stream header or <open/>
  });
  entity.on('element', (element: Element) => session.ours.push(element));
  entity.on('send', (element: Element) => {
    if (element.is('auth', SASL_NS)) session.mechanisms.push(element.attrs.mechanism);
  });
  entity.on('stanza', (stanza: Element) => session.received.push(stanza));
  entity.on('error', (error: unknown) => session.errors.push(error));
  const address = await entity.start();
  session.jid = address.toString();
  return session;
}

function waitFor(session: Session, what: string, predicate: (stanza: Element) => boolean, ms = 10_000): Promise<Element> {
  const found = session.received.find(predicate);
  if (found) return Promise.resolve(found);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${session.jid} did not receive ${what}`)), ms);
    const listener = (stanza: Element) => {
      if (!predicate(stanza)) return;
      clearTimeout(timer);
      session.entity.removeListener('stanza', listener);
      resolve(stanza);
    };
    session.entity.on('stanza', listener);
  });
}

const iq = (session: Session, type: 'get' | 'set', to: string | undefined, child: Element) =>
  session.entity.iqCaller.request(xml('iq', { type, ...(to ? { to } : {}) }, child), 10_000) as Promise<Element>;

/** The whole scenario: both accounts online, roster, presence, chat, disco, MUC, clean close. */
async function scenario(prosody: Prosody, service: string, transport: 'tcp' | 'websocket') {
  const webSocket = transport === 'websocket';
  const [aliceAccount, bobAccount] = prosody.accounts;
  const alice = await open(service, aliceAccount, `wasm-${transport}`, webSocket);
  const bob = await open(service, bobAccount, `wasm-${transport}`, webSocket);
  try {
    for (const session of [alice, bob]) {
      expect(session.mechanisms).toEqual(['SCRAM-SHA-1']);
      expect(session.entity.parser).toBeInstanceOf(webSocket ? FramedParser : Parser);
      expect(session.jid.startsWith(`${session === alice ? 'alice' : 'bob'}@${DOMAIN}/`)).toBe(true);
    }

    // Roster: add bob, read it back.
    await iq(alice, 'set', undefined, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: bobAccount.jid, name: 'Bob ✓' })));
    const roster = await iq(alice, 'get', undefined, xml('query', { xmlns: 'jabber:iq:roster' }));
    const item = roster.getChild('query', 'jabber:iq:roster')!.getChild('item')!;
    expect(item.attrs).toMatchObject({ jid: bobAccount.jid, name: 'Bob ✓' });

    // Presence: available, then directed to bob.
    await alice.entity.send(xml('presence'));
    await bob.entity.send(xml('presence'));
    await alice.entity.send(xml('presence', { to: bob.jid }, xml('status', {}, TEXT)));
    const presence = await waitFor(bob, 'the directed presence', (s) => s.is('presence') && s.attrs.from === alice.jid);
    expect(presence.getChildText('status')).toBe(TEXT);

    // Chat with non-ASCII text, emoji and markup characters.
    await alice.entity.send(xml('message', { to: bob.jid, type: 'chat', id: 'chat-1' }, xml('body', {}, TEXT)));
    const chat = await waitFor(bob, 'the chat message', (s) => s.is('message') && s.attrs.id === 'chat-1');
    expect(chat.attrs.from).toBe(alice.jid);
    expect(chat.getChildText('body')).toBe(TEXT);

    // disco#info of the server.
    const info = await iq(alice, 'get', DOMAIN, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' }));
    const query = info.getChild('query', 'http://jabber.org/protocol/disco#info')!;
    expect(query.getChildren('identity').some((i: Element) => i.attrs.category === 'server')).toBe(true);
    expect(query.getChildren('feature').map((f: Element) => f.attrs.var)).toContain('jabber:iq:roster');

    let muc: string | null = null;
    if (prosody.muc !== null) {
      const room = `lobby-${transport}@${prosody.muc}`;
      await alice.entity.send(xml('presence', { to: `${room}/Alice` }, xml('x', { xmlns: MUC_NS })));
      await waitFor(
        alice,
        'its own room presence',
        (s) => s.is('presence') && s.attrs.from === `${room}/Alice` && s.getChild('x', `${MUC_NS}#user`) !== undefined,
      );
      // A new room stays locked until its owner accepts the default configuration.
      await iq(alice, 'set', room, xml('query', { xmlns: `${MUC_NS}#owner` }, xml('x', { xmlns: 'jabber:x:data', type: 'submit' })));
      await bob.entity.send(xml('presence', { to: `${room}/Bób` }, xml('x', { xmlns: MUC_NS })));
      await waitFor(bob, 'its own room presence', (s) => s.is('presence') && s.attrs.from === `${room}/Bób`);
      await alice.entity.send(xml('message', { to: room, type: 'groupchat', id: 'muc-1' }, xml('body', {}, TEXT)));
      const groupchat = await waitFor(
        bob,
        'the groupchat message',
        (s) => s.is('message') && s.attrs.type === 'groupchat' && s.getChildText('body') === TEXT,
      );
      expect(groupchat.attrs.from).toBe(`${room}/Alice`);
      muc = room;
    }

    // Clean close: the server's </stream:stream> (or <close/>) reaches the parser's end event.
    await alice.entity.stop();
    expect(alice.statuses).toEqual(expect.arrayContaining(['online', 'closing', 'close', 'offline']));
    const gone = await waitFor(
      bob,
      "alice's unavailable presence",
      (s) => s.is('presence') && s.attrs.from === alice.jid && s.attrs.type === 'unavailable',
    );
    expect(gone).toBeDefined();
    await bob.entity.stop();
    expect(bob.statuses).toContain('close');

    for (const session of [alice, bob]) {
      expect(session.errors).toEqual([]);
      expect(session.ours.length).toBeGreaterThan(8);
      expect(session.ours.map(elementToJson)).toEqual(session.stock.map(elementToJson));
    }
    return { muc, aliceElements: alice.ours.length, bobElements: bob.ours.length };
  } finally {
    for (const session of [alice, bob]) if (session.entity.status !== 'offline') await session.entity.stop().catch(() => {});
  }
}

describe.skipIf(missing !== null)('xmpp.js with xmpp-wasm against Prosody', () => {
  let prosody: Prosody;

  beforeAll(async () => {
    if (typeof (globalThis as any).WebSocket === 'undefined') (globalThis as any).WebSocket = (await import('ws')).WebSocket;
    prosody = await startProsody();
  });
  afterAll(async () => {
    await prosody?.stop();
  });

  it('runs a full session over TCP: SCRAM-SHA-1, bind, roster, presence, chat, disco#info, MUC, close', async () => {
    const result = await scenario(prosody, `xmpp://127.0.0.1:${prosody.c2sPort}`, 'tcp').catch((error) => {
      throw new Error(`${error.stack}\n--- prosody log ---\n${prosody.log().slice(-4000)}`);
    });
    expect(result.muc === null).toBe(prosody.muc === null);
    console.info(
      `TCP session: ${result.aliceElements} + ${result.bobElements} elements parsed, identical to @xmpp/xml; MUC ${result.muc ?? 'not available'}`,
    );
  });

  it('runs the same session over WebSocket with the RFC 7395 framed parser', async (context) => {
    if (prosody.webSocketUrl === null) {
      context.skip('mod_websocket is not available in this Prosody');
      return;
    }
    const result = await scenario(prosody, prosody.webSocketUrl, 'websocket').catch((error) => {
      throw new Error(`${error.stack}\n--- prosody log ---\n${prosody.log().slice(-4000)}`);
    });
    expect(result.muc === null).toBe(prosody.muc === null);
    console.info(
      `WebSocket session: ${result.aliceElements} + ${result.bobElements} elements parsed, identical to @xmpp/websocket's parser; MUC ${result.muc ?? 'not available'}`,
    );
  });
});
