// The lexer (AssemblyScript) and the binding (TypeScript) must agree on every tape constant:
// record kinds, flags, state slots, conditions and reasons.
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import * as bindingLayout from '../../bindings/parser/tape-layout.js';

/** `export const NAME = <integer>;` declarations of a source file. */
function declaredConstants(relativePath: string): Record<string, number> {
  const source = readFileSync(new URL(relativePath, import.meta.url), 'utf8');
  const constants: Record<string, number> = {};
  for (const [, name, value] of source.matchAll(/^export const (\w+)(?::\s*\w+)?\s*=\s*(-?(?:0x[0-9a-fA-F]+|\d+))\s*;/gm)) {
    expect(constants, `${name} declared twice in ${relativePath}`).not.toHaveProperty(name!);
    constants[name!] = Number(value);
  }
  return constants;
}

it('assembly/parser/contract.ts and bindings/tape-layout.ts declare the same constants', () => {
  const lexer = declaredConstants('../../assembly/parser/contract.ts');
  const binding = declaredConstants('../../bindings/parser/tape-layout.ts');
  expect(Object.keys(lexer).length).toBeGreaterThan(40);
  expect(binding).toEqual(lexer);
  // What the binding module really exports at run time, not only what its text says.
  expect({ ...bindingLayout }).toEqual(lexer);
});

it("bindings/tape-layout.ts is what tools/gen-tape-layout.mjs makes of the lexer's constants", async () => {
  // @ts-expect-error: a plain JavaScript tool without types
  const { tapeLayoutSource } = await import('../../tools/gen-tape-layout.mjs');
  expect(readFileSync(new URL('../../bindings/parser/tape-layout.ts', import.meta.url), 'utf8')).toBe(tapeLayoutSource());
});
