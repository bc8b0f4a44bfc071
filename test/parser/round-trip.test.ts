// parse(serialize(x)) equals x for generated elements: names with non-ASCII characters,
// attribute values and text with any legal character (TAB, LF, CR, quotes, '&', '<', ']]>',
// astral characters), nested children.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Element as LtxElement } from 'ltx';
import { Element, StreamParser, parse, serialize } from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { HEADER } from '../helpers/event-log.js';

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
/** Any XML 1.0 Char, weighted towards the ones escaping and normalization care about. */
const legalChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\t', '\n', '\r', '"', "'", '&', '<', '>', ']', ' ', '\r\n', ']]>') },
  { weight: 3, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 1, arbitrary: codePoint(0x80, 0xd7ff) },
  { weight: 1, arbitrary: codePoint(0xe000, 0xfffd) },
  { weight: 1, arbitrary: codePoint(0x10000, 0x10ffff) },
);
const legalString = fc.array(legalChar, { maxLength: 12 }).map((chars) => chars.join(''));

const nameStart = fc.oneof(fc.constantFrom('a', 'b', 'Z', '_', 'é', 'ß', '名', 'Ω', 'ж', '𐀀'), codePoint(0x61, 0x7a));
const nameChar = fc.oneof(nameStart, fc.constantFrom('-', '.', '0', '9', '·', '\u0300', '‿'));
const xmlName = fc
  .tuple(nameStart, fc.array(nameChar, { maxLength: 6 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((name) => !name.toLowerCase().startsWith('xml')); // names starting with xml are reserved

const attrsArbitrary = fc.dictionary(xmlName, legalString, { maxKeys: 5 });

/** Adjacent strings become one and empty strings vanish when parsed: generate them that way. */
function canonicalChildren(children: (LtxElement | string)[]): (LtxElement | string)[] {
  const out: (LtxElement | string)[] = [];
  for (const child of children) {
    if (typeof child === 'string') {
      if (child === '') continue;
      if (typeof out.at(-1) === 'string') out[out.length - 1] += child;
      else out.push(child);
    } else out.push(child);
  }
  return out;
}

function build(name: string, attrs: Record<string, string>, children: (LtxElement | string)[]): LtxElement {
  const element = new Element(name, attrs);
  for (const child of canonicalChildren(children)) element.cnode(child as LtxElement);
  return element;
}

const { tree } = fc.letrec<{ tree: LtxElement; node: LtxElement | string }>((tie) => ({
  tree: fc
    .tuple(xmlName, attrsArbitrary, fc.array(tie('node'), { maxLength: 4 }))
    .map(([name, attrs, children]) => build(name, attrs, children)),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, legalString, tie('tree')),
}));

describe('parse(serialize(x)) equals x', () => {
  it('for generated elements', () => {
    fc.assert(
      fc.property(tree, (element) => {
        expect(plain(parse(serialize(element)))).toEqual(plain(element));
      }),
      { numRuns: 200 },
    );
  });

  it('for generated stanzas in a stream, with toString()', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), (stanzas) => {
        const parser = new StreamParser();
        const parsed: unknown[] = [];
        parser.on('element', (element) => parsed.push(plain(element)));
        parser.on('error', (error) => {
          throw error;
        });
        parser.write(HEADER + stanzas.map((stanza) => stanza.toString()).join(''));
        expect(parsed).toEqual(stanzas.map(plain));
      }),
      { numRuns: 100 },
    );
  });

  it('for the characters a parser normalizes or must not see raw', () => {
    const element = build('a', { v: '\t\n\r\r\n "\'&<>]]>' }, ['\r\n\r]]>&<>"\'\t\u{10FFFF}']);
    expect(plain(parse(serialize(element)))).toEqual(plain(element));
  });

  it('for prefixed names with their declarations', () => {
    const element = build('p:a', { 'xmlns:p': 'urn:p', 'xmlns:q': 'urn:q', 'q:b': '1', 'xml:lang': 'en' }, [build('q:c', {}, ['x'])]);
    expect(plain(parse(serialize(element)))).toEqual(plain(element));
  });
});
