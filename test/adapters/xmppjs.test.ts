// The xmpp.js adapter against @xmpp/xml's own Parser on real captures, and its byte handling.
import { describe, expect, it } from 'vitest';
import xml, { Parser as StockParser } from '@xmpp/xml';
import ConnectionTCP from '@xmpp/tcp/lib/Connection.js';
import ConnectionWebSocket from '@xmpp/websocket/lib/Connection.js';
import { Parser, FramedParser, useXmppWasm, withOptions } from '../../bindings/adapters/xmppjs.js';
import { StreamError } from '../../bindings/parser/errors.js';
import { Element } from '../../bindings/xml/element.js';
import { elementToJson } from '../../bindings/cli/pretty.js';
import { readCapture, splitAtRestart, pieces } from './captures.js';

type Events = { start: any[]; elements: any[]; end: any[]; errors: any[] };
function collect(parser: { on(event: string, listener: (...args: any[]) => void): unknown }): Events {
  const events: Events = { start: [], elements: [], end: [], errors: [] };
  parser.on('start', (root) => events.start.push(root));
  parser.on('element', (element) => events.elements.push(element));
  parser.on('end', (root) => events.end.push(root));
  parser.on('error', (error) => events.errors.push(error));
  return events;
}

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' from='example.com' version='1.0'>`;

describe('xmpp-wasm/xmppjs Parser', () => {
  it('has the zero-argument constructor and events of @xmpp/xml: start, element (parent = root, not appended), end', () => {
    const parser = new Parser();
    const events = collect(parser);
    parser.write(HEADER + `<message to='a@b'><body>hi</body></message>`);
    parser.write(`</stream:stream>`);
    expect(events.start).toHaveLength(1);
    const root = events.start[0];
    expect(parser.root).toBe(root);
    expect(root.attrs.from).toBe('example.com');
    const [message] = events.elements;
    expect(message.parent).toBe(root);
    expect(root.children).toHaveLength(0);
    expect(events.end).toEqual([root]);
    expect(message.is('message', 'jabber:client')).toBe(true);
    expect(message.getChildText('body')).toBe('hi');
    expect(message.toString()).toBe('<message to="a@b"><body>hi</body></message>');
  });

  it('builds the same trees as @xmpp/xml on both streams of real Prosody captures', () => {
    for (const file of [
      'prosody-slixmpp-xmppjs/bob-xmppjs.s2c.xml',
      'prosody-slixmpp-xmppjs/bob-xmppjs.c2s.xml',
      'ejabberd-slixmpp-xmppjs/bob-xmppjs.s2c.xml',
    ]) {
      for (const stream of splitAtRestart(readCapture(file))) {
        const stock = new StockParser();
        const stockEvents = collect(stock);
        stock.write(stream.toString('utf8'));
        const ours = new Parser();
        const ourEvents = collect(ours);
        for (const piece of pieces(stream, 61)) ours.write(piece);
        expect(ourEvents.errors).toEqual([]);
        expect(ourEvents.elements.length).toBeGreaterThanOrEqual(2);
        expect(ourEvents.elements.map(elementToJson)).toEqual(stockEvents.elements.map(elementToJson));
        expect(elementToJson(ourEvents.start[0])).toEqual(elementToJson(stockEvents.start[0]));
      }
    }
  });

  it('keeps a multi-byte character split across two reads intact, where decoding each read breaks it', () => {
    const bytes = Buffer.from(HEADER + '<message><body>Grüße 😀 日本</body></message>');
    const splitInEmoji = bytes.indexOf(Buffer.from('😀')) + 2;
    const reads = [bytes.subarray(0, splitInEmoji), bytes.subarray(splitInEmoji)];

    const ours = new Parser();
    const ourEvents = collect(ours);
    for (const read of reads) ours.write(read);
    expect(ourEvents.elements[0].getChildText('body')).toBe('Grüße 😀 日本');

    // What xmpp.js's connection does with each read before its parser sees it.
    const stock = new StockParser();
    const stockEvents = collect(stock);
    for (const read of reads) stock.write(read.toString('utf8'));
    expect(stockEvents.elements[0].getChildText('body')).not.toBe('Grüße 😀 日本');
  });

  it('builds @xmpp/xml Elements when given its class, its own Elements otherwise', () => {
    const WithXmppElements = withOptions(Parser, { Element: xml.Element });
    const parser = new WithXmppElements();
    const events = collect(parser);
    parser.write(HEADER + `<iq type='result' id='1'><query xmlns='jabber:iq:roster'><item jid='x@y'/></query></iq>`);
    const [iq] = events.elements;
    expect(iq).toBeInstanceOf(xml.Element);
    expect(events.start[0]).toBeInstanceOf(xml.Element);
    expect(iq.getChild('query', 'jabber:iq:roster').getChild('item').attrs.jid).toBe('x@y');

    const plain = new Parser();
    const plainEvents = collect(plain);
    plain.write(HEADER + '<presence/>');
    expect(plainEvents.elements[0]).toBeInstanceOf(Element);
  });

  it('emits a StreamError (Parser.XMLError) with condition and offset, then stops', () => {
    const parser = new Parser();
    const events = collect(parser);
    parser.write(HEADER + '<message><body>x</message>');
    parser.write('<presence/>');
    expect(events.errors).toHaveLength(1);
    expect(events.errors[0]).toBeInstanceOf(Parser.XMLError);
    expect(events.errors[0]).toBeInstanceOf(StreamError);
    expect(events.errors[0]).toMatchObject({ condition: 'not-well-formed', offset: HEADER.length + '<message><body>x'.length });
    expect(events.elements).toHaveLength(0);
  });

  it('refuses what @xmpp/xml lets through: comments, DOCTYPEs, undeclared entities', () => {
    for (const bad of ['<!-- c --><presence/>', '<message><body>&nbsp;</body></message>']) {
      const parser = new Parser();
      const events = collect(parser);
      parser.write(HEADER + bad);
      expect(events.errors).toHaveLength(1);
      expect(events.errors[0].condition).toBe('restricted-xml');
    }
  });

  it('end() reports a stream cut inside a stanza', () => {
    const parser = new Parser();
    const events = collect(parser);
    parser.write(HEADER + '<message>');
    parser.end();
    expect(events.errors[0].condition).toBe('not-well-formed');
  });

  it('subscribes through addListener and removeListener, as @xmpp/events does', () => {
    const parser = new Parser();
    const seen: unknown[] = [];
    const listener = (element: unknown) => seen.push(element);
    parser.addListener('element', listener);
    parser.write(HEADER + '<presence/>');
    parser.removeListener('element', listener);
    parser.write('<presence/>');
    expect(seen).toHaveLength(1);
  });
});

