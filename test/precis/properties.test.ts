// Property tests: every profile is idempotent, what prepare accepts it accepts again unchanged,
// every output is inside the profile's class, the fast path for U+0000–U+00FF agrees with the
// WebAssembly path, and the case-mapped profiles agree with the host's toLowerCase()/normalize()
// (Node 20's ICU 78 implements Unicode 17.0, as the tables do). Then fuzzing: arbitrary strings
// (lone surrogates included) give a result or a PrecisError, never anything else.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { applyWithoutFastPath, enforce, PRECIS_PROFILES, PrecisError, prepare } from '../../bindings/precis/precis.js';
import type { PrecisProfile } from '../../bindings/precis/precis.js';

const PROFILES = PRECIS_PROFILES;
const CLASS_OF: Record<PrecisProfile, PrecisProfile> = {
  IdentifierClass: 'IdentifierClass',
  UsernameCaseMapped: 'IdentifierClass',
  UsernameCasePreserved: 'IdentifierClass',
  FreeformClass: 'FreeformClass',
  OpaqueString: 'FreeformClass',
  NicknameCaseMapped: 'FreeformClass',
  NicknameCasePreserved: 'FreeformClass',
};

// Code points from the regions where PRECIS does something, plus anything at all.
const codePoint = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x00, max: 0x24f }),
  fc.integer({ min: 0x300, max: 0x36f }), // combining marks
  fc.integer({ min: 0x370, max: 0x3ff }), // Greek: sigma, keraia
  fc.integer({ min: 0x591, max: 0x6ff }), // Hebrew and Arabic: bidi, geresh, Arabic-Indic digits
  fc.integer({ min: 0x900, max: 0x97f }), // Devanagari: viramas
  fc.integer({ min: 0x1100, max: 0x11ff }), // Hangul jamo
  fc.integer({ min: 0xac00, max: 0xac40 }), // Hangul syllables
  fc.integer({ min: 0x1e00, max: 0x1fff }), // Latin extended additional, Greek extended
  fc.integer({ min: 0x2000, max: 0x21ff }), // spaces, joiners, letterlike symbols, numerals
  fc.integer({ min: 0x3000, max: 0x30ff }), // ideographic space, kana, katakana middle dot
  fc.integer({ min: 0xfb00, max: 0xfeff }), // presentation forms
  fc.integer({ min: 0xff00, max: 0xffef }), // fullwidth and halfwidth forms
  fc.integer({ min: 0x1d400, max: 0x1d7ff }), // mathematical alphanumerics
  fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff),
);
const text = fc.array(codePoint, { maxLength: 10 }).map((cps) => String.fromCodePoint(...cps));

function attempt(run: () => string): string | PrecisError {
  try {
    return run();
  } catch (error) {
    if (error instanceof PrecisError) return error;
    throw error;
  }
}

describe.each(PROFILES)('%s', (profile) => {
  it('is idempotent, and its output is inside its class', () => {
    let accepted = 0;
    fc.assert(
      fc.property(text, (input) => {
        const output = attempt(() => enforce(profile, input));
        if (output instanceof PrecisError) return;
        accepted++;
        expect(enforce(profile, output)).toBe(output);
        expect(prepare(CLASS_OF[profile], output)).toBe(output);
      }),
      { numRuns: 2000 },
    );
    expect(accepted).toBeGreaterThan(100); // the generator does reach accepted strings
  });

  it('accepts again, unchanged, what prepare accepted', () => {
    fc.assert(
      fc.property(text, (input) => {
        const prepared = attempt(() => prepare(profile, input));
        if (!(prepared instanceof PrecisError)) expect(prepare(profile, prepared)).toBe(prepared);
      }),
      { numRuns: 1000 },
    );
  });

  it('the fast path for U+0000–U+00FF agrees with the WebAssembly path', () => {
    const latin1 = fc.oneof(fc.integer({ min: 0x20, max: 0x7e }), fc.integer({ min: 0, max: 0xff })).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: latin1, maxLength: 12 }), fc.boolean(), (input, preparing) => {
        const fast = attempt(() => (preparing ? prepare(profile, input) : enforce(profile, input)));
        const full = attempt(() => applyWithoutFastPath(profile, input, preparing));
        if (fast instanceof PrecisError || full instanceof PrecisError) {
          expect(fast).toBeInstanceOf(PrecisError);
          expect(fast).toMatchObject({ reason: (full as PrecisError).reason, codePoint: (full as PrecisError).codePoint });
        } else {
          expect(fast).toBe(full);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('agreement with the host’s Unicode 17.0 (ICU 78) where the profiles use toLowerCase() and NFC/NFKC', () => {
  const noWidthForms = text.filter((s) => !/[\uff00-\uffef]/.test(s));
  it('UsernameCaseMapped: toLowerCase() then NFC', () => {
    fc.assert(
      fc.property(noWidthForms, (input) => {
        const output = attempt(() => enforce('UsernameCaseMapped', input));
        if (!(output instanceof PrecisError)) expect(output).toBe(input.toLowerCase().normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });
  it('NicknameCaseMapped: spaces, toLowerCase(), NFKC, until stable', () => {
    const nickname = (input: string): string => {
      let value = input;
      for (let i = 0; i < 4; i++) {
        const next = value
          .replace(/\p{Zs}/gu, ' ')
          .replace(/ +/g, ' ')
          .trim()
          .toLowerCase()
          .normalize('NFKC');
        if (next === value) break;
        value = next;
      }
      return value;
    };
    fc.assert(
      fc.property(text, (input) => {
        const output = attempt(() => enforce('NicknameCaseMapped', input));
        if (!(output instanceof PrecisError)) expect(output).toBe(nickname(input));
      }),
      { numRuns: 3000 },
    );
  });
  it('OpaqueString: non-ASCII spaces to U+0020, then NFC', () => {
    fc.assert(
      fc.property(text, (input) => {
        const output = attempt(() => enforce('OpaqueString', input));
        if (!(output instanceof PrecisError)) expect(output).toBe(input.replace(/\p{Zs}/gu, ' ').normalize('NFC'));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('fuzzing: arbitrary strings give a result or a PrecisError, never a trap', () => {
  it.each(PROFILES)('%s', (profile) => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 40 }), (input) => {
        for (const run of [() => enforce(profile, input), () => prepare(profile, input)]) {
          const result = attempt(run);
          if (typeof result === 'string') expect(result.length).toBeLessThanOrEqual(input.length * 18 + 1);
        }
      }),
      { numRuns: 3000 },
    );
  });
});
