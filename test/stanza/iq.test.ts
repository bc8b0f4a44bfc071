// RFC 6120 §8.2.3: an iq has an id and one of four types; a request carries exactly one payload,
// a result at most one.
import { describe, expect, it } from 'vitest';
import { checkStanza } from '../../bindings/index.js';
import { stanza, verdict } from './stanzas.js';

describe('iq', () => {
  it('needs an id', () => {
    expect(verdict("<iq id='r1' type='get'><query xmlns='jabber:iq:roster'/></iq>")).toBe('ok');
    expect(verdict("<iq type='get'><query xmlns='jabber:iq:roster'/></iq>")).toBe('stanza bad-request');
  });

  it('needs a type of get, set, result or error', () => {
    for (const type of ['get', 'set']) expect(verdict(`<iq id='a' type='${type}'><ping xmlns='urn:xmpp:ping'/></iq>`)).toBe('ok');
    expect(verdict("<iq id='a'><ping xmlns='urn:xmpp:ping'/></iq>")).toBe('stanza bad-request');
    expect(verdict("<iq id='a' type='subscribe'><ping xmlns='urn:xmpp:ping'/></iq>")).toBe('stanza bad-request');
    expect(verdict("<iq id='a' type='GET'><ping xmlns='urn:xmpp:ping'/></iq>")).toBe('stanza bad-request');
  });

  it('get and set carry exactly one child element (text between elements does not count)', () => {
    expect(verdict("<iq id='a' type='set'>\n  <bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'/>\n</iq>")).toBe('ok');
    expect(verdict("<iq id='a' type='get'/>")).toBe('stanza bad-request');
    expect(verdict("<iq id='a' type='set'><a xmlns='x'/><b xmlns='x'/></iq>")).toBe('stanza bad-request');
  });

  it('result carries zero or one child element', () => {
    expect(verdict("<iq id='a' type='result'/>")).toBe('ok');
    expect(verdict("<iq id='a' type='result'><query xmlns='jabber:iq:version'/></iq>")).toBe('ok');
    expect(verdict("<iq id='a' type='result'><a xmlns='x'/><b xmlns='x'/></iq>")).toBe('stanza bad-request');
  });

  it('answers with bad-request of type modify and says which rule', () => {
    expect(checkStanza(stanza("<iq id='a' type='get'/>"))).toEqual({
      kind: 'stanza',
      condition: 'bad-request',
      type: 'modify',
      text: 'an iq of type get carries exactly one child element, not 0',
    });
  });
});
