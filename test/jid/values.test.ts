// JIDs as values: frozen (parseJid shares them from its cache), checked arguments with errors
// naming the function and argument, jid(text) as in xmpp.js.
import { describe, expect, it } from 'vitest';
import {
  Jid,
  jid,
  parseJid,
  prepareDomain,
  domainToAscii,
  escapeLocal,
  nodeprep,
  stringprep,
  saslprep,
  setJidCacheLimit,
} from '../../bindings/index.js';

describe('frozen JIDs', () => {
  it('a cached JID cannot be changed by one caller for every later one', () => {
    const first = parseJid('alice@example.com/phone');
    expect(Object.isFrozen(first)).toBe(true);
    expect(() => {
      (first as { resource: string }).resource = 'HACKED';
    }).toThrow(TypeError);
    expect(parseJid('alice@example.com/phone').resource).toBe('phone');
    expect(parseJid('alice@example.com/phone')).toBe(first);
  });

  it('bare(), jid() and new Jid() give frozen JIDs too', () => {
    expect(Object.isFrozen(parseJid('a@b/c').bare())).toBe(true);
    expect(Object.isFrozen(jid('a', 'b', 'c'))).toBe(true);
    expect(Object.isFrozen(new Jid(null, 'b'))).toBe(true);
  });

  it('jid(text) parses a whole JID, as @xmpp/jid does', () => {
    expect(jid('A@B/c').toString()).toBe('a@b/c');
    expect(jid('A@B/c')).toBe(parseJid('A@B/c'));
  });
});

describe('argument checks name the function and the argument', () => {
  const cases: [string, () => unknown, RegExp][] = [
    ['parseJid(123)', () => parseJid(123 as never), /^parseJid: input must be a string, got number 123$/],
    ['nodeprep(5)', () => nodeprep(5 as never), /^nodeprep: input must be a string, got number 5$/],
    ['saslprep(null)', () => saslprep(null as never), /^saslprep: input must be a string, got null$/],
    [
      'stringprep(bad profile)',
      () => stringprep('idna' as never, 'x'),
      /^stringprep: profile must be one of nameprep, nodeprep, resourceprep, saslprep, got "idna"$/,
    ],
    ['jid(local, 7)', () => jid('a', 7 as never), /^jid: domain must be a string, got number 7$/],
    ['new Jid(1, ...)', () => new Jid(1 as never, 'b'), /^Jid: local must be a string, null or undefined, got number 1$/],
    ['prepareDomain([])', () => prepareDomain([] as never), /^prepareDomain: domain must be a string, got an array$/],
    ['domainToAscii({})', () => domainToAscii({} as never), /^domainToAscii: domain must be a string, got object/],
    ['escapeLocal(undefined)', () => escapeLocal(undefined as never), /^escapeLocal: local must be a string, got undefined/],
    ['Jid.equals(5)', () => parseJid('a@b').equals(5 as never), /^Jid.equals: other must be a string, got number 5$/],
    ['setJidCacheLimit("x")', () => setJidCacheLimit('x' as never), /^setJidCacheLimit: entries must be a number, got a string$/],
  ];
  it.each(cases)('%s', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });
});

describe('options are checked by name', () => {
  it('an unknown option is refused with the list of known ones', () => {
    expect(() => nodeprep('x', { mdoe: 'stored' } as never)).toThrow(
      /^nodeprep: unknown option "mdoe"; did you mean "mode"\? \(known: mode\)$/,
    );
    expect(() => parseJid('a@b', { strict: true } as never)).toThrow(/^parseJid: unknown option "strict" \(known: mode, profile\)$/);
  });

  it('a bad value names the option', () => {
    expect(() => nodeprep('x', { mode: 'store' as never })).toThrow(/^nodeprep: options.mode must be 'query' or 'stored', got "store"$/);
    expect(() => jid('a', 'b', 'c', 'stored' as never)).toThrow(/^jid: options must be an object, got a string$/);
  });
});
