// Fuzzing properties over the parser's byte input, shared by the short seeded pass of the test
// suite (fuzz.test.ts) and the long runs of `npm run fuzz` (fuzz-run.mjs). Inputs are real
// captures mutated byte-wise, and grammar-generated XMPP-ish documents. Each property returns
// a list of problems ([] when it holds), so a failure can be saved and replayed as a fixture.
import fc from 'fast-check';
import { SaxesParser } from 'saxes';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const capturesDir = fileURLToPath(new URL('../fixtures/captures/', import.meta.url));
export const fuzzFixturesDir = fileURLToPath(new URL('../fixtures/fuzz/', import.meta.url));

/** Every captured direction of every session: the server's bytes are read as a client would (reset after <success/>). */
export function loadCaptures() {
  const seeds = [];
  for (const session of readdirSync(capturesDir, { withFileTypes: true })) {
    if (!session.isDirectory()) continue;
    for (const file of readdirSync(join(capturesDir, session.name))) {
      if (!file.endsWith('.xml')) continue;
      seeds.push({
        name: `${session.name}/${file}`,
        bytes: new Uint8Array(readFileSync(join(capturesDir, session.name, file))),
        resetAfter: file.endsWith('.s2c.xml') ? 'success' : undefined,
      });
    }
  }
  return seeds.sort((a, b) => a.name.localeCompare(b.name));
}

// --- Inputs ------------------------------------------------------------------------------------

const encoder = new TextEncoder();
/** Byte strings that reach the lexer's edge cases: markup openers, bad UTF-8, references, limits. */
const TOKENS = [
  '<',
  '>',
  '/>',
  '</',
  '&',
  ';',
  '"',
  "'",
  '=',
  ' ',
  '\r',
  '\n',
  '\t',
  ']]>',
  ']]',
  '<![CDATA[',
  '<!--',
  '-->',
  '<?',
  '?>',
  '<!DOCTYPE x>',
  '&amp;',
  '&lt',
  '&#',
  '&#x',
  '&#0;',
  '&#x10FFFF;',
  '&#x110000;',
  '&foo;',
  'xmlns=',
  'xmlns:p=""',
  'xmlns:xml="urn:x"',
  'p:',
  ':',
  '1',
  '</stream:stream>',
  "<?xml version='1.0'?>",
  '<message>',
  '</message>',
  '<a b="c">',
  'é',
  '😀',
  '\u0000',
  '\u0001',
  '\ufffe',
].map((t) => encoder.encode(t));
const RAW = [
  [0xff],
  [0xfe],
  [0xc0, 0xaf],
  [0xc3],
  [0xe2, 0x82],
  [0xed, 0xa0, 0x80],
  [0xf4, 0x90, 0x80, 0x80],
  [0x80],
  [0xef, 0xbb, 0xbf],
].map((b) => Uint8Array.from(b));
const INSERTS = [...TOKENS, ...RAW];

const position = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });
const mutation = fc.oneof(
  fc.record({ kind: fc.constant('flip'), at: position, xor: fc.integer({ min: 1, max: 255 }) }),
  fc.record({ kind: fc.constant('insert'), at: position, token: fc.integer({ min: 0, max: INSERTS.length - 1 }) }),
  fc.record({ kind: fc.constant('delete'), at: position, length: fc.integer({ min: 1, max: 64 }) }),
  fc.record({ kind: fc.constant('duplicate'), at: position, to: position, length: fc.integer({ min: 1, max: 256 }) }),
);

export function applyMutations(source, mutations) {
  let bytes = source;
  for (const m of mutations) {
    const at = Math.floor(m.at * (bytes.length + 1));
    const before = bytes.subarray(0, at);
    if (m.kind === 'flip' && at < bytes.length) {
      bytes = bytes.slice();
      bytes[at] ^= m.xor;
    } else if (m.kind === 'insert') bytes = concat(before, INSERTS[m.token], bytes.subarray(at));
    else if (m.kind === 'delete') bytes = concat(before, bytes.subarray(at + m.length));
    else if (m.kind === 'duplicate') {
      const piece = bytes.slice(at, at + m.length);
      const to = Math.floor(m.to * (bytes.length + 1));
      bytes = concat(bytes.subarray(0, to), piece, bytes.subarray(to));
    }
  }
  return bytes;
}

