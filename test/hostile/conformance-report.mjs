// Counts of the W3C XML conformance suite per expected result, as a markdown table for the
// README: `npm run conformance` (builds first; this script reads the built package).
import { parse, StreamParser, ready } from '../../dist/index.js';
import { CATEGORY, checkCase, loadConformanceCases } from './conformance-suite.mjs';
import { expectedFailures } from './conformance-expected-failures.mjs';

await ready;
const { cases, skipped } = await loadConformanceCases();
const rows = new Map(Object.keys(CATEGORY).map((key) => [key, { cases: 0, passed: 0, listed: 0, compared: 0 }]));
const unexpected = [];
for (const testCase of cases) {
  const row = rows.get(testCase.category);
  row.cases++;
  if (testCase.expected.canonical !== undefined) row.compared++;
  const problems = checkCase(testCase, { parse, StreamParser });
  if (problems.length === 0) row.passed++;
  else if (expectedFailures.has(testCase.id)) row.listed++;
  else unexpected.push(`${testCase.id} (${testCase.file}): ${problems[0]}`);
}

const lines = ['| Expected result | Cases | Passed (all three ways) | Expected failures |', '| --- | ---: | ---: | ---: |'];
const total = { cases: 0, passed: 0, listed: 0 };
for (const [key, row] of rows) {
  if (row.cases === 0) continue;
  const compared = row.compared > 0 ? ` (${row.compared} compared with the suite's canonical output)` : '';
  lines.push(`| ${CATEGORY[key]}${compared} | ${row.cases} | ${row.passed} | ${row.listed} |`);
  for (const k of Object.keys(total)) total[k] += row[k];
}
lines.push(`| **Total** | **${total.cases}** | **${total.passed}** | **${total.listed}** |`);
console.log(lines.join('\n'));
console.log('\nNot run:');
for (const [reason, count] of skipped) console.log(`- ${reason}: ${count}`);
console.log('\nExpected failures:');
const reasons = new Map();
for (const [id, reason] of expectedFailures) reasons.set(reason, [...(reasons.get(reason) ?? []), id]);
for (const [reason, ids] of reasons) console.log(`- ${ids.length} × ${reason} (${ids.join(', ')})`);
if (unexpected.length > 0) {
  console.log(`\n${unexpected.length} unexpected failures:\n${unexpected.join('\n')}`);
  process.exitCode = 1;
}
