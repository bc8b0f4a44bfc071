// A listener that throws: the exception is the caller's (as with Node's EventEmitter), the
// stream stops, and nothing of the unprocessed part of that write leaks into other parsers.
import { describe, expect, it } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { HEADER } from '../helpers/event-log.js';

describe('a listener that throws', () => {
  it('propagates out of write(), stops the stream with internal-server-error until reset()', () => {
    const parser = new StreamParser();
    const seen: string[] = [];
    parser.on('element', (element) => {
      seen.push(element.name);
      if (element.name === 'boom') throw new Error('listener bug');
    });
    expect(() => parser.write(HEADER + '<a/><boom/><b/>')).toThrow('listener bug');
    expect(seen).toEqual(['a', 'boom']);
    expect(parser.error?.condition).toBe('internal-server-error');
    // Stopped, with no error listener: a later write throws the error instead of dropping its bytes.
    expect(() => parser.write('<c/>')).toThrow(/^internal-server-error: a listener threw: Error: listener bug/);
    expect(seen).toEqual(['a', 'boom']);
    parser.reset();
    parser.write(HEADER + '<d/>');
    expect(seen).toEqual(['a', 'boom', 'd']);
  });

  it('leaves names first seen after the throwing stanza intact for the next parser', () => {
    const thrower = new StreamParser();
    thrower.on('element', () => {
      throw new Error('x');
    });
    expect(() => thrower.write(HEADER + '<first/><never-read-name never-read-attr="never-read-value"/>')).toThrow();
    const next = new StreamParser();
    const out: string[] = [];
    next.on('element', (element) => out.push(element.toString()));
    next.write(HEADER + '<never-read-name never-read-attr="never-read-value"/>');
    expect(out).toEqual(['<never-read-name never-read-attr="never-read-value"/>']);
  });
});
