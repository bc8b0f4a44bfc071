// No input costs more lexer work than its size warrants, however it is split into writes: the
// engine counts the bytes it lexes, and the namespace scopes the declarations they look at.
// Each byte is lexed at most twice, plus at most a short carry again per write (a token shorter
// than CARRY_LEXED_AGAIN is lexed anew when it gains bytes); a prefix costs a few lookups.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { bytesLexed } from '../../bindings/parser/engine.js';
import { CARRY_LEXED_AGAIN } from '../../bindings/parser/lexer-state.js';
import { prefixLookups } from '../../bindings/parser/namespaces.js';
import { HEADER, type LoggedEvent, byteByByte, recordInto, toBytes } from '../helpers/event-log.js';

/** The most bytes a stream of `written` bytes in `writes` writes may cost the lexer. */
const workBound = (written: number, writes: number): number => 2 * written + CARRY_LEXED_AGAIN * writes;

/** `bytes` in writes of `size` (1: byte by byte). */
function writesOf(bytes: Uint8Array, size: number): Uint8Array[] {
  if (size === 1) return byteByByte(bytes);
  const writes: Uint8Array[] = [];
  for (let at = 0; at < bytes.length; at += size) writes.push(bytes.subarray(at, at + size));
  return writes;
}

/** Feeds HEADER then `writes` to a new parser: the events, and the bytes the lexer handled. */
function lexed(writes: readonly Uint8Array[]): { events: LoggedEvent[]; work: number; written: number } {
  const header = toBytes(HEADER);
  const input = new Uint8Array(header.length + writes.reduce((n, w) => n + w.length, 0));
  input.set(header);
  let at = header.length;
  for (const w of writes) {
    input.set(w, at);
    at += w.length;
  }
  const parser = new StreamParser();
  const events: LoggedEvent[] = [];
  recordInto(parser, input, events);
  parser.write(header);
  const before = bytesLexed();
  for (const w of writes) parser.write(w);
  parser.end();
  return { events, work: bytesLexed() - before, written: input.length - header.length };
}

const KIB = 1024;
const zeros = (n: number) => '0'.repeat(n);

