// The xmpp-wasm command: parse captured streams, prepare JIDs and strings, measure throughput.
// `main` returns the exit code instead of exiting, so tests and other programs can call it.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { XmlElement } from '../xml/element.js';
import { StreamParser } from '../parser/stream-parser.js';
import { StreamError } from '../parser/errors.js';
import { prettyXml, elementToJson } from './pretty.js';
import { parseJid, domainToAscii, JidError } from '../jid/jid.js';
import { stringprep, StringprepError, type StringprepProfile, type StringprepMode } from '../stringprep/stringprep.js';
import { streamHeader, streamClose, escapeText } from '../xml/serialize.js';
import { isRestartTrigger, streamHeaderCandidates } from '../parser/restart.js';
import { isWhitespace } from '../xml/whitespace.js';
import { FramedParser } from '../adapters/websocket.js';

type Out = (line: string) => void;
interface Io {
  out: Out;
  err: Out;
  /** Reads all of standard input. */
  stdin: () => Promise<Uint8Array>;
}

const SAMPLE = fileURLToPath(new URL('../../samples/prosody-to-xmppjs.xml', import.meta.url));
const PROFILES: readonly StringprepProfile[] = ['nameprep', 'nodeprep', 'resourceprep', 'saslprep'];

const USAGE = `Usage: xmpp-wasm <command> [options]

Commands:
  parse [file|-]          parse a captured XMPP stream (raw bytes) and print its stanzas
  jid <jid>...            prepare JIDs and print their parts
  prep <profile> <string> apply a stringprep profile (${PROFILES.join(', ')})
  bench                   parse throughput on this machine, against ltx

Run 'xmpp-wasm <command> --help' for a command's options.`;

const HELP: Record<string, string> = {
  parse: `Usage: xmpp-wasm parse [file|-] [options]

Parses the raw bytes of one direction of an XMPP stream (a file, '-' for standard input, or a
bundled sample capture when no file is given) and prints each stanza. The stream is restarted
after a SASL <success/> and wherever a new stream header follows a complete stanza. Exits 1 on a
stream error, printing its RFC 6120 condition and byte offset.

For RFC 7395 WebSocket captures, --frames gives the frames table (dir, index, opcode, fin,
masked, offset, length): each text frame is then parsed as one message, <open/> and <close/>
standing for the stream's start and end.

Options:
  --json           one JSON object per line (events start, element, restart, end, error)
  --chunk <bytes>  feed the parser writes of this size (default: the whole input at once)
  --frames <tsv>   the file is WebSocket payloads; this table gives the frames' boundaries
  --dir <c2s|s2c>  the direction to take from the frames table (default: from the file name)
  --quiet          print only the summary and errors
  -h, --help       this help`,
  jid: `Usage: xmpp-wasm jid <jid>... [options]

Parses and prepares each JID (Nodeprep, Nameprep, Resourceprep) and prints its parts, or why it
is invalid. Exits 1 if any JID is invalid.

Options:
  --stored     refuse code points unassigned in Unicode 3.2 (stored strings, RFC 3454 §7)
  --json       one JSON object per JID
  -h, --help   this help`,
  prep: `Usage: xmpp-wasm prep <profile> <string> [options]

Applies a stringprep profile: ${PROFILES.join(', ')}. Prints the prepared string, or the error
and the offending code point (exit 1).

Options:
  --stored     refuse code points unassigned in Unicode 3.2
  --json       print a JSON object
  -h, --help   this help`,
  bench: `Usage: xmpp-wasm bench [options]

Parses a generated client stream (messages with non-ASCII text, presences, roster results)
with xmpp-wasm and with ltx (both building ltx Elements for each stanza) and prints MB/s.

Options:
  --size <MiB>     size of the generated stream (default 4)
  --chunk <bytes>  size of each write, like socket reads (default 4096)
  --runs <n>       timed runs per parser; the median is reported (default 5)
  --file <path>    parse this capture instead of a generated stream
  --json           print a JSON object
  -h, --help       this help`,
};

class UsageError extends Error {}

type Values = { [name: string]: string | undefined } & { help?: boolean; json?: boolean; quiet?: boolean; stored?: boolean };

