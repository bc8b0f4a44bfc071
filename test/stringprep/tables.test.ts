// The generated tables, read back through the WebAssembly module, against the Unicode 3.2 data
// files for every one of the 1,114,112 code points. That the committed file is what the generator
// gives today is `npm run check`'s (tools/gen-stringprep-tables.mjs --check).
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { instantiateTestBuild } from '../helpers/test-build.js';
import { PROP } from '../../tools/gen-stringprep-tables.mjs';
import { caseMappings, rangesOf } from '../helpers/rfc3454.js';

const dataDir = fileURLToPath(new URL('../../tools/data/unicode-3.2/', import.meta.url));
const CODE_POINTS = 0x110000;

interface TableExports {
  memory: WebAssembly.Memory;
  propertyWord(cp: number): number;
  caseMappingOf(cp: number): number;
  decompositionOf(cp: number): number;
  compositeOf(first: number, second: number): number;
  codePointsPointer(): number;
}

// An independent reading of the data files (not the generator's).
const caseMap = new Map<number, number[]>(caseMappings());
const ccc = new Uint8Array(CODE_POINTS);
/** A decomposition; `pair` is the mapping when it is two code points (what canonical composition undoes). */
interface Decomposition {
  compat: boolean;
  mapping: number[];
  pair: readonly [first: number, second: number] | null;
  excluded: boolean;
}
const decompositions = new Map<number, Decomposition>();
for (const line of readFileSync(dataDir + 'ucd-3.2.0-normalization.tsv', 'utf8').split('\n')) {
  if (!line || line.startsWith('#')) continue;
  const [hex = '', cls, decomposition, excluded] = line.split('\t');
  const cp = parseInt(hex, 16);
  ccc[cp] = Number(cls);
  if (decomposition) {
    const mapping = decomposition
      .split(' ')
      .filter((f) => !f.startsWith('<'))
      .map((h) => parseInt(h, 16));
    const [first, second, ...more] = mapping;
    decompositions.set(cp, {
      compat: decomposition.startsWith('<'),
      mapping,
      pair: first !== undefined && second !== undefined && more.length === 0 ? [first, second] : null,
      excluded: excluded === 'X',
    });
  }
}
const member = (name: string): Uint8Array => {
  const set = new Uint8Array(CODE_POINTS);
  for (const [first, last] of rangesOf(name)) set.fill(1, first, last + 1);
  return set;
};

const SBASE = 0xac00;
const SCOUNT = 11172;
function fullDecomposition(cp: number): number[] {
  if (cp >= SBASE && cp < SBASE + SCOUNT) {
    const s = cp - SBASE;
    const parts = [0x1100 + Math.floor(s / 588), 0x1161 + Math.floor((s % 588) / 28)];
    if (s % 28) parts.push(0x11a7 + (s % 28));
    return parts;
  }
  const entry = decompositions.get(cp);
  return entry ? entry.mapping.flatMap(fullDecomposition) : [cp];
}

let wasm: TableExports;
const readCodePoints = (length: number): number[] => Array.from(new Uint32Array(wasm.memory.buffer, wasm.codePointsPointer(), length));

beforeAll(() => {
  wasm = instantiateTestBuild<TableExports & Record<string, unknown>>('stringprep');
});

