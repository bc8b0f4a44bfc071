// The design's promise: one call into WebAssembly per write (per 64 KiB window of a write),
// never per token, and at most one string decode per stanza.
import { afterEach, describe, expect, it, vi } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { bytesLexed, Engine } from '../../bindings/parser/engine.js';
import { BARE_HEADER, HEADER } from '../helpers/event-log.js';

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

describe('reset() from a listener repeats no lexing', () => {
  const SUCCESS = "<success xmlns='urn:ietf:params:xml:ns:xmpp-sasl'/>";
  const session = (i: number) => `${BARE_HEADER}<iq type='get' id='${i}'><ping xmlns='urn:xmpp:ping'/></iq>${SUCCESS}`;

  it('one 1 MiB write of many short streams, each restarted after <success/>: every byte is lexed once', () => {
    const sessions: string[] = [];
    for (let length = 0, i = 0; length < 1 << 20; i++) {
      sessions.push(session(i));
      length += sessions[i]!.length;
    }
    const bytes = new TextEncoder().encode(sessions.join(''));
    const parser = new StreamParser();
    let starts = 0;
    let restarts = 0;
    parser.on('start', () => starts++);
    parser.on('element', (element) => {
      if (element.name !== 'success') return;
      restarts++;
      parser.reset();
    });
    parser.on('error', (error) => {
      throw error;
    });
    const before = bytesLexed();
    parser.write(bytes);
    expect([starts, restarts]).toEqual([sessions.length, sessions.length]);
    // A window boundary (every 64 KiB) may cut a token, which is lexed again with the next
    // window: at most one session's bytes per window. Lexing the rest of the window again after
    // each reset() would be thousands of times that.
    const windows = Math.ceil(bytes.length / 65536);
    expect(bytesLexed() - before).toBeLessThanOrEqual(bytes.length + windows * session(0).length);
    expect(bytesLexed() - before).toBeGreaterThanOrEqual(bytes.length);
  });

  it('a reset() after a stanza that no new header follows lexes the rest of the window again, with the new state', () => {
    const parser = new StreamParser();
    const events: string[] = [];
    parser.on('start', () => events.push('start'));
    parser.on('element', (element) => {
      events.push(element.name);
      if (element.name === 'a') parser.reset();
    });
    parser.on('error', (error) => events.push(error.condition));
    parser.write(`${BARE_HEADER}<a/><b/>`);
    // The new stream begins with <b/>, which is no stream header.
    expect(events).toEqual(['start', 'a', 'invalid-namespace']);
  });
});