function options(
  command: string,
  args: string[],
  spec: Record<string, { type: 'string' | 'boolean'; short?: string }>,
): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({
      args,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' }, ...spec },
    });
    return { values: values as Values, positionals };
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${HELP[command]}`);
  }
}

function positiveInteger(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new UsageError(`--${name} must be a positive number`);
  return n;
}

// ------------------------------------------------------------------ parse

/** The offset after the '>' closing the tag that starts at `from` (quoted values may hold '>'). */
function tagEnd(bytes: Uint8Array, from: number): number {
  let quote = 0;
  for (let i = from; i < bytes.length; i++) {
    const c = bytes[i]!;
    if (quote !== 0) {
      if (c === quote) quote = 0;
    } else if (c === 0x22 || c === 0x27) quote = c;
    else if (c === 0x3e) return i + 1;
  }
  return bytes.length;
}

async function readInput(file: string | undefined, io: Io): Promise<{ name: string; bytes: Uint8Array }> {
  if (file === '-') return { name: 'standard input', bytes: await io.stdin() };
  const path = file ?? SAMPLE;
  try {
    return { name: file ?? 'the bundled sample capture (Prosody to xmpp.js)', bytes: readFileSync(path) };
  } catch (error) {
    throw new UsageError(`cannot read ${path}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`);
  }
}

function describeHeader(header: XmlElement): string {
  const attrs = Object.entries(header.attrs).filter(([name]) => !name.startsWith('xmlns'));
  return `stream opened: <${header.name}${attrs.map(([n, v]) => ` ${n}="${v}"`).join('')}>`;
}

/** Prints what a replay finds, as text or JSON lines, and counts it. */
class Report {
  stanzas = 0;
  streams = 0;
  error: StreamError | null = null;

  constructor(
    private readonly io: Io,
    private readonly json: boolean,
    private readonly quiet: boolean,
  ) {}

  private print(event: Record<string, unknown>, text: () => string): void {
    if (!this.quiet) this.io.out(this.json ? JSON.stringify(event) : text());
  }

  start(header: XmlElement): void {
    this.streams++;
    this.print({ event: 'start', ...elementToJson(header), children: undefined }, () => describeHeader(header));
  }

  element(stanza: XmlElement, offset: number, length: number): void {
    const n = ++this.stanzas;
    this.print(
      { event: 'element', offset, length, ...elementToJson(stanza) },
      () => `#${n} at byte ${offset} (${length} bytes)\n${prettyXml(stanza)}`,
    );
  }

  restart(offset: number, reason: string): void {
    this.print({ event: 'restart', offset, reason }, () => `-- stream restart at byte ${offset} (${reason})`);
  }

  end(): void {
    this.print({ event: 'end' }, () => 'stream closed');
  }

  fail(error: StreamError): void {
    this.error ??= error;
    if (this.json) this.io.out(JSON.stringify({ event: 'error', condition: error.condition, offset: error.offset, text: error.text }));
    else this.io.err(`error: ${error.condition} at byte ${error.offset}: ${error.text}`);
  }

  summary(name: string, bytes: number): number {
    const ok = this.error === null;
    const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
    if (this.json) this.io.out(JSON.stringify({ event: 'summary', stanzas: this.stanzas, streams: this.streams, bytes, ok }));
    else this.io.err(`${plural(this.stanzas, 'stanza')} in ${plural(this.streams, 'stream')}, ${bytes} bytes of ${name}`);
    return ok ? 0 : 1;
  }
}

