// Attribute names that are also Object.prototype members: they must become own properties with
// the parsed values, never touch any prototype, and not be mistaken for duplicates.
import { describe, expect, it } from 'vitest';
import { StreamParser, parse, serialize } from '../../bindings/index.js';
import { H, HEADER, inStream, runFixtures, stanza } from '../helpers/event-log.js';

const PROTOTYPE_NAMES = ['__proto__', 'constructor', 'hasOwnProperty', 'toString', 'valueOf', '__defineGetter__', 'isPrototypeOf'];
const attrs = PROTOTYPE_NAMES.map((name, i) => `${name}="v${i}"`).join(' ');

describe('attribute names from Object.prototype', () => {
  it('are own properties holding the values, and no prototype changes', () => {
    const element = parse(`<a ${attrs}/>`);
    for (const [i, name] of PROTOTYPE_NAMES.entries()) {
      expect(Object.getOwnPropertyDescriptor(element.attrs, name)?.value, name).toBe(`v${i}`);
    }
    expect(Object.keys(element.attrs)).toEqual(PROTOTYPE_NAMES);
    expect(Object.getPrototypeOf(element.attrs)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).v0).toBeUndefined();
    expect(typeof {}.hasOwnProperty).toBe('function');
  });

  it('on the stream header', () => {
    const parser = new StreamParser();
    const headers: Record<string, string>[] = [];
    parser.on('start', (header) => headers.push(header.attrs));
    parser.write(HEADER.replace("version='1.0'>", "version='1.0' __proto__='x' constructor='y'>"));
    expect(Object.getOwnPropertyDescriptor(headers[0], '__proto__')?.value).toBe('x');
    expect(headers[0]!.constructor).toBe('y');
  });

  it('round-trip through serialize()', () => {
    const element = parse(`<a ${attrs}/>`);
    expect(serialize(element)).toBe(`<a ${attrs}/>`);
    expect(Object.getOwnPropertyDescriptor(parse(serialize(element)).attrs, '__proto__')?.value).toBe('v0');
  });

  runFixtures([
    inStream('each once is not a duplicate', `<a ${attrs}/>`, [stanza(`<a ${attrs}/>`, H)]),
    inStream('__proto__ twice is a duplicate', '<a __proto__="1" __proto__="2"/>', [{ error: 'not-well-formed', offset: H + 17 }]),
    inStream('constructor twice is a duplicate', '<a constructor="1" constructor="2"/>', [{ error: 'not-well-formed', offset: H + 19 }]),
    inStream('element names from Object.prototype', '<__proto__><constructor/></__proto__>', [
      stanza('<__proto__><constructor/></__proto__>', H),
    ]),
  ]);
});
