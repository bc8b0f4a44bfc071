// XML 1.0 well-formedness as the stream needs it: matching end tags, unique attributes, name and
// character rules, attribute syntax, CDATA, the stream's top level → not-well-formed.
import { describe, expect, it } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { BARE_HEADER, H, HEADER, STREAMS_NS, inStream, rawBytes, runFixtures, stanza } from '../helpers/event-log.js';

describe('end tags match start tags', () => {
  runFixtures([
    inStream('a different name', '<a></b>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('crossed nesting', '<a><b></a></b>', [{ error: 'not-well-formed', offset: H + 6 }]),
    inStream('a different prefix, same namespace', '<p:a xmlns:p="u" xmlns:q="u"></q:a>', [{ error: 'not-well-formed', offset: H + 29 }]),
    inStream('closing the stream with another name', '</stream>', [{ error: 'not-well-formed', offset: H }]),
    inStream('whitespace before ">" in an end tag is fine', '<a></a \n>', [stanza('<a></a \n>', H, '<a/>')]),
    inStream('an attribute in an end tag', '<a></a b="1">', [{ error: 'not-well-formed', offset: H + 7 }]),
    { name: 'an end tag before any start tag', input: '</stream:stream>', events: [{ error: 'not-well-formed', offset: 0 }] },
  ]);
});

describe('attributes are unique', () => {
  runFixtures([
    inStream('the same name twice', '<a b="1" b="2"/>', [{ error: 'not-well-formed', offset: H + 9 }]),
    inStream('the same namespace declaration twice', '<a xmlns:p="u" xmlns:p="u"/>', [{ error: 'not-well-formed', offset: H + 15 }]),
    inStream('the same expanded name through two prefixes', '<a xmlns:p="u" xmlns:q="u" p:b="1" q:b="2"/>', [
      { error: 'not-well-formed', offset: H },
    ]),
    inStream('an expanded-name clash with a prefix declared on the parent', '<a xmlns:p="u"><b xmlns:q="u" p:c="1" q:c="2"/></a>', [
      { error: 'not-well-formed', offset: H + 15 },
    ]),
    inStream('an unprefixed attribute has no namespace: no clash', '<a xmlns="u" xmlns:p="u" b="1" p:b="2"/>', [
      stanza('<a xmlns="u" xmlns:p="u" b="1" p:b="2"/>', H),
    ]),
    inStream('same local name in different namespaces', '<a xmlns:p="u" xmlns:q="v" p:b="1" q:b="2"/>', [
      stanza('<a xmlns:p="u" xmlns:q="v" p:b="1" q:b="2"/>', H),
    ]),
    {
      name: 'on the stream header',
      input: "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='a' to='b'>",
      events: [{ error: 'not-well-formed', offset: 92 }],
    },
  ]);
});

describe('names: XML 1.0 fifth edition', () => {
  runFixtures([
    inStream('an undertie (U+203F) may follow but not start a name', '<a‿/><‿a/>', [
      stanza('<a‿/>', H),
      { error: 'not-well-formed', offset: H + 8 },
    ]),
    inStream('accepted non-ASCII names', '<é 名="1" 𐀀="2" a·\u0300‿="3" \u200C="4" ⁰="5" Ⰰ="6"/>', [
      stanza('<é 名="1" 𐀀="2" a·\u0300‿="3" \u200C="4" ⁰="5" Ⰰ="6"/>', H),
    ]),
    inStream('a digit first', '<1a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('a hyphen first', '<-a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('a dot first', '<.a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('digits, hyphens, dots and underscores after the first', '<_a-1.b/>', [stanza('<_a-1.b/>', H)]),
    inStream('a middle dot first', '<·a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('a combining mark first', '<\u0300a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('the multiplication sign', '<a×/>', [{ error: 'not-well-formed', offset: H + 2 }]),
    inStream('the Greek question mark U+037E', '<\u037E/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('a plane-15 private use character U+F0000', '<\u{F0000}/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('a non-ASCII punctuation mark in an attribute name', '<a b«="1"/>', [{ error: 'not-well-formed', offset: H + 4 }]),
    inStream('a digit first in an attribute name', '<a 1b="1"/>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('two colons', '<a:b:c xmlns:a="u"/>', [{ error: 'not-well-formed', offset: H + 4 }]),
    inStream('a colon first', '<:a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
    inStream('a colon last', '<a: xmlns:a="u"/>', [{ error: 'not-well-formed', offset: H + 2 }]),
  ]);
});

describe('legal characters only', () => {
  runFixtures([
    inStream('a raw C0 control in text', rawBytes('<a>x\x01</a>'), [{ error: 'not-well-formed', offset: H + 4 }]),
    inStream('a raw NUL in text', rawBytes('<a>\x00</a>'), [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('a raw control in an attribute value', rawBytes('<a b="\x0B"/>'), [{ error: 'not-well-formed', offset: H + 6 }]),
    inStream('a raw control in CDATA', rawBytes('<a><![CDATA[\x1F]]></a>'), [{ error: 'not-well-formed', offset: H + 12 }]),
    inStream('a raw control between stanzas', rawBytes('<a/>\x0C'), [stanza('<a/>', H), { error: 'not-well-formed', offset: H + 4 }]),
    inStream('raw U+FFFE in text', '<a>\uFFFE</a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('raw U+FFFF in an attribute value', '<a b="\uFFFF"/>', [{ error: 'not-well-formed', offset: H + 6 }]),
    inStream('raw U+FFFF in CDATA', '<a><![CDATA[\uFFFF]]></a>', [{ error: 'not-well-formed', offset: H + 12 }]),
    inStream('DEL, C1 controls, U+FFFD and U+10FFFF are legal', '<a b="\x7F\x85">\x7F\x80\uFFFD\u{10FFFF}</a>', [
      stanza('<a b="\x7F\x85">\x7F\x80\uFFFD\u{10FFFF}</a>', H),
    ]),
    inStream('the legal boundaries as references', '<a>&#x9;&#x20;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;</a>', [
      stanza('<a>&#x9;&#x20;&#xD7FF;&#xE000;&#xFFFD;&#x10000;&#x10FFFF;</a>', H, '<a>\t \uD7FF\uE000\uFFFD\u{10000}\u{10FFFF}</a>'),
    ]),
  ]);
  for (const reference of [
    '&#0;',
    '&#x1;',
    '&#8;',
    '&#xB;',
    '&#x1F;',
    '&#xD800;',
    '&#xDFFF;',
    '&#xFFFE;',
    '&#xFFFF;',
    '&#x110000;',
    '&#99999999999;',
  ]) {
    runFixtures([
      inStream(`${reference} in text`, `<a>${reference}</a>`, [{ error: 'not-well-formed', offset: H + 3 }]),
      inStream(`${reference} in an attribute value`, `<a b='${reference}'/>`, [{ error: 'not-well-formed', offset: H + 6 }]),
    ]);
  }
});

describe('attribute syntax', () => {
  runFixtures([
    inStream("'<' in a value", '<a b="x<y"/>', [{ error: 'not-well-formed', offset: H + 7 }]),
    inStream("'<' in a single-quoted value", "<a b='<'/>", [{ error: 'not-well-formed', offset: H + 6 }]),
    inStream("'>' and the other quote are fine in a value", `<a b="it's >" c='say "hi"'/>`, [
      stanza(`<a b="it's >" c='say "hi"'/>`, H, '<a b="it&apos;s &gt;" c="say &quot;hi&quot;"/>'),
    ]),
    inStream('an unquoted value', '<a b=c/>', [{ error: 'not-well-formed', offset: H + 5 }]),
    inStream('a missing value', '<a b/>', [{ error: 'not-well-formed', offset: H + 4 }]),
    inStream('no whitespace between attributes', '<a b="1"c="2"/>', [{ error: 'not-well-formed', offset: H + 8 }]),
    inStream('whitespace around "="', '<a b \n=\t"1"/>', [stanza('<a b \n=\t"1"/>', H, '<a b="1"/>')]),
    inStream('a space inside "/>"', '<a/ >', [{ error: 'not-well-formed', offset: H + 2 }]),
    inStream('a space after "<"', '< a/>', [{ error: 'not-well-formed', offset: H + 1 }]),
  ]);
});

describe("CDATA and ']]>'", () => {
  runFixtures([
    inStream('CDATA sections are text', '<a>1<![CDATA[<2>]]>3</a>', [stanza('<a>1<![CDATA[<2>]]>3</a>', H, '<a>1&lt;2&gt;3</a>')]),
    inStream("']]>' after a reference in text", '<a>&amp;]]></a>', [{ error: 'not-well-formed', offset: H + 8 }]),
    inStream('CDATA between stanzas is text at the top level', '<![CDATA[x]]>', [{ error: 'not-well-formed', offset: H }]),
    // Truncation is reported where the unfinished part starts: here the brackets that might have ended it.
    inStream('an unterminated CDATA section at the end of input', '<a><![CDATA[x]]', [{ error: 'not-well-formed', offset: H + 13 }]),
  ]);
});

describe('the top level of the stream', () => {
  runFixtures([
    inStream('text between stanzas', '<a/>hello<b/>', [stanza('<a/>', H), { error: 'not-well-formed', offset: H + 4 }]),
    inStream('a reference between stanzas', '&amp;', [{ error: 'not-well-formed', offset: H }]),
    inStream('a no-break space between stanzas', '<a/>\u00A0', [stanza('<a/>', H), { error: 'not-well-formed', offset: H + 4 }]),
    inStream('whitespace keepalives of every kind', ' \t\r\n<a/>\n\n \r\n<b/>  ', [stanza('<a/>', H + 4), stanza('<b/>', H + 13)]),
    { name: 'text before the header', input: 'x' + HEADER, events: [{ error: 'not-well-formed', offset: 0 }] },
    {
      name: 'whitespace before the header (no declaration)',
      input: ` \n<stream:stream xmlns='jabber:client' xmlns:stream='${STREAMS_NS}'>`,
      events: [{ start: 'stream:stream', attrs: { xmlns: 'jabber:client', 'xmlns:stream': STREAMS_NS } }],
    },
  ]);
});

describe('nothing after </stream:stream>', () => {
  runFixtures([
    inStream('an element', '</stream:stream><a/>', [{ end: 'stream:stream' }, { error: 'not-well-formed', offset: H + 16 }]),
    inStream('text', '</stream:stream>x', [{ end: 'stream:stream' }, { error: 'not-well-formed', offset: H + 16 }]),
    inStream('a second stream header', '</stream:stream>' + HEADER.slice(21), [
      { end: 'stream:stream' },
      { error: 'not-well-formed', offset: H + 16 },
    ]),
    inStream('an end tag', '</stream:stream></a>', [{ end: 'stream:stream' }, { error: 'not-well-formed', offset: H + 16 }]),
  ]);
});

describe('the XML declaration', () => {
  it("missing its '?' is not-well-formed where it breaks, not a stanza-size error later", () => {
    const parser = new StreamParser();
    const errors: string[] = [];
    parser.on('error', (error) => errors.push(`${error.condition}@${error.offset}`));
    parser.write("<?xml version='1.0'>" + BARE_HEADER + '<iq/>'.repeat(1000));
    expect(errors).toEqual(['not-well-formed@19']);
  });
});
