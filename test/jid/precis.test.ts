// RFC 7622 addresses: the examples of §3.5, the domainpart rules of §3.2 (UTS #46 mapping,
// IDNA2008, A-labels to U-labels, IP literals), the two profiles side by side, and fuzzing of
// parseJid with the precis profile.
import { describe, expect, it } from 'vitest';
import { thrown } from '../helpers/thrown.js';
import fc from 'fast-check';
import { domainToAscii, type Jid, jid, JID_PRECIS, JidError, parseJid } from '../../bindings/jid/jid.js';
import { jidCanonicalForms, jidProfilesDiffer } from '../../bindings/jid/profiles.js';
import { cacheTotals } from '../../bindings/runtime/bounded-cache.js';

const PRECIS = { profile: 'precis' } as const;

const jidError = (run: () => unknown): JidError => thrown(JidError, run);

describe('RFC 7622 §3.5: examples', () => {
  it.each([
    ['juliet@example.com', 'juliet@example.com'],
    ['juliet@example.com/foo', 'juliet@example.com/foo'],
    ['juliet@example.com/foo bar', 'juliet@example.com/foo bar'],
    ['juliet@example.com/foo@bar', 'juliet@example.com/foo@bar'],
    ['foo\\20bar@example.com', 'foo\\20bar@example.com'],
    ['fussball@example.com', 'fussball@example.com'],
    ['fu\u00dfball@example.com', 'fu\u00dfball@example.com'],
    ['\u03c0@example.com', '\u03c0@example.com'],
    ['\u03a3@example.com/foo', '\u03c3@example.com/foo'],
    ['\u03c3@example.com/foo', '\u03c3@example.com/foo'],
    ['\u03c2@example.com/foo', '\u03c2@example.com/foo'],
    ['king@example.com/\u265a', 'king@example.com/\u265a'],
    ['example.com', 'example.com'],
    ['example.com/foobar', 'example.com/foobar'],
    ['a.example.com/b@example.net', 'a.example.com/b@example.net'],
  ])('%j is valid: %j', (input, canonical) => expect(parseJid(input, PRECIS).toString()).toBe(canonical));

  it.each([
    ['"juliet"@example.com', 'local', 'disallowed', 0x22],
    ['foo bar@example.com', 'local', 'disallowed', 0x20],
    ['henry\u2163@example.com', 'local', 'disallowed', 0x2173],
    ['\u265a@example.com', 'local', 'disallowed', 0x265a],
  ])('%j is invalid (%s %s)', (input, part, reason, codePoint) => {
    expect(jidError(() => parseJid(input, PRECIS))).toMatchObject({ part, reason, codePoint });
  });
  it.each([
    ['@example.com/', 'local'],
    ['juliet@', 'domain'],
    ['/foobar', 'domain'],
  ])('%j is invalid (%s)', (input, part) => expect(jidError(() => parseJid(input, PRECIS)).part).toBe(part));
});