/** A TCP direction: one parser, reset after SASL success and where a new stream header starts. */
function replayStream(bytes: Uint8Array, chunkSize: number, report: Report): void {
  const parser = new StreamParser();
  let boundary = 0; // end of the last complete stanza or stream header
  let streamEnded = false;
  const restart = (offset: number, reason: string) => {
    parser.reset();
    streamEnded = false;
    report.restart(offset, reason);
  };
  parser.on('start', (header) => report.start(header));
  parser.on('element', (stanza, source) => {
    boundary = source.offset + source.length;
    report.element(stanza, source.offset, source.length);
    if (isRestartTrigger(stanza)) restart(boundary, 'SASL success');
  });
  parser.on('end', () => {
    streamEnded = true;
    report.end();
  });
  parser.on('error', (error) => report.fail(error));

  const writeRange = (from: number, to: number) => {
    for (let at = from; at < to && parser.error === null; at += chunkSize) parser.write(bytes.subarray(at, Math.min(at + chunkSize, to)));
  };
  let written = 0;
  // A candidate counts as a restart when just whitespace separates it from the last complete stanza.
  for (const at of streamHeaderCandidates(bytes)) {
    if (at < written) continue;
    writeRange(written, at);
    written = at;
    if (parser.error !== null) return;
    const atBoundary = parser.header !== null && isWhitespace(bytes, boundary, at);
    if (streamEnded || atBoundary) restart(at, 'new stream header');
    // The header (or declaration) is a boundary too: whitespace after it precedes the first stanza.
    const end = tagEnd(bytes, at);
    writeRange(written, end);
    written = end;
    if (parser.header !== null || bytes[at + 1] === 0x3f) boundary = end;
  }
  writeRange(written, bytes.length);
  if (parser.error === null) parser.end();
}

/** The text frames of one direction listed in a capture's frames table (dir, index, opcode, fin, masked, offset, length). */
function frameRanges(table: string, dir: string): [number, number][] {
  return table
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter((row) => row[0] === dir && row[2] === '1')
    .map((row) => [Number(row[5]), Number(row[6])]);
}

