// The stanza layer is its own entry point, `xmpp-wasm/stanza`, for import and require, with the
// same functions as the package root (one set of classes and conditions in each module system).
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const NAMES = [
  'checkStanza',
  'stanzaError',
  'readStanzaError',
  'streamError',
  'readStreamError',
  'saslFailure',
  'readSaslFailure',
  'streamClose',
];

describe('xmpp-wasm/stanza', () => {
  it('as an ES module: the functions of the package root', async () => {
    const [stanza, root] = await Promise.all([import('xmpp-wasm/stanza'), import('xmpp-wasm')]);
    for (const name of NAMES) expect(stanza[name as keyof typeof stanza], name).toBe(root[name as keyof typeof root]);
  });

  it('as CommonJS: the same, and answering a stanza', () => {
    const stanza = require('xmpp-wasm/stanza');
    const root = require('xmpp-wasm');
    for (const name of NAMES) expect(stanza[name], name).toBe(root[name]);
    const reply = stanza.stanzaError(root.parse("<iq id='1' type='get' from='a@b/c'/>"), 'bad-request');
    expect(stanza.readStanzaError(reply)).toEqual({ type: 'modify', condition: 'bad-request' });
  });
});
