// JIDs (RFC 3920 §3): split rules, per-part preparation, domains (IDNA labels, IP literals,
// STD3 rules), errors, length limits, caching, Punycode (RFC 3492) and XEP-0106 escaping.
import { afterEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  Jid,
  JidError,
  jid,
  parseJid,
  prepareDomain,
  domainToAscii,
  domainToUnicode,
  escapeLocal,
  unescapeLocal,
  setJidCacheLimit,
  prepareResource,
} from '../../bindings/jid/jid.js';
import { punycodeDecode, punycodeEncode } from '../../bindings/jid/punycode.js';
import { MAX_STRINGPREP_INPUT } from '../../bindings/stringprep/stringprep.js';

function jidError(run: () => unknown): JidError {
  try {
    run();
  } catch (error) {
    if (error instanceof JidError) return error;
    throw error;
  }
  throw new Error('expected a JidError');
}

const parts = (j: Jid) => [j.local, j.domain, j.resource];

describe('parseJid: RFC 3920 §3.1 split rules', () => {
  it.each([
    ['juliet@example.com/balcony', ['juliet', 'example.com', 'balcony']],
    ['juliet@example.com', ['juliet', 'example.com', '']],
    ['example.com', ['', 'example.com', '']],
    ['example.com/balcony', ['', 'example.com', 'balcony']],
    ['juliet@example.com/a@b/c', ['juliet', 'example.com', 'a@b/c']],
    ['example.com/juliet@example.net', ['', 'example.com', 'juliet@example.net']],
    ['Juliet@Example.COM/Balcony', ['juliet', 'example.com', 'Balcony']],
    ['J\u00dcLIET@M\u00dcNCHEN.example/\u2168', ['j\u00fcliet', 'm\u00fcnchen.example', 'IX']],
    ['\u0627\u0628@example.com/\u05d0\u05d1', ['\u0627\u0628', 'example.com', '\u05d0\u05d1']],
  ])('%s', (input, expected) => {
    expect(parts(parseJid(input))).toEqual(expected);
  });

  it('names the part and the reason of each structural error', () => {
    expect(jidError(() => parseJid('@example.com'))).toMatchObject({ part: 'local', reason: 'at-without-local' });
    expect(jidError(() => parseJid('juliet@example.com/'))).toMatchObject({ part: 'resource', reason: 'trailing-slash' });
    expect(jidError(() => parseJid(''))).toMatchObject({ part: 'domain', reason: 'empty' });
    expect(jidError(() => parseJid('juliet@'))).toMatchObject({ part: 'domain', reason: 'empty' });
    expect(jidError(() => parseJid('juliet@/balcony'))).toMatchObject({ part: 'domain', reason: 'empty' });
    expect(jidError(() => parseJid('/balcony'))).toMatchObject({ part: 'domain', reason: 'empty' });
    expect(jidError(() => parseJid('a@b@example.com'))).toMatchObject({ part: 'domain', reason: 'invalid-domain' });
    expect(jidError(() => parseJid('\u00ad@example.com'))).toMatchObject({ part: 'local', reason: 'empty' });
    expect(jidError(() => parseJid('example.com/\u200b'))).toMatchObject({ part: 'resource', reason: 'empty' });
  });

  it('reports prohibited characters, bidi and unassigned code points with the part', () => {
    expect(jidError(() => parseJid('ju"liet@example.com'))).toMatchObject({ part: 'local', reason: 'prohibited', codePoint: 0x22 });
    expect(jidError(() => jid('romeo montague', 'example.com'))).toMatchObject({ part: 'local', reason: 'prohibited', codePoint: 0x20 });
    expect(jidError(() => parseJid('juliet@example.com/\u0007'))).toMatchObject({ part: 'resource', reason: 'prohibited', codePoint: 7 });
    expect(jidError(() => parseJid('juliet@example.com/\u0627a'))).toMatchObject({ part: 'resource', reason: 'bidi' });
    expect(jidError(() => parseJid('\ud800@example.com'))).toMatchObject({ part: 'local', reason: 'lone-surrogate' });
    expect(parseJid('a\u0221@example.com').local).toBe('a\u0221');
    expect(jidError(() => parseJid('a\u0221@example.com', { mode: 'stored' }))).toMatchObject({
      part: 'local',
      reason: 'unassigned',
      codePoint: 0x221,
    });
    const error = jidError(() => parseJid('a@b/\u0007'));
    expect(error).toBeInstanceOf(Error);
    expect(error.message).toContain('resource');
    expect(error.message).toContain('U+0007');
  });

  it('limits each part to 1023 bytes of UTF-8 after preparation', () => {
    expect(parseJid('a'.repeat(1023) + '@example.com').local).toHaveLength(1023);
    expect(jidError(() => parseJid('a'.repeat(1024) + '@example.com'))).toMatchObject({ part: 'local', reason: 'too-long' });
    expect(jidError(() => parseJid('\u00e9'.repeat(512) + '@example.com'))).toMatchObject({ part: 'local', reason: 'too-long' });
    expect(parseJid('\u00e9'.repeat(511) + '@example.com').local).toHaveLength(511);
    expect(jidError(() => parseJid('example.com/' + '\u{1f600}'.repeat(256)))).toMatchObject({ part: 'resource', reason: 'too-long' });
    expect(parseJid('example.com/' + '\u{1f600}'.repeat(255)).resource).toHaveLength(510);
    // Preparation happens first: 1,024 characters of which one maps to nothing fit.
    expect(parseJid('a'.repeat(1023) + '\u00ad@example.com').local).toHaveLength(1023);
    const labels = Array.from({ length: 17 }, () => 'a'.repeat(63)).join('.'); // 1,087 bytes
    expect(jidError(() => parseJid(labels))).toMatchObject({ part: 'domain', reason: 'too-long' });
    expect(prepareDomain(labels.slice(64))).toHaveLength(1023);
  });

  it('refuses a part beyond what stringprep takes in as too long, whatever its characters', () => {
    const huge = '\u0436'.repeat(MAX_STRINGPREP_INPUT + 1); // above U+00FF: it would enter WebAssembly
    expect(jidError(() => parseJid(`${huge}@example.com`))).toMatchObject({ part: 'local', reason: 'too-long' });
    expect(jidError(() => parseJid(`example.com/${huge}`))).toMatchObject({ part: 'resource', reason: 'too-long' });
    expect(jidError(() => parseJid(`${huge}.example`))).toMatchObject({ part: 'domain', reason: 'too-long' });
    expect(jidError(() => prepareResource(huge, { mode: 'stored' }))).toMatchObject({ part: 'resource', reason: 'too-long' });
  });
});

