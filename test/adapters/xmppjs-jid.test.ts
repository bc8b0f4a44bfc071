// xmpp-wasm/xmppjs/jid against the cases of @xmpp/jid's own test suite (its test/ folder), plus
// the places where preparation by the RFCs must differ (listed in the README) and equality with
// @xmpp/jid's and xmpp-wasm's JIDs.
import { describe, expect, it, vi } from 'vitest';
// @ts-expect-error: @xmpp/jid ships no type declarations
import xmppjsJid from '@xmpp/jid';
import * as dropInSources from '../../bindings/adapters/xmppjs-jid.js';
import * as rootSources from '../../bindings/index.js';

// test/package/packed.test.ts runs these cases against the installed package: the two modules
// then come from it (their paths in these variables).
const load = async <M>(path: string | undefined, sources: M): Promise<M> => (path ? ((await import(path)) as M) : sources);
const dropIn = await load(process.env.XMPP_WASM_JID_MODULE, dropInSources);
const { JidError, parseJid } = await load(process.env.XMPP_WASM_ROOT_MODULE, rootSources);
const { default: jid, JID, equal, parse, detectEscape, escapeLocal, unescapeLocal } = dropIn;
type JID = dropInSources.JID;

describe('module shape', () => {
  it('has the exports of @xmpp/jid, on the default function too', () => {
    for (const name of ['jid', 'JID', 'parse', 'equal', 'detectEscape', 'escapeLocal', 'unescapeLocal']) {
      expect(typeof (jid as unknown as Record<string, unknown>)[name]).toBe('function');
      expect(typeof (xmppjsJid as Record<string, unknown>)[name]).toBe('function');
    }
    expect(jid.JID).toBe(JID);
  });

  it('equal calls equals on the first argument with the second', () => {
    const a = jid('foo');
    const b = jid('bar');
    const spy = vi.spyOn(a, 'equals');
    equal(a, b);
    expect(spy).toHaveBeenCalledWith(b);
  });

  it('parses when only the first argument is given', () => {
    const addr = jid('foo@bar');
    expect(addr).toBeInstanceOf(JID);
    expect(addr.toString()).toBe('foo@bar');
  });

  it('builds from parts, also with the new operator', () => {
    expect(jid('foo', 'bar', 'baz').toString()).toBe('foo@bar/baz');
    const Ctor = jid as unknown as new (l: string, d: string, r: string) => JID;
    const addr = new Ctor('foo', 'bar', 'baz');
    expect(addr).toBeInstanceOf(JID);
    expect(addr.toString()).toBe('foo@bar/baz');
  });
});

describe('JID', () => {
  it('throws TypeError for an invalid domain', () => {
    const Any = JID as unknown as new (...args: unknown[]) => JID;
    expect(() => new Any('foo')).toThrow(new TypeError('Invalid domain.'));
    expect(() => new Any()).toThrow(new TypeError('Invalid domain.'));
    expect(() => new JID('foo', '', 'r')).toThrow(new TypeError('Invalid domain.'));
  });

  it('serializes domain, user@domain, domain/resource, user@domain/resource', () => {
    expect(new JID(null, 'd').toString()).toBe('d');
    expect(new JID('u', 'd').toString()).toBe('u@d');
    expect(new JID(null, 'd', 'r').toString()).toBe('d/r');
    expect(new JID('u', 'd', 'r').toString()).toBe('u@d/r');
  });

  it('coerces to a string and to NaN', () => {
    const addr = new JID('foo', 'bar');
    expect(addr + '').toBe(addr.toString());
    expect('' + addr).toBe(addr.toString());
    // biome-ignore lint/suspicious/noDoubleEquals: the coercion is what is tested
    expect((addr as unknown as string) == addr.toString()).toBe(true);
    expect(Number.isNaN(+addr)).toBe(true);
  });

  it('setters prepare and getters read the parts', () => {
    const addr = new JID('u', 'd', 'r');
    addr.local = 'ROMEO';
    addr.domain = 'Example.COM';
    addr.resource = 'Phone';
    expect([addr.local, addr.domain, addr.resource]).toEqual(['romeo', 'example.com', 'Phone']);
    expect(addr.setLocal('x').setResource(null).toString()).toBe('x@example.com');
  });
});

describe('parsing', () => {
  const parts = (text: string) => {
    const j = parse(text);
    return [j.getLocal(), j.getDomain(), j.getResource()];
  };

  it('domain, user@domain, domain/resource, user@domain/resource', () => {
    expect(parts('d')).toEqual(['', 'd', '']);
    expect(parts('u@d')).toEqual(['u', 'd', '']);
    expect(parts('d/r')).toEqual(['', 'd', 'r']);
    expect(parts('u@d/r')).toEqual(['u', 'd', 'r']);
  });

  it('a resource may hold @ and /', () => {
    expect(parts('u@d/r@foo')).toEqual(['u', 'd', 'r@foo']);
    expect(parts('u@d/r/foo')).toEqual(['u', 'd', 'r/foo']);
  });

  it('an internationalized domain stays Unicode', () => {
    expect(parse('öko.de').getDomain()).toBe('öko.de');
  });

  it('gives access to the parts by key', () => {
    const j = parse('u@d/r');
    expect([j.local, j.domain, j.resource]).toEqual(['u', 'd', 'r']);
  });

  it('escapes a local part with a space instead of refusing it (#93)', () => {
    expect(() => parse('f u@d').toString()).not.toThrow();
    expect(parse('f u@d').toString()).toBe('f\\20u@d');
  });
});

