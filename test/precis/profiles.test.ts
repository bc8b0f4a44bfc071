// The PRECIS profiles against the examples of RFC 8265 (§3.5, §4.3) and RFC 8266 (§5), the
// contextual rules of RFC 5892 Appendix A and the bidi rule of RFC 5893, and cases of the kind
// other implementations test (precis-i18n, golang.org/x/text/secure/precis): fullwidth forms,
// combining sequences, final sigma, compatibility characters. The cases are written here.
import { describe, expect, it } from 'vitest';
import { thrown } from '../helpers/thrown.js';
import { compare, enforce, PrecisError, prepare, setPrecisCacheLimit } from '../../bindings/precis/precis.js';
import type { PrecisProfile } from '../../bindings/precis/precis.js';

const errorOf = (run: () => unknown): PrecisError => thrown(PrecisError, run);

describe('RFC 8265 §3.5: UsernameCaseMapped', () => {
  it.each([
    ['juliet@example.com', 'juliet@example.com'], // '@' is ASCII7, so PVALID
    ['fussball', 'fussball'],
    ['fu\u00dfball', 'fu\u00dfball'], // ß is PVALID and toLowerCase keeps it
    ['\u03c0', '\u03c0'],
    ['\u03a3', '\u03c3'],
    ['\u03c3', '\u03c3'],
    ['\u03c2', '\u03c2'],
  ])('%j → %j', (input, output) => expect(enforce('UsernameCaseMapped', input)).toBe(output));
  it.each([
    ['foo bar', 'disallowed', 0x20],
    ['henry\u2163', 'disallowed', 0x2173], // lowercased to U+2173, which has a compatibility mapping
    ['\u265a', 'disallowed', 0x265a], // a symbol: ID_DIS
  ])('refuses %j (%s %i)', (input, reason, codePoint) => {
    expect(errorOf(() => enforce('UsernameCaseMapped', input))).toMatchObject({ reason, codePoint, profile: 'UsernameCaseMapped' });
  });
  it('refuses the empty string', () => expect(errorOf(() => enforce('UsernameCaseMapped', ''))).toMatchObject({ reason: 'empty' }));
});

describe('RFC 8265 §3.3/§3.4: width mapping, case mapping, NFC', () => {
  it('maps fullwidth and halfwidth forms to their decompositions before anything else', () => {
    expect(enforce('UsernameCaseMapped', '\uff2a\uff35\uff2c\uff29\uff25\uff34')).toBe('juliet');
    expect(enforce('UsernameCasePreserved', '\uff2a\uff55\uff4c')).toBe('Jul');
    expect(prepare('UsernameCaseMapped', '\uff2a\uff55\uff4c')).toBe('Jul'); // preparation maps width too
    expect(enforce('UsernameCaseMapped', '\uff76')).toBe('\u30ab'); // halfwidth katakana
  });
  it('lowercases with full mappings and composes', () => {
    expect(enforce('UsernameCaseMapped', '\u0130')).toBe('i\u0307'); // İ → i + combining dot (no composite)
    expect(enforce('UsernameCaseMapped', 'A\u030a')).toBe('\u00e5');
    expect(enforce('UsernameCaseMapped', '\u212b')).toBe('\u00e5'); // ANGSTROM SIGN: canonical singleton
    expect(enforce('UsernameCaseMapped', '\u1e9e')).toBe('\u00df'); // capital sharp s
    expect(enforce('UsernameCasePreserved', 'A\u030a')).toBe('\u00c5');
  });
  it('applies Final_Sigma in context, as toLowerCase does', () => {
    expect(enforce('UsernameCaseMapped', '\u03a3\u0391\u03a3')).toBe('\u03c3\u03b1\u03c2');
    expect(enforce('UsernameCaseMapped', '\u03a3\u0391\u03a3\u0391')).toBe('\u03c3\u03b1\u03c3\u03b1');
    expect(enforce('NicknameCaseMapped', '\u039f\u0394\u03a3 \u03a3')).toBe('\u03bf\u03b4\u03c2 \u03c3');
  });
  it('refuses compatibility characters in the IdentifierClass and titlecase digraphs', () => {
    expect(errorOf(() => enforce('UsernameCaseMapped', '\ufb01'))).toMatchObject({ reason: 'disallowed', codePoint: 0xfb01 });
    expect(errorOf(() => enforce('UsernameCaseMapped', '\u01c5'))).toMatchObject({ reason: 'disallowed' });
  });
});

