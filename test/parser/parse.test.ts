// parse(): one standalone document (prolog allowed, one root of any name, trailing whitespace
// fine) under the stream's restricted-XML rules; throws a StreamError with condition and offset.
import { describe, expect, it } from 'vitest';
import { StreamError, parse } from '../../bindings/index.js';
import { concatBytes, rawBytes } from '../helpers/event-log.js';
import { plain } from '../helpers/element-data.js';

/** The StreamError parse() throws for `input`, as [condition, offset]. */
function failure(input: string | Uint8Array, options?: Parameters<typeof parse>[1]): [string, number] {
  try {
    parse(input, options);
  } catch (error) {
    expect(error).toBeInstanceOf(StreamError);
    expect(error).toBeInstanceOf(Error);
    const { condition, offset, message } = error as StreamError;
    expect(message).toContain(condition);
    return [condition, offset];
  }
  throw new Error(`parse() accepted ${String(input)}`);
}

describe('parse() accepts', () => {
  it('a stanza, as the same tree a stream would give', () => {
    const element = parse('<message to="a@b"><body>hi &amp; bye</body></message>');
    expect(plain(element)).toEqual({
      name: 'message',
      attrs: { to: 'a@b' },
      children: [{ name: 'body', attrs: {}, children: ['hi & bye'] }],
    });
    expect(element.parent).toBeNull();
  });
  it('a root of any name, in any namespace', () => {
    expect(parse('<x:y xmlns:x="urn:x"/>').name).toBe('x:y');
    expect(parse(`<stream:stream xmlns:stream="http://etherx.jabber.org/streams"></stream:stream>`).name).toBe('stream:stream');
    expect(parse('<data>1</data>').getText()).toBe('1');
  });
  it('an XML declaration, a BOM and whitespace around the root', () => {
    expect(parse(`<?xml version="1.0" encoding="UTF-8"?>\n<a/>\n`).name).toBe('a');
    expect(parse(concatBytes(rawBytes('\xEF\xBB\xBF'), '<?xml version="1.0"?><a/>')).name).toBe('a');
    expect(parse(' \r\n\t<a/> \r\n\t').name).toBe('a');
  });
  it('bytes as well as strings', () => {
    expect(parse(new TextEncoder().encode('<a>é😀</a>')).getText()).toBe('é😀');
  });
});

describe('parse() rejects', () => {
  it('a second root', () => {
    expect(failure('<a/><b/>')).toEqual(['not-well-formed', 4]);
    expect(failure('<a></a> <a></a>')).toEqual(['not-well-formed', 8]);
  });
  it('text after or before the root', () => {
    expect(failure('<a/>x')).toEqual(['not-well-formed', 4]);
    expect(failure('x<a/>')).toEqual(['not-well-formed', 0]);
  });
  it('empty input or only whitespace', () => {
    expect(failure('')).toEqual(['not-well-formed', 0]);
    expect(failure(new Uint8Array(0))).toEqual(['not-well-formed', 0]);
    expect(failure('  \n')).toEqual(['not-well-formed', 3]);
    expect(failure(`<?xml version='1.0'?>`)).toEqual(['not-well-formed', 21]);
  });
  it('an unclosed root', () => {
    expect(failure('<a><b></b>')).toEqual(['not-well-formed', 10]);
  });
  it('what a stream rejects, with the same conditions', () => {
    expect(failure('<a><!-- c --></a>')).toEqual(['restricted-xml', 3]);
    expect(failure('<!DOCTYPE a><a/>')).toEqual(['restricted-xml', 0]);
    expect(failure('<a>&nbsp;</a>')).toEqual(['restricted-xml', 3]);
    expect(failure('<p:a/>')).toEqual(['not-well-formed', 0]);
    expect(failure('<a></b>')).toEqual(['not-well-formed', 3]);
    expect(failure(rawBytes('<a>\xC0\x80</a>'))).toEqual(['unsupported-encoding', 3]);
    expect(failure(`<?xml version='1.0' encoding='ISO-8859-1'?><a/>`)).toEqual(['unsupported-encoding', 0]);
  });
  it('what the limits forbid', () => {
    expect(failure('<a><b><c/></b></a>', { maxDepth: 2 })).toEqual(['policy-violation', 6]);
    expect(failure(`<a>${'x'.repeat(100)}</a>`, { maxStanzaBytes: 50 })).toEqual(['policy-violation', 50]);
  });
});
