// The contracts between the WebAssembly modules and their bindings: every constant and layout
// both sides assume is written once, in the module's AssemblyScript contract file, and this tool
// writes its TypeScript twin. A contract file holds only comments and integer constants
// (`export const NAME = 123;`), so its twin is the same text under a header; anything else in
// it is refused rather than silently left out.
//
//   node tools/gen-contracts.mjs           rewrites the generated files
//   node tools/gen-contracts.mjs --check   exits 1, naming them, when a generated file is stale
//
// The build never runs it: a stale file fails the check (and `npm test`) instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** One entry per WebAssembly module: its contract and the binding's generated copy. */
export const contracts = [
  // Tape records, state block, error words, symbol slots, string limits.
  { module: 'parser', source: 'assembly/parser/contract.ts', target: 'bindings/parser/contract.generated.ts' },
];

const repositoryRoot = fileURLToPath(new URL('..', import.meta.url));
const CONSTANT = /^export const [A-Z][A-Z0-9_]* = -?(?:0x[0-9a-fA-F]+|\d+);(?: \/\/.*)?$/;
const COMMENT = /^\s*(?:\/\/|\/\*\*|\*)/;

/** The TypeScript text generated from a contract's source text. */
export function generate(contract, sourceText) {
  const lines = sourceText.replace(/\s+$/, '').split('\n');
  lines.forEach((line, i) => {
    if (line !== '' && !CONSTANT.test(line) && !COMMENT.test(line)) {
      throw new Error(`${contract.source}:${i + 1}: a contract holds only comments and integer constants, not: ${line}`);
    }
  });
  const header = `// Generated from ${contract.source} by tools/gen-contracts.mjs: do not edit (npm run gen:contracts).`;
  return `${header}\n${lines.join('\n')}\n`;
}

/** The contracts whose generated file under `root` differs from what their source gives. */
export function staleContracts(root = repositoryRoot) {
  const stale = [];
  for (const contract of contracts) {
    const expected = generate(contract, readFileSync(join(root, contract.source), 'utf8'));
    let current = null;
    try {
      current = readFileSync(join(root, contract.target), 'utf8');
    } catch {
      // missing: stale
    }
    if (current !== expected) stale.push(contract);
  }
  return stale;
}

function main(args) {
  if (args.includes('--check')) {
    const stale = staleContracts();
    for (const { source, target } of stale) console.error(`${target} is stale: run npm run gen:contracts (its source is ${source})`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const contract of contracts) {
    writeFileSync(join(repositoryRoot, contract.target), generate(contract, readFileSync(join(repositoryRoot, contract.source), 'utf8')));
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
