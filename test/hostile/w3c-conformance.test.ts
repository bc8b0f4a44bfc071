// The W3C XML conformance suite in document mode, each test file's raw bytes fed three ways
// (one parse() call, byte by byte, seeded random chunks). What each file must give is decided
// by conformance-suite.mjs; cases that do not pass yet are listed with their reasons in
// conformance-expected-failures.mjs. `npm run conformance` prints the counts.
import { describe, expect, it } from 'vitest';
import { parse, StreamParser } from '../../bindings/index.js';
import { CATEGORY, checkCase, loadConformanceCases } from './conformance-suite.mjs';
import { expectedFailures } from './conformance-expected-failures.mjs';

const { cases } = await loadConformanceCases();
const api = { parse, StreamParser };

describe('W3C XML conformance suite (document mode, raw bytes)', () => {
  it('finds the suite and applies it', () => {
    expect(cases.length).toBeGreaterThan(2000);
    const listed = new Set(cases.map((c) => c.id));
    for (const id of expectedFailures.keys()) expect(listed, `expected failure ${id} is no case of the suite`).toContain(id);
  });

  for (const [key, title] of Object.entries(CATEGORY)) {
    const inCategory = cases.filter((c) => c.category === key);
    if (inCategory.length === 0) continue;
    describe(title, () => {
      it.each(inCategory.map((c) => [`${c.id} (${c.file})`, c] as const))('%s', (_, testCase) => {
        const problems = checkCase(testCase, api);
        const reason = expectedFailures.get(testCase.id);
        if (reason === undefined) expect(problems).toEqual([]);
        else expect(problems, `listed as an expected failure (${reason}) but passes now: remove it from the list`).not.toEqual([]);
      });
    });
  }
});