describe('domains', () => {
  it.each([
    ['example.com.', 'example.com'],
    ['EXAMPLE.com', 'example.com'],
    ['example\u3002com', 'example.com'],
    ['example\uff0ecom\uff61', 'example.com'],
    ['192.168.0.1', '192.168.0.1'],
    ['[::1]', '[::1]'],
    ['[2001:DB8::1]', '[2001:DB8::1]'],
    ['[::ffff:192.0.2.1]', '[::ffff:192.0.2.1]'],
    ['xn--mnchen-3ya.de', 'xn--mnchen-3ya.de'],
    ['M\u00fcnchen.DE', 'm\u00fcnchen.de'],
    ['\uff21\uff22\uff23.example', 'abc.example'],
    ['a-b.example', 'a-b.example'],
  ])('%s → %s', (input, expected) => {
    expect(prepareDomain(input)).toBe(expected);
  });

  it('applies the STD3 ASCII rules and IDNA label limits', () => {
    for (const bad of [
      'exa_mple.com',
      'a b.com',
      '-a.com',
      'a-.com',
      'a..b',
      '.example.com',
      'a'.repeat(64) + '.com',
      '[::1',
      '[1::2::3]',
      '[12345::]',
      '\u00e9_x.com',
      '\u2024.com',
      '\u00e9-.com',
      'xn--\u00e9.com',
    ]) {
      expect(
        jidError(() => prepareDomain(bad)),
        bad,
      ).toMatchObject({ part: 'domain', reason: 'invalid-domain' });
    }
    expect(prepareDomain('a'.repeat(63) + '.com')).toHaveLength(67);
    // A non-ASCII label is limited by its ASCII (xn--) length.
    expect(jidError(() => prepareDomain('\u00e9'.repeat(60) + '.com'))).toMatchObject({ reason: 'invalid-domain' });
    expect(jidError(() => prepareDomain('.'))).toMatchObject({ reason: 'empty' });
    expect(jidError(() => prepareDomain('\u0627a.example'))).toMatchObject({ part: 'domain', reason: 'bidi' });
    // Bidi applies label by label.
    expect(prepareDomain('\u0627\u0628.example')).toBe('\u0627\u0628.example');
    // A prohibited ASCII character composed away by normalization is accepted ('=' U+0338 → U+2260).
    expect(prepareDomain('a=\u0338.example')).toBe('a\u2260.example');
  });

  it('gives the ASCII form for DNS and back', () => {
    expect(domainToAscii('M\u00fcnchen.example')).toBe('xn--mnchen-3ya.example');
    expect(domainToAscii(parseJid('user@b\u00fccher.example/r'))).toBe('xn--bcher-kva.example');
    expect(domainToAscii('example.com')).toBe('example.com');
    expect(domainToUnicode('xn--mnchen-3ya.example')).toBe('m\u00fcnchen.example');
    expect(domainToUnicode('xn--invalid-.example')).toBe('xn--invalid-.example');
  });

  // RFC 3490 §4.2 steps 6–7: the decoded label goes through ToASCII (Nameprep, STD3 rules) and
  // must give the label back; otherwise the label is kept as it is.
  it.each([
    ['xn--a', 'U+0080, a control character Nameprep prohibits'],
    ['xn--kca', '\u00d0, which Nameprep lowercases'],
    ['xn--zca', '\u00df, which Nameprep maps to ss'],
    ['xn--abc-', 'ASCII only'],
    ['xn--', 'empty'],
    ['xn--ls8h', 'U+1F4A9 after ToASCII'],
  ])('domainToUnicode keeps %s (%s) unless ToASCII gives it back', (label, _) => {
    const expected = label === 'xn--ls8h' ? '\u{1f4a9}' : label;
    expect(domainToUnicode(`${label}.example`)).toBe(`${expected}.example`);
  });

  it('domainToUnicode decodes what domainToAscii encodes', () => {
    for (const domain of ['m\u00fcnchen.example', 'b\u00fccher.\u0436\u0436.example', '\u0627\u0628.example']) {
      expect(domainToUnicode(domainToAscii(domain))).toBe(domain);
    }
  });
});