/** A WebSocket direction (RFC 7395): one framed parser, one message per text frame. */
function replayFrames(bytes: Uint8Array, frames: [number, number][], report: Report): void {
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

async function parseCommand(args: string[], io: Io): Promise<number> {
  const { values, positionals } = options('parse', args, {
    json: { type: 'boolean' },
    chunk: { type: 'string' },
    quiet: { type: 'boolean' },
    frames: { type: 'string' },
    dir: { type: 'string' },
  });
  if (values.help) return (io.out(HELP.parse!), 0);
  if (positionals.length > 1) throw new UsageError(`parse takes one file, not ${positionals.length}\n\n${HELP.parse}`);
  const { name, bytes } = await readInput(positionals[0], io);
  const report = new Report(io, values.json === true, values.quiet === true);
  if (values.frames === undefined) {
    replayStream(bytes, positiveInteger(values.chunk, 'chunk', Math.max(bytes.length, 1)), report);
    return report.summary(name, bytes.length);
  }
  const dir = values.dir ?? /\.(c2s|s2c)\./.exec(positionals[0] ?? '')?.[1];
  if (dir !== 'c2s' && dir !== 's2c') throw new UsageError('--frames needs --dir c2s or --dir s2c (or a file name holding .c2s. or .s2c.)');
  const table = await readInput(values.frames, io);
  const frames = frameRanges(new TextDecoder().decode(table.bytes), dir);
  replayFrames(bytes, frames, report);
  return report.summary(name, bytes.length);
}

// ------------------------------------------------------------------ jid, prep

function jidCommand(args: string[], io: Io): number {
  const { values, positionals } = options('jid', args, { stored: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) return (io.out(HELP.jid!), 0);
  if (positionals.length === 0) throw new UsageError(`jid needs at least one JID\n\n${HELP.jid}`);
  const mode: StringprepMode = values.stored ? 'stored' : 'query';
  let failed = 0;
  for (const input of positionals) {
    try {
      const jid = parseJid(input, { mode });
      const ascii = domainToAscii(jid, { mode });
      const parts = {
        input,
        jid: jid.toString(),
        local: jid.local,
        domain: jid.domain,
        resource: jid.resource,
        bare: jid.bare().toString(),
        asciiDomain: ascii,
      };
      if (values.json) io.out(JSON.stringify({ ok: true, ...parts }));
      else {
        io.out(
          `${input}\n  jid:      ${parts.jid}\n  local:    ${parts.local || '(none)'}\n  domain:   ${parts.domain}${ascii !== parts.domain ? ` (DNS: ${ascii})` : ''}\n  resource: ${parts.resource || '(none)'}\n  bare:     ${parts.bare}`,
        );
      }
    } catch (error) {
      if (!(error instanceof JidError || error instanceof StringprepError)) throw error;
      failed++;
      const fields =
        error instanceof JidError
          ? { part: error.part, reason: error.reason, codePoint: error.codePoint }
          : { reason: error.code, codePoint: error.codePoint };
      if (values.json) io.out(JSON.stringify({ ok: false, input, error: error.message, ...fields }));
      else io.out(`${input}\n  invalid: ${error.message}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

function prepCommand(args: string[], io: Io): number {
  const { values, positionals } = options('prep', args, { stored: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) return (io.out(HELP.prep!), 0);
  const [profile, input, ...rest] = positionals;
  if (input === undefined || rest.length > 0) throw new UsageError(`prep needs a profile and one string\n\n${HELP.prep}`);
  if (!PROFILES.includes(profile as StringprepProfile))
    throw new UsageError(`unknown profile ${profile}: use one of ${PROFILES.join(', ')}`);
  try {
    const output = stringprep(profile as StringprepProfile, input, { mode: values.stored ? 'stored' : 'query' });
    io.out(values.json ? JSON.stringify({ ok: true, profile, input, output }) : output);
    return 0;
  } catch (error) {
    if (!(error instanceof StringprepError)) throw error;
    if (values.json)
      io.out(JSON.stringify({ ok: false, profile, input, error: error.message, reason: error.code, codePoint: error.codePoint }));
    else io.err(`error: ${error.message}`);
    return 1;
  }
}

// ------------------------------------------------------------------ bench

/** A client stream of about `bytes` bytes; deterministic, so runs compare. */
export function generateStream(bytes: number): Uint8Array {
  const parts = [streamHeader({ from: 'example.org', id: 'bench', declaration: true })];
  let size = parts[0]!.length;
  const bodies = [
    'Hello, how are you?',
    'Grüße aus Köln — ça va? 😀',
    'tags <&> "quoted" \'single\'',
    'Привет, мир! 你好，世界',
    'x'.repeat(300),
  ];
  for (let i = 0; size < bytes; i++) {
    let stanza: string;
    switch (i % 4) {
      case 0:
      case 1:
        stanza = `<message from="juliet@example.com/balcony" to="romeo@example.net" type="chat" id="m${i}" xml:lang="en"><body>${escapeText(bodies[i % bodies.length]!)}</body><active xmlns="http://jabber.org/protocol/chatstates"/><request xmlns="urn:xmpp:receipts"/></message>`;
        break;
      case 2:
        stanza = `<presence from="user${i % 97}@example.com/res"><show>away</show><status>Out for lunch</status><c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="https://example.org" ver="QgayPKawpkPSDYmwT/WM94uAlu0="/><priority>5</priority></presence>`;
        break;
      default: {
        let items = '';
        for (let k = 0; k < 8; k++)
          items += `<item jid="contact${k}@example.org" name="Contact ${k}" subscription="both"><group>Friends</group></item>`;
        stanza = `<iq type="result" id="r${i}" to="romeo@example.net/orchard"><query xmlns="jabber:iq:roster" ver="v${i}">${items}</query></iq>`;
      }
    }
    parts.push(stanza);
    size += stanza.length;
  }
  parts.push(streamClose());
  return new TextEncoder().encode(parts.join(''));
}

type StanzaCounter = (bytes: Uint8Array, chunk: number) => number;

const countWithXmppWasm: StanzaCounter = (bytes, chunk) => {
  const parser = new StreamParser({ maxStanzaBytes: 1 << 24 });
  let count = 0;
  parser.on('element', () => {
    count++;
  });
  parser.on('error', (e) => {
    throw e;
  });
  for (let at = 0; at < bytes.length; at += chunk) parser.write(bytes.subarray(at, at + chunk));
  parser.end();
  return count;
};

/** ltx's own tokenizer with the per-stanza tree building of @xmpp/xml's Parser. */
async function ltxCounter(): Promise<StanzaCounter> {
  const { default: SaxLtx } = await import('ltx/src/parsers/ltx.js' as string);
  const { Element } = await import('ltx');
  return (bytes, chunk) => {
    const sax = new SaxLtx();
    const decoder = new TextDecoder();
    let root: XmlElement | null = null;
    let cursor: XmlElement | null = null;
    let count = 0;
    sax.on('startElement', (name: string, attrs: Record<string, string>) => {
      const element = new Element(name, attrs);
      if (root === null) root = element;
      else if (cursor !== root) cursor!.cnode(element);
      cursor = element;
    });
    sax.on('endElement', () => {
      if (cursor === root) return;
      if (cursor!.parent === null || cursor!.parent === undefined) {
        count++;
        cursor = root;
      } else cursor = cursor!.parent as XmlElement;
    });
    sax.on('text', (text: string) => {
      cursor?.t(text);
    });
    for (let at = 0; at < bytes.length; at += chunk) sax.write(decoder.decode(bytes.subarray(at, at + chunk), { stream: true }));
    sax.end();
    return count;
  };
}

function timeRuns(run: () => number, runs: number): { medianMs: number; stanzas: number } {
  const stanzas = run(); // warm-up, and the count to compare
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, stanzas };
}

async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = options('bench', args, {
    size: { type: 'string' },
    chunk: { type: 'string' },
    runs: { type: 'string' },
    file: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) return (io.out(HELP.bench!), 0);
  const chunk = Math.floor(positiveInteger(values.chunk, 'chunk', 4096));
  const runs = Math.floor(positiveInteger(values.runs, 'runs', 5));
  let bytes: Uint8Array;
  if (values.file !== undefined) bytes = (await readInput(values.file, io)).bytes;
  else bytes = generateStream(Math.floor(positiveInteger(values.size, 'size', 4) * 1024 * 1024));
  const ltx = await ltxCounter();
  const results = [
    { parser: 'xmpp-wasm', ...timeRuns(() => countWithXmppWasm(bytes, chunk), runs) },
    { parser: 'ltx', ...timeRuns(() => ltx(bytes, chunk), runs) },
  ].map((r) => ({ ...r, mbPerSecond: bytes.length / 1048576 / (r.medianMs / 1000) }));
  const speedup = results[0]!.mbPerSecond / results[1]!.mbPerSecond;
  if (values.json) {
    io.out(JSON.stringify({ bytes: bytes.length, chunk, runs, node: process.version, results, speedup }));
  } else {
    io.out(`${(bytes.length / 1048576).toFixed(2)} MiB in ${chunk}-byte writes, median of ${runs} runs, Node ${process.version}`);
    for (const r of results)
      io.out(
        `  ${r.parser.padEnd(10)} ${r.mbPerSecond.toFixed(1).padStart(7)} MB/s  ${r.medianMs.toFixed(1).padStart(8)} ms  ${r.stanzas} stanzas`,
      );
    io.out(`  xmpp-wasm / ltx: ${speedup.toFixed(2)}x`);
    if (results[0]!.stanzas !== results[1]!.stanzas) io.out('  note: the parsers counted different numbers of stanzas');
  }
  return 0;
}

// ------------------------------------------------------------------ entry

const COMMANDS: Record<string, (args: string[], io: Io) => number | Promise<number>> = {
  parse: parseCommand,
  jid: jidCommand,
  prep: prepCommand,
  bench: benchCommand,
};

async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

// `xmpp-wasm parse | head` closes the pipe early: that is not an error.
const quietOnClosedPipe = (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(process.exitCode ?? 0);
};
let pipeGuarded = false;

const processIo: Io = {
  out: (line) => {
    if (!pipeGuarded) {
      pipeGuarded = true;
      process.stdout.on('error', quietOnClosedPipe);
    }
    process.stdout.write(line + '\n');
  },
  err: (line) => void process.stderr.write(line + '\n'),
  stdin: readStdin,
};

/** Runs one command line (without the node and script arguments); resolves to the exit code. */
export async function main(argv: string[], io: Io = processIo): Promise<number> {
  const [command, ...rest] = argv;
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
    if (error instanceof UsageError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}