function concat(...parts) {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A capture (or its first bytes, at most 8 KiB) with up to 8 mutations. */
export function mutatedCapture(captures) {
  return fc
    .record({
      seed: fc.integer({ min: 0, max: captures.length - 1 }),
      length: fc.integer({ min: 0, max: 8192 }),
      mutations: fc.array(mutation, { maxLength: 8 }),
    })
    .map(({ seed, length, mutations }) => {
      const capture = captures[seed];
      return { name: capture.name, resetAfter: capture.resetAfter, bytes: applyMutations(capture.bytes.subarray(0, length), mutations) };
    });
}

const NAMES = ['message', 'body', 'iq', 'query', 'item', 'presence', 'x', 'a', 'p:a', 'q:x', 'stream:features'];
const ATTR_NAMES = ['to', 'from', 'id', 'type', 'xml:lang', 'p:a', 'q:a', 'xmlns', 'xmlns:p', 'xmlns:q', 'xmlns:stream'];
const NS_VALUES = ['urn:1', 'urn:2', 'jabber:client', 'http://etherx.jabber.org/streams', ''];
const VALUE_PIECES = [
  'x',
  'juliet@example.com/balcony',
  '&amp;',
  '&lt;',
  '&quot;',
  '&#x41;',
  '&#128512;',
  'é',
  '😀',
  ' ',
  '\t',
  '\n',
  '>',
  ']]>',
  "'",
  '"',
];
const TEXT_PIECES = [
  'hi',
  'é',
  '😀',
  '&amp;',
  '&gt;',
  '&#60;',
  '&#x10FFFF;',
  '\n',
  '\r\n',
  '\r',
  ' ',
  '>',
  ']]',
  '<![CDATA[x<y&z]]>',
  '<![CDATA[]]>',
  '\u00a0',
  '\ufffd',
];
/** Damage inserted at a random place of a generated document: none of it is a restricted construct. */
const DEFECTS = [
  '&',
  '<',
  ']]>',
  '\u0001',
  '&#0;',
  '&#xFFFE;',
  '</x>',
  '<1a/>',
  ' a="b"',
  '"',
  "'",
  '=',
  '>',
  '/',
  'x',
  ' ',
  'xmlns:p=""',
  '<p:b/>',
  '<x>',
  '\u0000',
];

const attribute = fc.tuple(
  fc.constantFrom(...ATTR_NAMES),
  fc.array(fc.constantFrom(...VALUE_PIECES), { maxLength: 4 }),
  fc.constantFrom(...NS_VALUES),
  fc.constantFrom('"', "'"),
);
const { element } = fc.letrec((tie) => ({
  element: fc.record({
    name: fc.constantFrom(...NAMES),
    attrs: fc.array(attribute, { maxLength: 4 }),
    children: fc.array(
      fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.array(fc.constantFrom(...TEXT_PIECES), { minLength: 1, maxLength: 4 }),
        tie('element'),
      ),
      { maxLength: 4 },
    ),
  }),
}));

function serializeGenerated(node) {
  let out = `<${node.name}`;
  for (const [name, pieces, nsValue, quote] of node.attrs) {
    const value = name.startsWith('xmlns') ? nsValue : pieces.join('').replaceAll(quote, quote === '"' ? '&quot;' : '&apos;');
    out += ` ${name}=${quote}${value}${quote}`;
  }
  if (node.children.length === 0) return out + '/>';
  out += '>';
  for (const child of node.children) out += Array.isArray(child) ? child.join('') : serializeGenerated(child);
  return out + `</${node.name}>`;
}

/** XMPP-ish documents free of restricted constructs, half of them damaged at one place. */
export const generatedDocument = fc
  .record({
    declaration: fc.constantFrom(
      '',
      "<?xml version='1.0'?>",
      '<?xml version="1.0" encoding="UTF-8"?>',
      "<?xml version='1.0' encoding='utf-8' standalone='yes'?>",
    ),
    root: element,
    trailing: fc.constantFrom('', '\n', ' \r\n\t'),
    defect: fc.option(fc.tuple(fc.constantFrom(...DEFECTS), position), { freq: 2 }),
  })
  .map(({ declaration, root, trailing, defect }) => {
    let text = declaration + serializeGenerated(root) + trailing;
    if (defect !== null) {
      const at = Math.floor(defect[1] * (text.length + 1));
      text = text.slice(0, at) + defect[0] + text.slice(at);
    }
    // Cutting inside a surrogate pair would make a string that is not Unicode.
    return text.toWellFormed();
  });