describe('Jid', () => {
  it('jid() prepares each part and builds the same value as parseJid', () => {
    const built = jid('Juliet', 'Example.com', 'Balcony');
    expect(parts(built)).toEqual(['juliet', 'example.com', 'Balcony']);
    expect(built.equals(parseJid('juliet@example.com/Balcony'))).toBe(true);
    expect(built.equals('JULIET@example.com./Balcony')).toBe(true);
    expect(built.equals('juliet@example.com/balcony')).toBe(false);
    expect(built.equals('@@@')).toBe(false);
    expect(jid(null, 'example.com').toString()).toBe('example.com');
    expect(new Jid('a', 'b').toString()).toBe('a@b');
  });

  it('bare(), isBare(), toString() and toJSON()', () => {
    const full = parseJid('Juliet@Example.com/Balcony');
    expect(full.isBare()).toBe(false);
    expect(full.toString()).toBe('juliet@example.com/Balcony');
    expect(full.bare().toString()).toBe('juliet@example.com');
    expect(full.bare().isBare()).toBe(true);
    expect(full.bare()).toBe(full.bare());
    const bare = parseJid('juliet@example.com');
    expect(bare.bare()).toBe(bare);
    expect(JSON.stringify({ to: full })).toBe('{"to":"juliet@example.com/Balcony"}');
  });

  it('round-trips: parsing the string form of a JID gives an equal JID', () => {
    const label = fc.stringMatching(/^[a-zA-Z0-9]([a-zA-Z0-9-]{0,8}[a-zA-Z0-9])?$/);
    const local = fc.string({ unit: fc.constantFrom(...'abcXYZ09._-\u00e4\u00c9\u03a3\u00df\u0301'), minLength: 1, maxLength: 10 });
    const resource = fc.string({ unit: fc.constantFrom(...'aB /@:\u00e4\u2168\u00ad'), minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.option(local), fc.array(label, { minLength: 1, maxLength: 3 }), fc.option(resource), (l, labels, r) => {
        let original: Jid;
        try {
          original = jid(l, labels.join('.'), r);
        } catch (error) {
          expect(error).toBeInstanceOf(JidError);
          return;
        }
        const again = parseJid(original.toString());
        expect(again.equals(original)).toBe(true);
        expect(again.toString()).toBe(original.toString());
      }),
      { numRuns: 2000 },
    );
  });
});

