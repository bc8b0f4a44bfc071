// The parser's life: after an error nothing more until reset(); reset() for stream restarts,
// also from inside an element listener; end(); offsets across restarts; write() never throws.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StreamParser, StreamError } from '../../bindings/index.js';
import {
  BARE_HEADER,
  H,
  HEADER,
  START,
  STREAMS_NS,
  byteByByte,
  byteLength,
  concatBytes,
  inStream,
  recordChunks,
  recordedParser,
  runFixtures,
  splitAt,
  splitPoints,
  stanza,
  toBytes,
  type LoggedEvent,
} from '../helpers/event-log.js';

const SUCCESS = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
const SUCCESS_EVENT = stanza(SUCCESS, 0, '<success xmlns="urn:ietf:params:xml:ns:xmpp-sasl"/>');

describe('after an error', () => {
  it('nothing more is emitted, whatever is written or ended, until reset()', () => {
    const input = toBytes(HEADER + '<a/><b><!-- x --></b><c/>');
    const { parser, log } = recordedParser(input);
    parser.write(input);
    parser.write('<d/><e/></stream:stream>');
    parser.end('<f/>');
    expect(log).toEqual([START, stanza('<a/>', H), { error: 'restricted-xml', offset: H + 7 }]);
    expect(parser.error).toBeInstanceOf(StreamError);
    expect(parser.error?.condition).toBe('restricted-xml');
  });

  it('an error found by the tree builder also stops the rest of the same write', () => {
    const input = toBytes(HEADER + '<a/><p:b/><c/>');
    const { parser, log } = recordedParser(input);
    parser.write(input);
    parser.write('<d/>');
    expect(log).toEqual([START, stanza('<a/>', H), { error: 'not-well-formed', offset: H + 4 }]);
  });

  it('reset() then parses a new stream', () => {
    const first = HEADER + '<a></b>';
    const input = toBytes(first + HEADER + '<c/>');
    const { parser, log } = recordedParser(input);
    parser.write(first);
    parser.reset();
    expect(parser.error).toBeNull();
    parser.write(HEADER + '<c/>');
    // Offsets after a reset are checked below; here only that the new stream parses.
    expect(log.slice(0, 3)).toEqual([START, { error: 'not-well-formed', offset: H + 3 }, START]);
    expect(log.slice(3)).toMatchObject([{ element: '<c/>' }]);
  });

  it('reset() from an error listener ends that write without parsing its bytes again', () => {
    const input = toBytes(HEADER + '<a/><p:b/><c/>');
    const { parser, log } = recordedParser(input);
    let errors = 0;
    parser.on('error', () => {
      // Guard: without it, a parser that re-parses the window after the reset loops forever.
      if (++errors > 3) throw new Error('the same error was reported again and again');
      parser.reset();
    });
    expect(() => parser.write(input)).not.toThrow();
    expect(log).toEqual([START, stanza('<a/>', H), { error: 'not-well-formed', offset: H + 4 }]);
  });
});

describe('stanza offsets count every byte written, across reset()', () => {
  const cases: [string, string][] = [
    ['between stanzas', HEADER + '<a/>'],
    ['inside a stanza (its bytes are dropped)', HEADER + '<a><b'],
    ['after an error found by the lexer', HEADER + '<a/><!-- x -->'],
    ['after an error found by the tree builder', HEADER + '<a/><p:x/>'],
    ['after an error followed by more bytes in the same write', HEADER + '<a/><p:x/><c/><d/>'],
  ];
  for (const [name, before] of cases) {
    it(name, () => {
      const after = HEADER + '<b/>';
      const input = toBytes(before + after);
      const beforeBytes = toBytes(before);
      fc.assert(
        fc.property(splitPoints(beforeBytes.length), (points) => {
          const { parser, log } = recordedParser(input);
          for (const chunk of splitAt(beforeBytes, points)) parser.write(chunk);
          parser.reset();
          parser.write(after);
          expect(log.at(-1)).toEqual(stanza('<b/>', beforeBytes.length + H));
        }),
        { numRuns: 30 },
      );
    });
  }
});

