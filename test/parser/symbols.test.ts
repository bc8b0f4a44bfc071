// Names and values a cache or a hash could confuse: near-identical strings at word-size
// boundaries, thousands of distinct names in one stream, many attributes per element. Each must
// come back exactly, and only true duplicates may be reported as duplicates.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { StreamParser } from '../../bindings/index.js';
import { plain, type PlainElement } from '../helpers/element-data.js';
import { HEADER, at, inStream, runFixtures } from '../helpers/event-log.js';

function parseStream(body: string): { stanzas: PlainElement[]; errors: string[] } {
  const parser = new StreamParser();
  const stanzas: PlainElement[] = [];
  const errors: string[] = [];
  parser.on('element', (element) => stanzas.push(plain(element)));
  parser.on('error', (error) => errors.push(`${error.condition} at ${error.offset}`));
  parser.write(HEADER + body);
  return { stanzas, errors };
}

/** Strings of every length up to 40 that differ from each other in one character only. */
function nearIdentical(base: string): string[] {
  const out: string[] = [];
  for (let length = 1; length <= 40; length++) {
    const s = base.repeat(40).slice(0, length);
    out.push(s, s.slice(0, -1) + 'Z', 'Z' + s.slice(1));
    if (length > 2) out.push(s.slice(0, length >> 1) + 'é' + s.slice((length >> 1) + 1));
  }
  return [...new Set(out)];
}

describe('names and values that differ in one character', () => {
  const names = nearIdentical('abcdefgh');
  const values = nearIdentical('value-');

  it('come back exactly, in one stream, on first sight and when seen again', () => {
    const stanzas = names.map((name, i) => ({ name, attrs: { [name]: values[i % values.length]! }, children: [] }));
    const body = stanzas.map(({ name, attrs }) => `<${name} ${name}="${attrs[name]}"/>`).join('');
    const expected = [...stanzas, ...stanzas.slice().reverse()];
    const result = parseStream(
      body +
        stanzas
          .slice()
          .reverse()
          .map(({ name, attrs }) => `<${name} ${name}="${attrs[name]}"/>`)
          .join(''),
    );
    expect(result.errors).toEqual([]);
    expect(result.stanzas).toEqual(expected);
  });

  it('are not duplicates of each other on one element', () => {
    const attributes = names.slice(0, 60);
    const body = `<a ${attributes.map((name, i) => `${name}="${i}"`).join(' ')}/>`;
    const result = parseStream(body);
    expect(result.errors).toEqual([]);
    expect(Object.keys(result.stanzas[0]!.attrs)).toEqual(attributes);
  });
});

describe('many distinct names in one stream', () => {
  it('thousands of element and attribute names, each seen twice', () => {
    const name = (i: number) => `n${i.toString(36)}${'x'.repeat(i % 9)}`;
    const count = 1500;
    const one = (i: number) => `<${name(i)} ${name(i + 1)}="${name(i + 2)}"><${name(i + 3)}/></${name(i)}>`;
    const body =
      Array.from({ length: count }, (_, i) => one(i)).join('') + Array.from({ length: count }, (_, i) => one(count - 1 - i)).join('');
    const result = parseStream(body);
    expect(result.errors).toEqual([]);
    const expected = (i: number): PlainElement => ({
      name: name(i),
      attrs: { [name(i + 1)]: name(i + 2) },
      children: [{ name: name(i + 3), attrs: {}, children: [] }],
    });
    expect(result.stanzas).toEqual([
      ...Array.from({ length: count }, (_, i) => expected(i)),
      ...Array.from({ length: count }, (_, i) => expected(count - 1 - i)),
    ]);
  });

  it('random distinct attribute names are never reported as duplicates', () => {
    const attrName = fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9._-]{0,20}$/);
    fc.assert(
      fc.property(fc.array(fc.uniqueArray(attrName, { minLength: 2, maxLength: 30 }), { minLength: 1, maxLength: 30 }), (elements) => {
        const body = elements.map((attrs) => `<e ${attrs.map((a, i) => `${a}="${i}"`).join(' ')}/>`).join('');
        const result = parseStream(body);
        expect(result.errors).toEqual([]);
        expect(result.stanzas.map((s) => Object.keys(s.attrs))).toEqual(elements);
      }),
      { numRuns: 60 },
    );
  });
});

describe('true duplicates among many attributes', () => {
  const many = Array.from({ length: 40 }, (_, i) => `attr${i}="${i}"`).join(' ');
  const lastRepeatsFirst = at(`<a ${many} ▼attr0="x"/>`);
  const longRepeated = at(`<a ${'long'.repeat(20)}="1" b="2" ▼${'long'.repeat(20)}="3"/>`);
  runFixtures([
    inStream('the last attribute repeats the first', lastRepeatsFirst.body, [
      { error: 'not-well-formed', offset: lastRepeatsFirst.offset },
    ]),
    inStream('a long name repeated', longRepeated.body, [{ error: 'not-well-formed', offset: longRepeated.offset }]),
  ]);
});