describe('generated tables agree with the data files for all 1,114,112 code points', () => {
  it('table memberships (A.1, B.1, C.*, D.1, D.2, Nodeprep’s extra prohibitions) and combining classes', () => {
    const flagSources: [number, Uint8Array][] = [
      [PROP.C11, member('C.1.1')],
      [PROP.C12, member('C.1.2')],
      [PROP.C21, member('C.2.1')],
      [PROP.RANDAL, member('D.1')],
      [PROP.L, member('D.2')],
      [PROP.UNASSIGNED, member('A.1')],
      [PROP.MAP_TO_NOTHING, member('B.1')],
    ];
    const common = new Uint8Array(CODE_POINTS);
    for (const name of ['C.2.2', 'C.3', 'C.4', 'C.5', 'C.6', 'C.7', 'C.8', 'C.9']) {
      const set = member(name);
      for (let cp = 0; cp < CODE_POINTS; cp++) if (set[cp]) common[cp] = 1;
    }
    flagSources.push([PROP.PROHIBITED_COMMON, common]);
    const nodeprepExtra = new Uint8Array(CODE_POINTS);
    for (const ch of `"&'/:<>@`) nodeprepExtra[ch.charCodeAt(0)] = 1;
    flagSources.push([PROP.NODEPREP_EXTRA, nodeprepExtra]);

    let mismatches = 0;
    for (const [cp, cls] of ccc.entries()) {
      const word = wasm.propertyWord(cp) >>> 0;
      let expected = cls;
      for (const [bit, set] of flagSources) if (set[cp]) expected |= bit;
      if (caseMap.has(cp)) expected |= PROP.HAS_CASE_MAP;
      const mask = PROP.CCC_MASK | flagSources.reduce((m, [bit]) => m | bit, 0) | PROP.HAS_CASE_MAP;
      if ((word & mask) !== expected && mismatches++ < 5)
        expect.soft(`${cp.toString(16)}: ${word & mask}`).toBe(`${cp.toString(16)}: ${expected}`);
    }
    expect(mismatches).toBe(0);
  });

  it('STABLE (NFKC leaves it alone in any context) and SIMPLE_CASE_MAP flags', () => {
    const composesSecond = new Set<number>();
    for (const { compat, pair, excluded } of decompositions.values()) if (!compat && pair && !excluded) composesSecond.add(pair[1]);
    const isJamoVowelOrTrailing = (cp: number) => (cp >= 0x1161 && cp <= 0x1175) || (cp >= 0x11a8 && cp <= 0x11c2);
    const canonicalAllTheWay = (cp: number): boolean => {
      const entry = decompositions.get(cp);
      return !entry || (!entry.compat && !entry.excluded && entry.mapping.every(canonicalAllTheWay));
    };
    const stable = (cp: number) => ccc[cp] === 0 && !composesSecond.has(cp) && !isJamoVowelOrTrailing(cp) && canonicalAllTheWay(cp);
    let mismatches = 0;
    for (let cp = 0; cp < CODE_POINTS; cp++) {
      const word = wasm.propertyWord(cp);
      const mapped = caseMap.get(cp);
      const [only, ...more] = mapped ?? [];
      const simple = only !== undefined && more.length === 0 && stable(only);
      const expected = (stable(cp) ? PROP.STABLE : 0) | (simple ? PROP.SIMPLE_CASE_MAP : 0);
      if ((word & (PROP.STABLE | PROP.SIMPLE_CASE_MAP)) !== expected && mismatches++ < 5) expect.soft(cp.toString(16)).toBe('');
    }
    expect(mismatches).toBe(0);
  });

  it('B.2 case mappings', () => {
    let checked = 0;
    for (let cp = 0; cp < CODE_POINTS; cp++) {
      const length = wasm.caseMappingOf(cp);
      const expected = caseMap.get(cp) ?? [];
      if (length !== expected.length || (length && readCodePoints(length).join() !== expected.join())) {
        expect(readCodePoints(length), `U+${cp.toString(16)}`).toEqual(expected);
      }
      if (length) checked++;
    }
    expect(checked).toBe(caseMap.size);
  });

  it('full compatibility decompositions (Hangul by algorithm)', () => {
    let decomposed = 0;
    for (let cp = 0; cp < CODE_POINTS; cp++) {
      const length = wasm.decompositionOf(cp);
      const actual = readCodePoints(length);
      const expected = fullDecomposition(cp);
      if (actual.join() !== expected.join()) expect(actual, `U+${cp.toString(16)}`).toEqual(expected);
      if (length !== 1 || actual[0] !== cp) decomposed++;
    }
    expect(decomposed).toBe(decompositions.size + SCOUNT);
  });

  it('canonical compositions: every pair a composing first and second can form', () => {
    const composites = new Map<string, number>();
    const firsts = new Set<number>();
    const seconds = new Set<number>();
    for (const [cp, { compat, pair, excluded }] of decompositions) {
      if (compat || !pair) continue;
      const [first, second] = pair;
      firsts.add(first);
      seconds.add(second);
      if (!excluded) composites.set(`${first},${second}`, cp);
    }
    for (let cp = 0; cp < CODE_POINTS; cp++) {
      const word = wasm.propertyWord(cp);
      // The flags gate the pair lookup: any code point outside the sets never composes.
      if (word & PROP.COMPOSES_FIRST) expect(firsts.has(cp)).toBe(true);
      if (word & PROP.COMPOSES_SECOND) expect(seconds.has(cp)).toBe(true);
    }
    let found = 0;
    for (const first of firsts) {
      for (const second of seconds) {
        const expected = composites.get(`${first},${second}`) ?? -1;
        const actual = wasm.compositeOf(first, second);
        if (actual !== expected) expect(actual, `U+${first.toString(16)} U+${second.toString(16)}`).toBe(expected);
        if (actual >= 0) found++;
      }
    }
    expect(found).toBe(composites.size);
    for (let l = 0; l < 19; l++) {
      for (let v = 0; v < 21; v++) {
        const lv = SBASE + (l * 21 + v) * 28;
        expect(wasm.compositeOf(0x1100 + l, 0x1161 + v)).toBe(lv);
        for (let t = 1; t < 28; t++) expect(wasm.compositeOf(lv, 0x11a7 + t)).toBe(lv + t);
        expect(wasm.compositeOf(lv, 0x11a7)).toBe(-1);
        expect(wasm.compositeOf(lv + 1, 0x11a8)).toBe(-1); // an LVT syllable takes no second T
      }
    }
  });
});