describe('a write queued by a listener', () => {
  it('comes after the rest of the current write, even when that rest makes the new stream fail', () => {
    const first = HEADER + SUCCESS + '<ignored/>';
    const input = toBytes(first + HEADER + '<b/>');
    const { parser, log } = recordedParser(input);
    parser.on('element', (element) => {
      if (element.name !== 'success') return;
      parser.reset();
      parser.write(HEADER + '<b/>'); // parsed after the rest of this write
    });
    parser.write(first);
    // '<ignored/>' stands where the new stream's header should be: it is the new stream's error.
    expect(log).toEqual([START, { ...SUCCESS_EVENT, offset: H }, { error: 'invalid-namespace', offset: H + SUCCESS.length }]);
  });

  it('comes after the rest of the current write, offsets in that order', () => {
    const input = toBytes(HEADER + SUCCESS + HEADER + '<b/>');
    const { parser, log } = recordedParser(input);
    parser.on('element', (element) => {
      if (element.name !== 'success') return;
      parser.reset();
      parser.write('<b/>');
    });
    parser.write(HEADER + SUCCESS + HEADER);
    expect(log).toEqual([START, { ...SUCCESS_EVENT, offset: H }, START, stanza('<b/>', H + SUCCESS.length + H)]);
  });
});

describe('reset() from inside an element listener (stream restart after SASL success)', () => {
  const second = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>";
  const secondStart: LoggedEvent = {
    start: 'stream:stream',
    attrs: { xmlns: 'jabber:client', 'xmlns:stream': 'http://etherx.jabber.org/streams', version: '1.0' },
  };
  const features = '<stream:features><bind xmlns="urn:ietf:params:xml:ns:xmpp-bind"/></stream:features>';
  const afterSuccess = H + SUCCESS.length;
  runFixtures([
    inStream(
      'the bytes after <success/> in the same write are a new stream',
      SUCCESS + second + features,
      [
        { ...SUCCESS_EVENT, offset: H },
        secondStart,
        // Written with the declaration of the prefix it takes from the header, so it parses alone.
        stanza(
          features,
          afterSuccess + second.length,
          features.replace('<stream:features>', `<stream:features xmlns:stream="${STREAMS_NS}">`),
        ),
      ],
      { resetAfter: 'success' },
    ),
    inStream('without the reset, the second XML declaration is an error', SUCCESS + second, [
      { ...SUCCESS_EVENT, offset: H },
      { error: 'not-well-formed', offset: afterSuccess },
    ]),
    inStream(
      'whitespace between <success/> and the new header',
      SUCCESS + '\n' + second,
      [
        { ...SUCCESS_EVENT, offset: H },
        { error: 'not-well-formed', offset: afterSuccess + 1 },
      ],
      {
        resetAfter: 'success',
      },
    ),
    inStream(
      'a new header without declaration after whitespace',
      SUCCESS + '\n' + second.slice(21) + '<a/>',
      [{ ...SUCCESS_EVENT, offset: H }, secondStart, stanza('<a/>', afterSuccess + 1 + second.length - 21)],
      { resetAfter: 'success' },
    ),
    inStream(
      "the old stream's open elements are forgotten",
      SUCCESS + second + '</stream:stream>',
      [{ ...SUCCESS_EVENT, offset: H }, secondStart, { end: 'stream:stream' }],
      { resetAfter: 'success' },
    ),
    inStream(
      'an error in the new stream is reported at its offset in the input',
      SUCCESS + second + '<a><!-- --></a>',
      [{ ...SUCCESS_EVENT, offset: H }, secondStart, { error: 'restricted-xml', offset: afterSuccess + second.length + 3 }],
      { resetAfter: 'success' },
    ),
  ]);

  it('the header and version are those of the new stream', () => {
    const input = toBytes(HEADER + SUCCESS + second.replace("version='1.0'>", "version='1.5'>"));
    const parser = new StreamParser();
    const versions: unknown[] = [];
    parser.on('start', (header) => versions.push([header.attrs.version, parser.version, parser.header === header]));
    parser.on('element', (element) => {
      if (element.name === 'success') parser.reset();
    });
    parser.write(input);
    expect(versions).toEqual([
      ['1.0', { major: 1, minor: 0 }, true],
      ['1.5', { major: 1, minor: 5 }, true],
    ]);
  });
});

