// The xmpp-wasm command: parse captured streams, prepare JIDs and strings, measure throughput.
// `main` returns the exit code instead of exiting, so tests and other programs can call it.
// Usage errors exit 2 with the help; bad input (a stream error, a file that cannot be read)
// exits 1 with one line.
import { readFileSync } from 'node:fs';
import { StreamError } from '../parser/errors.js';
import { InputError, UsageError } from './args.js';
import { USAGE } from './help.js';
import type { Io } from './io.js';
import { parseCommand } from './parse-command.js';
import { jidCommand, prepCommand } from './prep-commands.js';
import { benchCommand } from './bench-command.js';

export type { Io } from './io.js';

const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  parse: parseCommand,
  jid: jidCommand,
  prep: prepCommand,
  bench: benchCommand,
};

function version(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
  return pkg.version;
}

// `xmpp-wasm parse | head` closes the pipe early: that is not an error.
const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
};
let pipeGuarded = false;
let progressShown = false;

const processIo: Io = {
  out: (line) => {
    if (!pipeGuarded) {
      pipeGuarded = true;
      process.stdout.on('error', quietOnClosedPipe);
    }
    process.stdout.write(line + '\n');
  },
  err: (line) => void process.stderr.write(line + '\n'),
  progress: (line) => {
    if (!process.stderr.isTTY || (line === null && !progressShown)) return;
    progressShown = line !== null;
    process.stderr.write(`\r${line ?? ''}\x1b[K`);
  },
  stdin: () => process.stdin,
  stdinIsTerminal: process.stdin.isTTY === true,
};

/** Runs one command line (without the node and script arguments); resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
  if (command === '-v' || command === '--version') {
    io.out(version());
    return 0;
  }
  if (command === undefined || command === '-h' || command === '--help' || command === 'help') {
    (command === undefined ? io.err : io.out)(USAGE);
    return command === undefined ? 2 : 0;
  }
  const run = COMMANDS[command];
  if (run === undefined) {
    io.err(`unknown command ${command}\n\n${USAGE}`);
    return 2;
  }
  try {
    return await run(rest, io);
  } catch (error) {
    io.progress(null);
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    if (error instanceof InputError) io.err(`error: ${error.message}`);
    else if (error instanceof StreamError) io.err(`error: ${error.condition} at byte ${error.offset}: ${error.text}`);
    else throw error;
    return 1;
  }
}
