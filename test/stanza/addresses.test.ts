// `to` and `from`, when present, are JIDs (this package's parseJid, with the profile asked for):
// otherwise jid-malformed. Between servers (and from components) both must be present, or the
// stream ends with improper-addressing (RFC 6120 §8.1.1.2, §8.1.2.2).
import { describe, expect, it } from 'vitest';
import { checkStanza, JidError, parseJid } from '../../bindings/index.js';
import { thrown } from '../helpers/thrown.js';
import { stanza, verdict } from './stanzas.js';

describe('to and from', () => {
  it('valid JIDs, or absent, are good', () => {
    expect(verdict("<message from='juliet@im.example.com/balcony' to='romeo@example.net'/>")).toBe('ok');
    expect(verdict('<presence/>')).toBe('ok');
  });

  it('an invalid to is jid-malformed, with the reason parseJid gives', () => {
    const result = checkStanza(stanza("<message to='ch@r@cters@muc.example.com/JulieC'/>"));
    const reason = thrown(JidError, () => parseJid('ch@r@cters@muc.example.com/JulieC')).message;
    expect(result).toEqual({
      kind: 'stanza',
      condition: 'jid-malformed',
      type: 'modify',
      text: `the to address is no valid JID: ${reason}`,
    });
  });

  it('an invalid from is jid-malformed too', () => {
    expect(verdict("<message from='@example.com'/>")).toBe('stanza jid-malformed');
    expect(verdict("<message from='juliet@example.com/'/>")).toBe('stanza jid-malformed');
    expect(verdict("<message to=''/>")).toBe('stanza jid-malformed');
  });

  it('the profile decides: a compatibility character is fine in stringprep, refused by PRECIS', () => {
    const xml = "<message to='Ⅳ@example.com'/>";
    expect(verdict(xml)).toBe('ok');
    expect(verdict(xml, { profile: 'stringprep' })).toBe('ok');
    expect(verdict(xml, { profile: 'precis' })).toBe('stanza jid-malformed');
  });
});

describe('addresses between servers', () => {
  const s2s = { side: 's2s', xmlns: 'jabber:server' } as const;

  it('s2s: to and from both present is good', () => {
    expect(verdict("<message from='juliet@im.example.com/b' to='romeo@example.net'/>", s2s)).toBe('ok');
  });

  it('s2s: a missing to or from ends the stream with improper-addressing', () => {
    expect(verdict("<message from='juliet@im.example.com/b'/>", s2s)).toBe('stream improper-addressing');
    expect(verdict("<message to='romeo@example.net'/>", s2s)).toBe('stream improper-addressing');
  });

  it('requireFrom: false lets s2s stanzas without from through; true makes c2s need it', () => {
    expect(verdict("<message to='romeo@example.net'/>", { ...s2s, requireFrom: false })).toBe('ok');
    expect(verdict("<message to='romeo@example.net'/>", { requireFrom: true })).toBe('stream improper-addressing');
    expect(verdict("<message to='romeo@example.net'/>", { requireFrom: false })).toBe('ok');
  });

  it('a component stream needs both as well', () => {
    const component = { side: 'component', xmlns: 'jabber:component:accept' } as const;
    expect(verdict("<message from='bot.example.com' to='romeo@example.net'/>", component)).toBe('ok');
    expect(verdict("<message to='romeo@example.net'/>", component)).toBe('stream improper-addressing');
  });
});
