// stanzaError builds the reply of RFC 6120 §8.3: same kind and id, to and from swapped,
// type='error', the condition with its default type; readStanzaError reads one back.
import { describe, expect, it } from 'vitest';
import { checkStanza, parse, readStanzaError, stanzaError, STANZA_ERROR_DEFAULT_TYPES } from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { stanza } from './stanzas.js';

const NS = 'urn:ietf:params:xml:ns:xmpp-stanzas';
const request = () =>
  stanza(
    "<iq from='juliet@im.example.com/balcony' to='pubsub.example.com' id='k1' type='get'><pubsub xmlns='http://jabber.org/protocol/pubsub'/></iq>",
  );

describe('stanzaError', () => {
  it('swaps to and from, keeps kind and id, and adds <error/> with the default type', () => {
    expect(plain(stanzaError(request(), 'item-not-found'))).toEqual({
      name: 'iq',
      attrs: { id: 'k1', from: 'pubsub.example.com', to: 'juliet@im.example.com/balcony', type: 'error' },
      children: [{ name: 'error', attrs: { type: 'cancel' }, children: [{ name: 'item-not-found', attrs: { xmlns: NS }, children: [] }] }],
    });
  });

  it('leaves out the addresses and id the stanza lacks; to and from options override the swap', () => {
    const message = stanza('<message><body>hi</body></message>');
    expect(stanzaError(message, 'service-unavailable').attrs).toEqual({ type: 'error' });
    const reply = stanzaError(message, 'service-unavailable', { to: 'juliet@im.example.com/balcony', from: 'im.example.com' });
    expect(reply.attrs).toEqual({ from: 'im.example.com', to: 'juliet@im.example.com/balcony', type: 'error' });
  });

  it('keeps an explicit xmlns (RFC 7395 framing puts one on each stanza)', () => {
    expect(stanzaError(parse("<message xmlns='jabber:client' id='m'/>"), 'gone').attrs.xmlns).toBe('jabber:client');
  });

  it('includes the original payload only when asked, as copies', () => {
    const original = request();
    expect(
      stanzaError(original, 'conflict')
        .getChildElements()
        .map((child) => child.name),
    ).toEqual(['error']);
    const reply = stanzaError(original, 'conflict', { includeOriginal: true });
    expect(reply.getChildElements().map((child) => child.name)).toEqual(['pubsub', 'error']);
    expect(original.getChildElements()[0]!.parent).toBe(original);
  });

  it('writes type, text with xml:lang, by, the redirect URI and the application element', () => {
    const app = parse("<unsupported xmlns='http://jabber.org/protocol/pubsub#errors' feature='retrieve-subscriptions'/>");
    const reply = stanzaError(request(), 'redirect', {
      type: 'modify',
      text: 'moved',
      lang: 'en',
      by: 'pubsub.example.com',
      redirect: 'xmpp:ps.example.org',
      app,
    });
    expect(reply.getChild('error')!.toString()).toBe(
      `<error type="modify" by="pubsub.example.com"><redirect xmlns="${NS}">xmpp:ps.example.org</redirect>` +
        `<text xmlns="${NS}" xml:lang="en">moved</text>` +
        `<unsupported xmlns="http://jabber.org/protocol/pubsub#errors" feature="retrieve-subscriptions"/></error>`,
    );
    expect(app.parent).toBeNull();
  });

  it('takes what checkStanza found: its condition, type and text', () => {
    const bad = stanza("<iq id='x' type='get'/>");
    const problem = checkStanza(bad);
    expect(problem?.kind).toBe('stanza');
    if (problem?.kind !== 'stanza') return;
    expect(readStanzaError(stanzaError(bad, problem))).toEqual({ condition: 'bad-request', type: 'modify', text: problem.text });
  });

  it('refuses to answer an error, and checks its arguments', () => {
    const error = stanza(`<message type='error'><error type='cancel'><gone xmlns='${NS}'/></error></message>`);
    expect(() => stanzaError(error, 'bad-request')).toThrow(RangeError);
    expect(() => stanzaError(parse('<foo/>'), 'bad-request')).toThrow(/^stanzaError: stanza must be a message, presence or iq/);
    expect(() => stanzaError(request(), 'bad-requests' as never)).toThrow(/^stanzaError: condition must be one of/);
    expect(() => stanzaError(request(), 'conflict', { type: 'fatal' as never })).toThrow(/options\.type/);
    expect(() => stanzaError(request(), 'conflict', { redirect: 'xmpp:x' })).toThrow(/options\.redirect goes only with gone and redirect/);
    expect(() => stanzaError(request(), 'conflict', { text: 3 as never })).toThrow(/options\.text/);
    expect(() => stanzaError(request(), 'conflict', { app: 'x' as never })).toThrow(/options\.app/);
    expect(() => stanzaError(request(), 'conflict', { include: true } as never)).toThrow(/unknown option "include"/);
  });
});

describe('readStanzaError', () => {
  it('reads the stanza or its <error/>; null for anything else', () => {
    const reply = stanzaError(request(), 'forbidden');
    expect(readStanzaError(reply)).toEqual({ type: 'auth', condition: 'forbidden' });
    expect(readStanzaError(reply.getChild('error')!)).toEqual({ type: 'auth', condition: 'forbidden' });
    expect(readStanzaError(request())).toBeNull();
    expect(readStanzaError(parse("<message type='error'/>"))).toBeNull();
  });

  it('reads RFC 3920 payment-required, and an unknown or missing condition as undefined-condition', () => {
    expect(readStanzaError(parse(`<message type='error'><error type='auth'><payment-required xmlns='${NS}'/></error></message>`))).toEqual({
      type: 'auth',
      condition: 'payment-required',
    });
    expect(readStanzaError(parse("<iq type='error' id='a'><error code='404'/></iq>"))).toEqual({
      type: 'cancel',
      condition: 'undefined-condition',
    });
    expect(
      readStanzaError(parse(`<iq type='error' id='a'><error type='cancel'><future-thing xmlns='${NS}'/></error></iq>`))?.condition,
    ).toBe('undefined-condition');
  });

  it("a missing or unknown type is the condition's default", () => {
    for (const type of ['', " type='fatal'"]) {
      expect(readStanzaError(parse(`<iq type='error' id='a'><error${type}><conflict xmlns='${NS}'/></error></iq>`))?.type).toBe(
        STANZA_ERROR_DEFAULT_TYPES.conflict,
      );
    }
  });

  it('is a TypeError for a non-element', () => {
    expect(() => readStanzaError('<error/>' as never)).toThrow(/^readStanzaError/);
  });
});
