// The tables of RFC 3454 as tools/data/unicode-3.2/rfc3454-tables.json holds them, read by the
// tests on their own (not through the generator).
import { readFileSync } from 'node:fs';

/** A table's ranges of code points: [first, last], both included. */
export type Ranges = readonly (readonly [first: number, last: number])[];

const tables: Record<string, unknown> = JSON.parse(
  readFileSync(new URL('../../tools/data/unicode-3.2/rfc3454-tables.json', import.meta.url), 'utf8'),
);

function table(name: string): unknown[] {
  const found = tables[name];
  if (!Array.isArray(found)) throw new Error(`rfc3454-tables.json has no table ${name}`);
  return found;
}

/** The ranges of a table of code points (A.1, B.1, C.*, D.*); an unknown name is a mistake in the test. */
export const rangesOf = (name: string): Ranges => table(name) as unknown as Ranges;

/** Table B.2 (case folding for NFKC): each code point with what it maps to. */
export const caseMappings = (): readonly (readonly [codePoint: number, mapped: number[]])[] =>
  table('B.2') as unknown as readonly (readonly [number, number[]])[];
