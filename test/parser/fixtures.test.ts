// The event-log fixture runner on ordinary streams, with the inputs that chunk boundaries can
// break: multi-byte UTF-8, references, CDATA, CR LF and ']]>' split across writes.
import { describe, expect, it } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import {
  BARE_HEADER,
  BARE_START,
  H,
  HEADER,
  START,
  byteByByte,
  checkFixture,
  inStream,
  recordChunks,
  runFixtures,
  stanza,
  toBytes,
  type LoggedEvent,
} from '../helpers/event-log.js';

describe('a whole stream', () => {
  const message = '<message to="bob@example.com" type="chat"><body>hi</body></message>';
  const keepalive = ' \n\t ';
  runFixtures([
    {
      name: 'header, stanzas with keepalive whitespace between them, close',
      input: HEADER + message + keepalive + '<presence/></stream:stream>',
      events: [START, stanza(message, H), stanza('<presence/>', H + message.length + keepalive.length), { end: 'stream:stream' }],
    },
    {
      name: 'a header without XML declaration',
      input: BARE_HEADER + '<a/>',
      events: [BARE_START, stanza('<a/>', BARE_HEADER.length)],
    },
    {
      name: 'xml:lang on the header is kept',
      input: BARE_HEADER.replace('<stream:stream', "<stream:stream xml:lang='en'"),
      events: [{ start: 'stream:stream', attrs: { 'xml:lang': 'en', ...BARE_START.attrs } }],
    },
    inStream('nested children, " />" and single quotes', "<iq type='get' id='1'><query xmlns='jabber:iq:roster' /></iq>", [
      stanza(
        "<iq type='get' id='1'><query xmlns='jabber:iq:roster' /></iq>",
        H,
        '<iq type="get" id="1"><query xmlns="jabber:iq:roster"/></iq>',
      ),
    ]),
    inStream('whitespace after the closing tag is fine', '</stream:stream> \r\n', [{ end: 'stream:stream' }]),
    inStream('nothing is emitted for a stanza that has not ended', '<message><body>hel', [], { end: false }),
    inStream('the input ends inside a stanza', '<message><body>hel', [{ error: 'not-well-formed', offset: H + 18 }]),
    inStream('the input ends between stanzas: no error', '<a/> ', [stanza('<a/>', H)]),
  ]);
});

describe('multi-byte UTF-8 split across writes', () => {
  runFixtures([
    inStream('2-, 3- and 4-byte characters in text', '<body>é€😀</body>', [stanza('<body>é€😀</body>', H)]),
    inStream('in an attribute value', '<a v="ü€😀"/>', [stanza('<a v="ü€😀"/>', H)]),
    inStream('in element and attribute names', '<сообщение 名前="x">y</сообщение>', [stanza('<сообщение 名前="x">y</сообщение>', H)]),
    inStream('right-to-left text and a combining mark', '<body>שלום e\u0301</body>', [stanza('<body>שלום e\u0301</body>', H)]),
    inStream("characters at the very end of a stanza's text", '<a>😀</a><b>€</b>', [stanza('<a>😀</a>', H), stanza('<b>€</b>', H + 11)]),
  ]);
});

describe('references split across writes', () => {
  runFixtures([
    inStream('the five predefined entities in text', '<a>&lt;&gt;&amp;&quot;&apos;</a>', [
      stanza('<a>&lt;&gt;&amp;&quot;&apos;</a>', H, `<a>&lt;&gt;&amp;"'</a>`),
    ]),
    inStream('the five predefined entities in an attribute', '<a v="&lt;&gt;&amp;&quot;&apos;"/>', [
      stanza('<a v="&lt;&gt;&amp;&quot;&apos;"/>', H),
    ]),
    inStream('decimal and hexadecimal character references', '<a v="&#65;&#x42;">&#x1F600;&#233;&#X41;</a>', [
      { error: 'not-well-formed', offset: H + 34 }, // '&#X' is not a reference: the x is lower case
    ]),
    inStream('character references decode to the characters', '<a v="&#65;&#x42;&#x00043;">&#x1F600;&#233;&#0000065;</a>', [
      stanza('<a v="&#65;&#x42;&#x00043;">&#x1F600;&#233;&#0000065;</a>', H, '<a v="ABC">😀éA</a>'),
    ]),
    inStream('references between text and markup', '<a>x&amp;<b/>&#60;y</a>', [
      stanza('<a>x&amp;<b/>&#60;y</a>', H, '<a>x&amp;<b/>&lt;y</a>'),
    ]),
  ]);
});

