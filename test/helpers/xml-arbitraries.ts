// fast-check generators of XML: legal characters (weighted towards those escaping and
// normalization care about), names, attributes, and element trees as a parser gives them back.
import fc from 'fast-check';
import type { Element as LtxElement } from 'ltx';
import { Element } from '../../bindings/index.js';

const codePoint = (min: number, max: number) => fc.integer({ min, max }).map((c) => String.fromCodePoint(c));
/** Any XML 1.0 Char, weighted towards the ones escaping and normalization care about. */
const legalChar = fc.oneof(
  { weight: 4, arbitrary: fc.constantFrom('\t', '\n', '\r', '"', "'", '&', '<', '>', ']', ' ', '\r\n', ']]>') },
  { weight: 3, arbitrary: codePoint(0x20, 0x7e) },
  { weight: 1, arbitrary: codePoint(0x80, 0xd7ff) },
  { weight: 1, arbitrary: codePoint(0xe000, 0xfffd) },
  { weight: 1, arbitrary: codePoint(0x10000, 0x10ffff) },
);
export const legalString = fc.array(legalChar, { maxLength: 12 }).map((chars) => chars.join(''));

const nameStart = fc.oneof(fc.constantFrom('a', 'b', 'Z', '_', 'é', 'ß', '名', 'Ω', 'ж', '𐀀'), codePoint(0x61, 0x7a));
const nameChar = fc.oneof(nameStart, fc.constantFrom('-', '.', '0', '9', '·', '\u0300', '‿'));
export const xmlName = fc
  .tuple(nameStart, fc.array(nameChar, { maxLength: 6 }))
  .map(([first, rest]) => first + rest.join(''))
  .filter((name) => !name.toLowerCase().startsWith('xml')); // names starting with xml are reserved

export const attrsArbitrary = fc.dictionary(xmlName, legalString, { maxKeys: 5 });

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

export function build(name: string, attrs: Record<string, string>, children: (LtxElement | string)[]): LtxElement {
  const element = new Element(name, attrs);
  for (const child of canonicalChildren(children)) element.cnode(child as LtxElement);
  return element;
}

export const { tree } = fc.letrec<{ tree: LtxElement; node: LtxElement | string }>((tie) => ({
  tree: fc
    .tuple(xmlName, attrsArbitrary, fc.array(tie('node'), { maxLength: 4 }))
    .map(([name, attrs, children]) => build(name, attrs, children)),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, legalString, tie('tree')),
}));
