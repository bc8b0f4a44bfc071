// All parsers share one lexer engine: a listener may write into another parser (or its own),
// writes to many parsers interleave, and one parser's errors must not leak into another.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StreamParser } from '../../bindings/index.js';
import {
  H,
  HEADER,
  START,
  byteLength,
  recordChunks,
  recordInto,
  recordedParser,
  sameBytes,
  splitAt,
  splitPoints,
  stanza,
  toBytes,
  type LoggedEvent,
} from '../helpers/event-log.js';

describe('a listener writing into another parser', () => {
  it('both parsers get their own events, and the outer source bytes survive the inner write', () => {
    // A 200 KB attribute value is one token, larger than the engine's initial input buffer.
    const big = `<m v="${'ü'.repeat(100_000)}"/>`;
    const inner = recordedParser(HEADER + big + '<n/>');
    const outerInput = HEADER + '<a x="1">é</a><b/>';
    const outer = recordedParser(outerInput);
    const outerBytes: boolean[] = [];
    outer.parser.on('element', (element, source) => {
      if (element.name === 'a') {
        const before = source.bytes().slice();
        inner.parser.write(HEADER + big + '<n/>');
        outerBytes.push(sameBytes(source.bytes(), before));
      }
    });
    outer.parser.write(outerInput);
    expect(outerBytes).toEqual([true]);
    expect(outer.log).toEqual([START, stanza('<a x="1">é</a>', H), stanza('<b/>', H + byteLength('<a x="1">é</a>'))]);
    expect(inner.log).toEqual([START, stanza(big, H), stanza('<n/>', H + byteLength(big))]);
  });

  it('three levels deep, each writing byte by byte', () => {
    const third = recordedParser(HEADER + '<z/>');
    const second = recordedParser(HEADER + '<y>2</y>');
    const first = recordedParser(HEADER + '<x>1</x>');
    const writeBytes = (parser: StreamParser, text: string) => {
      for (const byte of toBytes(text)) parser.write(Uint8Array.of(byte));
    };
    second.parser.on('element', () => writeBytes(third.parser, HEADER + '<z/>'));
    first.parser.on('element', () => writeBytes(second.parser, HEADER + '<y>2</y>'));
    writeBytes(first.parser, HEADER + '<x>1</x>');
    expect(first.log).toEqual([START, stanza('<x>1</x>', H)]);
    expect(second.log).toEqual([START, stanza('<y>2</y>', H)]);
    expect(third.log).toEqual([START, stanza('<z/>', H)]);
  });

  it('a listener writing into its own parser: the write is parsed after the current one', () => {
    const input = HEADER + '<a/><b/>' + '<c/>';
    const { parser, log } = recordedParser(input);
    parser.on('element', (element) => {
      if (element.name === 'a') parser.write('<c/>');
    });
    parser.write(HEADER + '<a/><b/>');
    expect(log).toEqual([START, stanza('<a/>', H), stanza('<b/>', H + 4), stanza('<c/>', H + 8)]);
  });
});

describe('one parser does not disturb another', () => {
  it('an error that stops a parser in the middle of a write leaves the next parser intact', () => {
    const failing = new StreamParser();
    // The tree builder stops at <p:b/>; with no error listener, write() throws the error.
    expect(() => failing.write(HEADER + '<p:b/><c/><d e="f"/>')).toThrow(/undeclared namespace prefix/);
    const { parser, log } = recordedParser(HEADER + '<c/><d e="f"/>');
    parser.write(HEADER);
    parser.write('<c/><d e="f"/>');
    expect(log).toEqual([START, stanza('<c/>', H), stanza('<d e="f"/>', H + 4)]);
  });

  it('a reset() from a listener in the middle of a write leaves the next parser intact', () => {
    const restarting = new StreamParser();
    restarting.on('element', () => restarting.reset());
    restarting.write(HEADER + "<success/><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><q r='s'/>");
    const { parser, log } = recordedParser(HEADER + "<q r='s'/>");
    parser.write(HEADER);
    parser.write("<q r='s'/>");
    expect(log).toEqual([START, stanza("<q r='s'/>", H, '<q r="s"/>')]);
  });

  // Streams with repeated names and values (what a lexer may cache), errors, restarts.
  const streams = [
    HEADER + '<message to="a" type="chat"><body>é</body></message><presence/><message to="a"/>',
    HEADER + '<presence/><p:x/><message/><fresh k="v"/>',
    HEADER + "<success/><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><message type='chat'/>",
    HEADER + '<iq type="get"><query xmlns="jabber:iq:roster"/></iq><iq type="get" type="x"/>',
    HEADER + '<message><body>x</body></message><!-- --><presence/>',
    HEADER + '<a><b><c/></b></a><fresh k="v"/></stream:stream>',
  ];
  const solo = (input: string) => recordChunks({ input, resetAfter: 'success' }, [toBytes(input)]);

  it('writes to several parsers, interleaved in any order and chunking, give each its solo events', () => {
    const chunked = fc.tuple(...streams.map((s) => splitPoints(toBytes(s).length)));
    const schedule = fc.array(fc.nat(streams.length - 1), { minLength: 50, maxLength: 200 });
    fc.assert(
      fc.property(chunked, schedule, (pointsPerStream, order) => {
        const parsers = streams.map((input) => {
          const parser = new StreamParser();
          const log: LoggedEvent[] = [];
          recordInto(parser, toBytes(input), log, 'success');
          return { parser, log };
        });
        const pending = streams.map((input, i) => splitAt(toBytes(input), pointsPerStream[i]!));
        for (const i of order) {
          const chunk = pending[i]!.shift();
          if (chunk) parsers[i]!.parser.write(chunk);
        }
        pending.forEach((chunks, i) => {
          for (const chunk of chunks) parsers[i]!.parser.write(chunk);
        });
        parsers.forEach(({ log }, i) => {
          expect(log, streams[i]).toEqual(solo(streams[i]!));
        });
      }),
      { numRuns: 60 },
    );
  });
});
