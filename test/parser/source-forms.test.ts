// The same element written in many equivalent ways (quotes, character and entity references in
// any form, CDATA sections, whitespace inside tags, <a></a> or <a/>) must parse to the same
// tree, in a stream cut anywhere. Small vocabularies make names and values repeat, as they do
// in real streams (and in any cache of them); large ones make them differ.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Element as LtxElement } from 'ltx';
import { Element, StreamParser } from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { HEADER, splitAt, splitPoints, toBytes } from '../helpers/event-log.js';

type Choose = (n: number) => number;

/** A character reference to `char` in a random form (decimal or hex, any case, leading zeros). */
function reference(char: string, choose: Choose): string {
  const code = char.codePointAt(0)!;
  const zeros = '0'.repeat(choose(3));
  if (choose(2) === 0) return `&#${zeros}${code};`;
  const hex = code.toString(16);
  return `&#x${zeros}${choose(2) === 0 ? hex : hex.toUpperCase()};`;
}

const NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

function writeValue(value: string, quote: string, choose: Choose): string {
  let out = '';
  for (const char of value) {
    const mustEscape = char === '&' || char === '<' || char === quote || char === '\t' || char === '\n' || char === '\r';
    if (mustEscape || choose(4) === 0) out += NAMED[char] !== undefined && choose(2) === 0 ? NAMED[char] : reference(char, choose);
    else out += char;
  }
  return out;
}

function writeText(text: string, choose: Choose): string {
  let out = '';
  let cdata = '';
  const flush = () => {
    if (cdata) out += `<![CDATA[${cdata}]]>`;
    cdata = '';
  };
  for (const char of text) {
    // CDATA holds anything but CR (it would be normalized) and the end of a ']]>'.
    if (char !== '\r' && !(char === '>' && cdata.endsWith(']]')) && choose(3) === 0) {
      cdata += char;
      continue;
    }
    flush();
    const afterBrackets = out.endsWith(']]');
    const mustEscape = char === '&' || char === '<' || char === '\r' || (char === '>' && afterBrackets);
    if (mustEscape || choose(5) === 0) out += NAMED[char] !== undefined && choose(2) === 0 ? NAMED[char] : reference(char, choose);
    else out += char;
  }
  flush();
  return out;
}

const space = (choose: Choose) => [' ', '', '\n', '\t ', '\r\n'][choose(5)]!;

function writeElement(element: LtxElement, choose: Choose): string {
  let out = '<' + element.name;
  for (const [name, value] of Object.entries(element.attrs)) {
    const quote = choose(2) === 0 ? '"' : "'";
    out +=
      ' ' +
      space(choose).trimStart() +
      name +
      space(choose) +
      '=' +
      space(choose) +
      quote +
      writeValue(String(value), quote, choose) +
      quote;
  }
  out += space(choose);
  if (element.children.length === 0 && choose(2) === 0) return out + '/>';
  out += '>';
  for (const child of element.children)
    out += typeof child === 'string' ? writeText(child, choose) : writeElement(child as LtxElement, choose);
  return out + '</' + element.name + space(choose) + '>';
}

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
const anyChar = fc.oneof(
  fc.constantFrom('\t', '\n', '\r', '"', "'", '&', '<', '>', ']', ' ', 'a'),
  codePoint(0x20, 0x7e),
  codePoint(0xa0, 0x2fff),
  codePoint(0x10000, 0x10ffff),
);
const freeText = fc.array(anyChar, { maxLength: 10 }).map((chars) => chars.join(''));
const fewNames = fc.constantFrom('a', 'b', 'body', 'item', 'x', 'é', '名前', 'a1', 'b-');
const manyNames = fc.tuple(fc.constantFrom('n', 'm', '_', 'é'), fc.stringMatching(/^[a-z0-9.-]{0,12}$/)).map(([a, b]) => a + b);
const name = fc.oneof(fewNames, manyNames);
const value = fc.oneof(fc.constantFrom('', 'chat', 'a', '1', 'en', 'x y'), freeText);

function build(elementName: string, attrs: Record<string, string>, children: (LtxElement | string)[]): LtxElement {
  const element = new Element(elementName, attrs);
  for (const child of children) {
    const last = element.children.at(-1);
    if (typeof child === 'string') {
      if (child === '') continue;
      if (typeof last === 'string') element.children[element.children.length - 1] = last + child;
      else element.children.push(child);
    } else element.cnode(child);
  }
  return element;
}

const { tree } = fc.letrec<{ tree: LtxElement; node: LtxElement | string }>((tie) => ({
  tree: fc
    .tuple(name, fc.dictionary(name, value, { maxKeys: 4 }), fc.array(tie('node'), { maxLength: 4 }))
    .map(([n, attrs, children]) => build(n, attrs, children)),
  node: fc.oneof({ depthSize: 'small' }, freeText, tie('tree')),
}));

describe('equivalent source forms', () => {
  it('parse to the same stanzas, in any chunking', () => {
    const input = fc
      .tuple(fc.array(tree, { minLength: 1, maxLength: 6 }), fc.infiniteStream(fc.nat()))
      .map(([stanzas, choices]) => {
        const choose: Choose = (n) => choices.next().value % n;
        return { stanzas, text: HEADER + stanzas.map((stanza) => writeElement(stanza, choose) + space(choose)).join('') };
      })
      .chain((sample) => fc.tuple(fc.constant(sample), splitPoints(toBytes(sample.text).length)));
    fc.assert(
      fc.property(input, ([{ stanzas, text }, points]) => {
        const parser = new StreamParser();
        const parsed: unknown[] = [];
        const errors: unknown[] = [];
        parser.on('element', (element) => parsed.push(plain(element)));
        parser.on('error', (error) => errors.push(error.message));
        for (const chunk of splitAt(toBytes(text), points)) parser.write(chunk);
        expect(errors).toEqual([]);
        expect(parsed).toEqual(stanzas.map((stanza) => plain(stanza)));
      }),
      { numRuns: 100 },
    );
  });
});