describe('RFC 7622 §3.2: domainparts', () => {
  const domain = (input: string) => parseJid(`u@${input}`, PRECIS).domain;
  it('lowercases, maps width forms and full stops, removes a trailing dot', () => {
    expect(domain('Example.COM')).toBe('example.com');
    expect(domain('\uff25\uff38\uff21\uff2d\uff30\uff2c\uff25\uff0e\uff43\uff4f\uff4d')).toBe('example.com');
    expect(domain('example\u3002com\uff61')).toBe('example.com');
    expect(domain('example.com.')).toBe('example.com');
  });
  it('keeps U-labels, converts A-labels to U-labels, keeps the deviation characters (non-transitional)', () => {
    expect(domain('B\u00fccher.example')).toBe('b\u00fccher.example');
    expect(domain('xn--bcher-kva.example')).toBe('b\u00fccher.example');
    expect(domain('fa\u00df.de')).toBe('fa\u00df.de');
    expect(domain('xn--fa-hia.de')).toBe('fa\u00df.de');
    expect(domain('\u1e9e.de')).toBe('\u00df.de');
    expect(domain('\u2460.example')).toBe('1.example'); // compatibility forms mapped (NFKC_Casefold)
    expect(domainToAscii('b\u00fccher.example', PRECIS)).toBe('xn--bcher-kva.example');
  });
  it('keeps IP literals', () => {
    expect(domain('127.0.0.1')).toBe('127.0.0.1');
    expect(domain('[2001:db8::1]')).toBe('[2001:db8::1]');
    expect(jidError(() => parseJid('u@[nope]', PRECIS))).toMatchObject({ part: 'domain', reason: 'invalid-domain' });
  });
  it.each([
    ['ex_ample.com', 'disallowed'], // not a letter, digit or hyphen
    ['-example.com', 'invalid-domain'],
    ['ab--c.com', 'invalid-domain'], // hyphens in the third and fourth places, not an A-label
    ['xn--bcher-kvb.example', 'invalid-domain'], // not the encoding of a U-label
    ['a..b', 'invalid-domain'],
    ['\u0301a.com', 'invalid-domain'], // a label starting with a combining mark
    ['\u00bd.com', 'disallowed'], // maps to "1⁄2": U+2044 is not valid in IDNA2008
    ['1\u05d0.example', 'bidi'], // a label starting with a digit in a bidi domain name
    ['a\u200db.example', 'context'],
    [`${'a'.repeat(64)}.com`, 'invalid-domain'],
  ])('refuses %j (%s)', (input, reason) =>
    expect(jidError(() => parseJid(`u@${input}`, PRECIS))).toMatchObject({ part: 'domain', reason }),
  );
  it('allows right-to-left labels that keep the bidi rule', () => {
    expect(domain('\u05d0\u05d1.example')).toBe('\u05d0\u05d1.example');
  });
});

describe('the profile option', () => {
  it('stringprep stays the default and can be named', () => {
    expect(parseJid('\u2163@example.com').local).toBe('iv');
    expect(parseJid('\u2163@example.com', { profile: 'stringprep' }).local).toBe('iv');
    expect(jidError(() => parseJid('\u2163@example.com', PRECIS))).toMatchObject({ part: 'local', reason: 'disallowed' });
  });
  it('jid() builds from parts with either profile', () => {
    expect(jid('\uff2aULIET', 'Example.com', 'Balcony', PRECIS).toString()).toBe('juliet@example.com/Balcony');
    expect(jid('Juliet', 'example.com', '\u00a0r', PRECIS).resource).toBe(' r'); // OpaqueString: a space
  });
  it('compares a string with a JID by the JID’s own profile', () => {
    const parsed = parseJid('Fu\u00dfball@example.com/r', PRECIS);
    expect(parsed.equals('fu\u00dfball@example.com/r')).toBe(true);
    expect(parsed.equals('fussball@example.com/r')).toBe(false);
    expect(parsed.bare().equals('FU\u00dfBALL@example.com')).toBe(true);
    expect(jid('fu\u00dfball', 'example.com', null, PRECIS).equals('Fu\u00dfball@example.com')).toBe(true);
    expect(parseJid('fu\u00dfball@example.com').equals('fussball@example.com')).toBe(true); // stringprep folds ß
  });
  it('JID_PRECIS is a frozen { profile: "precis" } giving the same JIDs and the same refusals', () => {
    expect(Object.isFrozen(JID_PRECIS)).toBe(true);
    expect(() => {
      (JID_PRECIS as { profile?: string }).profile = 'stringprep';
    }).toThrow(TypeError);
    for (const input of ['Fu\u00dfball@Example.com/r', '\uff2aULIET@example.com', 'a@b/\u00a0r']) {
      expect(parseJid(input, JID_PRECIS).toString()).toBe(parseJid(input, PRECIS).toString());
    }
    expect(jidError(() => parseJid('\u2163@example.com', JID_PRECIS))).toMatchObject({ part: 'local', reason: 'disallowed' });
    expect(jidError(() => parseJid('a"b@example.com', JID_PRECIS))).toMatchObject({ part: 'local', reason: 'disallowed', codePoint: 0x22 });
  });
  it('checks a frozen options object as any other, however often it is passed', () => {
    const misspelled = Object.freeze({ profil: 'precis' }) as never;
    for (let i = 0; i < 3; i++) expect(() => parseJid('a@b', misspelled)).toThrow(/parseJid: unknown option "profil"/);
    const frozenStringprep = Object.freeze({ profile: 'stringprep' as const });
    expect(() => parseJid('\u2163@example.com', JID_PRECIS)).toThrow(JidError);
    expect(parseJid('\u2163@example.com', frozenStringprep).local).toBe('iv'); // not mistaken for the last frozen one
  });
  it('caches no lowered part that the length limit then refuses', () => {
    const before = cacheTotals();
    for (let i = 0; i < 20; i++) {
      expect(jidError(() => parseJid(`${'A'.repeat(1100)}${i}@example.com`, JID_PRECIS))).toMatchObject({
        part: 'local',
        reason: 'too-long',
      });
    }
    expect(cacheTotals().entries).toBe(before.entries);
  });
  it('refuses an unknown profile, naming the function', () => {
    expect(() => parseJid('a@b', { profile: 'nope' as 'precis' })).toThrow(/parseJid: options\.profile must be/);
  });
  it('limits each part to 1023 bytes of UTF-8', () => {
    expect(jidError(() => parseJid(`${'\u00e9'.repeat(512)}@example.com`, PRECIS))).toMatchObject({ part: 'local', reason: 'too-long' });
  });
});

