// `npm run check`: every check that keeps the sources as the project wants them, run side by
// side; each one's output is shown when it fails, and the exit code is 1 when any failed.
//
//   lint        Biome's linter (biome.jsonc says which rules and why any is off); warnings fail
//   format      Biome's formatter would change nothing (`npm run format` applies it)
//   types       tsc over bindings/ and test/ (tsconfig.check.json)
//   generated   each committed generated file is what its generator gives today
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { staleOutputs } from './build-state.mjs';
import { repositoryRoot } from './generated-file.mjs';

const bin = (name) => join(repositoryRoot, 'node_modules', '.bin', name);
const node = (script, ...args) => [process.execPath, script, ...args];

export const checks = [
  { name: 'lint', command: [bin('biome'), 'lint', '--error-on-warnings', '.'] },
  { name: 'format', command: [bin('biome'), 'format', '.'] },
  { name: 'types', command: [bin('tsc'), '-p', 'tsconfig.check.json'] },
  { name: 'generated: contracts', command: node('tools/gen-contracts.mjs', '--check') },
  { name: 'generated: stringprep tables', command: node('tools/gen-stringprep-tables.mjs', '--check') },
  { name: 'generated: PRECIS tables', command: node('tools/gen-precis-tables.mjs', '--check') },
];

/** Runs one check; resolves to its exit code and everything it printed. */
function run({ command: [file, ...args] }) {
  return new Promise((resolve) => {
    const child = spawn(file, args, { cwd: repositoryRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (data) => {
      output += data;
    });
    child.stderr.on('data', (data) => {
      output += data;
    });
    child.on('error', (error) => resolve({ code: 1, output: String(error) }));
    child.on('close', (code) => resolve({ code: code ?? 1, output }));
  });
}

async function main() {
  // The type check reads the build (the inlined WebAssembly, the package's own entry points that
  // tests import by name): a missing or stale build is made first.
  if (staleOutputs().length > 0) {
    const { code, output } = await run({ command: node('tools/build.mjs') });
    if (code !== 0) {
      console.error(output);
      return 1;
    }
  }
  const results = await Promise.all(checks.map(async (check) => ({ ...check, ...(await run(check)) })));
  const failed = results.filter(({ code }) => code !== 0);
  for (const { name, output } of failed) console.error(`\n✗ ${name}\n${output.trimEnd()}`);
  for (const { name, code } of results) console.log(`${code === 0 ? '✓' : '✗'} ${name}`);
  if (failed.length > 0) console.error(`\nnpm run check: failed: ${failed.map(({ name }) => name).join(', ')}`);
  return failed.length === 0 ? 0 : 1;
}

process.exitCode = await main();