describe('cache', () => {
  afterEach(() => setJidCacheLimit(1000));

  it('returns the cached JID for a repeated input and stays bounded', () => {
    setJidCacheLimit(3);
    const first = parseJid('cache-a@example.com/x');
    expect(parseJid('cache-a@example.com/x')).toBe(first);
    for (const name of ['b', 'c', 'd']) parseJid(`cache-${name}@example.com/x`);
    const again = parseJid('cache-a@example.com/x');
    expect(again).not.toBe(first); // evicted
    expect(again.equals(first)).toBe(true);
  });

  it('keeps the modes apart and can be disabled', () => {
    expect(parseJid('a\u0221@example.com').local).toBe('a\u0221');
    expect(() => parseJid('a\u0221@example.com', { mode: 'stored' })).toThrow(JidError);
    setJidCacheLimit(0);
    expect(parseJid('juliet@example.com')).not.toBe(parseJid('juliet@example.com'));
  });
});

describe('Punycode (RFC 3492 §7.1 samples)', () => {
  it.each([
    ['\u0644\u064a\u0647\u0645\u0627\u0628\u062a\u0643\u0644\u0645\u0648\u0634\u0639\u0631\u0628\u064a\u061f', 'egbpdaj6bu4bxfgehfvwxn'],
    ['\u4ed6\u4eec\u4e3a\u4ec0\u4e48\u4e0d\u8bf4\u4e2d\u6587', 'ihqwcrb4cv8a8dqg056pqjye'],
    ['3\u5e74B\u7d44\u91d1\u516b\u5148\u751f', '3B-ww4c5e180e575a65lsy2b'],
    ['\u5b89\u5ba4\u5948\u7f8e\u6075-with-SUPER-MONKEYS', '-with-SUPER-MONKEYS-pc58ag80a8qai00g7n9n'],
    ['-> $1.00 <-', '-> $1.00 <--'],
  ])('%s ↔ %s', (unicode, encoded) => {
    expect(punycodeEncode(unicode)).toBe(encoded);
    expect(punycodeDecode(encoded)).toBe(unicode);
  });
  it('round-trips any string of code points', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
        expect(punycodeDecode(punycodeEncode(text))).toBe(text);
      }),
    );
  });
});

describe('XEP-0106 escaping', () => {
  const EXAMPLES: [string, string][] = [
    ['space cadet', 'space\\20cadet'],
    ['call me "ishmael"', 'call\\20me\\20\\22ishmael\\22'],
    ['at&t guy', 'at\\26t\\20guy'],
    ["d'artagnan", 'd\\27artagnan'],
    ['/.fanboy', '\\2f.fanboy'],
    ['::foo::', '\\3a\\3afoo\\3a\\3a'],
    ['<foo>', '\\3cfoo\\3e'],
    ['user@host', 'user\\40host'],
    ['c:\\net', 'c\\3a\\net'],
    ['c:\\\\net', 'c\\3a\\\\net'],
    ['c:\\cool stuff', 'c\\3a\\cool\\20stuff'],
    ['c:\\5commas', 'c\\3a\\5c5commas'],
  ];
  it.each(EXAMPLES)('%s ↔ %s', (user, escaped) => {
    expect(escapeLocal(user)).toBe(escaped);
    expect(unescapeLocal(escaped)).toBe(user);
    expect(parseJid(`${escaped}@example.com`).local).toBe(escaped);
  });
  it('refuses a leading or trailing space, and leaves unknown sequences alone', () => {
    expect(jidError(() => escapeLocal(' cadet'))).toMatchObject({ part: 'local', reason: 'invalid-escape' });
    expect(jidError(() => escapeLocal('cadet '))).toMatchObject({ part: 'local', reason: 'invalid-escape' });
    expect(unescapeLocal('a\\41b\\2F')).toBe('a\\41b\\2F');
  });
});
