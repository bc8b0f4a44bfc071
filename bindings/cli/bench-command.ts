// `xmpp-wasm bench`: stanzas per second of xmpp-wasm and of ltx (its tokenizer with @xmpp/xml's
// tree building) on the same bytes, in the same writes.
import type { XmlElement } from '../xml/element.js';
import { StreamParser } from '../parser/stream-parser.js';
import { HELP } from './help.js';
import { options, positiveNumber, stringValue } from './args.js';
import { type Io, readFile } from './io.js';
import { generateClientStream } from './client-stream.js';

type StanzaCounter = (bytes: Uint8Array, chunk: number) => number;

/** Throws the input's StreamError (the entry point prints it as one line). */
const countWithXmppWasm: StanzaCounter = (bytes, chunk) => {
  const parser = new StreamParser({ maxStanzaBytes: 1 << 24 });
  let count = 0;
  parser.on('element', () => {
    count++;
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
      const element = new Element(name, attrs) as unknown as XmlElement;
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

function timeRuns(label: string, run: () => number, runs: number, io: Io): { medianMs: number; stanzas: number } {
  const stanzas = run(); // warm-up, and the count to compare
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    io.progress(`${label}: run ${i + 1} of ${runs}`);
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  io.progress(null);
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, stanzas };
}

export async function benchCommand(args: string[], io: Io): Promise<number> {
  const { values } = options('bench', args, {
    size: { type: 'string' },
    chunk: { type: 'string' },
    runs: { type: 'string' },
    file: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (values.help) {
    io.out(HELP.bench!);
    return 0;
  }
  const chunk = Math.floor(positiveNumber(values.chunk, 'chunk', 4096));
  const runs = Math.floor(positiveNumber(values.runs, 'runs', 5));
  const file = stringValue(values.file);
  const bytes =
    file !== undefined ? readFile(file) : generateClientStream(Math.floor(positiveNumber(values.size, 'size', 4) * 1024 * 1024));
  const ltx = await ltxCounter();
  const results = [
    { parser: 'xmpp-wasm', ...timeRuns('xmpp-wasm', () => countWithXmppWasm(bytes, chunk), runs, io) },
    { parser: 'ltx', ...timeRuns('ltx', () => ltx(bytes, chunk), runs, io) },
  ].map((r) => ({ ...r, mbPerSecond: bytes.length / 1048576 / (r.medianMs / 1000) }));
  const speedup = results[0]!.mbPerSecond / results[1]!.mbPerSecond;
  if (values.json) {
    io.out(JSON.stringify({ bytes: bytes.length, chunk, runs, node: process.version, results, speedup }));
    return 0;
  }
  io.out(`${(bytes.length / 1048576).toFixed(2)} MiB in ${chunk}-byte writes, median of ${runs} runs, Node ${process.version}`);
  for (const r of results) {
    io.out(
      `  ${r.parser.padEnd(10)} ${r.mbPerSecond.toFixed(1).padStart(7)} MB/s  ${r.medianMs.toFixed(1).padStart(8)} ms  ${r.stanzas} stanzas`,
    );
  }
  io.out(`  xmpp-wasm / ltx: ${speedup.toFixed(2)}x`);
  if (results[0]!.stanzas !== results[1]!.stanzas) io.out('  note: the parsers counted different numbers of stanzas');
  return 0;
}
