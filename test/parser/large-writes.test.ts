// Writes larger than one lexer window (64 KiB): characters, references and tags straddling the
// window boundary inside one write, errors and stanzas far into a write, long keepalive runs.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { Engine } from '../../bindings/parser/engine.js';
import {
  BARE_HEADER,
  H,
  HEADER,
  START,
  at,
  byteLength,
  concatBytes,
  inStream,
  rawBytes,
  recordChunks,
  runFixtures,
  stanza,
  toBytes,
  type Fixture,
} from '../helpers/event-log.js';

const WINDOW = 64 * 1024;
const big = { maxStanzaBytes: 1 << 20 };

/** One write, and the same input in 1000-byte and 65537-byte pieces, give `events`. */
function expectEvents(fixture: Fixture): void {
  const bytes = toBytes(fixture.input);
  const pieces = (size: number) =>
    Array.from({ length: Math.ceil(bytes.length / size) }, (_, i) => bytes.subarray(i * size, (i + 1) * size));
  expect(recordChunks(fixture, [bytes]), 'one write').toEqual(fixture.events);
  expect(recordChunks(fixture, pieces(1000)), '1000-byte writes').toEqual(fixture.events);
  expect(recordChunks(fixture, pieces(WINDOW + 1)), '65537-byte writes').toEqual(fixture.events);
}

describe('a token across the window boundary inside one write', () => {
  // Each token and how the stanza holding it serializes.
  const tokens: [string, string][] = [
    ['é', 'é'],
    ['€', '€'],
    ['😀', '😀'],
    ['&amp;', '&amp;'],
    ['&#x1F600;', '😀'],
    ['<b/>', '<b/>'],
    ['\r\n', '\n'],
    [']]', ']]'],
    ['<![CDATA[<&\r\n]]>', '&lt;&amp;\n'],
  ];
  for (const [token, serialized] of tokens) {
    it(`${JSON.stringify(token)} at every position around 64 KiB`, () => {
      for (let shift = -5; shift <= 1; shift++) {
        const before = 'x'.repeat(WINDOW - H - 3 + shift);
        const source = `<a>${before}${token}y</a>`;
        expectEvents({
          name: token,
          input: HEADER + source + '<c/>',
          options: big,
          events: [START, stanza(source, H, `<a>${before}${serialized}y</a>`), stanza('<c/>', H + byteLength(source))],
        });
      }
    });
  }
  it('an attribute value across the boundary', () => {
    const value = 'v'.repeat(WINDOW);
    const source = `<a x="${value}é"/>`;
    expectEvents({ name: 'value', input: HEADER + source, options: big, events: [START, stanza(source, H)] });
  });
  // Past 64 KiB a segment's strings are decoded one by one rather than as one text.
  it.each([
    ['ASCII', 'v'],
    ['non-ASCII', 'é€😀v'],
  ])('a %s start tag larger than a window, then text', (_, unit) => {
    const attributes = Array.from({ length: 40 }, (_, i) => ` x${i}="${unit.repeat(Math.ceil(2000 / unit.length))}${i}"`).join('');
    const source = `<a${attributes}>text ${unit}<b c="${unit}"/></a>`;
    expectEvents({ name: 'tag', input: HEADER + source, options: big, events: [START, stanza(source, H)] });
  });
});

describe('long tokens fed in small writes', () => {
  // A token longer than many writes is carried from write to write; what it holds must still
  // be checked, counted against the limits and reported at the same offset.
  const longValue = 'x'.repeat(5000);
  const illegal = at(`<a v="${longValue}▼\x01"/>`);
  const beforeBadUtf8 = `<a v="${longValue}`;
  const multiByte = `<a v="${'é€😀'.repeat(500)}"/>`;
  runFixtures([
    inStream('an illegal character at the end of a long attribute value', illegal.body, [
      { error: 'not-well-formed', offset: illegal.offset },
    ]),
    inStream('invalid UTF-8 in a long attribute value', concatBytes(beforeBadUtf8, rawBytes('\xC3\x28'), '"/>'), [
      { error: 'unsupported-encoding', offset: H + byteLength(beforeBadUtf8) },
    ]),
    inStream('a long attribute value over the stanza limit', `<a v="${longValue}"/>`, [{ error: 'policy-violation', offset: H + 1000 }], {
      options: { maxStanzaBytes: 1000 },
    }),
    inStream('a long name over the name limit', `<${'n'.repeat(3000)}/>`, [{ error: 'policy-violation', offset: H + 1 }]),
    inStream('a long value with multi-byte characters, then more stanzas', `${multiByte}<b/>`, [
      stanza(multiByte, H),
      stanza('<b/>', H + byteLength(multiByte)),
    ]),
  ]);
});

describe('far into a write', () => {
  it('an error 100 000 bytes into a stanza', () => {
    const illegal = at(`<a>${'x'.repeat(100_000)}▼\x01</a>`);
    expectEvents({
      name: 'error',
      input: HEADER + illegal.body,
      options: big,
      events: [START, { error: 'not-well-formed', offset: illegal.offset }],
    });
  });
  it('stanzas after 200 000 bytes of keepalive whitespace', () => {
    const spaces = ' \n\t'.repeat(70_000);
    expectEvents({
      name: 'keepalives',
      input: HEADER + '<a/>' + spaces + '<b/>',
      events: [START, stanza('<a/>', H), stanza('<b/>', H + 4 + spaces.length)],
    });
  });
  it('a thousand stanzas in one 150 KB write', () => {
    const one = `<message><body>${'é'.repeat(70)}</body></message>`;
    const events = [START, ...Array.from({ length: 1000 }, (_, i) => stanza(one, H + i * byteLength(one)))];
    expectEvents({ name: 'many', input: HEADER + one.repeat(1000), events });
  });
});

describe('a long start tag dripped one byte per write', () => {
  afterEach(() => vi.restoreAllMocks());

  it('is lexed a few times outside its values, not once per byte', () => {
    const parser = new StreamParser();
    const stanzas: string[] = [];
    parser.on('element', (element) => stanzas.push(element.name));
    parser.write(BARE_HEADER + "<message a='" + 'v'.repeat(2000) + "'");
    const lex = vi.spyOn(Engine.prototype, 'lex');
    const rest = Array.from({ length: 20 }, (_, i) => ` n${'x'.repeat(300)}${i}='1'`).join('') + '/>';
    for (const byte of toBytes(rest)) parser.write(Uint8Array.of(byte));
    expect(stanzas).toEqual(['message']);
    // One re-lex per closing quote (20 values) and one for the final '>', not one per byte (6,000+).
    expect(lex.mock.calls.length).toBeLessThan(100);
  });
});
