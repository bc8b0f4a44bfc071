// serialize(), the escaping helpers, and the stream header and close helpers: exact outputs,
// and that what they write parses back.
import { describe, expect, it } from 'vitest';
import { Element, StreamParser, escapeAttribute, escapeText, parse, serialize, streamClose, streamHeader } from '../../bindings/index.js';
import { STREAMS_NS, recordInto, toBytes, type LoggedEvent } from '../helpers/event-log.js';

describe('escaping', () => {
  it('text: & < > and CR; quotes, TAB and LF stay', () => {
    expect(escapeText(`a&b<c>d\re"f'g\th\ni]]>`)).toBe(`a&amp;b&lt;c&gt;d&#13;e"f'g\th\ni]]&gt;`);
    expect(escapeText('plain é 😀')).toBe('plain é 😀');
  });
  it('attribute values: & < > both quotes, TAB, LF and CR', () => {
    expect(escapeAttribute(`a&b<c>d"e'f\tg\nh\ri`)).toBe('a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i');
  });
});

describe('serialize', () => {
  it('writes attributes in double quotes and empty elements as <a/>', () => {
    const element = new Element('message', { to: 'a@b', type: `x"y` });
    element.c('body').t('1 < 2 & 3\r\n');
    element.c('x', { xmlns: 'urn:x' });
    expect(serialize(element)).toBe('<message to="a@b" type="x&quot;y"><body>1 &lt; 2 &amp; 3&#13;\n</body><x xmlns="urn:x"/></message>');
  });
  it('leaves out undefined and null attributes and stringifies other values', () => {
    const element = new Element('a', { b: undefined, c: null, d: 5, e: true });
    expect(serialize(element)).toBe('<a d="5" e="true"/>');
  });
  it('a text node alone is escaped text', () => {
    expect(serialize('<&>')).toBe('&lt;&amp;&gt;');
  });
  it('is what Element#toString() gives', () => {
    const element = new Element('a', { v: '\t' }).t('\r');
    expect(element.toString()).toBe('<a v="&#9;">&#13;</a>');
    expect(element.toString()).toBe(serialize(element));
  });
});

describe('a stanza carries the declarations of the prefixes it uses from the stream header', () => {
  const S2S_HEADER =
    "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' to='a.example'>";
  function stanzasOf(input: string): Element[] {
    const parser = new StreamParser();
    const stanzas: Element[] = [];
    parser.on('element', (stanza) => stanzas.push(stanza as Element));
    parser.on('error', (error) => {
      throw error;
    });
    parser.write(input);
    return stanzas;
  }

  it('a dialback key on a server-to-server stream parses again from its text', () => {
    const [result] = stanzasOf(S2S_HEADER + "<db:result from='b.example' to='a.example'>key</db:result>");
    const text = result!.toString();
    expect(text).toBe('<db:result from="b.example" to="a.example" xmlns:db="jabber:server:dialback">key</db:result>');
    const again = parse(text);
    expect([again.name, again.getNS(), again.getText()]).toEqual(['db:result', 'jabber:server:dialback', 'key']);
  });

  it('prefixes used by descendants and attributes too; those declared inside, xml: and unused ones are not added', () => {
    const [stanza] = stanzasOf(
      S2S_HEADER + "<message xml:lang='en'><db:x/><p:y xmlns:p='urn:p'><p:z db:a='1'/></p:y><stream:error/></message>",
    );
    expect(stanza!.toString()).toBe(
      '<message xml:lang="en" xmlns:db="jabber:server:dialback" xmlns:stream="http://etherx.jabber.org/streams">' +
        '<db:x/><p:y xmlns:p="urn:p"><p:z db:a="1"/></p:y><stream:error/></message>',
    );
    expect(() => parse(stanza!.toString())).not.toThrow();
    const [plain] = stanzasOf(S2S_HEADER + "<message to='x@a.example'><body>hi</body></message>");
    expect(plain!.toString()).toBe('<message to="x@a.example"><body>hi</body></message>');
  });

  it('an element without a parent is written as it is', () => {
    expect(new Element('db:result', { to: 'a' }).toString()).toBe('<db:result to="a"/>');
  });
});

describe('streamHeader and streamClose', () => {
  it('default header', () => {
    expect(streamHeader()).toBe(`<?xml version='1.0'?><stream:stream xmlns="jabber:client" xmlns:stream="${STREAMS_NS}" version="1.0">`);
  });
  it('with every option', () => {
    const header = streamHeader({
      to: 'example.com',
      from: 'a&b',
      id: 'x"y',
      version: '1.0',
      lang: 'en',
      xmlns: 'jabber:server',
      declaration: false,
      attrs: { 'xmlns:db': 'jabber:server:dialback' },
    });
    expect(header).toBe(
      `<stream:stream xmlns="jabber:server" xmlns:stream="${STREAMS_NS}" to="example.com" from="a&amp;b" id="x&quot;y" version="1.0" xml:lang="en" xmlns:db="jabber:server:dialback">`,
    );
  });
  it('version null leaves the attribute out', () => {
    expect(streamHeader({ version: null, declaration: false })).toBe(`<stream:stream xmlns="jabber:client" xmlns:stream="${STREAMS_NS}">`);
  });
  it('streamClose', () => {
    expect(streamClose()).toBe('</stream:stream>');
  });
  it('what they write is a stream the parser accepts', () => {
    const text = streamHeader({ to: 'a<b', lang: 'de', xmlns: 'jabber:server' }) + new Element('presence').toString() + streamClose();
    const parser = new StreamParser();
    const log: LoggedEvent[] = [];
    recordInto(parser, toBytes(text), log);
    parser.end(text);
    expect(log.map((event) => Object.keys(event)[0])).toEqual(['start', 'element', 'end']);
    expect(log[0]).toEqual({
      start: 'stream:stream',
      attrs: { xmlns: 'jabber:server', 'xmlns:stream': STREAMS_NS, to: 'a<b', version: '1.0', 'xml:lang': 'de' },
    });
  });
});