/** Sorted split points for an input of `length` bytes. */
export const splitPointsFor = (length) =>
  length < 2
    ? fc.constant([])
    : fc.uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: 32 }).map((p) => p.sort((a, b) => a - b));

export const withSplits = (inputs) => inputs.chain((input) => splitPointsFor(input.bytes.length).map((points) => ({ ...input, points })));

// --- Properties --------------------------------------------------------------------------------

/** Generous: a loaded two-core machine must not flake, while a quadratic path over 8 KiB does. */
const MAX_MS = (bytes) => 250 + bytes * 0.05;

function chunksAt(bytes, points) {
  const chunks = [];
  let from = 0;
  for (const p of points) {
    chunks.push(bytes.subarray(from, p));
    from = p;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

/** The events of a StreamParser (stream or document mode) fed `chunks` then end(). */
export function eventLog(api, chunks, { document = false, resetAfter } = {}) {
  const log = [];
  const parser = new api.StreamParser({}, document);
  parser.on('start', (header) => log.push(`start ${header.name} ${JSON.stringify(header.attrs)}`));
  parser.on('element', (stanza, source) => {
    log.push(`element ${source.offset}+${source.length} ${stanza.toString()}`);
    if (stanza.name === resetAfter) parser.reset();
  });
  parser.on('end', (header) => log.push(`end ${header.name}`));
  parser.on('error', (error) => log.push(`error ${error.condition} at ${error.offset}`));
  try {
    for (const chunk of chunks) parser.write(chunk);
    parser.end();
  } catch (error) {
    // A RuntimeError here is a WebAssembly trap; any exception out of write() is a bug.
    log.push(`THROWN ${error?.name}: ${error?.message}`);
  }
  return log;
}

const diff = (a, b) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++)
    if (a[i] !== b[i]) return `event ${i}: ${JSON.stringify(a[i])} vs ${JSON.stringify(b[i])}`;
  return null;
};

/** No exception, bounded time, and the same events for one write, the given chunking and (up to 4 KiB) byte by byte. */
export function checkStreamInput(api, { bytes, points, resetAfter }, document = false) {
  const problems = [];
  const started = performance.now();
  const whole = eventLog(api, [bytes], { document, resetAfter });
  const ms = performance.now() - started;
  if (ms > MAX_MS(bytes.length)) problems.push(`one write of ${bytes.length} bytes took ${ms.toFixed(0)} ms`);
  const thrown = whole.find((e) => e.startsWith('THROWN'));
  if (thrown) problems.push(thrown);
  const split = diff(whole, eventLog(api, chunksAt(bytes, points), { document, resetAfter }));
  if (split) problems.push(`split at ${points.join(',')} differs from one write: ${split}`);
  if (bytes.length <= 4096) {
    const single = diff(
      whole,
      eventLog(
        api,
        chunksAt(
          bytes,
          Array.from({ length: Math.max(0, bytes.length - 1) }, (_, i) => i + 1),
        ),
        { document, resetAfter },
      ),
    );
    if (single) problems.push(`byte by byte differs from one write: ${single}`);
  }
  return problems;
}

/** parse() throws only StreamErrors, and agrees with a document-mode StreamParser. */
export function checkDocumentInput(api, input) {
  const problems = checkStreamInput(api, input, true);
  let viaParse;
  try {
    viaParse = `element ${api.parse(input.bytes).toString()}`;
  } catch (error) {
    if (typeof error?.condition !== 'string') return [...problems, `parse() threw ${error?.name}: ${error?.message}`];
    viaParse = `error ${error.condition} at ${error.offset}`;
  }
  // The parser's outcome without the stanza's source (parse() reports only the root or the error).
  const events = eventLog(api, [input.bytes], { document: true }).map((e) => e.replace(/^element \d+\+\d+ /, 'element '));
  const outcome = events.find((e) => e.startsWith('error')) ?? events.find((e) => e.startsWith('element'));
  // parse() reports a missing root itself; the parser then has no event at all.
  if (outcome !== undefined && outcome !== viaParse) problems.push(`parse() gave ${viaParse}, the parser ${outcome}`);
  return problems;
}

