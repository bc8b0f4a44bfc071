// Raised attribute limits: the lexer checks a tag's first 1024 attributes for duplicates and
// the binding any beyond, and the tape never reserves room per allowed attribute.
import { describe, expect, it } from 'vitest';
import { parse, StreamError } from '../../bindings/index.js';

const attributes = (n: number) => Array.from({ length: n }, (_, i) => `a${i}="${i}"`);

describe("maxAttributes raised past the lexer's duplicate tracking", () => {
  it('1500 distinct attributes parse', () => {
    expect(Object.keys(parse(`<x ${attributes(1500).join(' ')}/>`, { maxAttributes: Infinity }).attrs)).toHaveLength(1500);
  });

  it('a duplicate past the first 1024 is not-well-formed', () => {
    const input = `<x ${[...attributes(1500), 'a1300="again"'].join(' ')}/>`;
    expect(() => parse(input, { maxAttributes: Infinity })).toThrow(StreamError);
    try {
      parse(input, { maxAttributes: Infinity });
    } catch (error) {
      expect((error as StreamError).condition).toBe('not-well-formed');
    }
  });

  it('a duplicate of one of the first 1024, written after them, is found too', () => {
    const input = `<x ${[...attributes(1100), 'a5="again"'].join(' ')}/>`;
    expect(() => parse(input, { maxAttributes: 5000 })).toThrow(/duplicate attribute/);
  });
});
