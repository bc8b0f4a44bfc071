// Forwarding without re-serializing: the engine stamps `from` on the sender's bytes (any `from`
// the client wrote replaced), and xmlns='jabber:client' is declared for WebSocket recipients
// when the stanza relied on the stream's default namespace. The result must parse to the same
// stanza, re-addressed.
import { describe, expect, it } from 'vitest';
import { parse, StreamParser } from 'xmpp-wasm';
import { declareClientNamespace } from '../src/stanza-bytes.js';

const FROM = 'juliet@example.test/balcony';

/** What the router forwards: each stanza's bytes from a lazy parser, stamped, declared if asked. */
function forwarded(xml, declare = false) {
  const parser = new StreamParser({ lazy: true });
  const out = [];
  parser.on('element', (_stanza, source) => {
    const bytes = source.bytes({ from: FROM });
    out.push(Buffer.from(declare ? declareClientNamespace(bytes) : bytes).toString());
  });
  parser.write(
    `<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.test' version='1.0'>${xml}`,
  );
  return out;
}

describe('stanzas forwarded with from stamped', () => {
  it.each([
    [
      "<message to='romeo@example.test'><body>hi</body></message>",
      '<message to=\'romeo@example.test\' from="juliet@example.test/balcony"><body>hi</body></message>',
    ],
    ['<presence/>', '<presence from="juliet@example.test/balcony"/>'],
    ["<message from='mallory@evil.example' to='r@e'/>", "<message from='juliet@example.test/balcony' to='r@e'/>"],
    [
      "<iq type='get' id='1' fromage='x'><q xmlns='urn:x' from='kept'/></iq>",
      "<iq type='get' id='1' fromage='x' from=\"juliet@example.test/balcony\"><q xmlns='urn:x' from='kept'/></iq>",
    ],
  ])('%s', (input, expected) => {
    expect(forwarded(input)).toEqual([expected]);
  });
});

describe('declareClientNamespace', () => {
  it('declares the client namespace for WebSocket recipients, once', () => {
    expect(Buffer.from(declareClientNamespace(Buffer.from("<message to='r@e'/>"))).toString()).toBe(
      "<message xmlns='jabber:client' to='r@e'/>",
    );
    const own = Buffer.from("<message xmlns='jabber:client' to='r@e'/>");
    expect(declareClientNamespace(own)).toBe(own);
    const [text] = forwarded("<message to='r@e' type='chat'><body>Grüße 😀 &lt;&amp;&gt;</body></message>", true);
    const parsed = parse(text);
    expect(parsed.getNS()).toBe('jabber:client');
    expect(parsed.attrs.from).toBe(FROM);
    expect(parsed.getChildText('body')).toBe('Grüße 😀 <&>');
  });

  it('refuses bytes that are not an element', () => {
    expect(() => declareClientNamespace(Buffer.from(' <a/>'))).toThrow(TypeError);
  });
});
