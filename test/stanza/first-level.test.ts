// Only message, presence and iq in the stream's content namespace are stanzas: any other
// first-level element is the stream error unsupported-stanza-type (RFC 6120 §4.9.3.23), reported
// as such and not as a stanza error. Each side has its content namespace.
import { describe, expect, it } from 'vitest';
import { checkStanza, parse } from '../../bindings/index.js';
import { stanza, verdict } from './stanzas.js';

describe('first-level elements', () => {
  it('another element is unsupported-stanza-type, a stream error', () => {
    expect(checkStanza(stanza('<foo/>'))).toEqual({
      kind: 'stream',
      condition: 'unsupported-stanza-type',
      text: '<foo> in jabber:client is not a stanza of jabber:client',
    });
    expect(verdict("<enable xmlns='urn:xmpp:sm:3'/>")).toBe('stream unsupported-stanza-type');
  });

  it('a stanza name in another namespace is not a stanza', () => {
    expect(verdict("<message xmlns='jabber:server' to='a@b'/>")).toBe('stream unsupported-stanza-type');
    expect(verdict("<message xmlns='urn:example' to='a@b'/>")).toBe('stream unsupported-stanza-type');
  });

  it('a prefixed stanza in the content namespace is a stanza', () => {
    expect(verdict("<c:message xmlns:c='jabber:client' to='a@b'/>")).toBe('ok');
  });

  it('each side expects its content namespace', () => {
    expect(verdict("<message to='a@b'/>", { side: 'client' })).toBe('ok');
    expect(verdict("<message to='a@b' from='c@d'/>", { side: 's2s', xmlns: 'jabber:server' })).toBe('ok');
    expect(verdict("<message to='a@b' from='c@d'/>", { side: 's2s' })).toBe('stream unsupported-stanza-type');
    expect(verdict("<message to='a@b' from='c.d'/>", { side: 'component', xmlns: 'jabber:component:accept' })).toBe('ok');
    expect(verdict("<message to='a@b' from='c.d'/>", { side: 'component' })).toBe('stream unsupported-stanza-type');
  });

  it('an element outside any stream (parse(), builders) is taken to be in the content namespace', () => {
    expect(checkStanza(parse("<message to='a@b'/>"))).toBeNull();
    expect(checkStanza(parse("<message to='a@b' from='c@d'/>"), { side: 's2s' })).toBeNull();
    expect(checkStanza(parse("<message xmlns='jabber:client' to='a@b'/>"), { side: 's2s' })).toMatchObject({
      condition: 'unsupported-stanza-type',
    });
  });
});

describe('checkStanza arguments', () => {
  it('a non-element is a TypeError naming the function', () => {
    expect(() => checkStanza('<message/>' as never)).toThrow(/^checkStanza: stanza must be an element/);
    expect(() => checkStanza(null as never)).toThrow(TypeError);
  });

  it('unknown options and bad values are TypeErrors naming them', () => {
    const message = parse('<message/>');
    expect(() => checkStanza(message, { sides: 's2s' } as never)).toThrow(/unknown option "sides"/);
    expect(() => checkStanza(message, { side: 'server' } as never)).toThrow(/options\.side/);
    expect(() => checkStanza(message, { profile: 'idna' } as never)).toThrow(/options\.profile/);
    expect(() => checkStanza(message, { requireFrom: 'yes' } as never)).toThrow(/options\.requireFrom/);
  });
});
