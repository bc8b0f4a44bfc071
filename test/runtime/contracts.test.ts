// One contract per WebAssembly module (parser, stringprep, PRECIS): constants written once in AssemblyScript and generated
// into TypeScript by tools/gen-contracts.mjs. The build never regenerates them, so a stale or
// hand-edited generated file must fail this check (and `npm run check`).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as parserContract from '../../bindings/parser/contract.generated.js';
import * as precisContract from '../../bindings/precis/contract.generated.js';
import * as stringprepContract from '../../bindings/stringprep/contract.generated.js';
import { errorNames } from '../../bindings/runtime/result-codes.js';
import { contracts, generate, staleContracts } from '../../tools/gen-contracts.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Table = { table: string; prefix: string };
type Contract = { module: string; source: string; target: string; tables: Table[] };
const generated: Record<string, Record<string, unknown>> = {
  parser: parserContract,
  stringprep: stringprepContract,
  precis: precisContract,
};

/** `export const NAME = <integer>;` declarations of a source text. */
function declaredConstants(source: string): Record<string, number> {
  const constants: Record<string, number> = {};
  for (const [, name, value] of source.matchAll(/^export const (\w+)(?::\s*\w+)?\s*=\s*(-?(?:0x[0-9a-fA-F]+|\d+))\s*;/gm)) {
    expect(constants, `${name} declared twice`).not.toHaveProperty(name!);
    constants[name!] = Number(value);
  }
  return constants;
}

/** A copy of the contracts' sources, their generated files and the tool in a scratch directory. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
  for (const { source, target } of contracts as Contract[]) {
    for (const file of [source, target, 'tools/gen-contracts.mjs', 'tools/generated-file.mjs']) {
      mkdirSync(dirname(join(dir, file)), { recursive: true });
      cpSync(join(root, file), join(dir, file));
    }
  }
  return dir;
}

describe('generated contracts', () => {
  const scratch: string[] = [];
  afterEach(() => {
    for (const dir of scratch.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('are current: node tools/gen-contracts.mjs --check passes on the committed files', () => {
    expect(staleContracts().map((c: Contract) => c.target)).toEqual([]);
    expect(() => execFileSync(process.execPath, ['tools/gen-contracts.mjs', '--check'], { cwd: root, stdio: 'pipe' })).not.toThrow();
  });

  it('cover the three WebAssembly modules', () => {
    expect((contracts as Contract[]).map((c) => c.module)).toEqual(['parser', 'stringprep', 'precis']);
  });

  it.each(contracts as Contract[])(
    'the $module binding exports at run time exactly the constants of $source',
    ({ module, source, tables }) => {
      const declared = declaredConstants(readFileSync(join(root, source), 'utf8'));
      const { [module]: exports } = generated;
      const tableNames = tables.map((t) => t.table);
      const constants = Object.fromEntries(Object.entries(exports!).filter(([name]) => !tableNames.includes(name)));
      expect(Object.keys(declared).length).toBeGreaterThan(10);
      expect(constants).toEqual(declared);
      for (const { table, prefix } of tables) {
        const group = Object.entries(declared).filter(([name]) => name.startsWith(prefix));
        expect(Object.values(exports![table] as Record<string, number>), table).toEqual(group.map(([, value]) => value));
      }
    },
  );

  it('name the groups as the API does: profiles and error codes', () => {
    expect(stringprepContract.PROFILE_IDS).toEqual({ nameprep: 0, nodeprep: 1, resourceprep: 2, saslprep: 3 });
    expect(Object.keys(stringprepContract.ERROR_CODES)).toEqual(['prohibited', 'bidi', 'unassigned', 'lone-surrogate']);
    expect(Object.keys(precisContract.PROFILE_IDS)).toEqual([
      'IdentifierClass',
      'FreeformClass',
      'UsernameCaseMapped',
      'UsernameCasePreserved',
      'OpaqueString',
      'NicknameCaseMapped',
      'NicknameCasePreserved',
    ]);
    expect(Object.keys(precisContract.ERROR_CODES)).toEqual(['disallowed', 'empty', 'bidi', 'context', 'unstable']);
  });

  it('a result code no contract names is an internal error, not an error of the input', () => {
    const nameOf = errorNames('stringprep', stringprepContract.ERROR_CODES);
    expect(nameOf(stringprepContract.ERROR_LONE_SURROGATE)).toBe('lone-surrogate');
    expect(() => nameOf(-9)).toThrow(
      'xmpp-wasm: internal error: the stringprep WebAssembly module returned -9, a result its contract does not define',
    );
    expect(() => nameOf(stringprepContract.RESULT_UNCHANGED)).toThrow(/internal error/);
  });

  it('a hand edit of a generated file fails the check', () => {
    const dir = scratchCopy();
    scratch.push(dir);
    expect(staleContracts(dir)).toEqual([]);
    const target = join(dir, 'bindings/parser/contract.generated.ts');
    writeFileSync(target, readFileSync(target, 'utf8').replace('export const RECORD_WORDS = 4;', 'export const RECORD_WORDS = 5;'));
    expect(staleContracts(dir).map((c: Contract) => c.target)).toEqual(['bindings/parser/contract.generated.ts']);
  });

  it.each(['bindings/stringprep/contract.generated.ts', 'bindings/precis/contract.generated.ts'])(
    'npm run check:contracts exits 1 naming %s when it was edited by hand',
    (file) => {
      const dir = scratchCopy();
      scratch.push(dir);
      const target = join(dir, file);
      writeFileSync(
        target,
        readFileSync(target, 'utf8').replace('export const RESULT_UNCHANGED = -1;', 'export const RESULT_UNCHANGED = -9;'),
      );
      let failure: { status: number; stderr: string } | undefined;
      try {
        execFileSync(process.execPath, [join(dir, 'tools/gen-contracts.mjs'), '--check'], { stdio: 'pipe' });
      } catch (error) {
        failure = { status: (error as { status: number }).status, stderr: String((error as { stderr: Buffer }).stderr) };
      }
      expect(failure?.status).toBe(1);
      expect(failure?.stderr).toContain(`${file} is stale`);
    },
  );

  it('an edit of a contract without regenerating fails the check', () => {
    const dir = scratchCopy();
    scratch.push(dir);
    const source = join(dir, 'assembly/parser/contract.ts');
    writeFileSync(source, `${readFileSync(source, 'utf8')}export const NEW_SLOT = 31;\n`);
    expect(staleContracts(dir).map((c: Contract) => c.module)).toEqual(['parser']);
  });

  it('a contract holding anything but comments and integer constants is refused, not half copied', () => {
    const parser = (contracts as Contract[]).find((c) => c.module === 'parser')!;
    expect(() => generate(parser, '// ok\nexport const A = 1;\nexport function f(): void {}\n')).toThrow(/line 3|:3:/);
    expect(generate(parser, '/** A. */\nexport const A = -1;\n')).toContain('export const A = -1;');
  });
});
