// Run once before the tests (vitest's globalSetup): the tests import the build (dist/ and
// build/*.wasm), so a build older than a source it is made from would test yesterday's code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const modified = (path: string): number => statSync(path).mtimeMs;
const sourcesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));

/** Each output that is missing or older than a source it is built from, with that source. */
export function staleOutputs(): string[] {
  const stale: string[] = [];
  const check = (output: string, sources: string[]) => {
    const newer = existsSync(join(root, output))
      ? sources.find((source) => modified(join(root, source)) > modified(join(root, output)))
      : 'missing';
    if (newer !== undefined) stale.push(`${output} (${newer === 'missing' ? 'missing' : `older than ${newer}`})`);
  };
  for (const source of sourcesUnder('bindings')) check(join('dist', relative('bindings', source)).replace(/\.ts$/, '.js'), [source]);
  // A module's folder, and the folders the modules share (unicode/).
  const shared = readdirSync(join(root, 'assembly'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['parser', 'stringprep', 'precis'].includes(entry.name))
    .map((entry) => entry.name);
  for (const module of ['parser', 'stringprep', 'precis']) {
    check(
      `build/${module}.wasm`,
      [module, ...shared].flatMap((dir) => sourcesUnder(join('assembly', dir))),
    );
  }
  return stale;
}

export default function buildIsCurrent(): void {
  const stale = staleOutputs();
  if (stale.length > 0) {
    throw new Error(
      `the tests run the build, which is older than its sources: run npm run build first\n  ${stale.slice(0, 5).join('\n  ')}`,
    );
  }
}
