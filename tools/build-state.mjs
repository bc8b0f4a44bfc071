// Whether the build (dist/ and build/*.wasm) is older than the sources it is made from: the type
// check and the tests read the build, so a stale one would check yesterday's code.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repositoryRoot as root } from './generated-file.mjs';

const modified = (path) => statSync(path).mtimeMs;
const sourcesUnder = (dir) =>
  readdirSync(join(root, dir), { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.d.ts'))
    .map((file) => join(dir, file));

/** Each output that is missing or older than a source it is built from, with that source. */
export function staleOutputs() {
  const stale = [];
  const check = (output, sources) => {
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