// The shapes that cost quadratic work (bytes lexed again for every write) or a scan per name.
const shapes: [string, string, number][] = [
  ['a character reference with 16 KiB of leading zeros in text', `<m><b>&#${zeros(16 * KIB)}65;</b></m>`, 1],
  ['the same, a whole stanza of zeros in 16 KiB writes', `<m><b>&#${zeros(250 * KIB)}65;</b></m>`, 16 * KIB],
  ['a character reference with 16 KiB of leading zeros in an attribute value', `<m a="&#${zeros(16 * KIB)}65;"/>`, 1],
  ['a 16 KiB CDATA section of ]', `<m><![CDATA[${']'.repeat(16 * KIB)}]]></m>`, 1],
  ['elements with 1,000-byte names', `<m>${`<${'n'.repeat(1000)}/>`.repeat(16)}</m>`, 1],
  [
    '63 attributes of 4,000 bytes, values holding > and the other quote',
    `<m${Array.from({ length: 63 }, (_, i) => ` a${i}="${"x>'".repeat(1333)}"`).join('')}/>`,
    16 * KIB,
  ],
  // 256 KiB (the default stanza limit) one byte per write: an unfinished start tag was once lexed
  // again from its '<' on every write (a minute of CPU for this value).
  ['a 256 KiB text node', `<m><b>${'x'.repeat(256 * KIB - 64)}</b></m>`, 1],
  ['a 256 KiB attribute value', `<m id="${'x'.repeat(256 * KIB - 64)}"/>`, 1],
  ['the same, byte by byte', `<m${Array.from({ length: 16 }, (_, i) => ` a${i}="${"x>'".repeat(300)}"`).join('')}/>`, 1],
];

describe('bytes lexed per byte written', () => {
  it.each(shapes)('%s', (_, body, size) => {
    const writes = writesOf(toBytes(body), size);
    const { events, work, written } = lexed(writes);
    expect(events.filter((e) => 'error' in e)).toEqual([]);
    expect(events.filter((e) => 'element' in e)).toHaveLength(1);
    expect(work).toBeGreaterThanOrEqual(written);
    expect(work).toBeLessThanOrEqual(workBound(written, writes.length));
  });

  it('a stream header and an XML declaration dripped byte by byte', () => {
    const declaration = `<?xml version='1.0'${' '.repeat(8 * KIB)}?>`;
    const header = HEADER.slice(HEADER.indexOf('?>') + 2).replace("version='1.0'>", `version='1.0' id='${'i'.repeat(8 * KIB)}'>`);
    const bytes = toBytes(declaration + header + '<m/>');
    const parser = new StreamParser();
    const names: string[] = [];
    parser.on('start', (h) => names.push(h.name));
    parser.on('element', (e) => names.push(e.name));
    parser.on('error', (error) => names.push(error.condition));
    const before = bytesLexed();
    for (const w of byteByByte(bytes)) parser.write(w);
    expect(names).toEqual(['stream:stream', 'm']);
    expect(bytesLexed() - before).toBeLessThanOrEqual(workBound(bytes.length, bytes.length));
  });
});

describe('prefix lookups per name', () => {
  it('a stanza of 62 levels × 63 declarations, then names in the oldest prefix: a lookup or two each', () => {
    const prefix = (level: number, i: number) => `p${String(level).padStart(6, '0')}${String(i).padStart(7, '0')}`;
    let open = '';
    let close = '';
    for (let level = 0; level < 62; level++) {
      const name = level === 0 ? 'm' : `l${level}`;
      open += `<${name}${Array.from({ length: 63 }, (_, i) => ` xmlns:${prefix(level, i)}="u${i}"`).join('')}>`;
      close = `</${name}>${close}`;
    }
    const names = 2000;
    const parser = new StreamParser();
    let stanza: { getChildren(name: string): unknown[] } | null = null;
    parser.on('element', (e) => (stanza = e));
    parser.on('error', (error) => {
      throw error;
    });
    parser.write(HEADER);
    const before = prefixLookups();
    parser.write(open + `<${prefix(0, 0)}:e/>`.repeat(names) + close);
    expect(stanza).not.toBeNull();
    // One per prefixed name, and a few while the declarations are entered.
    expect(prefixLookups() - before).toBeLessThanOrEqual(2 * names);
  });

  it('a few declarations are found by a scan of at most as many', () => {
    const parser = new StreamParser();
    parser.write(HEADER);
    const before = prefixLookups();
    parser.write(`<m xmlns:a="u1" xmlns:b="u2" xmlns:c="u3">${'<a:x/>'.repeat(100)}</m>`);
    expect(prefixLookups() - before).toBeLessThanOrEqual(3 * 100);
  });
});

// ---------------------------------------------------------------- generated hostile input

const SEGMENT = 2 * KIB;

/** Long tokens of every kind, each of a generated length, some with an error inside. */
const hostileToken: fc.Arbitrary<string> = fc.oneof(
  fc.nat(SEGMENT).map((n) => `<b>&#${zeros(n)}65;</b>`),
  fc.nat(SEGMENT).map((n) => `<b>&#x${zeros(n)}41;</b>`),
  fc.nat(SEGMENT).map((n) => `<b a='&#${zeros(n)}65;'/>`),
  fc.nat(SEGMENT).map((n) => `<b a="${'>'.repeat(n)}" c='${'"'.repeat(n)}'/>`),
  fc.nat(SEGMENT).map((n) => `<b><![CDATA[${']'.repeat(n)}]]></b>`),
  fc.nat(SEGMENT).map((n) => `<b>${'x\r\n'.repeat(n)}</b>`),
  fc.integer({ min: 1, max: 1000 }).map((n) => `<${'n'.repeat(n)}></${'n'.repeat(n)}>`),
  fc.nat(SEGMENT).map((n) => `<b>&#${zeros(n)}6x5;</b>`), // not a digit: not-well-formed
  fc.nat(SEGMENT).map((n) => `<b a="${'v'.repeat(n)}<"/>`), // '<' in a value
);

/** Write sizes: byte by byte, or generated sizes used in turn. */
const writeSizes: fc.Arbitrary<number[]> = fc.oneof(
  fc.constant<number[]>([1]),
  fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
);

function splitBySizes(bytes: Uint8Array, sizes: readonly number[]): Uint8Array[] {
  const writes: Uint8Array[] = [];
  for (let at = 0, i = 0; at < bytes.length; i++) {
    const size = sizes[i % sizes.length]!;
    writes.push(bytes.subarray(at, at + size));
    at += size;
  }
  return writes;
}

describe('generated hostile streams, generated writes', () => {
  it('cost at most twice their bytes plus a short carry per write, with the events of one write', () => {
    fc.assert(
      fc.property(fc.array(hostileToken, { minLength: 1, maxLength: 4 }), writeSizes, (tokens, sizes) => {
        const bytes = toBytes(`<m>${tokens.join('')}</m>`);
        const writes = splitBySizes(bytes, sizes);
        const { events, work, written } = lexed(writes);
        expect(work).toBeLessThanOrEqual(workBound(written, writes.length));
        expect(events).toEqual(lexed([bytes]).events);
      }),
      { numRuns: 60 },
    );
  });
});
