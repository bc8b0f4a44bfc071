// Cases found by reviewing the lexer and the binding, each kept so it stays fixed.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamParser, compareVersions } from '../../bindings/index.js';
import { Engine } from '../../bindings/parser/engine.js';

const H = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";
const bytesOf = (s: string) => new TextEncoder().encode(s);

describe('review findings', () => {
  afterEach(() => vi.restoreAllMocks());

  it('a long start tag dripped one byte per write outside its values is lexed a few times, not once per byte', () => {
    const parser = new StreamParser();
    const stanzas: string[] = [];
    parser.on('element', (element) => stanzas.push(element.name));
    parser.write(H + "<message a='" + 'v'.repeat(2000) + "'");
    const lex = vi.spyOn(Engine.prototype, 'lex');
    const rest = Array.from({ length: 20 }, (_, i) => ` n${'x'.repeat(300)}${i}='1'`).join('') + '/>';
    for (const byte of bytesOf(rest)) parser.write(Uint8Array.of(byte));
    expect(stanzas).toEqual(['message']);
    // One re-lex per closing quote (20 values) and one for the final '>', not one per byte (6,000+).
    expect(lex.mock.calls.length).toBeLessThan(100);
  });

  it('reset() clears the element count: the next stream header is not counted against the last stanza', () => {
    const parser = new StreamParser({ maxElements: 2 });
    const log: string[] = [];
    parser.on('element', (element) => {
      log.push(element.name);
      if (element.name === 'success') parser.reset();
    });
    parser.on('error', (error) => log.push(error.condition));
    parser.write(H + '<success><a/></success>' + H + '<iq/>');
    expect(log).toEqual(['success', 'iq']);
  });

  it('source.bytes() of a stanza that spans writes is whole even after reset() in its listener', () => {
    const parser = new StreamParser();
    const seen: string[] = [];
    parser.on('element', (_element, source) => {
      parser.reset();
      seen.push(new TextDecoder().decode(source.bytes()), String(source.length));
    });
    parser.write(H + "<success xmlns='urn:x'>ab");
    parser.write('cd</success>');
    expect(seen).toEqual(["<success xmlns='urn:x'>abcd</success>", '37']);
  });

  it("an XML declaration missing its '?' is not-well-formed where it breaks, not a stanza-size error later", () => {
    const parser = new StreamParser();
    const errors: string[] = [];
    parser.on('error', (error) => errors.push(`${error.condition}@${error.offset}`));
    parser.write("<?xml version='1.0'>" + H + '<iq/>'.repeat(1000));
    expect(errors).toEqual(['not-well-formed@19']);
  });

  it('compareVersions is exact for numbers beyond 2^53', () => {
    expect(compareVersions('99999999999999999999.1', '100000000000000000000.1')).toBe(-1);
    expect(compareVersions('1.00000000000000000001', '1.1')).toBe(0);
  });

  it('write() takes the bytes of any ArrayBufferView or ArrayBuffer, not their elements', () => {
    const parser = new StreamParser();
    const names: string[] = [];
    parser.on('element', (element) => names.push(element.name));
    const bytes = bytesOf(H + '<a/><bb/>');
    const padded = new Uint8Array(bytes.length + 2);
    padded.set(bytes, 2);
    parser.write(new DataView(padded.buffer, 2, bytes.length - 5));
    parser.write(bytes.slice(bytes.length - 5).buffer);
    expect(names).toEqual(['a', 'bb']);
  });
});
