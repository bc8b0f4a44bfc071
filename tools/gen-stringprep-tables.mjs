// Generates assembly/stringprep/tables.generated.ts from the Unicode 3.2 data in
// tools/data/unicode-3.2/ (RFC 3454 tables + UCD 3.2.0 normalization data).
//
// Layout (behind three-level tries so that identical blocks are stored once):
// - PROPS: one 32-bit property word per distinct combination of table memberships and ccc;
//   every code point maps to an 8-bit index into it.
// - RECORDS: for the few thousand code points with a B.2 case mapping, a decomposition or a
//   composition list, a 16-bit offset into a pool of u16 words:
//   [header][B.2 mapping...][full NFKD decomposition...][(second, composite) pairs...]
//
// Usage: node tools/gen-stringprep-tables.mjs            (writes the file)
//        node tools/gen-stringprep-tables.mjs --check    (exits 1 when the committed file is stale)
//        import { generateStringprepTables } from it     (returns the text; used by a test)
import { readFileSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { dirname, join } from 'node:path';
import { threeLevel, threeLevelRelative, tableWriter } from './trie-tables.mjs';
import { writeOrCheck } from './generated-file.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const dataDir = join(root, 'tools/data/unicode-3.2');
export const outputPath = 'assembly/stringprep/tables.generated.ts';
export const outputFile = join(root, outputPath);

const CODE_POINTS = 0x110000;

// Property word bits; assembly/stringprep/tables.ts mirrors these names.
export const PROP = {
  CCC_MASK: 0xff,
  PROHIBITED_COMMON: 1 << 8, // C.2.2, C.3–C.9: prohibited by every profile
  C11: 1 << 9, // ASCII space
  C12: 1 << 10, // non-ASCII spaces
  C21: 1 << 11, // ASCII controls
  NODEPREP_EXTRA: 1 << 12, // " & ' / : < > @ (RFC 3920 Appendix A.5)
  RANDAL: 1 << 13, // D.1
  L: 1 << 14, // D.2
  UNASSIGNED: 1 << 15, // A.1
  MAP_TO_NOTHING: 1 << 16, // B.1
  HAS_CASE_MAP: 1 << 17, // B.2
  HAS_DECOMPOSITION: 1 << 18, // full compatibility decomposition differs from the code point
  COMPOSES_FIRST: 1 << 19, // starts at least one primary composite
  COMPOSES_SECOND: 1 << 20, // is the second half of at least one primary composite
  // NFKC leaves it alone whatever surrounds it, unless a later code point is not STABLE itself:
  // a starter that composes with nothing before it, whose full decomposition is canonical at
  // every level and recomposes (not excluded). Lets prepare() skip normalization.
  STABLE: 1 << 21,
  SIMPLE_CASE_MAP: 1 << 22, // B.2 maps it to one STABLE code point
};

const HANGUL = { S: 0xac00, L: 0x1100, V: 0x1161, T: 0x11a7, LCOUNT: 19, VCOUNT: 21, TCOUNT: 28 };
HANGUL.NCOUNT = HANGUL.VCOUNT * HANGUL.TCOUNT;
HANGUL.SCOUNT = HANGUL.LCOUNT * HANGUL.NCOUNT;

/** Reads the data files into plain per-code-point structures (shared with the tests). */
export function readUnicodeData(dir = dataDir) {
  const tables = JSON.parse(readFileSync(join(dir, 'rfc3454-tables.json'), 'utf8'));
  const ccc = new Uint8Array(CODE_POINTS);
  const decomposition = new Map(); // cp -> { compat, mapping: number[] }
  const excluded = new Set();
  for (const line of readFileSync(join(dir, 'ucd-3.2.0-normalization.tsv'), 'utf8').split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const [hex, cls, decomp, exclusion] = line.split('\t');
    const cp = parseInt(hex, 16);
    ccc[cp] = Number(cls);
    if (decomp) {
      const fields = decomp.split(' ');
      const compat = fields[0].startsWith('<');
      decomposition.set(cp, { compat, mapping: (compat ? fields.slice(1) : fields).map((h) => parseInt(h, 16)) });
    }
    if (exclusion === 'X') excluded.add(cp);
  }
  const inRanges = (name) => {
    const set = new Uint8Array(CODE_POINTS);
    for (const [first, last] of tables[name]) set.fill(1, first, last + 1);
    return set;
  };
  const caseMap = new Map(tables['B.2'].map(([cp, mapped]) => [cp, mapped]));
  return { tables, inRanges, ccc, decomposition, excluded, caseMap };
}

/** Full compatibility decomposition (NFKD of one code point), Hangul by algorithm. */
export function makeFullDecomposer(decomposition) {
  const memo = new Map();
  const decompose = (cp) => {
    const cached = memo.get(cp);
    if (cached) return cached;
    let out;
    const s = cp - HANGUL.S;
    if (s >= 0 && s < HANGUL.SCOUNT) {
      out = [HANGUL.L + Math.floor(s / HANGUL.NCOUNT), HANGUL.V + Math.floor((s % HANGUL.NCOUNT) / HANGUL.TCOUNT)];
      if (s % HANGUL.TCOUNT) out.push(HANGUL.T + (s % HANGUL.TCOUNT));
    } else {
      const entry = decomposition.get(cp);
      out = entry ? entry.mapping.flatMap(decompose) : [cp];
    }
    memo.set(cp, out);
    return out;
  };
  return decompose;
}

/** Primary composites: canonical pairs not excluded (Hangul is left to the algorithm). */
export function primaryComposites(decomposition, excluded) {
  const pairs = [];
  for (const [cp, { compat, mapping }] of decomposition) {
    if (!compat && mapping.length === 2 && !excluded.has(cp)) pairs.push([mapping[0], mapping[1], cp]);
  }
  return pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
}

const isHangulVowelOrTrailing = (cp) =>
  (cp >= HANGUL.V && cp < HANGUL.V + HANGUL.VCOUNT) || (cp > HANGUL.T && cp < HANGUL.T + HANGUL.TCOUNT);

/** See PROP.STABLE (the NFKC quick check's "yes" that needs no context, in terms of the data file). */
export function isStable(cp, combiningClass, decomposition, excluded, composesSecond) {
  if (combiningClass !== 0 || composesSecond || isHangulVowelOrTrailing(cp)) return false;
  const canonicalAllTheWay = (c) => {
    const entry = decomposition.get(c);
    return !entry || (!entry.compat && !excluded.has(c) && entry.mapping.every(canonicalAllTheWay));
  };
  return canonicalAllTheWay(cp);
}

// Shifts chosen by measuring the total table size (56.7 KB; it must stay under one 64 KiB page).
const PROPS_INNER_SHIFT = 4;
const PROPS_OUTER_SHIFT = 5;
const RECORDS_INNER_SHIFT = 4;
const RECORDS_OUTER_SHIFT = 6;

export function generateStringprepTables(dir = dataDir) {
  const { inRanges, ccc, decomposition, excluded, caseMap } = readUnicodeData(dir);
  const decompose = makeFullDecomposer(decomposition);
  const composites = primaryComposites(decomposition, excluded);

  const words = new Uint32Array(CODE_POINTS);
  const or = (name, bit) => {
    const set = inRanges(name);
    for (let cp = 0; cp < CODE_POINTS; cp++) if (set[cp]) words[cp] |= bit;
  };
  for (const name of ['C.2.2', 'C.3', 'C.4', 'C.5', 'C.6', 'C.7', 'C.8', 'C.9']) or(name, PROP.PROHIBITED_COMMON);
  or('C.1.1', PROP.C11);
  or('C.1.2', PROP.C12);
  or('C.2.1', PROP.C21);
  or('D.1', PROP.RANDAL);
  or('D.2', PROP.L);
  or('A.1', PROP.UNASSIGNED);
  or('B.1', PROP.MAP_TO_NOTHING);
  for (const ch of `"&'/:<>@`) words[ch.codePointAt(0)] |= PROP.NODEPREP_EXTRA;

  // Records: [header: caseLen | decompLen << 3 | compositionCount << 8] [case map] [decomposition] [pairs]
  const compositionsByFirst = new Map();
  for (const [first, second, composite] of composites) {
    if (!compositionsByFirst.has(first)) compositionsByFirst.set(first, []);
    compositionsByFirst.get(first).push([second, composite]);
    words[first] |= PROP.COMPOSES_FIRST;
    words[second] |= PROP.COMPOSES_SECOND;
  }
  // The pool is u16: code points above U+FFFF are stored as surrogate pairs (no record
  // contains a surrogate code point, so the pair is unambiguous).
  const pool = [0]; // offset 0 = no record
  const pushCodePoints = (cps) => {
    for (const cp of cps) cp > 0xffff ? pool.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff)) : pool.push(cp);
  };
  const recordOffset = new Array(CODE_POINTS).fill(0);
  let maxExpansion = 1;
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    words[cp] |= ccc[cp];
    const mapped = caseMap.get(cp) ?? [];
    // Hangul syllables decompose by algorithm at run time: no record needed.
    const hangul = cp >= HANGUL.S && cp < HANGUL.S + HANGUL.SCOUNT;
    const decomposed = decompose(cp);
    const decompPart = !hangul && (decomposed.length !== 1 || decomposed[0] !== cp) ? decomposed : [];
    const pairs = compositionsByFirst.get(cp) ?? [];
    if (mapped.length) words[cp] |= PROP.HAS_CASE_MAP;
    if (decompPart.length) words[cp] |= PROP.HAS_DECOMPOSITION;
    maxExpansion = Math.max(maxExpansion, (mapped.length ? mapped : [cp]).flatMap(decompose).length);
    if (!mapped.length && !decompPart.length && !pairs.length) continue;
    if (mapped.length > 7 || decompPart.length > 31 || pairs.length > 0xff) throw new Error(`record too long at ${cp}`);
    recordOffset[cp] = pool.length;
    pool.push(mapped.length | (decompPart.length << 3) | (pairs.length << 8));
    pushCodePoints(mapped);
    pushCodePoints(decompPart);
    for (const [second, composite] of pairs) pushCodePoints([second, composite]);
  }
  if (pool.length > 0xffff) throw new Error(`record pool too large for u16 offsets: ${pool.length}`);

  const stable = (cp) => isStable(cp, ccc[cp], decomposition, excluded, (words[cp] & PROP.COMPOSES_SECOND) !== 0);
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    if (stable(cp)) words[cp] |= PROP.STABLE;
    const mapped = caseMap.get(cp);
    if (mapped && mapped.length === 1 && stable(mapped[0])) words[cp] |= PROP.SIMPLE_CASE_MAP;
  }

  const distinct = [...new Set(words)].sort((a, b) => a - b);
  const propIndex = new Map(distinct.map((w, i) => [w, i]));
  const props = threeLevel(
    Array.from(words, (w) => propIndex.get(w)),
    PROPS_INNER_SHIFT,
    PROPS_OUTER_SHIFT,
    0xff,
  );
  const records = threeLevelRelative(recordOffset, RECORDS_INNER_SHIFT, RECORDS_OUTER_SHIFT);

  const { data, bytes } = tableWriter();
  const body = [
    data('PROP_WORDS', 'u32', distinct, 'distinct property words'),
    data('PROP_TOP', 'u8', props.top, 'middle block per top-level chunk'),
    data('PROP_MIDDLE', 'u16', props.middle, 'leaf block per block, by middle block'),
    data('PROP_LEAVES', 'u8', props.leaves, 'property word index per code point, by leaf block'),
    data('RECORD_TOP', 'u8', records.top, 'middle block per top-level chunk'),
    data('RECORD_MIDDLE', 'u32', records.middle, 'leaf block << 16 | base record offset per block, by middle block'),
    data('RECORD_LEAVES', 'u8', records.leaves, 'record offset - base + 1 per code point, by leaf block (0 = none)'),
    data(
      'RECORD_POOL',
      'u16',
      pool,
      'records: header (caseLen | decompLen << 3 | pairCount << 8), case map, decomposition, (second, composite) pairs',
    ),
  ].join('\n');

  return `// GENERATED by tools/gen-stringprep-tables.mjs from tools/data/unicode-3.2/ — do not edit.
// Regenerate with \`npm run gen:stringprep\`. ${bytes()} bytes of table data.

export const PROPS_INNER_SHIFT = ${PROPS_INNER_SHIFT};
export const PROPS_OUTER_SHIFT = ${PROPS_OUTER_SHIFT};
export const RECORDS_INNER_SHIFT = ${RECORDS_INNER_SHIFT};
export const RECORDS_OUTER_SHIFT = ${RECORDS_OUTER_SHIFT};
/** Longest full decomposition of one (case-mapped) code point, in code points. */
export const MAX_EXPANSION = ${maxExpansion};

${Object.entries(PROP)
  .map(([name, value]) => `export const PROP_${name}: u32 = 0x${value.toString(16)};`)
  .join('\n')}

${body}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await writeOrCheck(process.argv.slice(2), outputPath, generateStringprepTables, 'npm run gen:stringprep');
}
