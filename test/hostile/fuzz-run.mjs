// Long fuzzing runs: `npm run fuzz -- --seconds 600 [--property stream] [--seed 1] [--keep-going]`.
// Cycles through the properties of fuzz-core.mjs with fresh seeds until the time is up; each
// first failure of a property (shrunk by fast-check; with --keep-going every one) is saved as a fixture in test/fixtures/fuzz/, which the test
// suite replays from then on. Exits non-zero when it found anything.
import fc from 'fast-check';
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import * as api from '../../dist/index.js';
import { fuzzFixturesDir, fuzzProperties, loadCaptures } from './fuzz-core.mjs';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    property: { type: 'string' },
    seed: { type: 'string' },
    runs: { type: 'string', default: '200' },
    'keep-going': { type: 'boolean', default: false },
  },
});
await api.ready;
const deadline = Date.now() + Number(values.seconds) * 1000;
const properties = fuzzProperties(api, loadCaptures()).filter((p) => !values.property || p.name === values.property);
if (properties.length === 0) throw new Error(`no property named ${values.property}`);
let seed = values.seed !== undefined ? Number(values.seed) : Date.now() % 1_000_000_000;
const found = [];
const failed = new Set();
const replayScript = fileURLToPath(new URL('./fuzz-replay.mjs', import.meta.url));

/** Whether the failure shows in a process that parsed nothing before (else it depends on history). */
function replaysInFreshProcess(fixture) {
  const run = spawnSync(process.execPath, [replayScript, '-'], { input: JSON.stringify(fixture), encoding: 'utf8' });
  return run.status !== 0;
}
const runs = new Map(properties.map((p) => [p.name, 0]));

while (Date.now() < deadline) {
  for (const property of properties) {
    if (Date.now() >= deadline) break;
    if (failed.has(property.name) && !values['keep-going']) continue;
    let problems = [];
    const result = fc.check(
      fc.property(property.arbitrary, (value) => {
        const found = property.check(value);
        if (found.length > 0) problems = found;
        return found.length === 0;
      }),
      {
        seed,
        numRuns: Number(values.runs),
        interruptAfterTimeLimit: Math.max(1000, deadline - Date.now()),
      },
    );
    runs.set(property.name, runs.get(property.name) + result.numRuns);
    if (!result.failed) continue;
    const value = result.counterexample[0];
    failed.add(property.name);
    const fixture = property.fixture(value);
    if (!replaysInFreshProcess(fixture)) {
      // Only this process's earlier inputs make it fail: a fixture could not show it.
      console.log(
        `${property.name}: FAILED at seed ${seed} only after this run's earlier inputs (a run with the same arguments reproduces it)\n  ${problems.join('\n  ')}`,
      );
      found.push(`${property.name} seed ${seed}`);
      continue;
    }
    // The problems of the last (shrunk) failing run.
    Object.assign(fixture, { found: `seed ${seed}`, problems });
    const id = createHash('sha256')
      .update(JSON.stringify(fixture.input) + (fixture.other ?? '') + (fixture.points ?? ''))
      .digest('hex')
      .slice(0, 12);
    mkdirSync(fuzzFixturesDir, { recursive: true });
    const file = join(fuzzFixturesDir, `${property.name}-${id}.json`);
    writeFileSync(file, JSON.stringify(fixture, null, 2) + '\n');
    found.push(file);
    console.log(`${property.name}: FAILED (seed ${seed}) → ${file}\n  ${problems.join('\n  ')}`);
  }
  seed++;
  if (failed.size === properties.length) break;
}
console.log(`runs: ${[...runs].map(([name, n]) => `${name} ${n}`).join(', ')}; ${found.length} failures`);
process.exitCode = found.length > 0 ? 1 : 0;
