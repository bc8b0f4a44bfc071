// A short, seeded pass of the fuzzing properties (fuzz-core.mjs) and the replay of every fuzz
// fixture. Longer runs with fresh seeds: `npm run fuzz -- --seconds N`.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  enforce,
  JidError,
  nameprep,
  nodeprep,
  parse,
  parseJid,
  PRECIS_PROFILES,
  PrecisError,
  prepare,
  resourceprep,
  saslprep,
  StreamParser,
  StringprepError,
} from '../../bindings/index.js';
import { fuzzFixturesDir, fuzzProperties, loadCaptures, replayFixture } from './fuzz-core.mjs';

const api = {
  parse,
  StreamParser,
  nodeprep,
  nameprep,
  resourceprep,
  saslprep,
  StringprepError,
  parseJid,
  JidError,
  enforce,
  prepare,
  PrecisError,
  PRECIS_PROFILES,
};
const SEED = 20251125;
const RUNS = 200;

describe('fuzzing (short seeded pass)', () => {
  for (const property of fuzzProperties(api, loadCaptures())) {
    it(property.title, () => {
      fc.assert(
        fc.property(property.arbitrary, (value) => {
          expect(property.check(value)).toEqual([]);
        }),
        { seed: SEED, numRuns: RUNS },
      );
    });
  }
});

describe('fuzz fixtures', () => {
  const files = readdirSync(fuzzFixturesDir)
    .filter((f) => f.endsWith('.json'))
    .sort();
  it.each(files)('%s', (file) => {
    const fixture = JSON.parse(readFileSync(join(fuzzFixturesDir, file), 'utf8'));
    const problems = replayFixture(api, fixture);
    if (fixture.known === undefined) expect(problems).toEqual([]);
    else expect(problems, `known failure (${fixture.known}) passes now: remove "known"`).not.toEqual([]);
  });
});
