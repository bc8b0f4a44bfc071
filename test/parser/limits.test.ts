// Limits → policy-violation: bytes per stanza, depth, attributes per element, elements per
// stanza, name length. The stanzas before the offending one are delivered, and the error's
// offset does not depend on how the input was chunked.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import {
  BARE_HEADER,
  BARE_START,
  H,
  HEADER,
  at,
  byteLength,
  checkFixture,
  inStream,
  recordChunks,
  runFixtures,
  stanza,
  toBytes,
} from '../helpers/event-log.js';

const policy = (offset: number) => ({ error: 'policy-violation', offset });
/** A message stanza of exactly `bytes` bytes (ASCII). */
const messageOf = (bytes: number) => `<message><body>${'x'.repeat(bytes - 32)}</body></message>`;

describe('maxStanzaBytes', () => {
  // The header's stream element (113 bytes) must fit too.
  const options = { maxStanzaBytes: 120 };
  const exactly120 = messageOf(120);
  const over = messageOf(121);
  runFixtures([
    inStream('a stanza of exactly the limit', exactly120, [stanza(exactly120, H)], { options }),
    inStream(
      'one byte over the limit, after a stanza that fit',
      `<a/>${over}`,
      [stanza('<a/>', H), policy(H + '<a/>'.length + options.maxStanzaBytes)],
      { options },
    ),
    inStream('a long text node: the error is at the first byte beyond the limit', `<a>${'y'.repeat(1000)}</a>`, [policy(H + 120)], {
      options,
    }),
    inStream('a long attribute value', `<a b="${'é'.repeat(100)}"/>`, [policy(H + 120)], { options }),
    inStream('the limit inside a multi-byte character', `<a b="x${'é'.repeat(100)}"/>`, [policy(H + 120)], { options }),
    inStream(
      'whitespace between stanzas does not count',
      `${exactly120}${' '.repeat(200)}${exactly120}`,
      [stanza(exactly120, H), stanza(exactly120, H + byteLength(exactly120 + ' '.repeat(200)))],
      { options },
    ),
    inStream(
      'many small stanzas each within the limit',
      '<a/>'.repeat(50),
      Array.from({ length: 50 }, (_, i) => stanza('<a/>', H + 4 * i)),
      { options },
    ),
    {
      name: 'a stream header over the limit',
      input: HEADER,
      options: { maxStanzaBytes: 100 },
      events: [policy(21 + 100)],
    },
  ]);

  it('the default is 256 KiB', () => {
    const fits = messageOf(256 * 1024);
    const tooBig = messageOf(256 * 1024 + 1);
    checkFixture(inStream('default', fits + tooBig, [stanza(fits, H), policy(H + 2 * 256 * 1024)]), { oneByOne: false, chunkings: 5 });
  });
});

describe('maxDepth (the stream element counts)', () => {
  const options = { maxDepth: 3 };
  runFixtures([
    inStream('a stanza with children at the limit', '<a><b/><b></b></a>', [stanza('<a><b/><b></b></a>', H, '<a><b/><b/></a>')], {
      options,
    }),
    inStream('a grandchild is one level too deep', '<a/><a><b><c/></b></a>', [stanza('<a/>', H), policy(H + 10)], { options }),
  ]);
  it('the default allows 64 levels', () => {
    const nested = (levels: number) => '<a>'.repeat(levels) + '</a>'.repeat(levels);
    const fits = inStream('63 levels in a stanza', nested(63), [stanza(nested(63), H, '<a>'.repeat(62) + '<a/>' + '</a>'.repeat(62))]);
    expect(recordChunks(fits, [toBytes(fits.input)])).toEqual(fits.events);
    const tooDeep = inStream('64 levels in a stanza', nested(64), [policy(H + 3 * 63)]);
    expect(recordChunks(tooDeep, [toBytes(tooDeep.input)])).toEqual(tooDeep.events);
  });
});

describe('maxAttributes (namespace declarations count)', () => {
  const options = { maxAttributes: 2 };
  const oneTooMany = at('<a/><a b="1" c="2" ▼d="3"/>', BARE_HEADER);
  const declarationCounts = at('<a xmlns="u" b="1" ▼c="2"/>', BARE_HEADER);
  const headerCounts = at(HEADER.replace("to='example.com'", "▼to='example.com'"), '');
  runFixtures([
    {
      name: 'attributes at the limit',
      input: BARE_HEADER + '<a b="1" c="2"/>',
      options,
      events: [BARE_START, stanza('<a b="1" c="2"/>', BARE_HEADER.length)],
    },
    {
      name: 'one attribute too many',
      input: BARE_HEADER + oneTooMany.body,
      options,
      events: [BARE_START, stanza('<a/>', BARE_HEADER.length), policy(oneTooMany.offset)],
    },
    {
      name: 'a namespace declaration counts',
      input: BARE_HEADER + declarationCounts.body,
      options,
      events: [BARE_START, policy(declarationCounts.offset)],
    },
    { name: 'the stream header counts too', input: headerCounts.body, options, events: [policy(headerCounts.offset)] },
  ]);
  it('the default allows 64', () => {
    const attrs = (n: number) => Array.from({ length: n }, (_, i) => ` a${i}="${i}"`).join('');
    const ok = `<a${attrs(64)}/>`;
    const tooMany = `<a${attrs(65)}/>`;
    // The 65th attribute of the second element is where the limit is passed.
    const passed = at(ok + `<a${attrs(64)} ▼a64="64"/>`);
    expect(passed.body).toBe(ok + tooMany);
    const fixture = inStream('64', passed.body, [stanza(ok, H), policy(passed.offset)]);
    expect(recordChunks(fixture, [toBytes(fixture.input)])).toEqual(fixture.events);
  });
});