describe('where the profiles differ', () => {
  it.each([
    ['juliet@example.com', false],
    ['Juliet@Example.com/Balcony', false],
    ['fu\u00dfball@example.com', true], // Nodeprep folds ß to ss; PRECIS keeps it
    ['\uff2a\uff35\uff2c\uff29\uff25\uff34@example.com', false], // both map the fullwidth letters
    ['\u2163@example.com', true], // compatibility character: Nodeprep gives "iv", PRECIS refuses
    ['juliet@example.com/\u2163', true], // Resourceprep applies NFKC, OpaqueString NFC
    ['juliet@example.com/\u00bd', true], // Resourceprep: NFKC gives 1⁄2; OpaqueString keeps ½ (NFC)
    ['\u03a3\u0391\u03a3@example.com', true], // Nodeprep: σασ, PRECIS: σας (final sigma)
  ])('%j: %s', (input, differ) => expect(jidProfilesDiffer(input)).toBe(differ));
  it('gives both canonical forms', () => {
    expect(jidCanonicalForms('fu\u00dfball@example.com')).toEqual({
      stringprep: 'fussball@example.com',
      precis: 'fu\u00dfball@example.com',
    });
    expect(jidCanonicalForms('\u2163@example.com')).toEqual({ stringprep: 'iv@example.com', precis: null });
  });
});

describe('fuzzing parseJid with the precis profile', () => {
  it('gives a JID that parses back to itself, or a JidError, never a trap', () => {
    const tricky = fc.constantFrom(
      ...'Aa@/.:\u00a0\u00df\u0130\u0301\u05d0\u0627\u0661\u200c\u200d\u3002\uff0e\uff61\ufb01\u2163\u03a3-x',
      '\ud800',
      '\u{1d400}',
      'xn--',
    );
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 30 }),
      fc.array(tricky, { maxLength: 16 }).map((parts) => parts.join('')),
    );
    let parsed = 0;
    fc.assert(
      fc.property(input, (text) => {
        let result: Jid;
        try {
          result = parseJid(text, PRECIS);
        } catch (error) {
          if (error instanceof JidError) return;
          throw error;
        }
        parsed++;
        expect(parseJid(result.toString(), PRECIS).toString()).toBe(result.toString());
      }),
      { numRuns: 5000 },
    );
    expect(parsed).toBeGreaterThan(50);
  });
});
