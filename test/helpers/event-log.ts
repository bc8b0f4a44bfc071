// Event-log fixtures for the streaming parser, in the style of llhttp's tests: each case is an
// input and the exact log of events it must produce. Every case runs three ways (one write,
// byte by byte, random chunk boundaries) and the three logs must be identical, so a rule that
// only holds for some chunkings fails here; lazy mode must give the same log.
import { expect, it } from 'vitest';
import fc from 'fast-check';
import type { XmlElement as LtxElement } from '../../bindings/index.js';
import { StreamParser, serialize } from '../../bindings/index.js';
import type { LazyElement, ParserOptions, StanzaSource } from '../../bindings/index.js';

export const STREAMS_NS = 'http://etherx.jabber.org/streams';

/** A client stream header as real clients send it (ASCII, so its length is its byte length). */
export const HEADER =
  "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>";
/** Byte offset of the first byte after HEADER. */
export const H = HEADER.length;
/** The `start` event HEADER produces. */
export const START: StartEvent = {
  start: 'stream:stream',
  attrs: { xmlns: 'jabber:client', 'xmlns:stream': STREAMS_NS, to: 'example.com', version: '1.0' },
};
/** The shortest valid header: no declaration, only the two namespaces. */
export const BARE_HEADER = `<stream:stream xmlns='jabber:client' xmlns:stream='${STREAMS_NS}'>`;
export const BARE_START: StartEvent = { start: 'stream:stream', attrs: { xmlns: 'jabber:client', 'xmlns:stream': STREAMS_NS } };

export interface StartEvent {
  start: string;
  attrs: Record<string, string>;
}

export type LoggedEvent =
  | StartEvent
  /** A stanza serialized, where its source lies, and (only when wrong) what source.bytes() gave. */
  | { element: string; offset: number; length: number; wrongBytes?: string }
  | { end: string }
  | { error: string; offset: number }
  /** write()/end() threw: never expected. */
  | { thrown: string };

export interface Fixture {
  name: string;
  input: string | Uint8Array;
  options?: ParserOptions;
  /** Call end() after the last write, as when the connection closes (default true). */
  end?: boolean;
  /** reset() from the element listener after a stanza of this name (a stream restart). */
  resetAfter?: string;
  events: LoggedEvent[];
}

const encoder = new TextEncoder();
/** For showing wrong source bytes in a diff: invalid sequences become U+FFFD. */
const lenientUtf8 = new TextDecoder();

export function toBytes(input: string | Uint8Array): Uint8Array {
  return typeof input === 'string' ? encoder.encode(input) : input;
}

/** Bytes from a string of code units 0..255 (for invalid UTF-8 and other raw bytes). */
export function rawBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
}

