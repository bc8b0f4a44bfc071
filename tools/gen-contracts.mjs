// The contracts between the WebAssembly modules and their bindings: every constant and layout
// both sides assume is written once, in the module's AssemblyScript contract file, and this tool
// writes its TypeScript twin. A contract file holds only comments and integer constants
// (`export const NAME = 123;`), so its twin is the same text under a header; anything else in
// it is refused rather than silently left out. A contract may also name a group of its constants
// (PROFILE_NAMEPREP, PROFILE_NODEPREP, …): the twin then ends with the group as a table by name
// ({ nameprep: 0, nodeprep: 1, … }), the names the binding's API speaks.
//
//   node tools/gen-contracts.mjs           rewrites the generated files
//   node tools/gen-contracts.mjs --check [--root DIR]   exits 1, naming them, when a generated
//                                                      file (under DIR, default this checkout) is stale
//
// The build never runs it: a stale file fails the check (and `npm test`) instead.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { repositoryRoot, rootArgument } from './generated-file.mjs';

/** A Unicode module's contract: its profiles by name (spelt as its API does) and its errors by name. */
function unicodeContract(module, profileSpelling) {
  return {
    module,
    source: `assembly/${module}/contract.ts`,
    target: `bindings/${module}/contract.generated.ts`,
    tables: [
      { table: 'PROFILE_IDS', prefix: 'PROFILE_', spelling: profileSpelling },
      { table: 'ERROR_CODES', prefix: 'ERROR_', spelling: 'kebab' },
    ],
  };
}

/** One entry per WebAssembly module: its contract and the binding's generated copy. */
export const contracts = [
  // Tape records, state block, error words, symbol slots, string limits.
  { module: 'parser', source: 'assembly/parser/contract.ts', target: 'bindings/parser/contract.generated.ts', tables: [] },
  // Profiles, flags, result and error codes, input limit, fast-path classes.
  unicodeContract('stringprep', 'kebab'),
  unicodeContract('precis', 'pascal'),
];

const CONSTANT = /^export const ([A-Z][A-Z0-9_]*) = (-?(?:0x[0-9a-fA-F]+|\d+));(?: \/\/.*)?$/;
const COMMENT = /^\s*(?:\/\/|\/\*\*|\*)/;

/** A constant's name without its group prefix, as the API spells it: LONE_SURROGATE → lone-surrogate or LoneSurrogate. */
function spell(words, spelling) {
  const parts = words.toLowerCase().split('_');
  if (spelling === 'kebab') return parts.join('-');
  return parts.map((part) => part.charAt(0).toUpperCase() + part.slice(1)).join('');
}

/** `export const TABLE = { name: value, … } as const;` for the constants named PREFIX…. */
function nameTable(contract, constants, { table, prefix, spelling }) {
  const entries = constants.filter(({ name }) => name.startsWith(prefix));
  if (entries.length === 0) throw new Error(`${contract.source}: no ${prefix} constants for ${table}`);
  const keys = entries.map(({ name, value }) => {
    const key = spell(name.slice(prefix.length), spelling);
    return `${/^[A-Za-z_$][\w$]*$/.test(key) ? key : `'${key}'`}: ${value}`;
  });
  return [`/** The ${prefix} constants by name. */`, `export const ${table} = { ${keys.join(', ')} } as const;`];
}

/** The TypeScript text generated from a contract's source text. */
export function generate(contract, sourceText) {
  const lines = sourceText.replace(/\s+$/, '').split('\n');
  const constants = [];
  lines.forEach((line, i) => {
    const constant = CONSTANT.exec(line);
    if (constant) constants.push({ name: constant[1], value: constant[2] });
    else if (line !== '' && !COMMENT.test(line)) {
      throw new Error(`${contract.source}:${i + 1}: a contract holds only comments and integer constants, not: ${line}`);
    }
  });
  const tables = (contract.tables ?? []).flatMap((table) => ['', ...nameTable(contract, constants, table)]);
  const header = `// Generated from ${contract.source} by tools/gen-contracts.mjs: do not edit (npm run gen:contracts).`;
  return `${header}\n${[...lines, ...tables].join('\n')}\n`;
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
    const stale = staleContracts(rootArgument(args));
    for (const { source, target } of stale) console.error(`${target} is stale: run npm run gen:contracts (its source is ${source})`);
    return stale.length === 0 ? 0 : 1;
  }
  for (const contract of contracts) {
    writeFileSync(join(repositoryRoot, contract.target), generate(contract, readFileSync(join(repositoryRoot, contract.source), 'utf8')));
  }
  return 0;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) process.exitCode = main(process.argv.slice(2));
