// RFC 6120 §11.1: no comments, processing instructions, DTDs or entity references other than
// the five predefined ones (restricted-xml); character references are allowed and decoded.
import { describe } from 'vitest';
import { H, HEADER, inStream, runFixtures, stanza } from '../helpers/event-log.js';

const DECLARATION = "<?xml version='1.0'?>";

describe('comments', () => {
  runFixtures([
    inStream('inside a stanza', '<a><!-- c --></a>', [{ error: 'restricted-xml', offset: H + 3 }]),
    inStream('between stanzas', '<a/><!-- c --><b/>', [stanza('<a/>', H), { error: 'restricted-xml', offset: H + 4 }]),
    inStream('an empty comment', '<a><!----></a>', [{ error: 'restricted-xml', offset: H + 3 }]),
    { name: 'before the stream header', input: '<!-- c -->' + HEADER, events: [{ error: 'restricted-xml', offset: 0 }] },
  ]);
});

describe('processing instructions', () => {
  runFixtures([
    inStream('inside a stanza', '<a><?pi data?></a>', [{ error: 'restricted-xml', offset: H + 3 }]),
    inStream('between stanzas', '<a/><?pi?>', [stanza('<a/>', H), { error: 'restricted-xml', offset: H + 4 }]),
    {
      name: 'xml-stylesheet right after the declaration',
      input: DECLARATION + '<?xml-stylesheet href="s.css"?>' + HEADER.slice(DECLARATION.length),
      events: [{ error: 'restricted-xml', offset: DECLARATION.length }],
    },
    {
      name: 'a PI named XML (case matters) at the start',
      input: "<?XML version='1.0'?>",
      events: [{ error: 'restricted-xml', offset: 0 }],
    },
  ]);
});

describe('DTDs', () => {
  runFixtures([
    { name: 'DOCTYPE before the header', input: '<!DOCTYPE stream>' + HEADER, events: [{ error: 'restricted-xml', offset: 0 }] },
    {
      name: 'DOCTYPE with an internal subset declaring an entity',
      input: DECLARATION + "<!DOCTYPE s [<!ENTITY x 'y'>]>",
      events: [{ error: 'restricted-xml', offset: DECLARATION.length }],
    },
    inStream('ENTITY declaration inside a stanza', "<a><!ENTITY x 'y'></a>", [{ error: 'restricted-xml', offset: H + 3 }]),
    inStream('ELEMENT declaration between stanzas', '<!ELEMENT a ANY>', [{ error: 'restricted-xml', offset: H }]),
    inStream('ATTLIST declaration', '<a><!ATTLIST a b CDATA #IMPLIED></a>', [{ error: 'restricted-xml', offset: H + 3 }]),
  ]);
});

describe('entity references', () => {
  runFixtures([
    inStream('an undeclared entity in text', '<a>x&foo;</a>', [{ error: 'restricted-xml', offset: H + 4 }]),
    inStream('an HTML entity in text', '<a>&nbsp;</a>', [{ error: 'restricted-xml', offset: H + 3 }]),
    inStream('an undeclared entity in an attribute value', '<a b="&foo;"/>', [{ error: 'restricted-xml', offset: H + 6 }]),
    inStream('predefined names are case-sensitive', '<a>&AMP;</a>', [{ error: 'restricted-xml', offset: H + 3 }]),
    inStream('an entity name with a colon', '<a>&p:amp;</a>', [{ error: 'restricted-xml', offset: H + 3 }]),
    inStream('after stanzas that were fine', '<a>&amp;</a><b>&bogus;</b>', [
      stanza('<a>&amp;</a>', H),
      { error: 'restricted-xml', offset: H + 15 },
    ]),
  ]);
});

describe('character references are allowed and decoded', () => {
  runFixtures([
    inStream('decimal and hexadecimal, BMP and astral', '<a v="&#169;">&#x41;&#x20AC;&#128512;&#x10FFFF;</a>', [
      stanza('<a v="&#169;">&#x41;&#x20AC;&#128512;&#x10FFFF;</a>', H, '<a v="©">A€😀\u{10FFFF}</a>'),
    ]),
    inStream('references to markup characters stay text', '<a v="&#60;&#34;">&#60;b/&#62;&#38;</a>', [
      stanza('<a v="&#60;&#34;">&#60;b/&#62;&#38;</a>', H, '<a v="&lt;&quot;">&lt;b/&gt;&amp;</a>'),
    ]),
    inStream('leading zeros', '<a>&#x0000041;&#00065;</a>', [stanza('<a>&#x0000041;&#00065;</a>', H, '<a>AA</a>')]),
  ]);
});

describe('malformed references are not well-formed', () => {
  runFixtures([
    inStream('no name', '<a>&;</a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('a lone ampersand', '<a>x & y</a>', [{ error: 'not-well-formed', offset: H + 5 }]),
    inStream('no semicolon', '<a>&amp</a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('no digits', '<a>&#;&#x;</a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('a non-hex digit', '<a>&#x1G;</a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('a lone ampersand in an attribute value', '<a b="x&y"/>', [{ error: 'not-well-formed', offset: H + 7 }]),
  ]);
});

describe('other markup after "<!"', () => {
  runFixtures([
    inStream('an unknown declaration', '<a><!x></a>', [{ error: 'not-well-formed', offset: H + 3 }]),
    inStream('a misspelt CDATA section', '<a><![CDAT[x]]></a>', [{ error: 'not-well-formed', offset: H + 3 }]),
  ]);
});
