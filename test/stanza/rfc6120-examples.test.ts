// The examples of RFC 6120 §8.3.3 (one per defined condition) as cases: the stanza that caused
// the error is checked, answered with stanzaError, and the answer equals the RFC's error stanza,
// which reads back to its condition and type and passes checkStanza on the receiving side.
// (§8.3.3.21's AMP example is answered here by the addressee itself, so that to and from swap.)
import { describe, expect, it } from 'vitest';
import {
  checkStanza,
  parse,
  readStanzaError,
  stanzaError,
  type StanzaErrorCondition,
  type StanzaErrorOptions,
} from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';

const S = "xmlns='urn:ietf:params:xml:ns:xmpp-stanzas'";
const JULIET = 'juliet@im.example.com/balcony';
const MUC_JOIN = `<presence from='${JULIET}' id='y2bs71v4' to='characters@muc.example.com/JulieC'><x xmlns='http://jabber.org/protocol/muc'/></presence>`;
const mucRefusal = (error: string) =>
  `<presence from='characters@muc.example.com/JulieC' id='y2bs71v4' to='${JULIET}' type='error'>${error}</presence>`;

interface Example {
  section: string;
  condition: StanzaErrorCondition;
  /** The stanza that caused the error. */
  request: string;
  /** What checkStanza says of it: null, or the condition it finds itself. */
  found?: StanzaErrorCondition;
  options?: StanzaErrorOptions;
  /** The error stanza of the RFC. */
  reply: string;
}

