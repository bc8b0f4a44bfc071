// serialize(), the escaping helpers, and the stream header and close helpers: exact outputs,
// and that what they write parses back.
import { describe, expect, it } from 'vitest';
import { Element, StreamParser, escapeAttribute, escapeText, serialize, streamClose, streamHeader } from '../../bindings/index.js';
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
