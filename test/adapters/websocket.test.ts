// RFC 7395 framing: the replayed Prosody WebSocket capture, xmpp.js's FramedParser for
// comparison, and the per-message rules.
import { describe, expect, it } from 'vitest';
import FramedParserXmppjs from '@xmpp/websocket/lib/FramedParser.js';
import { FramedParser, FRAMING_NS } from '../../bindings/adapters/websocket.js';
import { elementToJson } from '../../bindings/cli/pretty.js';
import { webSocketMessages } from './captures.js';

const SESSION = 'prosody-stanza-websocket/carol-stanza-ws';

function collect(parser: FramedParser | InstanceType<typeof FramedParserXmppjs>) {
  const events: { event: string; element?: any; error?: any }[] = [];
  for (const event of ['start', 'element', 'end']) parser.on(event as 'start', (element: any) => events.push({ event, element }));
  parser.on('error', (error: any) => events.push({ event: 'error', error }));
  return events;
}

describe('xmpp-wasm/websocket FramedParser', () => {
  it.each(['s2c', 'c2s'] as const)('parses every frame of the real Prosody WebSocket capture (%s)', (dir) => {
    const messages = webSocketMessages(SESSION, dir);
    const parser = new FramedParser();
    const events = collect(parser);
    for (const message of messages) parser.write(message);
    expect(events.filter((e) => e.event === 'error')).toEqual([]);
    expect(events).toHaveLength(messages.length);
    // Opened twice (before and after SASL), closed once, at the end.
    expect(events.filter((e) => e.event === 'start')).toHaveLength(2);
    expect(events.at(-1)!.event).toBe('end');
    expect(events.at(-1)!.element.attrs.xmlns).toBe(FRAMING_NS);
    expect(parser.root!.attrs.version).toBe('1.0');
  });

  it('builds the same elements as xmpp.js FramedParser on the capture', () => {
    const messages = webSocketMessages(SESSION, 's2c');
    const ours = new FramedParser();
    const ourEvents = collect(ours);
    for (const message of messages) ours.write(Buffer.from(message));
    const theirs = new FramedParserXmppjs();
    const theirEvents = collect(theirs);
    for (const message of messages) theirs.write(message);
    const shape = (events: ReturnType<typeof collect>) => events.map((e) => ({ event: e.event, element: elementToJson(e.element) }));
    expect(shape(ourEvents)).toEqual(shape(theirEvents));
    const body = ourEvents.find((e) => e.element?.getChild?.('body'))?.element.getChildText('body');
    expect(body).toMatch(/[^\x00-\x7f]/);
  });

  it('ignores whitespace-only messages, as keepalives', () => {
    const parser = new FramedParser();
    const events = collect(parser);
    for (const message of ['', ' ', '\r\n']) parser.write(message);
    parser.write(`<presence xmlns='jabber:client'/>`);
    expect(events.map((e) => e.event)).toEqual(['element']);
  });

  it('refuses a message holding two elements, or text without one', () => {
    for (const message of [
      `<presence xmlns='jabber:client'/><presence xmlns='jabber:client'/>`,
      'hello',
      `<presence xmlns='jabber:client'>`,
    ]) {
      const parser = new FramedParser();
      const events = collect(parser);
      parser.write(message);
      expect(events.map((e) => e.event)).toEqual(['error']);
      expect(events[0]!.error.condition).toBe('not-well-formed');
    }
  });

  it('applies the restricted-XML rules to each message', () => {
    const cases: [string, string][] = [
      [`<message xmlns='jabber:client'><!-- c --></message>`, 'restricted-xml'],
      [`<!DOCTYPE x><message xmlns='jabber:client'/>`, 'restricted-xml'],
      [`<stream:features><bind/></stream:features>`, 'not-well-formed'], // prefix declared in an earlier frame does not count
      [`<message xmlns='jabber:client'><body>&nbsp;</body></message>`, 'restricted-xml'],
    ];
    for (const [message, condition] of cases) {
      const parser = new FramedParser();
      const events = collect(parser);
      parser.write(`<open xmlns='${FRAMING_NS}' to='example.com' version='1.0'/>`);
      parser.write(message);
      expect(events.map((e) => e.event)).toEqual(['start', 'error']);
      expect(events[1]!.error.condition).toBe(condition);
    }
  });

  it('counts error offsets from the start of the connection, and stops until reset()', () => {
    const open = `<open xmlns='${FRAMING_NS}' to='example.com' version='1.0'/>`;
    const parser = new FramedParser();
    const events = collect(parser);
    parser.write(open);
    parser.write(`<message xmlns='jabber:client'><body>x</bod></message>`);
    parser.write(`<presence xmlns='jabber:client'/>`);
    expect(events.map((e) => e.event)).toEqual(['start', 'error']);
    expect(events[1]!.error.offset).toBe(Buffer.byteLength(open) + `<message xmlns='jabber:client'><body>x`.length);
    parser.reset();
    parser.write(`<presence xmlns='jabber:client'/>`);
    expect(events.map((e) => e.event)).toEqual(['start', 'error', 'element']);
  });

  it('keeps a stream:error, with its prefix declared in the message, as an element', () => {
    const parser = new FramedParser();
    const events = collect(parser);
    parser.write(
      `<stream:error xmlns:stream='http://etherx.jabber.org/streams'><host-unknown xmlns='urn:ietf:params:xml:ns:xmpp-streams'/></stream:error>`,
    );
    expect(events[0]!.event).toBe('element');
    expect(events[0]!.element.is('error', 'http://etherx.jabber.org/streams')).toBe(true);
  });
});