describe('equality', () => {
  it('parsed JIDs are equal, or not', () => {
    expect(jid('foo@bar/baz').equals(jid('foo@bar/baz'))).toBe(true);
    expect(jid('foo@bar/baz').equals(jid('quux@bar/baz'))).toBe(false);
  });

  it('ignores case in the local part and domain, not in the resource', () => {
    expect(jid('foo@bar/baz').equals(jid('FOO@bar/baz'))).toBe(true);
    expect(jid('foo@bar/baz').equals(jid('foo@BAR/baz'))).toBe(true);
    expect(jid('foo@bar/baz').equals(jid('foo@bar/Baz'))).toBe(false);
  });

  it('ignores international case', () => {
    expect(jid('föö@bär/baß').equals(jid('fÖö@BÄR/baß'))).toBe(true);
  });

  it('works with bare JIDs', () => {
    expect(jid('romeo@example.net/9519407536580081').bare().equals(jid('romeo@example.net'))).toBe(true);
  });

  it('compares canonical strings across @xmpp/jid, xmpp-wasm and strings, both ways', () => {
    const ours = jid('Romeo@Example.net/Orchard');
    const theirs = xmppjsJid('romeo@example.net/Orchard');
    expect(ours.equals(theirs)).toBe(true);
    expect(theirs.equals(ours)).toBe(true);
    expect(ours.equals(parseJid('romeo@example.net/Orchard'))).toBe(true);
    expect(parseJid('romeo@example.net/Orchard').equals(theirs)).toBe(true);
    expect(parseJid('romeo@example.net/Orchard').equals(ours)).toBe(true);
    expect(ours.equals('ROMEO@example.net/Orchard')).toBe(true);
    expect(ours.equals(xmppjsJid('romeo@example.net/orchard'))).toBe(false);
    expect(ours.equals(null)).toBe(false);
  });
});

// @xmpp/jid's escaping cases: [constructor argument, toString(), toString(true)].
const ESCAPING: [string, string, string][] = [
  ['space cadet', 'space\\20cadet', 'space cadet'],
  ['call me "ishmael"', 'call\\20me\\20\\22ishmael\\22', 'call me "ishmael"'],
  ['at&t guy', 'at\\26t\\20guy', 'at&t guy'],
  ["d'artagnan", 'd\\27artagnan', "d'artagnan"],
  ['/.fanboy', '\\2f.fanboy', '/.fanboy'],
  ['::foo::', '\\3a\\3afoo\\3a\\3a', '::foo::'],
  ['<foo>', '\\3cfoo\\3e', '<foo>'],
  ['user@host', 'user\\40host', 'user@host'],
  ['c:\\cool stuff', 'c\\3a\\cool\\20stuff', 'c:\\cool stuff'],
  ['c:\\5commas', 'c\\3a\\5c5commas', 'c:\\5commas'],
  ['space\\20cadet', 'space\\20cadet', 'space cadet'],
  ['at\\26t\\20guy', 'at\\26t\\20guy', 'at&t guy'],
  ['d\\27artagnan', 'd\\27artagnan', "d'artagnan"],
  ['\\2f.fanboy', '\\2f.fanboy', '/.fanboy'],
  ['\\3a\\3afoo\\3a\\3a', '\\3a\\3afoo\\3a\\3a', '::foo::'],
  ['\\3cfoo\\3e', '\\3cfoo\\3e', '<foo>'],
  ['user\\40host', 'user\\40host', 'user@host'],
  ['c\\3a\\5cnet', 'c\\3a\\5cnet', 'c:\\net'],
  ['c\\3a\\5ccool\\20stuff', 'c\\3a\\5ccool\\20stuff', 'c:\\cool stuff'],
  ['c\\3a\\5c5commas', 'c\\3a\\5c5commas', 'c:\\5commas'],
];

describe('XEP-0106 escaping', () => {
  it.each(ESCAPING)('escape %s', (local, escaped, unescaped) => {
    const esc = new JID(local, 'example.com');
    expect(esc.toString()).toBe(`${escaped}@example.com`);
    expect(esc.toString(true)).toBe(`${unescaped}@example.com`);
  });

  it('escapes a backslash only before an escape sequence, as XEP-0106 §4.3 writes (@xmpp/jid escapes each one)', () => {
    expect(new JID('c:\\net', 'example.com').toString()).toBe('c\\3a\\net@example.com');
    expect(new xmppjsJid.JID('c:\\net', 'example.com').toString()).toBe('c\\3a\\5cnet@example.com');
    expect(new JID('c:\\\\net', 'example.com').toString()).toBe('c\\3a\\\\net@example.com');
    expect(new JID('c:\\\\net', 'example.com').toString(true)).toBe('c:\\\\net@example.com');
  });

  it('detectEscape, escapeLocal and unescapeLocal keep null as null', () => {
    expect(detectEscape('space cadet')).toBe(true);
    expect(detectEscape('space\\20cadet')).toBe(false);
    expect(detectEscape(null)).toBe(false);
    expect(escapeLocal(null)).toBe(null);
    expect(unescapeLocal(null)).toBe(null);
    expect(escapeLocal('at&t')).toBe('at\\26t');
    expect(unescapeLocal('at\\26t')).toBe('at&t');
  });
});

describe('differences from @xmpp/jid: parts are prepared, so invalid ones are refused', () => {
  it('refuses control characters in a local part (Nodeprep prohibits them: RFC 3920 A.5, RFC 3454 C.2.1)', () => {
    expect(() => jid('test\u001A@example.com')).toThrow(JidError);
    expect(() => jid('test\u001Aa@example.com')).toThrow(/prohibited/);
  });

  it('folds ß in a local part to ss (Nodeprep case folding), keeps it in a resource', () => {
    expect(jid('Straße@example.com/Straße').toString()).toBe('strasse@example.com/Straße');
  });

  it('refuses a leading or trailing space instead of trimming it (XEP-0106 §4.2)', () => {
    expect(() => escapeLocal(' x')).toThrow(JidError);
  });
});