describe('CDATA split across writes', () => {
  runFixtures([
    inStream('CDATA is text; markup characters inside stay literal', '<a><![CDATA[<b>&amp;</b>]]></a>', [
      stanza('<a><![CDATA[<b>&amp;</b>]]></a>', H, '<a>&lt;b&gt;&amp;amp;&lt;/b&gt;</a>'),
    ]),
    inStream('CDATA next to text is one string', '<a>x<![CDATA[y]]>z</a>', [stanza('<a>x<![CDATA[y]]>z</a>', H, '<a>xyz</a>')]),
    inStream('brackets inside CDATA, also right before its end', '<a><![CDATA[]] ]>]]]]></a>', [
      stanza('<a><![CDATA[]] ]>]]]]></a>', H, '<a>]] ]&gt;]]</a>'),
    ]),
    inStream('an empty CDATA section', '<a><![CDATA[]]></a>', [stanza('<a><![CDATA[]]></a>', H, '<a/>')]),
    inStream('multi-byte characters in CDATA', '<a><![CDATA[€😀]]></a>', [stanza('<a><![CDATA[€😀]]></a>', H, '<a>€😀</a>')]),
    inStream('CR LF in CDATA becomes LF', '<a><![CDATA[x\r\ny\rz]]></a>', [stanza('<a><![CDATA[x\r\ny\rz]]></a>', H, '<a>x\ny\nz</a>')]),
  ]);
  it('a CDATA section as one string child', () => {
    const parser = new StreamParser();
    const texts: unknown[] = [];
    parser.on('element', (element) => texts.push(element.children));
    parser.write(HEADER + '<a>x<![CDATA[y]]>z</a>');
    expect(texts).toEqual([['xyz']]);
  });
});

describe("CR LF and ']]>' split across writes", () => {
  runFixtures([
    inStream('CR LF and lone CR in text become LF', '<a>x\r\ny\rz\n</a>', [stanza('<a>x\r\ny\rz\n</a>', H, '<a>x\ny\nz\n</a>')]),
    inStream('CR LF at the very end of text', '<a>x\r\n</a><b>\r</b>', [
      stanza('<a>x\r\n</a>', H, '<a>x\n</a>'),
      stanza('<b>\r</b>', H + 10, '<b>\n</b>'),
    ]),
    inStream("']]>' in text", '<a>x]]>y</a>', [{ error: 'not-well-formed', offset: H + 4 }]),
    inStream("']]]>' in text: the error is at the last two brackets", '<a>]]]></a>', [{ error: 'not-well-formed', offset: H + 4 }]),
    inStream("']]' and ']>' are fine", '<a>]]x]>]</a>', [stanza('<a>]]x]>]</a>', H, '<a>]]x]&gt;]</a>')]),
    inStream("']]' then '&gt;' is fine", '<a>]]&gt;</a>', [stanza('<a>]]&gt;</a>', H)]),
  ]);
});

describe('offsets and source bytes', () => {
  it('a stanza longer than one lexer window (64 KiB) keeps its exact source bytes', () => {
    const body = 'x€'.repeat(30000);
    const stanzaText = `<message><body>${body}</body></message>`;
    const fixture = inStream('long stanza', stanzaText + '<presence/>', [
      stanza(stanzaText, H),
      stanza('<presence/>', H + toBytes(stanzaText).length),
    ]);
    checkFixture(fixture, { oneByOne: false, chunkings: 10 });
    const bytes = toBytes(fixture.input);
    const chunks1K = Array.from({ length: Math.ceil(bytes.length / 1024) }, (_, i) => bytes.subarray(i * 1024, (i + 1) * 1024));
    expect(recordChunks(fixture, chunks1K)).toEqual(fixture.events);
  });

  it('a write of many stanzas at once gives each its own range', () => {
    const stanzas = Array.from({ length: 120 }, (_, i) => `<message id="m${i}"><body>${'é'.repeat(1 + (i % 7))}</body></message>`);
    let offset = H;
    const events: LoggedEvent[] = [START];
    for (const text of stanzas) {
      events.push(stanza(text, offset));
      offset += toBytes(text).length + 1;
    }
    checkFixture({ name: 'many', input: HEADER + stanzas.join('\n'), events });
  });

  it('byte by byte and one write agree on a stream with every kind of token', () => {
    const body = `<a x="1" y='&amp;&#9;'>t&lt;<![CDATA[c]]>é<b/><c:d xmlns:c="u"/></a> <e/>`;
    const fixture = inStream('all tokens', body, []);
    const bytes = toBytes(fixture.input);
    expect(recordChunks(fixture, byteByByte(bytes))).toEqual(recordChunks(fixture, [bytes]));
    expect(recordChunks(fixture, [bytes])).toHaveLength(3);
  });
});
