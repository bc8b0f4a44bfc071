// Replays fuzz fixtures in this (fresh) process: `node test/hostile/fuzz-replay.mjs FILE...`,
// or `-` to read one fixture from standard input. Prints each one's problems; exits 1 if any.
import { readFileSync } from 'node:fs';
import * as api from '../../dist/index.js';
import { replayFixture } from './fuzz-core.mjs';

await api.ready;
let failures = 0;
for (const file of process.argv.slice(2)) {
  const fixture = JSON.parse(readFileSync(file === '-' ? 0 : file, 'utf8'));
  const problems = replayFixture(api, fixture);
  if (problems.length > 0) failures++;
  console.log(`${file}: ${problems.length === 0 ? 'ok' : problems.join('\n  ')}`);
}
process.exitCode = failures > 0 ? 1 : 0;
