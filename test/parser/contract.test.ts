// One contract per WebAssembly module: constants written once in AssemblyScript and generated
// into TypeScript by tools/gen-contracts.mjs. The build never regenerates them, so a stale or
// hand-edited generated file must fail this check (and `npm run check`).
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import * as parserContract from '../../bindings/parser/contract.generated.js';
// @ts-expect-error: a plain JavaScript tool without types
import { contracts, generate, staleContracts } from '../../tools/gen-contracts.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
type Contract = { module: string; source: string; target: string };

/** `export const NAME = <integer>;` declarations of a source text. */
function declaredConstants(source: string): Record<string, number> {
  const constants: Record<string, number> = {};
  for (const [, name, value] of source.matchAll(/^export const (\w+)(?::\s*\w+)?\s*=\s*(-?(?:0x[0-9a-fA-F]+|\d+))\s*;/gm)) {
    expect(constants, `${name} declared twice`).not.toHaveProperty(name!);
    constants[name!] = Number(value);
  }
  return constants;
}

/** A copy of the contracts' sources and generated files in a scratch directory. */
function scratchCopy(): string {
  const dir = mkdtempSync(join(tmpdir(), 'contracts-'));
  for (const { source, target } of contracts as Contract[]) {
    for (const file of [source, target]) {
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

  it('the parser binding exports at run time exactly the constants of assembly/parser/contract.ts', () => {
    const lexer = declaredConstants(readFileSync(join(root, 'assembly/parser/contract.ts'), 'utf8'));
    expect(Object.keys(lexer).length).toBeGreaterThan(40);
    expect({ ...parserContract }).toEqual(lexer);
  });

  it('a hand edit of a generated file fails the check', () => {
    const dir = scratchCopy();
    scratch.push(dir);
    expect(staleContracts(dir)).toEqual([]);
    const target = join(dir, 'bindings/parser/contract.generated.ts');
    writeFileSync(target, readFileSync(target, 'utf8').replace('export const RECORD_WORDS = 4;', 'export const RECORD_WORDS = 5;'));
    expect(staleContracts(dir).map((c: Contract) => c.target)).toEqual(['bindings/parser/contract.generated.ts']);
  });

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