const EXAMPLES: Example[] = [
  {
    section: '8.3.3.1',
    condition: 'bad-request',
    request: `<iq from='${JULIET}' id='zj3v142b' to='im.example.com' type='subscribe'><ping xmlns='urn:xmpp:ping'/></iq>`,
    found: 'bad-request',
    reply: `<iq from='im.example.com' id='zj3v142b' to='${JULIET}' type='error'><error type='modify'><bad-request ${S}/></error></iq>`,
  },
  {
    section: '8.3.3.2',
    condition: 'conflict',
    request: "<iq id='wy2xa82b4' type='set'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>balcony</resource></bind></iq>",
    reply: `<iq id='wy2xa82b4' type='error'><error type='cancel'><conflict ${S}/></error></iq>`,
  },
  {
    section: '8.3.3.3',
    condition: 'feature-not-implemented',
    request: `<iq from='${JULIET}' id='9u2bax16' to='pubsub.example.com' type='get'><pubsub xmlns='http://jabber.org/protocol/pubsub'><subscriptions/></pubsub></iq>`,
    options: { app: parse("<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='retrieve-subscriptions'/>") },
    reply:
      `<iq from='pubsub.example.com' id='9u2bax16' to='${JULIET}' type='error'><error type='cancel'><feature-not-implemented ${S}/>` +
      "<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='retrieve-subscriptions'/></error></iq>",
  },
  { section: '8.3.3.4', condition: 'forbidden', request: MUC_JOIN, reply: mucRefusal(`<error type='auth'><forbidden ${S}/></error>`) },
  {
    section: '8.3.3.5',
    condition: 'gone',
    request:
      "<message from='juliet@im.example.com/churchyard' id='sj2b371v' to='romeo@example.net' type='chat'><body>Thy lips are warm.</body></message>",
    options: { by: 'example.net', redirect: 'xmpp:romeo@afterlife.example.net' },
    reply:
      "<message from='romeo@example.net' id='sj2b371v' to='juliet@im.example.com/churchyard' type='error'>" +
      `<error by='example.net' type='cancel'><gone ${S}>xmpp:romeo@afterlife.example.net</gone></error></message>`,
  },
  {
    section: '8.3.3.6',
    condition: 'internal-server-error',
    request: MUC_JOIN,
    reply: mucRefusal(`<error type='cancel'><internal-server-error ${S}/></error>`),
  },
  {
    section: '8.3.3.7',
    condition: 'item-not-found',
    request: "<presence from='userfoo@example.com/bar' id='pwb2n78i' to='nosuchroom@conference.example.org/foo'/>",
    reply:
      "<presence from='nosuchroom@conference.example.org/foo' id='pwb2n78i' to='userfoo@example.com/bar' type='error'>" +
      `<error type='cancel'><item-not-found ${S}/></error></presence>`,
  },
  {
    section: '8.3.3.8',
    condition: 'jid-malformed',
    request: `<presence from='${JULIET}' id='y2bs71v4' to='ch@r@cters@muc.example.com/JulieC'><x xmlns='http://jabber.org/protocol/muc'/></presence>`,
    found: 'jid-malformed',
    options: { by: 'muc.example.com' },
    reply:
      `<presence from='ch@r@cters@muc.example.com/JulieC' id='y2bs71v4' to='${JULIET}' type='error'>` +
      `<error by='muc.example.com' type='modify'><jid-malformed ${S}/></error></presence>`,
  },
  {
    section: '8.3.3.9',
    condition: 'not-acceptable',
    request: `<message from='${JULIET}' id='ur73n153' to='characters@muc.example.com' type='groupchat'><body>[ ... the-emacs-manual ... ]</body></message>`,
    options: { text: 'The message body must be less than 1000 characters.' },
    reply:
      `<message from='characters@muc.example.com' id='ur73n153' to='${JULIET}' type='error'><error type='modify'><not-acceptable ${S}/>` +
      `<text ${S}>The message body must be less than 1000 characters.</text></error></message>`,
  },
  {
    section: '8.3.3.10',
    condition: 'not-allowed',
    request: MUC_JOIN,
    reply: mucRefusal(`<error type='cancel'><not-allowed ${S}/></error>`),
  },
  {
    section: '8.3.3.11',
    condition: 'not-authorized',
    request: MUC_JOIN,
    reply: mucRefusal(`<error type='auth'><not-authorized ${S}/></error>`),
  },
  {
    section: '8.3.3.12',
    condition: 'policy-violation',
    request: `<message from='romeo@example.net/orchard' id='vq71f4nb' to='${JULIET}'><body>%#&amp;@^!!!</body></message>`,
    options: { by: 'example.net', from: 'im.example.com' },
    reply:
      "<message from='im.example.com' id='vq71f4nb' to='romeo@example.net/orchard' type='error'>" +
      `<error by='example.net' type='modify'><policy-violation ${S}/></error></message>`,
  },
  {
    section: '8.3.3.13',
    condition: 'recipient-unavailable',
    request: MUC_JOIN,
    reply: mucRefusal(`<error type='wait'><recipient-unavailable ${S}/></error>`),
  },
  {
    section: '8.3.3.14',
    condition: 'redirect',
    request: MUC_JOIN,
    options: { redirect: 'xmpp:characters@conference.example.org' },
    reply: mucRefusal(`<error type='modify'><redirect ${S}>xmpp:characters@conference.example.org</redirect></error>`),
  },
  {
    section: '8.3.3.15',
    condition: 'registration-required',
    request: MUC_JOIN,
    reply: mucRefusal(`<error type='auth'><registration-required ${S}/></error>`),
  },
  {
    section: '8.3.3.16',
    condition: 'remote-server-not-found',
    request: "<message from='romeo@example.net/home' id='ud7n1f4h' to='bar@example.org' type='chat'><body>yt?</body></message>",
    reply:
      "<message from='bar@example.org' id='ud7n1f4h' to='romeo@example.net/home' type='error'>" +
      `<error type='cancel'><remote-server-not-found ${S}/></error></message>`,
  },
  {
    section: '8.3.3.17',
    condition: 'remote-server-timeout',
    request: "<message from='romeo@example.net/home' id='ud7n1f4h' to='bar@example.org' type='chat'><body>yt?</body></message>",
    reply:
      "<message from='bar@example.org' id='ud7n1f4h' to='romeo@example.net/home' type='error'>" +
      `<error type='wait'><remote-server-timeout ${S}/></error></message>`,
  },
  {
    section: '8.3.3.18',
    condition: 'resource-constraint',
    request:
      "<iq from='romeo@example.net/foo' id='kj4vz31m' to='pubsub.example.com' type='get'>" +
      "<pubsub xmlns='http://jabber.org/protocol/pubsub'><items node='my_musings'/></pubsub></iq>",
    reply: `<iq from='pubsub.example.com' id='kj4vz31m' to='romeo@example.net/foo' type='error'><error type='wait'><resource-constraint ${S}/></error></iq>`,
  },
  {
    section: '8.3.3.19',
    condition: 'service-unavailable',
    request: "<message from='romeo@example.net/foo' to='juliet@im.example.com'><body>Hello?</body></message>",
    options: { from: 'juliet@im.example.com/foo' },
    reply: `<message from='juliet@im.example.com/foo' to='romeo@example.net/foo' type='error'><error type='cancel'><service-unavailable ${S}/></error></message>`,
  },
  {
    section: '8.3.3.20',
    condition: 'subscription-required',
    request:
      "<message from='romeo@example.net/orchard' id='pa73b4n7' to='playwright@shakespeare.example' type='chat'>" +
      '<subject>ACT II, SCENE II</subject><body>help, I forgot my lines!</body></message>',
    reply:
      "<message from='playwright@shakespeare.example' id='pa73b4n7' to='romeo@example.net/orchard' type='error'>" +
      `<error type='auth'><subscription-required ${S}/></error></message>`,
  },
  {
    section: '8.3.3.21',
    condition: 'undefined-condition',
    request:
      "<message from='northumberland@shakespeare.example' id='richard2-4.1.247' to='kingrichard@royalty.england.example'>" +
      "<body>My lord, dispatch; read o'er these articles.</body>" +
      "<amp xmlns='http://jabber.org/protocol/amp'><rule action='notify' condition='deliver' value='stored'/></amp></message>",
    options: {
      type: 'modify',
      includeOriginal: true,
      app: parse(
        "<failed-rules xmlns='http://jabber.org/protocol/amp#errors'><rule action='notify' condition='deliver' value='stored'/></failed-rules>",
      ),
    },
    reply:
      "<message from='kingrichard@royalty.england.example' id='richard2-4.1.247' to='northumberland@shakespeare.example' type='error'>" +
      "<body>My lord, dispatch; read o'er these articles.</body>" +
      "<amp xmlns='http://jabber.org/protocol/amp'><rule action='notify' condition='deliver' value='stored'/></amp>" +
      `<error type='modify'><undefined-condition ${S}/>` +
      "<failed-rules xmlns='http://jabber.org/protocol/amp#errors'><rule action='notify' condition='deliver' value='stored'/></failed-rules></error></message>",
  },
  {
    section: '8.3.3.22',
    condition: 'unexpected-request',
    request:
      "<iq from='romeo@example.net/home' id='o6hsv25z' to='pubsub.example.com' type='set'>" +
      "<pubsub xmlns='http://jabber.org/protocol/pubsub'><unsubscribe node='my_musings' jid='romeo@example.net'/></pubsub></iq>",
    options: { type: 'modify', app: parse("<not-subscribed xmlns='http://jabber.org/protocol/pubsub#errors'/>") },
    reply:
      `<iq from='pubsub.example.com' id='o6hsv25z' to='romeo@example.net/home' type='error'><error type='modify'><unexpected-request ${S}/>` +
      "<not-subscribed xmlns='http://jabber.org/protocol/pubsub#errors'/></error></iq>",
  },
];

describe('RFC 6120 §8.3.3 examples', () => {
  it('cover all 22 defined conditions', () => {
    expect(new Set(EXAMPLES.map((example) => example.condition)).size).toBe(22);
  });

  for (const { section, condition, request, found, options, reply } of EXAMPLES) {
    it(`§${section} ${condition}`, () => {
      const stanza = parse(request);
      const check = checkStanza(stanza);
      if (found === undefined) expect(check).toBeNull();
      else expect(check).toMatchObject({ kind: 'stanza', condition: found });

      const expected = parse(reply);
      expect(plain(stanzaError(stanza, condition, options))).toEqual(plain(expected));
      expect(readStanzaError(expected)).toMatchObject({ condition, type: expected.getChild('error')!.attrs.type });
      // Received by the client; the RFC's own malformed address is dropped, never answered.
      const received = checkStanza(expected, { side: 'client' });
      if (found === 'jid-malformed') expect(received).toMatchObject({ kind: 'drop', condition: 'jid-malformed' });
      else expect(received).toBeNull();
    });
  }
});
