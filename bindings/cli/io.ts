// What the commands read and write: lines out and err, the input as chunks as they arrive, and
// whether the terminal is there (stdin read only when it is not one; progress only on one).
import { createReadStream, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { InputError } from './args.js';

export interface Io {
  out: (line: string) => void;
  err: (line: string) => void;
  /** A progress line, replaced by the next one; only shown when stderr is a terminal. */
  progress: (line: string | null) => void;
  /** Standard input's chunks as they arrive. */
  stdin: () => AsyncIterable<Uint8Array>;
  /** Whether standard input is a terminal (then it is not read unless '-' asks for it). */
  stdinIsTerminal: boolean;
}

const SAMPLE = fileURLToPath(new URL('../../samples/prosody-to-xmppjs.xml', import.meta.url));

export interface Input {
  name: string;
  chunks: AsyncIterable<Uint8Array>;
}

function cannotRead(path: string, error: unknown): InputError {
  return new InputError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
}

async function* fileChunks(path: string): AsyncIterable<Uint8Array> {
  try {
    for await (const chunk of createReadStream(path)) yield chunk as Buffer;
  } catch (error) {
    throw cannotRead(path, error);
  }
}

/** A file, '-' for standard input, nothing: standard input unless a terminal, else the sample. */
export function openInput(file: string | undefined, io: Io): Input {
  if (file === '-' || (file === undefined && !io.stdinIsTerminal)) return { name: 'standard input', chunks: io.stdin() };
  if (file === undefined) return { name: 'the bundled sample capture (Prosody to xmpp.js)', chunks: fileChunks(SAMPLE) };
  return { name: file, chunks: fileChunks(file) };
}

/** The whole of an input, for what needs it at once (a document, frames, a benchmark). */
export async function readAll(input: Input): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of input.chunks) chunks.push(chunk);
  return Buffer.concat(chunks);
}

export function readFile(path: string): Uint8Array {
  try {
    return readFileSync(path);
  } catch (error) {
    throw cannotRead(path, error);
  }
}
