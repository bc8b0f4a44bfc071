// The ltx backend: ltx.Parser and ltx.parse driven by xmpp-wasm, compared with ltx's own backend.
import { describe, expect, it } from 'vitest';
import * as ltx from 'ltx';
import { LtxBackend, withOptions } from '../../bindings/adapters/ltx-backend.js';
import { StreamError } from '../../bindings/parser/errors.js';
import { readCapture, splitAtRestart, pieces } from './captures.js';

function parseWith(Backend: unknown, chunks: (string | Uint8Array)[]) {
  const parser = new ltx.Parser({ Parser: Backend as any });
  let tree: ltx.Element | null = null;
  const errors: unknown[] = [];
  parser.on('tree', (t: ltx.Element) => {
    tree = t;
  });
  parser.on('error', (e: unknown) => errors.push(e));
  for (const chunk of chunks) parser.write(chunk as any);
  // @ts-expect-error: @types/ltx requires end()'s argument; ltx passes it on, and undefined means none
  parser.end();
  return { tree: tree as ltx.Element | null, errors };
}

describe('xmpp-wasm/ltx backend', () => {
  it('makes ltx.parse build the same tree as ltx on documents', () => {
    const documents = [
      `<message xmlns='jabber:client' to='a@b' type='chat'><body>Grüße &lt;&amp;&gt; 😀</body><x xmlns='jabber:x:data'><field var='a'><value>1</value></field></x></message>`,
      `<?xml version='1.0'?>\n<root a="1" b='two'>text <child/> tail<![CDATA[<raw>]]></root>`,
      '<a/>',
    ];
    for (const document of documents) {
      const ours = ltx.parse(document, { Parser: LtxBackend as any });
      const theirs = ltx.parse(document);
      expect(ours.toString()).toBe(theirs.toString());
    }
    // Adjacent text and CDATA become one text child here, two in ltx.
    const message = documents[0]!;
    expect(ltx.equal(ltx.parse(message, { Parser: LtxBackend as any }), ltx.parse(message))).toBe(true);
  });

  it('parses a whole XMPP stream, split anywhere, into the tree ltx builds', () => {
    const [stream] = splitAtRestart(readCapture('prosody-slixmpp-xmppjs/bob-xmppjs.s2c.xml'));
    const closed = Buffer.concat([stream, Buffer.from('</stream:stream>')]);
    const ours = parseWith(LtxBackend, [...pieces(closed, 5)]);
    const theirs = parseWith(undefined, [closed.toString('utf8')]);
    expect(ours.errors).toEqual([]);
    expect(ours.tree!.name).toBe('stream:stream');
    expect(ours.tree!.getChildren('success', 'urn:ietf:params:xml:ns:xmpp-sasl')).toHaveLength(1);
    expect(ours.tree!.toString()).toBe(theirs.tree!.toString());
  });

  it('reports events in document order: startElement with attributes, text, endElement', () => {
    const backend = new LtxBackend();
    const events: unknown[][] = [];
    for (const event of ['startElement', 'endElement', 'text'] as const) {
      backend.on(event, (...args: unknown[]) => events.push([event, ...args.filter((arg) => arg !== undefined)]));
    }
    backend.write(`<a x='1'>hi<b/>`);
    backend.end(`</a>`);
    expect(events).toEqual([
      ['startElement', 'a', { x: '1' }],
      ['text', 'hi'],
      ['startElement', 'b', {}],
      ['endElement', 'b'],
      ['endElement', 'a'],
    ]);
  });

  it('gives the stream header at once and each stanza when complete', () => {
    const backend = new LtxBackend();
    const names: string[] = [];
    backend.on('startElement', (name) => names.push(name));
    backend.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>`);
    expect(names).toEqual(['stream:stream']);
    backend.write(`<presence><show>away`);
    expect(names).toEqual(['stream:stream']);
    backend.write(`</show></presence>`);
    expect(names).toEqual(['stream:stream', 'presence', 'show']);
  });

  it('refuses XML that XMPP forbids, which ltx accepts', () => {
    const forbidden = `<message><!-- hidden --><body>x</body></message>`;
    expect(() => ltx.parse(forbidden)).not.toThrow();
    expect(() => ltx.parse(forbidden, { Parser: LtxBackend as any })).toThrow(StreamError);
    const { errors } = parseWith(LtxBackend, [`<a><b></a>`]);
    expect(errors[0]).toMatchObject({ condition: 'not-well-formed' });
  });

  it('keeps multi-byte characters split across writes', () => {
    const bytes = Buffer.from('<body>日本語 🎉</body>');
    const { tree } = parseWith(LtxBackend, [...pieces(bytes, 1)]);
    expect(tree!.getText()).toBe('日本語 🎉');
  });

  it('takes limits through withOptions, for ltx constructs its backend without arguments', () => {
    const Small = withOptions(LtxBackend, { maxDepth: 3 });
    expect(() => ltx.parse('<a><b><c><d/></c></b></a>', { Parser: Small as any })).toThrow(/nested too deeply/);
    expect(ltx.parse('<a><b><c/></b></a>', { Parser: Small as any }).toString()).toBe('<a><b><c/></b></a>');
  });
});