describe('reset() between writes', () => {
  it('the rest of a token cut by the write boundary belongs to the new stream', () => {
    const second = HEADER + '<a/>';
    const input = concatBytes(HEADER, SUCCESS, second);
    const { parser, log } = recordedParser(input);
    // Ends inside the new declaration, before the old stream could tell it is one.
    parser.write(HEADER + SUCCESS + second.slice(0, 4));
    parser.reset();
    parser.write(second.slice(4));
    expect(log).toEqual([START, { ...SUCCESS_EVENT, offset: H }, START, stanza('<a/>', H + SUCCESS.length + H)]);
  });

  it('clears header, version and error', () => {
    const parser = new StreamParser();
    expect(() => parser.write(HEADER + '<a></b>')).toThrow(StreamError);
    expect([parser.header?.name, parser.version, parser.error?.condition]).toEqual([
      'stream:stream',
      { major: 1, minor: 0 },
      'not-well-formed',
    ]);
    parser.reset();
    expect([parser.header, parser.version, parser.error]).toEqual([null, null, null]);
  });
});

describe('reset() from an end listener', () => {
  it('the bytes after </stream:stream> in the same write are a new stream', () => {
    const firstStream = HEADER + '<a/></stream:stream>';
    const input = toBytes(firstStream + HEADER + '<b/>');
    const { parser, log } = recordedParser(input);
    parser.on('end', () => parser.reset());
    parser.write(input);
    expect(log).toEqual([START, stanza('<a/>', H), { end: 'stream:stream' }, START, stanza('<b/>', byteLength(firstStream + HEADER))]);
  });
});

describe('empty writes', () => {
  it('change nothing, before, inside and after a stanza', () => {
    const input = toBytes(HEADER + '<a>x</a>');
    const { parser, log } = recordedParser(input);
    parser.write('');
    parser.write(new Uint8Array(0));
    parser.write(HEADER + '<a>');
    parser.write('');
    parser.write('x</a>');
    parser.write(new Uint8Array(0));
    expect(log).toEqual([START, stanza('<a>x</a>', H)]);
    expect(parser.error).toBeNull();
  });
});

describe('end()', () => {
  runFixtures([
    inStream('inside a tag between stanzas', '<a/><', [stanza('<a/>', H), { error: 'not-well-formed', offset: H + 4 }]),
    inStream('inside the closing tag of the stream', '</stream:str', [{ error: 'not-well-formed', offset: H }]),
    inStream('at the top level of an open stream is fine', '<a/>', [stanza('<a/>', H)]),
    inStream('inside a start tag', '<a b="1"', [{ error: 'not-well-formed', offset: H }]),
    inStream('inside a stanza after its start tag', '<a><b/>', [{ error: 'not-well-formed', offset: H + 7 }]),
    { name: 'inside the stream header', input: HEADER.slice(0, 40), events: [{ error: 'not-well-formed', offset: 21 }] },
  ]);

  it('ignores what is written afterwards', () => {
    const input = toBytes(HEADER + '<a/>');
    const { parser, log } = recordedParser(input);
    parser.end(input);
    parser.write('<b/>');
    parser.end('<c/>');
    expect(log).toEqual([START, stanza('<a/>', H)]);
  });

  // end() used to mark the parser ended after the listener's reset(): later writes were dropped.
  it.each([
    ['in the chunk given to end()', (parser: StreamParser) => parser.end(HEADER + '<a><b/>')],
    [
      'with no chunk',
      (parser: StreamParser) => {
        parser.write(HEADER + '<a><b/>');
        parser.end();
      },
    ],
  ])('a reset() from the error listener of the end of input (%s) opens a new stream', (_, endInsideAStanza) => {
    const parser = new StreamParser();
    const events: string[] = [];
    parser.on('element', (stanza) => events.push(stanza.name));
    parser.on('error', (error) => {
      events.push(error.condition);
      parser.reset();
    });
    endInsideAStanza(parser);
    parser.write(HEADER + '<c/>');
    expect(events).toEqual(['not-well-formed', 'c']);
    expect(parser.header?.name).toBe('stream:stream');
  });

  it('a string chunk is encoded as UTF-8', () => {
    const { parser, log } = recordedParser(toBytes(HEADER + '<a>é</a>'));
    parser.end(HEADER + '<a>é</a>');
    expect(log).toEqual([START, stanza('<a>é</a>', H)]);
  });
});

