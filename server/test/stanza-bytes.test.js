// Forwarding without re-serializing: `from` stamped on the sender's bytes, any `from` it wrote
// dropped, and xmlns='jabber:client' declared for WebSocket recipients when the stanza relied
// on the stream's default namespace. The result must parse to the same stanza, re-addressed.
import { describe, expect, it } from 'vitest';
import { parse } from 'xmpp-wasm';
import { stampFrom } from '../src/stanza-bytes.js';

const FROM = Buffer.from(` from='juliet@example.test/balcony'`);
const stamp = (xml, declare = false) => stampFrom(Buffer.from(xml), FROM, declare).toString();

describe('stampFrom', () => {
  it.each([
    [
      "<message to='romeo@example.test'><body>hi</body></message>",
      "<message from='juliet@example.test/balcony' to='romeo@example.test'><body>hi</body></message>",
    ],
    ['<presence/>', "<presence from='juliet@example.test/balcony'/>"],
    ['<presence\n/>', "<presence from='juliet@example.test/balcony'\n/>"],
    ["<message from='mallory@evil.example' to='r@e'/>", "<message from='juliet@example.test/balcony' to='r@e'/>"],
    [
      "<message to='r@e' from = \"x>y\" id='a'><body>from='z'</body></message>",
      "<message from='juliet@example.test/balcony' to='r@e' id='a'><body>from='z'</body></message>",
    ],
    [
      "<iq type='get' id='1' xml:lang='en' fromage='x'><q xmlns='urn:x' from='kept'/></iq>",
      "<iq from='juliet@example.test/balcony' type='get' id='1' xml:lang='en' fromage='x'><q xmlns='urn:x' from='kept'/></iq>",
    ],
  ])('%s', (input, expected) => {
    expect(stamp(input)).toBe(expected);
  });

  it('declares the client namespace for WebSocket recipients, once', () => {
    expect(stamp("<message to='r@e'/>", true)).toBe("<message from='juliet@example.test/balcony' xmlns='jabber:client' to='r@e'/>");
    expect(stamp("<message xmlns='jabber:client' to='r@e'/>", true)).toBe(
      "<message from='juliet@example.test/balcony' xmlns='jabber:client' to='r@e'/>",
    );
    const parsed = parse(stamp("<message to='r@e' type='chat'><body>Grüße 😀 &lt;&amp;&gt;</body></message>", true));
    expect(parsed.getNS()).toBe('jabber:client');
    expect(parsed.attrs.from).toBe('juliet@example.test/balcony');
    expect(parsed.getChildText('body')).toBe('Grüße 😀 <&>');
  });

  it('refuses bytes that are not an element', () => {
    expect(() => stampFrom(Buffer.from(' <a/>'), FROM, false)).toThrow(TypeError);
  });
});