/** The events of `input` do not depend on what the process parsed before (`other`, often an error). */
export function checkHistoryIndependence(api, input, other) {
  const before = eventLog(api, [input.bytes], { resetAfter: input.resetAfter });
  eventLog(api, [other.bytes]);
  try {
    api.parse(other.bytes);
  } catch {
    /* only its side effects matter */
  }
  const after = eventLog(api, [input.bytes], { resetAfter: input.resetAfter });
  const d = diff(before, after);
  return d === null ? [] : [`events changed after parsing ${other.bytes.length} other bytes: ${d}`];
}

/** saxes (XML 1.0 5th edition + Namespaces 1.0) on the same text: its first error or null. */
export function saxesVerdict(text) {
  const parser = new SaxesParser({ xmlns: true });
  let first = null;
  parser.on('error', (error) => {
    first ??= error.message;
  });
  parser.write(text).close();
  return first;
}

/**
 * Differences from saxes that are expected, each with its reason; null for any other difference.
 * saxes implements XML 1.0 (5th edition) and Namespaces 1.0 fully, so where both parse the same
 * grammar their verdicts must agree.
 */
export function expectedDifference(ours, theirs) {
  if (ours?.condition === 'policy-violation') return 'a configured limit, which saxes does not have';
  // The generator writes none, but a defect can make one: 'x' inserted in '<?xml' gives a PI.
  if (ours?.condition === 'restricted-xml' && theirs === null) return 'comments and PIs are well-formed XML but restricted in XMPP';
  // A mutation can rename the declared encoding: saxes ignores the name, XMPP allows only UTF-8.
  if (ours?.condition === 'unsupported-encoding' && theirs === null) return 'an encoding other than UTF-8 is declared';
  return null;
}

/** Well-formed for both parsers, or not well-formed for both (generated documents have no restricted constructs). */
export function checkAgreementWithSaxes(api, text) {
  const theirs = saxesVerdict(text);
  let ours = null;
  try {
    api.parse(encoder.encode(text));
  } catch (error) {
    if (typeof error?.condition !== 'string') return [`parse() threw ${error?.name}: ${error?.message}`];
    ours = error;
  }
  if ((ours === null) === (theirs === null)) return [];
  if (expectedDifference(ours, theirs) !== null) return [];
  return [
    ours === null
      ? `saxes rejects (${theirs}), xmpp-wasm accepts`
      : `xmpp-wasm rejects (${ours.condition}: ${ours.text} at ${ours.offset}), saxes accepts`,
  ];
}

// --- Stringprep and JIDs -----------------------------------------------------------------------

const PROFILES = ['nodeprep', 'nameprep', 'resourceprep', 'saslprep'];
/** Characters stringprep treats specially: case folding, NFKC, bidi, prohibited, unassigned, surrogates. */
const TRICKY = [
  ...'AaZzß@/.:\u00a0\u00ad\u0130\u0301\u0308\u05d0\u0627\u0661\u1100\u1161\u11a8\u200b\u2028\u3002\uff0e\uff61\ufb01\ufffd\u0221',
  '\ud800',
  '\udc00',
  '\u{1d400}',
  '\u{e0001}',
  '\u{10ffff}',
  '\u{2f868}',
  // PRECIS: joiners, contextual and final-sigma letters, fullwidth, compatibility and bidi digits
  ...'\u200c\u200d\u00b7l\u0375\u03a3\u30fb\u06f0\uff21\u2163\u094d\u0628\u3000',
];
export const preparedString = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom(...TRICKY), maxLength: 24 }),
  fc
    .tuple(
      fc.string({ unit: fc.constantFrom(...TRICKY, 'x'), maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 12 }),
      fc.string({ unit: fc.constantFrom(...TRICKY, 'r'), maxLength: 8 }),
    )
    .map(([local, domain, resource]) => `${local}@${domain || 'example.com'}/${resource}`),
);

/**
 * Every stringprep profile (both modes), every PRECIS profile (enforce and prepare) and parseJid
 * under both JID profiles on any string: only their own errors (never a trap or
 * another exception), idempotent output, and a JID that parses back to itself.
 */