describe('source.bytes()', () => {
  it('is only available while the element listener runs', () => {
    const parser = new StreamParser();
    const kept: { bytes(): Uint8Array }[] = [];
    parser.on('element', (_, source) => {
      kept.push(source);
    });
    parser.write(HEADER + '<a/>');
    expect(kept).toHaveLength(1);
    expect(() => kept[0]!.bytes()).toThrow();
  });
});

// Pieces of XMPP and of broken XML, so random inputs reach deep parser states.
const piece = fc.oneof(
  fc.constantFrom(
    HEADER,
    '<a>',
    '</a>',
    '<b x="1">',
    '</b>',
    '<c/>',
    '<p:d xmlns:p="u">',
    '</p:d>',
    'text',
    ' ',
    '\r\n',
    '&amp;',
    '&#x1F600;',
    '&#0;',
    '&bogus;',
    '<![CDATA[',
    ']]>',
    ']]',
    '<!--',
    '<?pi?>',
    "<?xml version='1.0'?>",
    '</stream:stream>',
    SUCCESS,
    'é',
    '😀',
    '\uFFFE',
    '<',
    '>',
    '"',
    '=',
  ),
  fc.uint8Array({ maxLength: 4 }),
  fc.string({ maxLength: 4 }),
);
const anyInput = fc.array(piece, { maxLength: 30 }).map((pieces) => concatBytes(...pieces));
/** An input with a random chunking of it. */
const chunkedInput = anyInput.chain((input) => fc.tuple(fc.constant(input), splitPoints(input.length)));
const tinyLimits = fc.record({
  maxStanzaBytes: fc.integer({ min: 16, max: 200 }),
  maxDepth: fc.integer({ min: 2, max: 6 }),
  maxAttributes: fc.integer({ min: 1, max: 4 }),
  maxElements: fc.integer({ min: 1, max: 8 }),
  maxNameLength: fc.integer({ min: 1, max: 16 }),
});

describe('any input', () => {
  it('write() and end() never throw, at most one error is emitted and nothing after it', () => {
    fc.assert(
      fc.property(chunkedInput, fc.option(tinyLimits, { nil: undefined }), ([input, points], options) => {
        const log = recordChunks({ input, options, resetAfter: 'success' }, splitAt(input, points));
        expect(log.filter((e) => 'thrown' in e)).toEqual([]);
        const errorAt = log.findIndex((e) => 'error' in e);
        if (errorAt >= 0) expect(errorAt).toBe(log.length - 1);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same events in one write, byte by byte and in random chunks', () => {
    fc.assert(
      fc.property(chunkedInput, fc.option(tinyLimits, { nil: undefined }), ([input, points], options) => {
        const fixture = { input, options, resetAfter: 'success' };
        const whole = recordChunks(fixture, [input]);
        expect(recordChunks(fixture, byteByByte(input))).toEqual(whole);
        expect(recordChunks(fixture, splitAt(input, points))).toEqual(whole);
      }),
      { numRuns: 300 },
    );
  });
});

describe('source.bytes() after reset() in its listener', () => {
  it('is whole for a stanza that spans writes', () => {
    const parser = new StreamParser();
    const seen: string[] = [];
    parser.on('element', (_element, source) => {
      parser.reset();
      seen.push(new TextDecoder().decode(source.bytes()), String(source.length));
    });
    parser.write(BARE_HEADER + "<success xmlns='urn:x'>ab");
    parser.write('cd</success>');
    expect(seen).toEqual(["<success xmlns='urn:x'>abcd</success>", '37']);
  });
});

describe('write() input types', () => {
  it('takes the bytes of any ArrayBufferView or ArrayBuffer, not their elements', () => {
    const parser = new StreamParser();
    const names: string[] = [];
    parser.on('element', (element) => names.push(element.name));
    const bytes = toBytes(BARE_HEADER + '<a/><bb/>');
    const padded = new Uint8Array(bytes.length + 2);
    padded.set(bytes, 2);
    parser.write(new DataView(padded.buffer, 2, bytes.length - 5));
    parser.write(bytes.slice(bytes.length - 5).buffer);
    expect(names).toEqual(['a', 'bb']);
  });
});
