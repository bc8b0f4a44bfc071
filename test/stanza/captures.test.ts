// The real captures (test/fixtures/captures): every stanza that real servers and clients sent
// passes checkStanza on the side that received it, and every error stanza among them reads back.
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkStanza, parse, readStanzaError, StreamParser, STANZA_ERROR_CONDITIONS, type XmlElement } from '../../bindings/index.js';
import { capturePath, readCapture, splitAtRestart, webSocketMessages } from '../adapters/captures.js';

const STANZA_NAMES = ['message', 'presence', 'iq'];

/** The first-level elements of a TCP direction, both streams of it. */
function tcpElements(path: string): XmlElement[] {
  const elements: XmlElement[] = [];
  for (const stream of splitAtRestart(readCapture(path))) {
    const parser = new StreamParser();
    parser.on('element', (element) => elements.push(element));
    parser.on('error', (error) => {
      throw error;
    });
    parser.write(stream);
  }
  return elements;
}

/** The elements of the WebSocket frames of one direction (no <open/>, <close/>). */
const frameElements = (session: string, dir: 'c2s' | 's2c'): XmlElement[] =>
  webSocketMessages(session, dir)
    .filter((message) => message.trim() !== '')
    .map((message) => parse(message))
    .filter((element) => element.name !== 'open' && element.name !== 'close');

interface Direction {
  name: string;
  side: 'c2s' | 'client';
  elements: () => XmlElement[];
}

const directions: Direction[] = [];
for (const session of readdirSync(capturePath(''), { withFileTypes: true }).filter((entry) => entry.isDirectory())) {
  for (const file of readdirSync(capturePath(session.name)).filter((name) => name.endsWith('.chunks.tsv'))) {
    const name = `${session.name}/${file.slice(0, -'.chunks.tsv'.length)}`;
    for (const dir of ['c2s', 's2c'] as const) {
      const side = dir === 'c2s' ? 'c2s' : 'client';
      const isWebSocket = session.name.includes('websocket');
      directions.push({
        name: `${name} ${dir}`,
        side,
        elements: isWebSocket ? () => frameElements(name, dir) : () => tcpElements(`${name}.${dir}.xml`),
      });
    }
  }
}

describe('the real captures', () => {
  let errorStanzas = 0;
  for (const { name, side, elements } of directions) {
    it(`${name}: every stanza passes checkStanza (side ${side}), every error stanza reads back`, () => {
      const stanzas = elements().filter((element) => STANZA_NAMES.includes(element.name));
      expect(stanzas.length).toBeGreaterThan(5);
      const refused = stanzas.map((stanza) => [stanza.toString(), checkStanza(stanza, { side })]).filter(([, result]) => result !== null);
      expect(refused).toEqual([]);
      for (const stanza of stanzas.filter((element) => element.attrs.type === 'error')) {
        errorStanzas++;
        const read = readStanzaError(stanza);
        expect(read, stanza.toString()).not.toBeNull();
        expect(STANZA_ERROR_CONDITIONS).toContain(read!.condition);
      }
    });
  }

  it('hold error stanzas to read', () => {
    expect(errorStanzas).toBeGreaterThan(0);
  });
});
