// Replaying recorded bytes through a parser as they arrive. A TCP direction has its stream
// restarts in it without their events: the parser is reset after a SASL <success/> and where a
// new stream header follows a complete stanza or a closed stream. A WebSocket direction is
// replayed one message per text frame.
import { StreamParser } from '../parser/stream-parser.js';
import { FramedParser } from '../adapters/websocket.js';
import { isRestartTrigger, streamHeaderCandidates } from '../parser/restart.js';
import { isWhitespace } from '../xml/whitespace.js';
import type { Report } from './report.js';

const LT = 0x3c;
const GT = 0x3e;

/** The offset after the '>' closing the tag that starts at `from` (quoted values may hold '>'); -1 if not there yet. */
function tagEnd(bytes: Uint8Array, from: number): number {
  let quote = 0;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === GT) return i + 1;
  }
  return -1;
}

/** Where bytes may be written without cutting a tag that could be a stream header: before an unclosed '<'. */
function safeEnd(bytes: Uint8Array, from: number): number {
  const lt = bytes.lastIndexOf(LT);
  return lt >= from && bytes.indexOf(GT, lt) < 0 ? lt : bytes.length;
}

export class StreamReplay {
  readonly parser = new StreamParser();
  /** Received bytes from absolute offset `bufferStart` on; trimmed to the last boundary. */
  private buffer = new Uint8Array(0);
  private bufferStart = 0;
  /** Absolute offset of the bytes written to the parser so far. */
  private written = 0;
  /** End of the last complete stanza or stream header (absolute). */
  private boundary = 0;
  private streamEnded = false;

  constructor(
    private readonly report: Report,
    private readonly chunkSize: number,
  ) {
    const parser = this.parser;
    parser.on('start', (header) => report.start(header));
    parser.on('element', (stanza, source) => {
      this.boundary = source.offset + source.length;
      report.element(stanza, source.offset, source.length);
      if (isRestartTrigger(stanza)) this.restart(this.boundary, 'SASL success');
    });
    parser.on('end', () => {
      this.streamEnded = true;
      report.end();
    });
    parser.on('error', (error) => report.fail(error));
  }

  get failed(): boolean {
    return this.parser.error !== null;
  }

  /** Bytes as they arrive; what is complete is parsed (and printed) now. */
  push(chunk: Uint8Array): void {
    const joined = new Uint8Array(this.buffer.length + chunk.length);
    joined.set(this.buffer);
    joined.set(chunk, this.buffer.length);
    this.buffer = joined;
    this.process(false);
  }

  /** The input is over. */
  finish(): void {
    this.process(true);
    if (!this.failed) this.parser.end();
  }

  private restart(offset: number, reason: string): void {
    this.parser.reset();
    this.streamEnded = false;
    this.report.restart(offset, reason);
  }

  private process(final: boolean): void {
    const bytes = this.buffer;
    const base = this.bufferStart;
    const scanFrom = this.written;
    for (const candidate of streamHeaderCandidates(bytes.subarray(scanFrom - base))) {
      const at = scanFrom + candidate;
      const end = tagEnd(bytes, at - base);
      if (end < 0 && !final) break; // the header is not complete yet: wait for its '>'
      this.writeTo(at);
      if (this.failed) return;
      const atBoundary = this.parser.header !== null && isWhitespace(bytes, this.boundary - base, at - base);
      if (this.streamEnded || atBoundary) this.restart(at, 'new stream header');
      const headerEnd = end < 0 ? base + bytes.length : base + end;
      this.writeTo(headerEnd);
      // The header (or declaration) is a boundary too: whitespace after it precedes the first stanza.
      if (this.parser.header !== null || bytes[at - base + 1] === 0x3f) this.boundary = headerEnd;
    }
    if (this.written < base + bytes.length && !this.failed) {
      this.writeTo(base + (final ? bytes.length : safeEnd(bytes, this.written - base)));
    }
    this.trim();
  }

  /** Writes the buffered bytes up to absolute offset `to`, in writes of at most chunkSize. */
  private writeTo(to: number): void {
    const base = this.bufferStart;
    while (this.written < to && !this.failed) {
      const next = Math.min(this.written + this.chunkSize, to);
      this.parser.write(this.buffer.subarray(this.written - base, next - base));
      this.written = next;
    }
  }

  /** Keeps the bytes from the last boundary on (the restart test looks back to it). */
  private trim(): void {
    const keepFrom = Math.min(this.boundary, this.written);
    if (keepFrom <= this.bufferStart) return;
    this.buffer = this.buffer.slice(keepFrom - this.bufferStart);
    this.bufferStart = keepFrom;
  }
}

/** The text frames of one direction listed in a capture's frames table (dir, index, opcode, fin, masked, offset, length). */
export function frameRanges(table: string, dir: string): [number, number][] {
  return table
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((row) => row[0] === dir && row[2] === '1')
    .map((row) => [Number(row[5]), Number(row[6])]);
}

/** A WebSocket direction (RFC 7395): one framed parser, one message per text frame. */
export function replayFrames(bytes: Uint8Array, frames: [number, number][], report: Report): void {
  const parser = new FramedParser();
  let offset = 0;
  let length = 0;
  parser.on('start', (open) => report.start(open));
  parser.on('element', (element) => report.element(element, offset, length));
  parser.on('end', () => report.end());
  parser.on('error', (error) => report.fail(error));
  for ([offset, length] of frames) {
    parser.write(bytes.subarray(offset, offset + length));
    if (parser.error !== null) return;
  }
}
