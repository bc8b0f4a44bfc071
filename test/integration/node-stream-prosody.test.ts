// The Node stream reader on a raw TCP connection to a real Prosody: stanzas come from the async
// iterator, and the stream restarts after SASL success through the reader's restart option.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect } from 'node:net';
import { once } from 'node:events';
import { readStanzas } from '../../bindings/adapters/node-stream.js';
import { streamHeader, streamClose, escapeText } from '../../bindings/xml/serialize.js';
import { prosodyMissing, startProsody, DOMAIN, type Prosody } from './prosody.js';

const TEXT = 'Grüße 日本語 😀 <&> "q"';
const missing = prosodyMissing();
if (missing !== null) console.warn(missing);

describe.skipIf(missing !== null)('xmpp-wasm/node on a raw connection to Prosody', () => {
  let prosody: Prosody;
  beforeAll(async () => {
    prosody = await startProsody();
  });
  afterAll(async () => {
    await prosody?.stop();
  });

  it('logs in with PLAIN, restarts, binds, sends itself a message and closes', async () => {
    const socket = connect(prosody.c2sPort, '127.0.0.1');
    await once(socket, 'connect');
    const reader = readStanzas(socket, { restartAfterSaslSuccess: true });
    const headers: string[] = [];
    reader.on('start', (header) => headers.push(header.attrs.from));
    const [alice] = prosody.accounts;
    const send = (text: string) => socket.write(text);
    const stanzas = reader[Symbol.asyncIterator]();
    const next = async () => {
      const { value, done } = await stanzas.next();
      if (done) throw new Error('the stream ended early');
      return value;
    };

    send(streamHeader({ to: DOMAIN }));
    const features = await next();
    const mechanisms = features
      .getChild('mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl')!
      .getChildren('mechanism')
      .map((m) => m.getText());
    expect(mechanisms).toEqual(expect.arrayContaining(['PLAIN', 'SCRAM-SHA-1']));
    const credentials = Buffer.from(`\0${alice.username}\0${alice.password}`).toString('base64');
    send(`<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${credentials}</auth>`);
    expect((await next()).name).toBe('success');

    send(streamHeader({ to: DOMAIN }));
    const restarted = await next();
    expect(restarted.getChild('bind', 'urn:ietf:params:xml:ns:xmpp-bind')).toBeDefined();
    send(`<iq type='set' id='b'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>node</resource></bind></iq>`);
    const jid = (await next()).getChild('bind')!.getChildText('jid');
    expect(jid).toBe(`${alice.jid}/node`);

    send(`<message to='${jid}' id='m1' type='chat'><body>${escapeText(TEXT)}</body></message>`);
    const echoed = await next();
    expect(echoed.attrs.id).toBe('m1');
    expect(echoed.getChildText('body')).toBe(TEXT);

    send(streamClose());
    expect((await stanzas.next()).done).toBe(true);
    expect(headers).toEqual([DOMAIN, DOMAIN]);
    socket.end();
  });
});