describe('RFC 8265 §4.3: OpaqueString', () => {
  it.each([
    ['correct horse battery staple', 'correct horse battery staple'],
    ['Correct Horse Battery Staple', 'Correct Horse Battery Staple'],
    ['\u03c0\u00df\u00e5', '\u03c0\u00df\u00e5'],
    ['Jack of \u2666s', 'Jack of \u2666s'],
    ['foo\u1680bar', 'foo bar'], // OGHAM SPACE MARK → SPACE
    ['\u00a0x\u3000', ' x '], // non-ASCII spaces → SPACE, nothing trimmed
    ['\uff21', '\uff21'], // no width mapping in the FreeformClass profiles
    ['A\u030a', '\u00c5'], // NFC
  ])('%j → %j', (input, output) => expect(enforce('OpaqueString', input)).toBe(output));
  it('refuses the empty string and a tab', () => {
    expect(errorOf(() => enforce('OpaqueString', ''))).toMatchObject({ reason: 'empty' });
    expect(errorOf(() => enforce('OpaqueString', 'my cat is a \u0009by'))).toMatchObject({ reason: 'disallowed', codePoint: 9 });
  });
  it('compares case-sensitively', () => {
    expect(compare('OpaqueString', 'Pass', 'pass')).toBe(false);
    expect(compare('OpaqueString', 'p\u00e5ss', 'pa\u030ass')).toBe(true);
  });
});

describe('RFC 8266 §5: NicknameCaseMapped', () => {
  it.each([
    ['Foo', 'foo'],
    ['foo', 'foo'],
    ['Foo Bar', 'foo bar'],
    ['foo bar', 'foo bar'],
    ['\u03a3', '\u03c3'],
    ['\u03c3', '\u03c3'],
    ['\u03c2', '\u03c2'],
    ['\u03d4', '\u03cb'], // NFKC then lowercase: ϔ → Ϋ → ϋ
    ['\u221e', '\u221e'],
    ['Richard \u2163', 'richard iv'],
  ])('%j → %j', (input, output) => expect(enforce('NicknameCaseMapped', input)).toBe(output));
  it('maps non-ASCII spaces, trims and collapses spaces', () => {
    expect(enforce('NicknameCaseMapped', '  Swan\u2003 of   Avon  ')).toBe('swan of avon');
    expect(enforce('NicknameCasePreserved', '\u00a0Swan\u3000of Avon ')).toBe('Swan of Avon');
    expect(errorOf(() => enforce('NicknameCasePreserved', '   '))).toMatchObject({ reason: 'empty' });
  });
  it('reaches a stable result when NFKC exposes more to map (applies the rules again)', () => {
    expect(enforce('NicknameCaseMapped', '\u{1d400}')).toBe('a'); // MATHEMATICAL BOLD CAPITAL A → A → a
    expect(enforce('NicknameCaseMapped', 'x \u00a8')).toBe('x \u0308'); // diaeresis → space + mark
    expect(enforce('NicknameCaseMapped', '\u00a8')).toBe('\u0308'); // the exposed leading space trimmed
  });
  it('compares by the enforced forms', () => {
    expect(compare('NicknameCaseMapped', 'Foo  Bar', ' foo bar')).toBe(true);
    expect(compare('NicknameCasePreserved', 'Foo', 'foo')).toBe(false);
    expect(compare('NicknameCaseMapped', '', 'x')).toBe(false); // a refused string matches nothing
  });
});

describe('the base classes', () => {
  it('IdentifierClass allows ASCII7 and letters and digits, nothing else', () => {
    expect(enforce('IdentifierClass', 'Abc~!')).toBe('Abc~!');
    expect(errorOf(() => enforce('IdentifierClass', 'a b'))).toMatchObject({ reason: 'disallowed', codePoint: 0x20 });
    expect(errorOf(() => enforce('IdentifierClass', '\u00bd'))).toMatchObject({ reason: 'disallowed', codePoint: 0xbd });
  });
  it('FreeformClass allows spaces, symbols, punctuation and compatibility characters; neither maps nor normalizes', () => {
    expect(enforce('FreeformClass', 'a \u00bd \u2665 \uff21')).toBe('a \u00bd \u2665 \uff21');
    expect(enforce('FreeformClass', 'A\u030a')).toBe('A\u030a');
    expect(errorOf(() => enforce('FreeformClass', 'a\u0007'))).toMatchObject({ reason: 'disallowed', codePoint: 7 });
  });
  it('refuses unassigned code points, noncharacters, default ignorables, old Hangul jamo and lone surrogates', () => {
    for (const [input, cp] of [
      ['\u0378', 0x378],
      ['\ufdd0', 0xfdd0],
      ['\u00ad', 0xad],
      ['\u1100', 0x1100],
      ['a\ud800', 0xd800],
      ['\udc00b', 0xdc00],
    ] as const) {
      expect(errorOf(() => enforce('FreeformClass', input))).toMatchObject({ reason: 'disallowed', codePoint: cp });
    }
  });
});

