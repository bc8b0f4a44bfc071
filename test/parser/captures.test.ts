// The real captures (test/fixtures/captures, see its README) replayed with the read sizes the
// server saw, restarting the stream after SASL success: every stanza parsed, no error, the
// stanzas those of an independent parser (saxes), each stanza's source bytes re-parsing to the
// same element, and the same result for one write and byte-by-byte feeding.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Element as LtxElement } from 'ltx';
import { SaxesParser } from 'saxes';
import { StreamParser, parse } from '../../bindings/index.js';
import { streamRestartOffsets } from '../../bindings/parser/restart.js';
import { plain } from '../helpers/element-data.js';
import { byteByByte, concatBytes, recordInto, type LoggedEvent } from '../helpers/event-log.js';

const CAPTURES = new URL('../fixtures/captures/', import.meta.url);
const utf8 = new TextDecoder();

interface ReadRow {
  dir: string;
  offset: number;
  length: number;
}

function readRows(session: string, name: string): ReadRow[] {
  const lines = readFileSync(new URL(`${session}/${name}.chunks.tsv`, CAPTURES), 'utf8')
    .trim()
    .split('\n')
    .slice(1);
  return lines.map((line) => {
    const [, , dir, offset, length] = line.split('\t');
    return { dir: dir!, offset: Number(offset), length: Number(length) };
  });
}

/** Byte offset where the second stream header (with its XML declaration, if any) begins. */
function secondHeaderAt(bytes: Uint8Array): number {
  const at = streamRestartOffsets(bytes)[0];
  if (at === undefined) throw new Error('no second stream header');
  return at;
}

/** Names of the stream element's children, by saxes, one stream at a time. */
function stanzaNamesBySaxes(bytes: Uint8Array, restartAt: number): string[] {
  const names: string[] = [];
  const streams = [utf8.decode(bytes.subarray(0, restartAt)) + '</stream:stream>', utf8.decode(bytes.subarray(restartAt))];
  for (const stream of streams) {
    const saxes = new SaxesParser();
    let depth = 0;
    saxes.on('opentag', (tag) => {
      if (++depth === 2) names.push(tag.name);
    });
    saxes.on('closetag', () => {
      depth--;
    });
    saxes.on('error', (error) => {
      throw error;
    });
    saxes.write(stream).close();
  }
  return names;
}

interface Replay {
  log: LoggedEvent[];
  stanzas: { element: LtxElement; source: Uint8Array; nsDeclarations: string }[];
}

/**
 * Feeds `pieces` to a new parser; a `null` piece is a reset(). With `resetAfterSuccess`, the
 * element listener resets after <success/> (the server's side of a restart).
 */
function replay(bytes: Uint8Array, pieces: (Uint8Array | null)[], resetAfterSuccess: boolean): Replay {
  const parser = new StreamParser();
  const result: Replay = { log: [], stanzas: [] };
  let nsDeclarations = '';
  parser.on('start', (header) => {
    nsDeclarations = Object.entries(header.attrs)
      .filter(([name]) => name === 'xmlns' || name.startsWith('xmlns:'))
      .map(([name, value]) => ` ${name}="${value}"`)
      .join('');
  });
  parser.on('element', (element, source) => result.stanzas.push({ element, source: source.bytes().slice(), nsDeclarations }));
  // After the collector: the recorder's listener is the one that resets.
  recordInto(parser, bytes, result.log, resetAfterSuccess ? 'success' : undefined);
  for (const piece of pieces) {
    if (piece === null) parser.reset();
    else parser.write(piece);
  }
  parser.end();
  return result;
}

/** Splits the file into the recorded reads, with a reset (null) before `resetAt` if given. */
function readPieces(bytes: Uint8Array, rows: ReadRow[], resetAt: number | null): (Uint8Array | null)[] {
  const pieces: (Uint8Array | null)[] = [];
  for (const { offset, length } of rows) {
    const end = offset + length;
    if (resetAt !== null && offset < resetAt && resetAt < end) {
      pieces.push(bytes.subarray(offset, resetAt), null, bytes.subarray(resetAt, end));
    } else {
      if (resetAt !== null && offset === resetAt) pieces.push(null);
      pieces.push(bytes.subarray(offset, end));
    }
  }
  return pieces;
}

