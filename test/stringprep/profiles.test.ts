// Stringprep profiles against published vectors (GNU libidn's tests/tst_stringprep.c, which
// include the SASLprep examples of RFC 4013 §3 and the nameprep vectors of the IDN test-vector
// draft) and the normalization rules implementations commonly get wrong.
import { describe, expect, it } from 'vitest';
import {
  nameprep,
  nodeprep,
  resourceprep,
  saslprep,
  setStringprepCacheLimit,
  stringprep,
  StringprepError,
} from '../../bindings/stringprep/stringprep.js';
import type { StringprepErrorCode, StringprepMode, StringprepProfile } from '../../bindings/stringprep/stringprep.js';
import { caseMappings, rangesOf } from '../helpers/rfc3454.js';

interface Vector {
  comment: string;
  profile: StringprepProfile;
  input: string;
  output?: string;
  error?: StringprepErrorCode;
  mode?: StringprepMode;
}

// libidn's entries for the profiles implemented here; its invalid-UTF-8 surrogate entry is
// given as a lone UTF-16 surrogate, which is what a JavaScript string can carry.
const LIBIDN_VECTORS: Vector[] = [
  {
    comment: 'Map to nothing',
    profile: 'nameprep',
    input: 'foo\u00ad\u034f\u1806\u180bbar\u200b\u2060baz\ufe00\ufe08\ufe0f\ufeff',
    output: 'foobarbaz',
  },
  { comment: 'Case folding ASCII U+0043 U+0041 U+0046 U+0045', profile: 'nameprep', input: 'CAFE', output: 'cafe' },
  { comment: 'Case folding 8bit U+00DF (german sharp s)', profile: 'nameprep', input: '\u00df', output: 'ss' },
  { comment: 'Case folding U+0130 (turkish capital I with dot)', profile: 'nameprep', input: '\u0130', output: 'i\u0307' },
  { comment: 'Case folding multibyte U+0143 U+037A', profile: 'nameprep', input: '\u0143\u037a', output: '\u0144 \u03b9' },
  { comment: 'Case folding U+2121 U+33C6 U+1D7BB', profile: 'nameprep', input: '\u2121\u33c6\ud835\udfbb', output: 'telc\u2215kg\u03c3' },
  { comment: 'Normalization of U+006a U+030c U+00A0 U+00AA', profile: 'nameprep', input: 'j\u030c\u00a0\u00aa', output: '\u01f0 a' },
  { comment: 'Case folding U+1FB7 and normalization', profile: 'nameprep', input: '\u1fb7', output: '\u1fb6\u03b9' },
  { comment: 'Self-reverting case folding U+01F0 and normalization', profile: 'nameprep', input: '\u01f0', output: '\u01f0' },
  { comment: 'Self-reverting case folding U+0390 and normalization', profile: 'nameprep', input: '\u0390', output: '\u0390' },
  { comment: 'Self-reverting case folding U+03B0 and normalization', profile: 'nameprep', input: '\u03b0', output: '\u03b0' },
  { comment: 'Self-reverting case folding U+1E96 and normalization', profile: 'nameprep', input: '\u1e96', output: '\u1e96' },
  { comment: 'Self-reverting case folding U+1F56 and normalization', profile: 'nameprep', input: '\u1f56', output: '\u1f56' },
  { comment: 'ASCII space character U+0020', profile: 'nameprep', input: ' ', output: ' ' },
  { comment: 'Non-ASCII 8bit space character U+00A0', profile: 'nameprep', input: '\u00a0', output: ' ' },
  { comment: 'Non-ASCII multibyte space character U+1680', profile: 'nameprep', input: '\u1680', error: 'prohibited' },
  { comment: 'Non-ASCII multibyte space character U+2000', profile: 'nameprep', input: '\u2000', output: ' ' },
  { comment: 'Zero Width Space U+200b', profile: 'nameprep', input: '\u200b', output: '' },
  { comment: 'Non-ASCII multibyte space character U+3000', profile: 'nameprep', input: '\u3000', output: ' ' },
  { comment: 'ASCII control characters U+0010 U+007F', profile: 'nameprep', input: '\u0010\u007f', output: '\u0010\u007f' },
  { comment: 'Non-ASCII 8bit control character U+0085', profile: 'nameprep', input: '\u0085', error: 'prohibited' },
  { comment: 'Non-ASCII multibyte control character U+180E', profile: 'nameprep', input: '\u180e', error: 'prohibited' },
  { comment: 'Zero Width No-Break Space U+FEFF', profile: 'nameprep', input: '\ufeff', output: '' },
  { comment: 'Non-ASCII control character U+1D175', profile: 'nameprep', input: '\ud834\udd75', error: 'prohibited' },
  { comment: 'Plane 0 private use character U+F123', profile: 'nameprep', input: '\uf123', error: 'prohibited' },
  { comment: 'Plane 15 private use character U+F1234', profile: 'nameprep', input: '\udb84\ude34', error: 'prohibited' },
  { comment: 'Plane 16 private use character U+10F234', profile: 'nameprep', input: '\udbfc\ude34', error: 'prohibited' },
  { comment: 'Non-character code point U+8FFFE', profile: 'nameprep', input: '\ud9ff\udffe', error: 'prohibited' },
  { comment: 'Non-character code point U+10FFFF', profile: 'nameprep', input: '\udbff\udfff', error: 'prohibited' },
  { comment: 'Surrogate code U+DF42', profile: 'nameprep', input: '\udf42', error: 'lone-surrogate' },
  { comment: 'Non-plain text character U+FFFD', profile: 'nameprep', input: '\ufffd', error: 'prohibited' },
  { comment: 'Ideographic description character U+2FF5', profile: 'nameprep', input: '\u2ff5', error: 'prohibited' },
  { comment: 'Display property character U+0341', profile: 'nameprep', input: '\u0341', output: '\u0301' },
  { comment: 'Left-to-right mark U+200E', profile: 'nameprep', input: '\u200e', error: 'prohibited' },
  { comment: 'Deprecated U+202A', profile: 'nameprep', input: '\u202a', error: 'prohibited' },
  { comment: 'Language tagging character U+E0001', profile: 'nameprep', input: '\udb40\udc01', error: 'prohibited' },
  { comment: 'Language tagging character U+E0042', profile: 'nameprep', input: '\udb40\udc42', error: 'prohibited' },
  { comment: 'Bidi: RandALCat character U+05BE and LCat characters', profile: 'nameprep', input: 'foo\u05bebar', error: 'bidi' },
  { comment: 'Bidi: RandALCat character U+FD50 and LCat characters', profile: 'nameprep', input: 'foo\ufd50bar', error: 'bidi' },
  { comment: 'Bidi: RandALCat character U+FB38 and LCat characters', profile: 'nameprep', input: 'foo\ufe76bar', output: 'foo \u064ebar' },
  { comment: 'Bidi: RandALCat without trailing RandALCat U+0627 U+0031', profile: 'nameprep', input: '\u06271', error: 'bidi' },
  { comment: 'Bidi: RandALCat character U+0627 U+0031 U+0628', profile: 'nameprep', input: '\u06271\u0628', output: '\u06271\u0628' },
  { comment: 'Unassigned code point U+E0002', profile: 'nameprep', input: '\udb40\udc02', error: 'unassigned', mode: 'stored' },
  {
    comment: 'Larger test (shrinking)',
    profile: 'nameprep',
    input: 'X\u00ad\u00df\u0130\u2121j\u030c\u00a0\u00aa\u03b0\u2000',
    output: 'xssi\u0307tel\u01f0 a\u03b0 ',
  },
  {
    comment: 'Larger test (expanding)',
    profile: 'nameprep',
    input: 'X\u00df\u3316\u0130\u2121\u249f\u3300',
    output: 'xss\u30ad\u30ed\u30e1\u30fc\u30c8\u30ebi\u0307tel(d)\u30a2\u30d1\u30fc\u30c8',
  },
  { comment: 'Test of prohibited ASCII character U+0020', profile: 'nodeprep', input: ' ', error: 'prohibited' },
  { comment: 'Test of NFKC U+00A0 and prohibited character U+0020', profile: 'nodeprep', input: '\u00a0', error: 'prohibited' },
  { comment: 'Case map + normalization', profile: 'nameprep', input: '\u00b5', output: '\u03bc' },
  { comment: 'NFKC test', profile: 'nameprep', input: '\u00aa', output: 'a' },
  { comment: 'nameprep, exposed a bug in libstringprep 0.0.5', profile: 'nameprep', input: '\u00aa\n', output: 'a\n' },
  { comment: 'unassigned code point U+0221', profile: 'nameprep', input: '\u0221', output: '\u0221' },
  { comment: 'Unassigned code point U+0221', profile: 'nameprep', input: '\u0221', error: 'unassigned', mode: 'stored' },
  { comment: 'Unassigned code point U+0236', profile: 'nameprep', input: '\u0236', output: '\u0236' },
  { comment: 'unassigned code point U+0236', profile: 'nameprep', input: '\u0236', error: 'unassigned', mode: 'stored' },
  { comment: 'bidi both RandALCat and LCat  U+0627 U+00AA U+0628', profile: 'nameprep', input: '\u0627\u00aa\u0628', error: 'bidi' },
  { comment: 'XMPP node profile prohibited output', profile: 'nodeprep', input: 'foo@bar', error: 'prohibited' },
  { comment: 'XMPP resource profile on same string should work though', profile: 'resourceprep', input: 'foo@bar', output: 'foo@bar' },
  { comment: 'SASL profile', profile: 'saslprep', input: 'Example\u00a0Name', output: 'Example Name' },
  { comment: 'SASLprep 1 old', profile: 'saslprep', input: 'x\u00ady', output: 'xy' },
  { comment: 'SASLprep 4 old', profile: 'saslprep', input: '\u2163', output: 'IV' },
  { comment: 'SASLprep 1 SOFT HYPHEN mapped to nothing', profile: 'saslprep', input: 'I\u00adX', output: 'IX' },
  { comment: 'SASLprep 2 no transformation', profile: 'saslprep', input: 'user', output: 'user' },
  { comment: 'SASLprep 3 case preserved, will not match #2', profile: 'saslprep', input: 'USER', output: 'USER' },
  { comment: 'SASLprep 4 output is NFKC, input in ISO 8859-1', profile: 'saslprep', input: '\u00aa', output: 'a' },
  { comment: 'SASLprep 5 output is NFKC, will match #1', profile: 'saslprep', input: '\u2168', output: 'IX' },
  { comment: 'SASLprep 6 Error - prohibited character', profile: 'saslprep', input: '\u0007', error: 'prohibited' },
  { comment: 'SASLprep 7 Error - bidirectional check', profile: 'saslprep', input: '\u06271', error: 'bidi' },
];