describe('maxElements (per stanza)', () => {
  const options = { maxElements: 3 };
  runFixtures([
    inStream(
      'elements at the limit, in two stanzas',
      '<a><b/><c/></a><a><b><c/></b></a>',
      [stanza('<a><b/><c/></a>', H), stanza('<a><b><c/></b></a>', H + 15)],
      { options },
    ),
    inStream('one element too many', '<a><b/><c/><d/></a>', [policy(H + 11)], { options }),
  ]);
  it('the default allows 10000', () => {
    const stanzaOf = (n: number) => `<a>${'<b/>'.repeat(n - 1)}</a>`;
    const fixture = inStream('10000', stanzaOf(10000) + stanzaOf(10001), []);
    const events = recordChunks(fixture, [toBytes(fixture.input)]);
    expect(events.slice(1).map((e) => ('error' in e ? e : 'element'))).toEqual([
      'element',
      policy(H + stanzaOf(10000).length + 3 + 4 * 9999),
    ]);
  });
});

describe('maxNameLength (bytes, prefix included)', () => {
  const options = { maxNameLength: 13 }; // "stream:stream" is 13 bytes
  runFixtures([
    inStream('names at the limit', '<abcdefghijklm nopqrstuvwxyz="1"/>', [stanza('<abcdefghijklm nopqrstuvwxyz="1"/>', H)], { options }),
    inStream('an element name one byte too long', '<abcdefghijklmn/>', [policy(H + 1)], { options }),
    inStream('an attribute name one byte too long', '<a abcdefghijklmn="1"/>', [policy(H + 3)], { options }),
    inStream('non-ASCII names count bytes', '<éééééé/><éééééééé/>', [stanza('<éééééé/>', H), policy(H + 16)], { options }),
    inStream('a long end tag name', '<a></abcdefghijklmn>', [policy(H + 5)], { options }),
  ]);
  it('the default allows 1024 bytes', () => {
    const ok = `<${'n'.repeat(1024)}/>`;
    const fixture = inStream('1024', ok + `<${'n'.repeat(1025)}/>`, [stanza(ok, H), policy(H + ok.length + 1)]);
    expect(recordChunks(fixture, [toBytes(fixture.input)])).toEqual(fixture.events);
  });
});

describe('limit options', () => {
  // Infinity is the natural way to say "no limit"; each case runs in a child process (on the
  // built package) so that a parser that never returns fails the test instead of hanging it.
  const child = fileURLToPath(new URL('./limit-child.mjs', import.meta.url));
  for (const option of ['maxStanzaBytes', 'maxDepth', 'maxAttributes', 'maxElements', 'maxNameLength']) {
    it(`${option}: Infinity parses normally`, () => {
      const run = spawnSync(process.execPath, [child, option, 'Infinity'], { encoding: 'utf8', timeout: 10_000 });
      expect(run.signal, 'the parser did not return within 10 s').toBeNull();
      expect(run.stderr).toBe('');
      expect(JSON.parse(run.stdout)).toEqual(['<a b="1" c="2"><d/></a>']);
    });
  }

  it('a parser takes the limits its options object holds when it is created, even an object used before', () => {
    const options = { maxDepth: 3 };
    const deep = HEADER + '<a><b><c/></b></a>';
    expect(recordChunks({ input: deep, options }, [toBytes(deep)]).at(-1)).toEqual(policy(H + 6));
    options.maxDepth = 10;
    expect(recordChunks({ input: deep, options }, [toBytes(deep)]).at(-1)).toEqual(stanza('<a><b><c/></b></a>', H));
  });

  it('rejects limits below their minimum, naming the option', () => {
    expect(() => new StreamParser({ maxStanzaBytes: 0 })).toThrow(/^StreamParser: options.maxStanzaBytes must be >= 16, got 0$/);
    expect(() => new StreamParser({ maxDepth: 1 })).toThrow(RangeError);
    expect(() => new StreamParser({ maxElements: -1 })).toThrow(RangeError);
    expect(() => new StreamParser({ maxNameLength: 0 })).toThrow(/options.maxNameLength/);
  });

  it('rejects limits that are not numbers with a TypeError naming the option', () => {
    expect(() => new StreamParser({ maxDepth: 'x' as never })).toThrow(/^StreamParser: options.maxDepth must be a number, got a string$/);
    expect(() => new StreamParser({ maxAttributes: Number.NaN })).toThrow(
      /^StreamParser: options.maxAttributes must be a number, got number NaN$/,
    );
  });
});

describe('maxElements after reset()', () => {
  it('the next stream header is not counted against the last stanza', () => {
    const parser = new StreamParser({ maxElements: 2 });
    const log: string[] = [];
    parser.on('element', (element) => {
      log.push(element.name);
      if (element.name === 'success') parser.reset();
    });
    parser.on('error', (error) => log.push(error.condition));
    parser.write(BARE_HEADER + '<success><a/></success>' + BARE_HEADER + '<iq/>');
    expect(log).toEqual(['success', 'iq']);
  });
});
