// The command-line half of a generator of a committed file: it writes the file, or with
// `--check` says whether the committed file is what the generator gives (run by `npm run check`).
// The build runs no generator, so a file edited by hand or left stale fails the check in CI.
//
//   node tools/gen-….mjs                        writes the file
//   node tools/gen-….mjs --check [--root DIR]   exits 1, naming the file, when the file under
//                                               DIR (default: this checkout) is stale
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));

/** The checkout a `--check` looks at: `--root DIR`, or this one. */
export function rootArgument(args) {
  const at = args.indexOf('--root');
  if (at < 0) return repositoryRoot;
  const dir = args[at + 1];
  if (dir === undefined) throw new Error('--root needs a directory');
  return resolve(dir);
}

/** Whether `file` (relative to `root`) holds exactly `text`; a missing file does not. */
export function isCurrent(root, file, text) {
  try {
    return readFileSync(join(root, file), 'utf8') === text;
  } catch {
    return false;
  }
}

/** Writes or checks `file` (relative to the checkout) as the arguments say; returns the exit code. */
export async function writeOrCheck(args, file, generate, command) {
  const text = await generate();
  if (args.includes('--check')) {
    if (isCurrent(rootArgument(args), file, text)) return 0;
    console.error(`${file} is stale (edited by hand, or its inputs changed): run ${command} and commit it`);
    return 1;
  }
  writeFileSync(join(repositoryRoot, file), text);
  console.log(`wrote ${file} (${text.length} characters)`);
  return 0;
}