const sessions = readdirSync(CAPTURES, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name);

for (const session of sessions) {
  const names = readdirSync(new URL(`${session}/`, CAPTURES))
    .filter((file) => file.endsWith('.chunks.tsv'))
    .map((file) => file.slice(0, -'.chunks.tsv'.length));
  for (const name of names) {
    const files = ['c2s', 's2c'].map((dir) => ({
      dir,
      bytes: new Uint8Array(readFileSync(new URL(`${session}/${name}.${dir}.xml`, CAPTURES))),
    }));
    // The WebSocket session's TCP files hold HTTP and masked frames, not a plain stream: its
    // frame payloads are tested below.
    const streams = files.filter(({ bytes }) => bytes[0] === 0x3c);
    if (streams.length === 0) continue;
    describe(`${session}/${name}`, () => {
      for (const { dir, bytes } of streams) {
        const rows = readRows(session, name).filter((row) => row.dir === dir);
        it(`${dir}: replayed with its read sizes`, () => {
          expect(
            rows.reduce((at, row) => (row.offset === at ? at + row.length : -1), 0),
            'reads cover the file',
          ).toBe(bytes.length);
          const restartAt = secondHeaderAt(bytes);
          // The client's restart is found by position; the server's follows its own <success/>.
          const resetAt = dir === 'c2s' ? restartAt : null;
          const { log, stanzas } = replay(bytes, readPieces(bytes, rows, resetAt), dir === 's2c');

          expect(log.filter((event) => 'error' in event || 'thrown' in event)).toEqual([]);
          expect(log.filter((event) => 'start' in event)).toHaveLength(2);
          expect(log.at(-1)).toEqual({ end: 'stream:stream' });
          const elements = log.filter((event): event is Extract<LoggedEvent, { element: string }> => 'element' in event);
          expect(elements.filter((event) => event.wrongBytes !== undefined)).toEqual([]);
          expect(stanzas.length).toBeGreaterThan(10);
          expect(stanzas.map(({ element }) => element.name)).toEqual(stanzaNamesBySaxes(bytes, restartAt));

          for (const { element, source, nsDeclarations } of stanzas) {
            // The stanza may use prefixes the header declared: re-parse it inside their declarations.
            const wrapped = parse(concatBytes(`<wrapper${nsDeclarations}>`, source, '</wrapper>'));
            expect(plain(wrapped.children[0] as LtxElement)).toEqual(plain(element));
          }

          const whole = resetAt === null ? [bytes] : [bytes.subarray(0, resetAt), null, bytes.subarray(resetAt)];
          expect(replay(bytes, whole, dir === 's2c').log, 'one write').toEqual(log);
          const oneByOne =
            resetAt === null ? byteByByte(bytes) : [...byteByByte(bytes.subarray(0, resetAt)), null, ...byteByByte(bytes).slice(resetAt)];
          expect(replay(bytes, oneByOne, dir === 's2c').log, 'byte by byte').toEqual(log);
        });
      }
    });
  }
}

describe("the WebSocket capture's frame payloads (RFC 7395: one element per frame)", () => {
  const session = 'prosody-stanza-websocket';
  const frames = readFileSync(new URL(`${session}/carol-stanza-ws.ws-frames.tsv`, CAPTURES), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([, , opcode]) => opcode === '1');
  for (const dir of ['c2s', 's2c']) {
    it(`${dir}: every text frame parses to the element saxes sees`, () => {
      const payloads = new Uint8Array(readFileSync(new URL(`${session}/carol-stanza-ws.${dir}.ws.xml`, CAPTURES)));
      const texts = frames
        .filter(([d]) => d === dir)
        .map(([, , , , , offset, length]) => payloads.subarray(Number(offset), Number(offset) + Number(length)));
      expect(texts.length).toBeGreaterThan(5);
      for (const frame of texts) {
        const saxes = new SaxesParser();
        let rootName = '';
        saxes.on('opentag', (tag) => {
          rootName ||= tag.name;
        });
        saxes.write(utf8.decode(frame)).close();
        expect(parse(frame).name).toBe(rootName);
      }
    });
  }
});
