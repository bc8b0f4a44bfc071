// Writes bindings/tape-layout.ts from assembly/parser/contract.ts: the lexer's tape constants (record
// kinds, flags, state slots, conditions, reasons) for the binding, so the two cannot drift.
// Run by tools/build.mjs; test/parser/tape-layout.test.ts checks the committed file is current.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const source = fileURLToPath(new URL('../assembly/parser/contract.ts', import.meta.url));
const target = fileURLToPath(new URL('../bindings/parser/tape-layout.ts', import.meta.url));

export function tapeLayoutSource() {
  const lines = ['// Generated from assembly/parser/contract.ts by tools/gen-tape-layout.mjs: do not edit.'];
  for (const [, name, value] of readFileSync(source, 'utf8').matchAll(/^export const (\w+) = (-?\d+);/gm)) {
    lines.push(`export const ${name} = ${value};`);
  }
  return lines.join('\n') + '\n';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const text = tapeLayoutSource();
  let current = '';
  try {
    current = readFileSync(target, 'utf8');
  } catch {
    /* first run */
  }
  if (current !== text) writeFileSync(target, text);
}