const codePoints = (text: string): string[] => Array.from(text, (ch) => ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0'));

function errorOf(run: () => unknown): StringprepError {
  try {
    run();
  } catch (error) {
    if (error instanceof StringprepError) return error;
    throw error;
  }
  throw new Error('expected a StringprepError');
}

describe('libidn stringprep vectors', () => {
  for (const vector of LIBIDN_VECTORS) {
    it(`${vector.profile}: ${vector.comment}`, () => {
      const run = () => stringprep(vector.profile, vector.input, { mode: vector.mode });
      if (vector.error) expect(errorOf(run).code).toBe(vector.error);
      else expect(codePoints(run())).toEqual(codePoints(vector.output!));
    });
  }
});

describe('RFC 4013 SASLprep examples (§3)', () => {
  it.each([
    ['I\u00adX', 'IX'],
    ['user', 'user'],
    ['USER', 'USER'],
    ['\u00aa', 'a'],
    ['\u2168', 'IX'],
  ])('%j → %j', (input, output) => expect(saslprep(input)).toBe(output));
  it('rejects U+0007 as prohibited and U+0627 U+0031 for bidi', () => {
    expect(errorOf(() => saslprep('\u0007'))).toMatchObject({ code: 'prohibited', codePoint: 0x07 });
    expect(errorOf(() => saslprep('\u06271'))).toMatchObject({ code: 'bidi', codePoint: 0x31 });
  });
  it('maps non-ASCII spaces (C.1.2) to U+0020 and keeps the ASCII space', () => {
    expect(saslprep('a\u2003b c')).toBe('a b c');
  });
  // U+200B is in C.1.2 and in B.1; RFC 4013 §2.1 lists the space mapping first, as GNU libidn,
  // ICU and @mongodb-js/saslprep apply it.
  it.each([
    ['a\u200bb', 'a b'],
    ['\u200b', ' '],
    ['A\u200b\u00adB\u200b', 'A B '],
    ['\u00e9\u200b\u2168', '\u00e9 IX'], // through the full pipeline as well
    ['e\u200b\u0301', 'e \u0301'], // the space blocks composition
  ])('maps U+200B (in C.1.2 and B.1) to a space: %j → %j', (input, output) => expect(saslprep(input)).toBe(output));
});

describe('code points in two mapping tables of one profile', () => {
  const set = (name: string): Set<number> => {
    const members = new Set<number>();
    for (const [first, last] of rangesOf(name)) for (let cp = first; cp <= last; cp++) members.add(cp);
    return members;
  };
  const caseMapped = new Set(caseMappings().map(([cp]) => cp));
  const mappedToNothing = set('B.1');
  const nonAsciiSpaces = set('C.1.2');
  it('only U+200B: B.1 ∩ C.1.2 (SASLprep); B.1 ∩ B.2 and C.1.2 ∩ B.2 are empty', () => {
    expect([...mappedToNothing].filter((cp) => nonAsciiSpaces.has(cp))).toEqual([0x200b]);
    expect([...mappedToNothing].filter((cp) => caseMapped.has(cp))).toEqual([]);
    expect([...nonAsciiSpaces].filter((cp) => caseMapped.has(cp))).toEqual([]);
  });
  it('each profile maps U+200B by its own first table', () => {
    expect(saslprep('x\u200by')).toBe('x y');
    expect(nameprep('x\u200by')).toBe('xy');
    expect(nodeprep('x\u200by')).toBe('xy');
    expect(resourceprep('x\u200by')).toBe('xy');
  });
});

describe('normalization (Unicode 3.2 NFKC)', () => {
  it('does not compose Hangul jamo across a combining mark (U+1100 U+0301 U+1161 stays three code points)', () => {
    expect(codePoints(nameprep('\u1100\u0301\u1161'))).toEqual(['1100', '0301', '1161']);
  });
  it('composes Hangul LV and LVT by algorithm and decomposes syllables', () => {
    expect(nameprep('\u1100\u1161')).toBe('\uac00');
    expect(nameprep('\u1100\u1161\u11a8')).toBe('\uac01');
    expect(nameprep('\uac00\u11a8')).toBe('\uac01');
    expect(nameprep('\u3131')).toBe('\u1100'); // compatibility jamo
    expect(nameprep('\u320e')).toBe('(\uac00)'); // compatibility decomposition to jamo, recomposed
  });
  it('reorders combining marks canonically before composing', () => {
    expect(codePoints(nameprep('a\u0307\u0323'))).toEqual(['1EA1', '0307']);
    expect(codePoints(nameprep('a\u0323\u0307'))).toEqual(['1EA1', '0307']);
    expect(codePoints(nameprep('\u1e0b\u0323'))).toEqual(['1E0D', '0307']);
  });
  it('blocks a mark behind another of the same class', () => {
    expect(codePoints(nameprep('a\u0301\u0301'))).toEqual(['00E1', '0301']);
  });
  it('leaves composition exclusions, singletons and non-starter decompositions decomposed', () => {
    expect(codePoints(resourceprep('\u0958'))).toEqual(['0915', '093C']);
    expect(codePoints(resourceprep('\u2adc'))).toEqual(['2ADD', '0338']);
    expect(codePoints(resourceprep('\u212b'))).toEqual(['00C5']);
    expect(codePoints(resourceprep('\u2126'))).toEqual(['03A9']);
    expect(codePoints(resourceprep('a\u0344'))).toEqual(['00E4', '0301']);
  });
  it('handles code points outside the BMP as code points', () => {
    expect(nameprep('\u{1d400}\u{1d41b}')).toBe('ab');
    expect(resourceprep('\u{2f800}')).toBe('\u4e3d');
    expect(resourceprep('\u{20000}x')).toBe('\u{20000}x');
    expect(codePoints(resourceprep('\u{1d15e}'))).toEqual(['1D157', '1D165']);
  });
  it('keeps the Unicode 3.2.0 mappings of the ideographs later fixed by Corrigendum #4 (as ICU does)', () => {
    expect(codePoints(resourceprep('\u{2f868}\u{2f874}\u{2f91f}\u{2f95f}\u{2f9bf}'))).toEqual(['2136A', '5F33', '43AB', '7AAE', '4D57']);
  });
  it('expands the longest decomposition (U+FDFA, 18 code points)', () => {
    expect(Array.from(resourceprep('\ufdfa'))).toHaveLength(18);
  });
  it('rescues a prohibited ASCII character that composes with the next one', () => {
    expect(nodeprep('<\u0338')).toBe('\u226e');
    expect(errorOf(() => nodeprep('<x\u00e9')).codePoint).toBe(0x3c);
  });
});

describe('errors', () => {
  it('names the profile, the code and the offending code point', () => {
    const error = errorOf(() => nodeprep('juliet@capulet'));
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({ name: 'StringprepError', profile: 'nodeprep', code: 'prohibited', codePoint: 0x40 });
    expect(error.message).toContain('U+0040');
  });
  it('reports lone surrogates with their own code', () => {
    for (const input of ['\ud800', 'a\udc00', '\udc00\ud800', 'x\ud83dy']) {
      expect(errorOf(() => resourceprep(input))).toMatchObject({ code: 'lone-surrogate' });
    }
    expect(resourceprep('\ud83d\ude00')).toBe('\u{1f600}');
  });
  it('checks in the order map, normalize, prohibit, bidi, unassigned', () => {
    // Mapping first: a mapped-to-nothing code point hides nothing, U+00A0 becomes U+0020 (prohibited in Nodeprep).
    expect(errorOf(() => nodeprep('a\u00a0b'))).toMatchObject({ code: 'prohibited', codePoint: 0x20 });
    // Prohibited before bidi: U+200E is both.
    expect(errorOf(() => nameprep('\u0627a\u200e'))).toMatchObject({ code: 'prohibited', codePoint: 0x200e });
    // Bidi before unassigned.
    expect(errorOf(() => nameprep('\u0627a\u0221', { mode: 'stored' }))).toMatchObject({ code: 'bidi' });
    expect(errorOf(() => nameprep('\u0627\u0221\u0628', { mode: 'stored' }))).toMatchObject({ code: 'unassigned', codePoint: 0x221 });
  });
  it('bidi: names the first LCat character, or the first or last character that is not RandALCat', () => {
    expect(errorOf(() => resourceprep('\u0627a\u0628'))).toMatchObject({ code: 'bidi', codePoint: 0x61 });
    expect(errorOf(() => resourceprep('1\u0627'))).toMatchObject({ code: 'bidi', codePoint: 0x31 });
    expect(resourceprep('\u05d0 1 \u05d1')).toBe('\u05d0 1 \u05d1');
  });
});

describe('modes', () => {
  it('query mode lets unassigned code points through, stored mode rejects them', () => {
    expect(nodeprep('a\u0221')).toBe('a\u0221');
    expect(nodeprep('a\u{e0002}')).toBe('a\u{e0002}');
    expect(errorOf(() => nodeprep('a\u0221', { mode: 'stored' }))).toMatchObject({ code: 'unassigned', codePoint: 0x221 });
  });
});

describe('ASCII and buffers', () => {
  it('maps ASCII case only in the profiles that use table B.2', () => {
    expect(nodeprep('Juliet')).toBe('juliet');
    expect(nameprep('EXAMPLE.com')).toBe('example.com');
    expect(resourceprep('Balcony')).toBe('Balcony');
    expect(saslprep('Pencil')).toBe('Pencil');
  });
  it('applies each profile’s ASCII prohibitions', () => {
    for (const ch of `"&'/:<>@ `) expect(errorOf(() => nodeprep(`a${ch}b`)).codePoint).toBe(ch.charCodeAt(0));
    expect(resourceprep(`a"&'/:<>@ b`)).toBe(`a"&'/:<>@ b`);
    expect(nameprep('a b\u0001')).toBe('a b\u0001'); // left to IDNA's STD3 rules
    expect(errorOf(() => resourceprep('a\u007f'))).toMatchObject({ code: 'prohibited', codePoint: 0x7f });
  });
  it('prepares long strings that grow the WebAssembly buffers', () => {
    expect(nameprep('\u00c4'.repeat(100_000))).toBe('\u00e4'.repeat(100_000));
    expect(resourceprep('\ufdfa'.repeat(10_000))).toBe(resourceprep('\ufdfa').repeat(10_000));
    expect(nameprep('\u00e4x')).toBe('\u00e4x'); // unchanged after a larger call
  });
});

describe('cache of prepared non-ASCII strings', () => {
  it('gives the same results with the cache on and off', () => {
    const inputs = ['J\u00fcrgen', 'Caf\u0065\u0301', '\u0627\u0628', 'x\u2168'];
    const cached = inputs.map((input) => nodeprep(input));
    expect(inputs.map((input) => nodeprep(input))).toEqual(cached);
    setStringprepCacheLimit(0);
    try {
      expect(inputs.map((input) => nodeprep(input))).toEqual(cached);
    } finally {
      setStringprepCacheLimit(1000);
    }
  });
  it('does not cache failures', () => {
    expect(() => nodeprep('a\u2168@b')).toThrow(StringprepError);
    expect(() => nodeprep('a\u2168@b')).toThrow(StringprepError);
  });
});

describe('input length', () => {
  it('refuses inputs longer than MAX_STRINGPREP_INPUT for the WebAssembly pipeline with a RangeError', async () => {
    const { nodeprep, MAX_STRINGPREP_INPUT } = await import('../../bindings/stringprep/stringprep.js');
    expect(() => nodeprep('中'.repeat(MAX_STRINGPREP_INPUT + 1))).toThrow(RangeError);
    expect(nodeprep('中'.repeat(1000))).toHaveLength(1000);
  });
});
