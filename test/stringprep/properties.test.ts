// Property tests: every profile is idempotent, its output stays within what the profile allows,
// and the ASCII fast path agrees with the WebAssembly path.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { stringprep, StringprepError } from '../../bindings/stringprep/stringprep.js';
import type { StringprepMode, StringprepProfile } from '../../bindings/stringprep/stringprep.js';
import { rangesOf } from '../helpers/rfc3454.js';

const inTable = (name: string) => {
  const ranges = rangesOf(name);
  return (cp: number): boolean => ranges.some(([first, last]) => cp >= first && cp <= last);
};
const COMMON = ['C.1.2', 'C.2.2', 'C.3', 'C.4', 'C.5', 'C.6', 'C.7', 'C.8', 'C.9'];
const PROHIBITED: Record<StringprepProfile, ((cp: number) => boolean)[]> = {
  nameprep: COMMON.map(inTable),
  nodeprep: [...COMMON, 'C.1.1', 'C.2.1'].map(inTable).concat((cp) => `"&'/:<>@`.includes(String.fromCodePoint(cp))),
  resourceprep: [...COMMON, 'C.2.1'].map(inTable),
  saslprep: [...COMMON, 'C.2.1'].map(inTable),
};
const isRandAL = inTable('D.1');
const isL = inTable('D.2');
const isUnassigned = inTable('A.1');
const mappedToNothing = inTable('B.1');

// Code points from the regions where stringprep does something, plus anything at all.
const codePoint = fc.oneof(
  fc.integer({ min: 0x20, max: 0x7e }),
  fc.integer({ min: 0x00, max: 0x24f }),
  fc.integer({ min: 0x300, max: 0x36f }), // combining marks
  fc.integer({ min: 0x370, max: 0x3ff }), // Greek, with case mappings to NFKC closures
  fc.integer({ min: 0x591, max: 0x6ff }), // Hebrew and Arabic (RandALCat)
  fc.integer({ min: 0x900, max: 0x97f }), // Devanagari (composition exclusions, nuktas)
  fc.integer({ min: 0x1100, max: 0x11ff }), // Hangul jamo
  fc.integer({ min: 0xac00, max: 0xac40 }), // Hangul syllables
  fc.integer({ min: 0x1e00, max: 0x1fff }), // Latin extended additional, Greek extended
  fc.integer({ min: 0x2000, max: 0x21ff }), // spaces, controls, letterlike symbols
  fc.integer({ min: 0x3000, max: 0x33ff }), // CJK symbols, compatibility
  fc.integer({ min: 0xfb00, max: 0xfeff }), // presentation forms
  fc.integer({ min: 0xff00, max: 0xffef }), // fullwidth forms
  fc.integer({ min: 0x1d400, max: 0x1d7ff }), // mathematical alphanumerics
  fc.integer({ min: 0x2f800, max: 0x2fa1f }), // CJK compatibility supplement
  fc.integer({ min: 0, max: 0x10ffff }).filter((cp) => cp < 0xd800 || cp > 0xdfff),
);
const text = fc.array(codePoint, { maxLength: 12 }).map((cps) => String.fromCodePoint(...cps));
const PROFILES: StringprepProfile[] = ['nameprep', 'nodeprep', 'resourceprep', 'saslprep'];
const MODES: StringprepMode[] = ['query', 'stored'];

function tryPrepare(profile: StringprepProfile, input: string, mode: StringprepMode): string | StringprepError {
  try {
    return stringprep(profile, input, { mode });
  } catch (error) {
    if (error instanceof StringprepError) return error;
    throw error;
  }
}

describe.each(PROFILES)('%s', (profile) => {
  it.each(MODES)('is idempotent and its output is allowed (%s mode)', (mode) => {
    let prepared = 0;
    fc.assert(
      fc.property(text, (input) => {
        const output = tryPrepare(profile, input, mode);
        if (output instanceof StringprepError) return;
        prepared++;
        expect(stringprep(profile, output, { mode })).toBe(output);
        const cps = Array.from(output, (ch) => ch.codePointAt(0)!);
        for (const cp of cps) {
          expect(cp < 0xd800 || cp > 0xdfff).toBe(true);
          expect(PROHIBITED[profile].some((prohibited) => prohibited(cp))).toBe(false);
          expect(mappedToNothing(cp)).toBe(false);
          if (mode === 'stored') expect(isUnassigned(cp)).toBe(false);
        }
        if (cps.some(isRandAL)) {
          expect(cps.some(isL)).toBe(false);
          expect([cps.at(0), cps.at(-1)].every((cp) => cp !== undefined && isRandAL(cp))).toBe(true);
        }
      }),
      { numRuns: 3000 },
    );
    expect(prepared).toBeGreaterThan(300); // the generator does reach accepted strings
  });

  it('the one-pass path for NFKC-stable strings agrees with the full pipeline', () => {
    // U+00AD maps to nothing but is not taken by the one-pass path, so it forces the full pipeline.
    let compared = 0;
    fc.assert(
      fc.property(text, (input) => {
        const quick = tryPrepare(profile, input, 'stored');
        const full = tryPrepare(profile, input + '\u00ad', 'stored');
        if (quick instanceof StringprepError || full instanceof StringprepError) {
          expect(quick).toMatchObject({ code: (full as StringprepError).code, codePoint: (full as StringprepError).codePoint });
        } else {
          expect(full).toBe(quick);
          compared++;
        }
      }),
      { numRuns: 3000 },
    );
    expect(compared).toBeGreaterThan(300);
  });

  it('the fast path for U+0000–U+00FF agrees with the WebAssembly pipeline', () => {
    // U+00AD maps to nothing in every profile, and the fast path leaves it to the full pipeline.
    const belowU0100 = fc.oneof(fc.integer({ min: 0, max: 0x7f }), fc.integer({ min: 0, max: 0xff })).map((c) => String.fromCharCode(c));
    fc.assert(
      fc.property(fc.string({ unit: belowU0100, maxLength: 16 }), (input) => {
        const fast = tryPrepare(profile, input, 'query');
        const full = tryPrepare(profile, input + '\u00ad', 'query');
        if (fast instanceof StringprepError || full instanceof StringprepError) {
          expect(full).toBeInstanceOf(StringprepError);
          expect(fast).toMatchObject({ code: (full as StringprepError).code, codePoint: (full as StringprepError).codePoint });
        } else {
          expect(full).toBe(fast);
        }
      }),
      { numRuns: 2000 },
    );
  });
});