export function checkStringInput(api, text) {
  const problems = [];
  const started = performance.now();
  for (const profile of PROFILES) {
    for (const mode of ['query', 'stored']) {
      try {
        const once = api[profile](text, { mode });
        const twice = api[profile](once, { mode });
        if (twice !== once) problems.push(`${profile}/${mode} not idempotent: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`);
      } catch (error) {
        if (!(error instanceof api.StringprepError)) problems.push(`${profile}/${mode} threw ${error?.name}: ${error?.message}`);
      }
    }
  }
  for (const profile of api.PRECIS_PROFILES) {
    for (const run of [api.enforce, api.prepare]) {
      try {
        const once = run(profile, text);
        const twice = run(profile, once);
        if (twice !== once) problems.push(`${run.name} ${profile} not idempotent: ${JSON.stringify(once)} → ${JSON.stringify(twice)}`);
      } catch (error) {
        if (!(error instanceof api.PrecisError)) problems.push(`${run.name} ${profile} threw ${error?.name}: ${error?.message}`);
      }
    }
  }
  for (const options of [undefined, { profile: 'precis' }]) {
    try {
      const jid = api.parseJid(text, options);
      const again = api.parseJid(jid.toString(), options);
      if (!again.equals(jid) || again.toString() !== jid.toString()) problems.push(`JID does not parse back: ${jid} → ${again}`);
    } catch (error) {
      if (!(error instanceof api.JidError)) problems.push(`parseJid threw ${error?.name}: ${error?.message}`);
    }
  }
  if (performance.now() - started > 1000) problems.push(`took ${Math.round(performance.now() - started)} ms`);
  return problems;
}

// --- Fixtures ----------------------------------------------------------------------------------

/** The property each fixture kind replays. */
export function replayFixture(api, fixture) {
  const bytes = Uint8Array.from(Buffer.from(fixture.input, 'base64'));
  const input = { bytes, points: fixture.points ?? [], resetAfter: fixture.resetAfter };
  switch (fixture.property) {
    case 'stream':
      return checkStreamInput(api, input);
    case 'document':
      return checkDocumentInput(api, input);
    case 'history':
      return checkHistoryIndependence(api, input, { bytes: Uint8Array.from(Buffer.from(fixture.other, 'base64')) });
    case 'saxes':
      return checkAgreementWithSaxes(api, new TextDecoder().decode(bytes));
    case 'strings':
      return checkStringInput(api, fixture.text);
    default:
      throw new Error(`unknown fuzz property ${fixture.property}`);
  }
}

// --- The properties, as the test and the runner use them ---------------------------------------

const base64 = (bytes) => Buffer.from(bytes).toString('base64');

/**
 * Each: a name, an arbitrary, a check returning problems, and the fixture that replays a failure.
 * @returns {{ title: string, arbitrary: import('fast-check').Arbitrary<any>, check: (value: any) => string[] }[]}
 */
export function fuzzProperties(api, captures) {
  const mutated = mutatedCapture(captures);
  const documentBytes = generatedDocument.map((text) => ({ name: 'generated', bytes: encoder.encode(text) }));
  return [
    {
      name: 'stream',
      title: 'mutated captures through a StreamParser: no exception, bounded time, same events for any chunking',
      arbitrary: withSplits(mutated),
      check: (input) => checkStreamInput(api, input),
      fixture: (input) => ({
        property: 'stream',
        seed: input.name,
        input: base64(input.bytes),
        points: input.points,
        resetAfter: input.resetAfter,
      }),
    },
    {
      name: 'document',
      title: 'mutated captures and generated documents through parse() and a document-mode parser',
      arbitrary: withSplits(fc.oneof(mutated, documentBytes)),
      check: (input) => checkDocumentInput(api, input),
      fixture: (input) => ({ property: 'document', seed: input.name, input: base64(input.bytes), points: input.points }),
    },
    {
      name: 'history',
      title: 'events do not depend on what was parsed before',
      arbitrary: fc.tuple(mutated, fc.oneof(mutated, documentBytes)),
      check: ([input, other]) => checkHistoryIndependence(api, input, other),
      fixture: ([input, other]) => ({
        property: 'history',
        seed: input.name,
        input: base64(input.bytes),
        resetAfter: input.resetAfter,
        other: base64(other.bytes),
      }),
    },
    {
      name: 'strings',
      title:
        'stringprep and PRECIS profiles and parseJid (both profiles) on any string: only their own errors, idempotent, JIDs parse back',
      arbitrary: preparedString,
      check: (text) => checkStringInput(api, text),
      fixture: (text) => ({ property: 'strings', input: '', text }),
    },
    {
      name: 'saxes',
      title: 'agreement with saxes on the well-formedness of generated documents',
      arbitrary: generatedDocument,
      check: (text) => checkAgreementWithSaxes(api, text),
      fixture: (text) => ({ property: 'saxes', input: base64(encoder.encode(text)) }),
    },
  ];
}
