// The design's promise: one call into WebAssembly per write (per 64 KiB window of a write),
// never per token, and at most one string decode per stanza.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { Engine } from '../../bindings/parser/engine.js';
import { HEADER } from '../helpers/event-log.js';

const stanza = (i: number) =>
  `<message to="juliet@example.com" id="m${i}" type="chat"><body>Привет, wörld #${i} &amp; 😀</body><active xmlns="http://jabber.org/protocol/chatstates"/></message>`;

describe('calls across the WebAssembly boundary', () => {
  afterEach(() => vi.restoreAllMocks());

  it('one lexer call for a write of 100 stanzas, at most one decode per stanza', () => {
    const parser = new StreamParser();
    parser.write(HEADER);
    const lex = vi.spyOn(Engine.prototype, 'lex');
    const decodeSegment = vi.spyOn(Engine.prototype, 'decodeSegment');
    const decode = vi.spyOn(Engine.prototype, 'decode');
    let stanzas = 0;
    parser.on('element', () => stanzas++);
    parser.write(Array.from({ length: 100 }, (_, i) => stanza(i)).join(''));
    expect(stanzas).toBe(100);
    expect(lex).toHaveBeenCalledTimes(1);
    expect(decodeSegment.mock.calls.length + decode.mock.calls.length).toBeLessThanOrEqual(100);
  });

  it('a write larger than a window takes one call per 64 KiB', () => {
    const parser = new StreamParser({ maxStanzaBytes: 1 << 20 });
    parser.write(HEADER);
    const lex = vi.spyOn(Engine.prototype, 'lex');
    const text = Array.from({ length: 2000 }, (_, i) => stanza(i)).join('');
    const bytes = new TextEncoder().encode(text);
    parser.write(bytes);
    expect(lex).toHaveBeenCalledTimes(Math.ceil(bytes.length / 65536));
  });
});
