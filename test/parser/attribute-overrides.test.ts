// source.bytes(overrides) and, in lazy mode, element.bytes(overrides): the stanza's own
// attributes set, added or removed on its bytes as received, every other byte unchanged, and
// the result parsing to the stanza with the overrides applied.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { type AttributeOverrides, type LazyElement, StreamParser, parse } from '../../bindings/index.js';
import { plain } from '../helpers/element-data.js';
import { HEADER, splitAt, splitPoints, toBytes } from '../helpers/event-log.js';
import { legalString, tree, xmlName } from '../helpers/xml-arbitraries.js';
import { thrown } from '../helpers/thrown.js';

const utf8 = new TextDecoder();

/** What source.bytes(overrides) gives, and element.bytes(overrides) of lazy mode after the listener returned. */
function overridden(stanza: string | Uint8Array, overrides: AttributeOverrides, chunks: number[] = []): string[] {
  const results: string[] = [];
  for (const lazy of [false, true]) {
    const parser = new StreamParser({ lazy });
    const kept: LazyElement[] = [];
    parser.on('element', (element, source) => {
      results.push(utf8.decode(source.bytes(overrides)));
      if (lazy) kept.push(element as LazyElement);
    });
    parser.on('error', (error) => {
      throw error;
    });
    parser.write(HEADER);
    for (const chunk of splitAt(toBytes(stanza), chunks)) parser.write(chunk);
    for (const element of kept) results.push(utf8.decode(element.bytes(overrides)));
  }
  return results;
}

/** The one result all three ways give. */
function rewrite(stanza: string, overrides: AttributeOverrides): string {
  const [first, ...others] = overridden(stanza, overrides);
  expect(others).toEqual([first, first]);
  return first!;
}

describe('bytes(overrides)', () => {
  it('replaces a value in its own quotes, adds what is absent, removes null and undefined', () => {
    const stanza = `<message from="forged@example.org" to='romeo@example.net' id='a1'\ttype="chat"><body>hi</body></message>`;
    expect(rewrite(stanza, { from: 'juliet@example.com/balcony' })).toBe(
      `<message from="juliet@example.com/balcony" to='romeo@example.net' id='a1'\ttype="chat"><body>hi</body></message>`,
    );
    expect(rewrite(stanza, { from: null, to: undefined, 'xml:lang': 'en' })).toBe(
      `<message id='a1'\ttype="chat" xml:lang="en"><body>hi</body></message>`,
    );
    expect(rewrite(stanza, {})).toBe(stanza);
  });

  it('leaves the children and namespace declarations as received, even with the same attribute names', () => {
    const stanza = `<iq xmlns='jabber:client' xmlns:x='urn:x' x:from='1' type='get'><query from='q' xmlns='jabber:iq:roster'/></iq>`;
    expect(rewrite(stanza, { from: 'a@b/c', type: 'set' })).toBe(
      `<iq xmlns='jabber:client' xmlns:x='urn:x' x:from='1' type='set' from="a@b/c"><query from='q' xmlns='jabber:iq:roster'/></iq>`,
    );
  });

  it('works on empty-element tags, with whitespace around = and before the end', () => {
    expect(rewrite('<presence/>', { from: 'a@b/c' })).toBe('<presence from="a@b/c"/>');
    expect(rewrite("<presence to = 'x'\n />", { to: null, type: 'unavailable' })).toBe('<presence type="unavailable"\n />');
  });

  it('escapes the values: markup, both quotes, and the whitespace a parser would normalize', () => {
    const value = `a&b<c>d"e'f\tg\nh\ri`;
    const bytes = rewrite(`<message id='1'/>`, { id: value, to: value });
    expect(bytes).toBe(
      `<message id='a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i' to="a&amp;b&lt;c&gt;d&quot;e&apos;f&#9;g&#10;h&#13;i"/>`,
    );
    expect(parse(bytes).attrs).toEqual({ id: value, to: value });
  });

  it('gives the same for a stanza split over writes, with non-ASCII bytes', () => {
    const stanza = "<message to='jürgen@münchen.example' id='x'><body>Grüße</body></message>";
    const expected = `<message to='jürgen@münchen.example' from="zoë@example.com"><body>Grüße</body></message>`;
    expect(overridden(stanza, { from: 'zoë@example.com', id: null }, [5, 20, 21, 40])).toEqual([expected, expected, expected]);
  });

  it('checks its argument, naming it', () => {
    const message = (overrides: unknown) => thrown(TypeError, () => rewrite('<a/>', overrides as AttributeOverrides)).message;
    expect(message(null)).toBe('xmpp-wasm: bytes(overrides): overrides must be an object of attribute values');
    expect(message(['x'])).toBe('xmpp-wasm: bytes(overrides): overrides must be an object of attribute values');
    for (const name of ['xmlns', 'xmlns:p', 'p:a', 'a b', '1a', '']) {
      expect(message({ [name]: 'v' })).toBe(
        `xmpp-wasm: bytes(overrides): overrides names ${JSON.stringify(name)}, not an attribute name without a prefix (or xml:)`,
      );
    }
    expect(message({ to: 5 })).toBe('xmpp-wasm: bytes(overrides): overrides.to must be a string, null or undefined');
    expect(message({ to: 'a\u0000' })).toBe('xmpp-wasm: bytes(overrides): overrides.to holds a character XML does not allow');
    expect(message({ to: '\uD800' })).toBe('xmpp-wasm: bytes(overrides): overrides.to holds a character XML does not allow');
  });

  it('parses to the stanza with the overrides applied, for generated stanzas and overrides', () => {
    const overrides = fc.dictionary(xmlName, fc.option(legalString, { nil: null }), { maxKeys: 4 });
    fc.assert(
      fc.property(tree, overrides, fc.nat(), (element, changes, seed) => {
        const stanza = toBytes(element.toString());
        const points = fc.sample(splitPoints(Math.max(2, stanza.length)), { seed, numRuns: 1 })[0]!;
        const expected = plain(element);
        for (const [name, value] of Object.entries(changes)) {
          if (value === null) delete expected.attrs[name];
          else expected.attrs[name] = value;
        }
        for (const result of overridden(stanza, changes, points)) expect(plain(parse(result))).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });
});
