// parse(serialize(x)) equals x for generated elements: names with non-ASCII characters,
// attribute values and text with any legal character (TAB, LF, CR, quotes, '&', '<', ']]>',
// astral characters), nested children.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StreamParser, parse, serialize } from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { HEADER } from '../helpers/event-log.js';
import { build, tree } from '../helpers/xml-arbitraries.js';

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
