// Arbitrary elements never make checkStanza or the readers throw: every answer is null or a
// known kind with a known condition, and every stanza problem can be answered with stanzaError.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkStanza,
  Element,
  readSaslFailure,
  readStanzaError,
  readStreamError,
  STANZA_ERROR_CONDITIONS,
  stanzaError,
  STREAM_ERROR_CONDITIONS,
  type CheckStanzaOptions,
} from '../../bindings/index.js';

const NAMESPACES = ['jabber:client', 'jabber:server', 'jabber:component:accept', 'urn:ietf:params:xml:ns:xmpp-stanzas', 'urn:x'];
const name = fc.oneof(
  fc.constantFrom('message', 'presence', 'iq', 'error', 'text', 'body', 'query', 'c:message', 'bad-request', 'gone', 'failure'),
  fc.string({ maxLength: 6 }),
);
const value = fc.oneof(
  fc.constantFrom('get', 'set', 'result', 'error', 'chat', 'cancel', 'auth', 'juliet@example.com/balcony', 'a@b@c', '', '@x', 'x/', 'Ⅳ@x'),
  fc.constantFrom(...NAMESPACES),
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
);
const attrs = fc.dictionary(fc.constantFrom('to', 'from', 'type', 'id', 'xmlns', 'by', 'xml:lang', 'xmlns:c'), value, { maxKeys: 6 });

interface Tree {
  name: string;
  attrs: Record<string, string>;
  children: (Tree | string)[];
}
const { tree } = fc.letrec<{ tree: Tree; node: Tree | string }>((tie) => ({
  tree: fc.record({ name, attrs, children: fc.array(tie('node'), { maxLength: 4 }) }),
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.string({ maxLength: 5 }), tie('tree')),
}));

function build(node: Tree): Element {
  const element = new Element(node.name, node.attrs);
  for (const child of node.children) element.cnode(typeof child === 'string' ? child : build(child));
  return element;
}

const options = fc.record(
  {
    side: fc.constantFrom('c2s', 's2s', 'component', 'client'),
    profile: fc.constantFrom('stringprep', 'precis'),
    requireFrom: fc.boolean(),
  },
  { requiredKeys: [] },
) as fc.Arbitrary<CheckStanzaOptions>;

describe('arbitrary elements', () => {
  it('never make checkStanza or the readers throw', () => {
    fc.assert(
      fc.property(tree, fc.option(fc.constantFrom(...NAMESPACES)), options, (data, streamNs, checkOptions) => {
        const element = build(data);
        if (streamNs !== null) element.parent = new Element('stream:stream', { xmlns: streamNs });
        const result = checkStanza(element, checkOptions);
        if (result !== null) {
          expect(['stanza', 'stream', 'drop']).toContain(result.kind);
          expect([...STANZA_ERROR_CONDITIONS, ...STREAM_ERROR_CONDITIONS]).toContain(result.condition);
          expect(typeof result.text).toBe('string');
        }
        if (result?.kind === 'stanza') expect(stanzaError(element, result).attrs.type).toBe('error');
        readStanzaError(element);
        readStreamError(element);
        readSaslFailure(element);
      }),
      { numRuns: 3000 },
    );
  });
});