describe('useXmppWasm', () => {
  it('gives TCP transports the Parser and WebSocket transports the FramedParser, and passes raw bytes', () => {
    const entity: any = { transports: [ConnectionTCP, ConnectionWebSocket] };
    useXmppWasm(entity, { Element: xml.Element });
    const [Tcp, Ws] = entity.transports;
    expect(Tcp.prototype).toBeInstanceOf(ConnectionTCP);
    expect(new Tcp.prototype.Parser()).toBeInstanceOf(Parser);
    expect(new Ws.prototype.Parser()).toBeInstanceOf(FramedParser);
    expect(ConnectionTCP.prototype.Parser).toBe(StockParser); // the original classes are untouched

    const written: unknown[] = [];
    entity.parser = { write: (data: unknown) => written.push(data) };
    const read = Buffer.from([0xf0, 0x9f]);
    entity._onData(read);
    expect(written[0]).toBe(read);
  });

  it('sets the Parser of a connection without transports (a component)', () => {
    const component: any = {};
    useXmppWasm(component);
    const parser = new component.Parser();
    expect(parser).toBeInstanceOf(Parser);
    const seen: string[] = [];
    parser.on('element', (element: any) => seen.push(element.name));
    parser.write(Buffer.from(`<stream:stream xmlns='jabber:component:accept' xmlns:stream='http://etherx.jabber.org/streams'>`));
    parser.write('<handshake/>');
    expect(seen).toEqual(['handshake']);
  });
});
