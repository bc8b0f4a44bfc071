// Reads the real captures for the adapter tests: TCP directions split at their stream restart,
// WebSocket directions split into their frames' payloads.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { streamRestartOffsets } from '../../bindings/parser/restart.js';

export const capturePath = (path: string) => fileURLToPath(new URL(`../fixtures/captures/${path}`, import.meta.url));
export const readCapture = (path: string): Buffer => readFileSync(capturePath(path));

/** The two streams of a TCP direction: the second starts at its own XML declaration. */
export function splitAtRestart(bytes: Buffer): [Buffer, Buffer] {
  const second = streamRestartOffsets(bytes)[0];
  if (second === undefined) throw new Error('no stream restart in this capture');
  return [bytes.subarray(0, second), bytes.subarray(second)];
}

/** The text frames' payloads of one direction of a WebSocket capture, in order. */
export function webSocketMessages(session: string, dir: 'c2s' | 's2c'): string[] {
  const payloads = readCapture(`${session}.${dir}.ws.xml`);
  const rows = readFileSync(capturePath(`${session}.ws-frames.tsv`), 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'));
  return rows
    .filter(([frameDir, , opcode]) => frameDir === dir && opcode === '1')
    .map(([, , , , , offset, length]) => payloads.subarray(Number(offset), Number(offset) + Number(length)).toString('utf8'));
}

/** Feeds `bytes` in pieces of `size` bytes (the last one shorter). */
export function* pieces(bytes: Uint8Array, size: number): Generator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.subarray(at, at + size);
}