export function concatBytes(...parts: (string | Uint8Array)[]): Uint8Array {
  const arrays = parts.map(toBytes);
  const out = new Uint8Array(arrays.reduce((n, a) => n + a.length, 0));
  let at = 0;
  for (const a of arrays) {
    out.set(a, at);
    at += a.length;
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}

/** Splits bytes at the given sorted positions (each strictly inside the input). */
export function splitAt(bytes: Uint8Array, points: readonly number[]): Uint8Array[] {
  const chunks: Uint8Array[] = [];
  let from = 0;
  for (const point of points) {
    chunks.push(bytes.subarray(from, point));
    from = point;
  }
  chunks.push(bytes.subarray(from));
  return chunks;
}

export function byteByByte(bytes: Uint8Array): Uint8Array[] {
  return Array.from(bytes, (_, i) => bytes.subarray(i, i + 1));
}

/** Sorted distinct split points inside an input of `length` bytes: a random chunking. */
export function splitPoints(length: number): fc.Arbitrary<number[]> {
  if (length < 2) return fc.constant([]);
  return fc
    .uniqueArray(fc.integer({ min: 1, max: length - 1 }), { maxLength: Math.min(length - 1, 24) })
    .map((points) => points.sort((a, b) => a - b));
}

/** Lazy stanzas and their events, filled in after the writes (see recordChunks). */
type Later = [{ element: string; offset: number; length: number; wrongBytes?: string }, LazyElement][];

/**
 * Attaches a recorder to a parser. `input` is every byte that will be written, so each
 * stanza's source.bytes() can be checked against the input at its offset. With `later`, the
 * stanzas (lazy) are kept there to be serialized after the writes.
 */
export function recordInto(parser: StreamParser, input: Uint8Array, log: LoggedEvent[], resetAfter?: string, later?: Later): void {
  parser.on('start', (header) => log.push({ start: header.name, attrs: { ...header.attrs } }));
  parser.on('element', (stanza: LtxElement, source: StanzaSource) => {
    const event: LoggedEvent = { element: later ? '' : serialize(stanza), offset: source.offset, length: source.length };
    const bytes = source.bytes();
    if (!sameBytes(bytes, input.subarray(source.offset, source.offset + source.length))) {
      event.wrongBytes = lenientUtf8.decode(bytes);
    }
    log.push(event);
    later?.push([event, stanza as LazyElement]);
    if (stanza.name === resetAfter) parser.reset();
  });
  parser.on('end', (header) => log.push({ end: header.name }));
  parser.on('error', (error) => log.push({ error: error.condition, offset: error.offset }));
}

/** A new parser with a recorder: `log` fills as it parses `input`. */
export function recordedParser(input: string | Uint8Array): { parser: StreamParser; log: LoggedEvent[] } {
  const parser = new StreamParser();
  const log: LoggedEvent[] = [];
  recordInto(parser, toBytes(input), log);
  return { parser, log };
}

/**
 * The events of feeding `chunks` (the pieces of `input`) to a new parser. In lazy mode the
 * stanzas are serialized, and their bytes checked, only after every write: their children must
 * be eager mode's whatever happened since.
 */
export function recordChunks(fixture: Omit<Fixture, 'events' | 'name'>, chunks: readonly Uint8Array[], lazy = false): LoggedEvent[] {
  const input = toBytes(fixture.input);
  const parser = new StreamParser(lazy ? { ...fixture.options, lazy } : fixture.options);
  const log: LoggedEvent[] = [];
  const later: Later | undefined = lazy ? [] : undefined;
  recordInto(parser, input, log, fixture.resetAfter, later);
  try {
    for (const chunk of chunks) parser.write(chunk);
    if (fixture.end !== false) parser.end();
  } catch (error) {
    log.push({ thrown: String(error) });
  }
  for (const [event, stanza] of later ?? []) {
    event.element = serialize(stanza);
    if (!sameBytes(stanza.bytes(), input.subarray(event.offset, event.offset + event.length))) event.wrongBytes ??= 'lazy bytes()';
  }
  return log;
}

/** Runs of the random-chunking property per fixture: enough to hit most boundaries of short inputs. */
const CHUNKING_RUNS = 40;

/**
 * Checks a fixture with one write, byte by byte, and random chunkings (large inputs may skip
 * byte by byte and take fewer chunkings).
 */
export function checkFixture(fixture: Fixture, { oneByOne = true, chunkings = CHUNKING_RUNS } = {}): void {
  const bytes = toBytes(fixture.input);
  const whole = recordChunks(fixture, [bytes]);
  expect(whole, 'one write').toEqual(fixture.events);
  expect(recordChunks(fixture, [bytes], true), 'lazy, one write').toEqual(whole);
  if (oneByOne) {
    expect(recordChunks(fixture, byteByByte(bytes)), 'byte by byte').toEqual(whole);
    expect(recordChunks(fixture, byteByByte(bytes), true), 'lazy, byte by byte').toEqual(whole);
  }
  fc.assert(
    fc.property(splitPoints(bytes.length), (points) => {
      expect(recordChunks(fixture, splitAt(bytes, points)), `split at ${points.join(',')}`).toEqual(whole);
    }),
    { numRuns: chunkings },
  );
}

/** One `it` per fixture. */
export function runFixtures(fixtures: readonly Fixture[]): void {
  for (const fixture of fixtures) it(fixture.name, () => checkFixture(fixture));
}

/** A fixture whose input is HEADER + body and whose log starts with START. */
export function inStream(name: string, body: string | Uint8Array, events: LoggedEvent[], extra: Partial<Fixture> = {}): Fixture {
  return { name, input: concatBytes(HEADER, body), events: [START, ...events], ...extra };
}

/** The marker `at()` looks for: where in a stream body something is expected to happen. */
export const MARK = '▼';

/**
 * A stream body with one MARK at the byte an event is expected at: the body without the mark, and
 * the input offset of that byte once the body follows HEADER (or `header`). Offsets are then
 * read off the input instead of being added up by hand.
 */
export function at(body: string, header: string = HEADER): { body: string; offset: number } {
  const index = body.indexOf(MARK);
  if (index < 0 || body.indexOf(MARK, index + 1) >= 0) throw new Error(`at(): the body needs exactly one ${MARK}`);
  return { body: body.slice(0, index) + body.slice(index + 1), offset: byteLength(header + body.slice(0, index)) };
}

/** Byte length of a string in UTF-8. */
export function byteLength(text: string): number {
  return encoder.encode(text).length;
}

/** The `element` event of a stanza whose source is `source`, starting at `offset`. */
export function stanza(source: string, offset: number, serialized = source): LoggedEvent {
  return { element: serialized, offset, length: byteLength(source) };
}
