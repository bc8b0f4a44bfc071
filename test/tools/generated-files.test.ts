// `npm run check` fails when a committed generated file is edited by hand: each table generator's
// `--check`, pointed at a copy of the generated file where one constant was changed, exits 1 and
// names the file (the contracts' generator is tested in test/runtime/contracts.test.ts). (On the checkout itself the same checks pass, or `npm test` stops before the
// tests: so a check that always failed would not go unnoticed either.)
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
let copies: string[] = [];
afterEach(() => {
  for (const copy of copies) rmSync(copy, { recursive: true, force: true });
  copies = [];
});

/** A directory holding copies of `files` (relative to the checkout) at the same paths. */
function copyOf(files: string[]): string {
  const copy = mkdtempSync(join(tmpdir(), 'xmpp-wasm-generated-'));
  copies.push(copy);
  for (const file of files) cpSync(join(root, file), join(copy, file));
  return copy;
}

/** Edits a file by hand: one constant's value changed. */
function editByHand(file: string): void {
  const text = readFileSync(file, 'utf8');
  const edited = text.replace(/(export const [A-Z_]+(?:: \w+)? = )(\d+)/, (_, head: string, value: string) => head + (Number(value) + 1));
  expect(edited).not.toBe(text);
  writeFileSync(file, edited);
}

/** Runs a generator's `--check` against the checkout at `checkout`. */
function check(generator: string, checkout: string): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(root, generator), '--check', '--root', checkout], (error, _stdout, stderr) => {
      resolve({ code: error === null ? 0 : Number(error.code), stderr });
    });
  });
}

/** Each table generator and the file it writes (the contracts' generator: test/runtime/contracts.test.ts). */
const TABLE_GENERATORS: [generator: string, generated: string][] = [
  ['tools/gen-stringprep-tables.mjs', 'assembly/stringprep/tables.generated.ts'],
  ['tools/gen-precis-tables.mjs', 'assembly/precis/tables.generated.ts'],
];

describe('a generated file edited by hand fails the check, naming the file', () => {
  it.each(TABLE_GENERATORS)(
    '%s --check',
    async (generator, generated) => {
      const checkout = copyOf([generated]);
      editByHand(join(checkout, generated));
      const { code, stderr } = await check(generator, checkout);
      expect(code).toBe(1);
      expect(stderr).toContain(`${generated} is stale`);
    },
    180_000,
  );

  it('npm run check runs every generator with --check, and the build runs none', () => {
    const checkScript = readFileSync(join(root, 'tools/check.mjs'), 'utf8');
    const checked = [...checkScript.matchAll(/'(tools\/gen-[\w-]+\.mjs)', '--check'/g)].map((m) => m[1]);
    expect(checked.sort()).toEqual(['tools/gen-contracts.mjs', ...TABLE_GENERATORS.map(([generator]) => generator)].sort());
    for (const file of ['tools/build.mjs', 'tools/build-cjs.mjs', 'tools/build-browser.mjs']) {
      expect(readFileSync(join(root, file), 'utf8')).not.toMatch(/gen-(contracts|stringprep-tables|precis-tables)/);
    }
  });
});