describe('RFC 5892 Appendix A: contextual rules', () => {
  const ok = (input: string) => expect(enforce('IdentifierClass', input)).toBe(input);
  const refused = (input: string, codePoint: number) =>
    expect(errorOf(() => enforce('IdentifierClass', input))).toMatchObject({ reason: 'context', codePoint });
  it('ZERO WIDTH NON-JOINER after a virama or between joining letters', () => {
    ok('\u0915\u094d\u200c\u0937');
    ok('\u0628\u200c\u0628'); // dual-joining beh on both sides
    ok('\u0628\u064b\u200c\u064b\u0628'); // transparent marks skipped
    refused('a\u200cb', 0x200c);
    refused('\u0627\u200c\u0628', 0x200c); // alef joins only to the right
  });
  it('ZERO WIDTH JOINER only after a virama', () => {
    ok('\u0915\u094d\u200d\u0937');
    refused('\u0628\u200d\u0628', 0x200d);
  });
  it('MIDDLE DOT between two l', () => {
    ok('l\u00b7l');
    refused('a\u00b7l', 0xb7);
    refused('l\u00b7', 0xb7);
  });
  it('GREEK KERAIA before Greek; HEBREW GERESH and GERSHAYIM after Hebrew', () => {
    ok('\u0375\u03b1');
    refused('\u0375a', 0x375);
    expect(enforce('FreeformClass', '\u05d0\u05f3')).toBe('\u05d0\u05f3');
    expect(errorOf(() => enforce('FreeformClass', 'a\u05f4'))).toMatchObject({ reason: 'context', codePoint: 0x5f4 });
  });
  it('KATAKANA MIDDLE DOT with Hiragana, Katakana or Han anywhere', () => {
    ok('\u30a2\u30fb\u30a4');
    ok('\u30fb\u6f22');
    refused('a\u30fbb', 0x30fb);
  });
  it('Arabic-Indic digits do not mix with Extended Arabic-Indic digits', () => {
    ok('\u0660\u0661');
    ok('\u06f0\u06f1');
    refused('\u0660\u06f0', 0x660);
  });
});

describe('RFC 5893: the bidi rule (Username profiles)', () => {
  it('accepts right-to-left strings that keep the rule', () => {
    expect(enforce('UsernameCaseMapped', '\u05d0\u05d1')).toBe('\u05d0\u05d1');
    expect(enforce('UsernameCaseMapped', '\u06271')).toBe('\u06271'); // an RTL string may end with EN
    expect(enforce('UsernameCaseMapped', '\u05d0\u05b0')).toBe('\u05d0\u05b0'); // trailing NSM
  });
  it.each([
    ['a\u05d0', 0x5d0], // an LTR string may not contain R
    ['\u05d0a', 0x61],
    ['1\u05d0', 0x31], // must start with L, R or AL
    ['\u0627\u0661\u0031', 0x31], // EN and AN do not mix
    ['\u05d0!', 0x21], // must end with R, AL, EN or AN
  ])('refuses %j at %i', (input, codePoint) =>
    expect(errorOf(() => enforce('UsernameCaseMapped', input))).toMatchObject({ reason: 'bidi', codePoint }),
  );
  it('is not applied by the FreeformClass profiles', () => expect(enforce('OpaqueString', 'a\u05d0')).toBe('a\u05d0'));
});

describe('API', () => {
  it('returns the same string, not a copy, when nothing changes', () => {
    const input = ['jul', 'iet'].join('');
    expect(enforce('UsernameCaseMapped', input)).toBe(input);
    const nonAscii = ['\u00e9t', '\u00e9'].join('');
    expect(enforce('UsernameCaseMapped', nonAscii)).toBe(nonAscii);
  });
  it('checks its arguments and names them', () => {
    expect(() => enforce('usernamecasemapped' as PrecisProfile, 'x')).toThrow(/enforce: profile must be one of/);
    expect(() => prepare('OpaqueString', 42 as unknown as string)).toThrow(/prepare: input must be a string/);
    expect(() => compare('OpaqueString', 'a', null as unknown as string)).toThrow(/compare: b must be a string/);
    expect(() => setPrecisCacheLimit(-1)).toThrow(TypeError);
  });
  it('gives the same answers with the cache off', () => {
    setPrecisCacheLimit(0);
    try {
      expect(enforce('UsernameCaseMapped', '\u00c9T\u00c9')).toBe('\u00e9t\u00e9');
      expect(enforce('UsernameCaseMapped', '\u00c9T\u00c9')).toBe('\u00e9t\u00e9');
    } finally {
      setPrecisCacheLimit(1000);
    }
  });
  it('describes the failure in the message', () => {
    expect(errorOf(() => enforce('UsernameCaseMapped', 'a b')).message).toBe('UsernameCaseMapped: code point not allowed U+0020');
  });
});
