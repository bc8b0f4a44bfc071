// `xmpp-wasm parse`: a captured stream, its stanzas printed as they arrive; a WebSocket capture
// frame by frame (--frames); or one standalone document (--document).
import { parse } from '../parser/parse.js';
import { StreamError } from '../parser/errors.js';
import { HELP } from './help.js';
import { UsageError, options, positiveNumber, stringValue } from './args.js';
import { type Input, type Io, openInput, readAll, readFile } from './io.js';
import { Report } from './report.js';
import { StreamReplay, frameRanges, replayFrames } from './replay.js';

/** Progress on stderr (when a terminal) every this many bytes. */
const PROGRESS_EVERY = 8 * 1024 * 1024;

async function replayStream(input: Input, chunkSize: number, report: Report, io: Io): Promise<number> {
  const replay = new StreamReplay(report, chunkSize);
  let bytes = 0;
  let nextProgress = PROGRESS_EVERY;
  for await (const chunk of input.chunks) {
    replay.push(chunk);
    bytes += chunk.length;
    if (bytes >= nextProgress) {
      io.progress(`${(bytes / 1048576).toFixed(0)} MiB, ${report.stanzas} stanzas`);
      nextProgress += PROGRESS_EVERY;
    }
    if (replay.failed) break;
  }
  if (!replay.failed) replay.finish();
  return bytes;
}

async function replayCapturedFrames(
  input: Input,
  file: string | undefined,
  values: Record<string, unknown>,
  report: Report,
): Promise<number> {
  const dir = stringValue(values.dir as string | undefined) ?? /\.(c2s|s2c)\./.exec(file ?? '')?.[1];
  if (dir !== 'c2s' && dir !== 's2c') throw new UsageError('--frames needs --dir c2s or --dir s2c (or a file name holding .c2s. or .s2c.)');
  const table = new TextDecoder().decode(readFile(values.frames as string));
  const bytes = await readAll(input);
  replayFrames(bytes, frameRanges(table, dir), report);
  return bytes.length;
}

async function parseDocument(input: Input, report: Report): Promise<number> {
  const bytes = await readAll(input);
  try {
    report.element(parse(bytes), 0, bytes.length);
  } catch (error) {
    if (!(error instanceof StreamError)) throw error;
    report.fail(error);
  }
  return bytes.length;
}

export async function parseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = options('parse', args, {
    json: { type: 'boolean' },
    chunk: { type: 'string' },
    quiet: { type: 'boolean' },
    frames: { type: 'string' },
    dir: { type: 'string' },
    document: { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP.parse!);
    return 0;
  }
  if (positionals.length > 1) throw new UsageError(`parse takes one file, not ${positionals.length}\n\n${HELP.parse}`);
  const chunkSize = Math.floor(positiveNumber(values.chunk, 'chunk', Number.MAX_SAFE_INTEGER));
  const input = openInput(positionals[0], io);
  const report = new Report(io, values.json === true, values.quiet === true);
  let bytes: number;
  if (values.document) bytes = await parseDocument(input, report);
  else if (values.frames !== undefined) bytes = await replayCapturedFrames(input, positionals[0], values, report);
  else bytes = await replayStream(input, chunkSize, report, io);
  return report.summary(input.name, bytes);
}
