// Lazy mode: name and attributes in the element event, children built from the stanza's bytes
// on first read, equal to eager mode's whenever that happens (during the listener, after more
// writes, after reset()). The event-log fixtures of every parser suite also run in lazy mode.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type Attributes, Element, type LazyElement, StreamParser, type XmlElement } from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { HEADER, at, splitAt, splitPoints, toBytes } from '../helpers/event-log.js';
import { tree } from '../helpers/xml-arbitraries.js';

const S2S_HEADER =
  "<stream:stream xmlns='jabber:server' xmlns:stream='http://etherx.jabber.org/streams' xmlns:db='jabber:server:dialback' version='1.0'>";

/** Every stanza of `chunks`, in lazy or eager mode, and the parser's errors. */
function stanzasOf(chunks: (string | Uint8Array)[], lazy: boolean, options = {}): { stanzas: XmlElement[]; errors: string[] } {
  const parser = new StreamParser({ ...options, lazy });
  const stanzas: XmlElement[] = [];
  const errors: string[] = [];
  parser.on('element', (stanza) => stanzas.push(stanza));
  parser.on('error', (error) => errors.push(`${error.condition} at ${error.offset}`));
  for (const chunk of chunks) parser.write(chunk);
  return { stanzas, errors };
}

/** An element class that counts its instances. */
function countingClass(): { Counted: typeof Element; made: () => number } {
  let count = 0;
  class Counted extends Element {
    constructor(name: string, attrs?: string | Attributes) {
      super(name, attrs);
      count++;
    }
  }
  return { Counted, made: () => count };
}

describe('lazy mode', () => {
  it('delivers name and attributes, and builds no child until one is read', () => {
    const { Counted, made } = countingClass();
    const stanza = "<message to='romeo@example.net' id='a1' type='chat'><body>hi</body><active xmlns='urn:xmpp:chatstates'/></message>";
    const seen: unknown[] = [];
    const parser = new StreamParser({ lazy: true, Element: Counted });
    parser.on('element', (element, source) => {
      seen.push([element.name, { ...element.attrs }, element.getNS(), source.length, made()]);
    });
    parser.write(HEADER + stanza);
    // The stream header and the stanza: the two children are not built.
    expect(seen).toEqual([['message', { to: 'romeo@example.net', id: 'a1', type: 'chat' }, 'jabber:client', stanza.length, 2]]);
  });

  it('builds the children on first read, of the parser class, with the stanza as their parent', () => {
    const { Counted, made } = countingClass();
    const { stanzas } = stanzasOf([HEADER, "<message><body>hi</body><x xmlns='urn:x'><y/></x></message>"], true, { Element: Counted });
    const message = stanzas[0]!;
    expect(made()).toBe(2); // the header and the stanza
    expect(message.getChildText('body')).toBe('hi');
    expect(made()).toBeGreaterThan(2);
    expect(message.getChild('x', 'urn:x')!.getChild('y')!.getNS()).toBe('urn:x');
    expect(message.children.every((child) => child instanceof Counted && (child as XmlElement).parent === message)).toBe(true);
  });

  it('equals eager mode for generated stanzas, read after more writes and a reset()', () => {
    fc.assert(
      fc.property(fc.array(tree, { minLength: 1, maxLength: 4 }), fc.nat(), (stanzas, seed) => {
        const input = toBytes(HEADER + stanzas.map((stanza) => stanza.toString()).join(''));
        const points = fc.sample(splitPoints(input.length), { seed, numRuns: 1 })[0]!;
        const parser = new StreamParser({ lazy: true });
        const kept: XmlElement[] = [];
        parser.on('element', (element) => kept.push(element));
        for (const chunk of splitAt(input, points)) parser.write(chunk);
        parser.reset();
        parser.write(input); // the same stream again, after the reset
        expect(kept.map(plain)).toEqual([...stanzas, ...stanzas].map(plain));
      }),
      { numRuns: 100 },
    );
  });

  it('builds children that use the stream header prefixes', () => {
    const body =
      "<stream:features><starttls xmlns='urn:ietf:params:xml:ns:xmpp-tls'/></stream:features><db:result from='a.example' to='b.example'>key<db:x/></db:result>";
    const lazy = stanzasOf([S2S_HEADER + body], true).stanzas;
    const eager = stanzasOf([S2S_HEADER + body], false).stanzas;
    expect(lazy.map(plain)).toEqual(eager.map(plain));
    expect((lazy[1]!.children[1] as XmlElement).getNS()).toBe('jabber:server:dialback');
  });

  it('fails a malformed descendant in write(), at the same offset as eager mode', () => {
    const { body, offset } = at('<message><body>hi</body><a><b>▼</c></a></message><presence/>');
    for (const lazy of [true, false]) {
      expect(stanzasOf([HEADER + body], lazy)).toEqual({ stanzas: [], errors: [`not-well-formed at ${offset}`] });
    }
  });

  it('keeps children the user sets or appends before reading them', () => {
    const { stanzas } = stanzasOf([HEADER, '<message><body>hi</body></message><presence><show>away</show></presence>'], true);
    const [message, presence] = stanzas as [XmlElement, XmlElement];
    message.c('thread').t('t1');
    presence.children = ['replaced'];
    expect(message.toString()).toBe('<message><body>hi</body><thread>t1</thread></message>');
    expect(presence.toString()).toBe('<presence>replaced</presence>');
  });

  it('gives the bytes as received after the listener returned, also for a stanza split over writes', () => {
    const stanza = "<message id='é1'><body>naïve</body></message>";
    const bytes = toBytes(stanza);
    const { stanzas } = stanzasOf([HEADER, bytes.subarray(0, 13), bytes.subarray(13)], true);
    const message = stanzas[0] as LazyElement;
    expect(message.bytes()).toEqual(bytes);
    expect(new TextDecoder().decode(message.bytes({ id: null, to: 'juliet@example.com' }))).toBe(
      `<message to="juliet@example.com"><body>naïve</body></message>`,
    );
  });
});
