// What `parse` prints: each event as text or as one JSON line, as soon as it happens, then a
// summary; errors as one line (`error: <condition> at byte <offset>: <text>`).
import type { XmlElement } from '../xml/element.js';
import type { StreamError } from '../parser/errors.js';
import { elementToJson, prettyXml } from './pretty.js';
import type { Io } from './io.js';

function describeHeader(header: XmlElement): string {
  const attrs = Object.entries(header.attrs).filter(([name]) => !name.startsWith('xmlns'));
  return `stream opened: <${header.name}${attrs.map(([n, v]) => ` ${n}="${v}"`).join('')}>`;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

export class Report {
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

  /** Prints the summary; the exit code: 1 after a stream error. */
  summary(name: string, bytes: number): number {
    const ok = this.error === null;
    this.io.progress(null);
    if (this.json) this.io.out(JSON.stringify({ event: 'summary', stanzas: this.stanzas, streams: this.streams, bytes, ok }));
    else this.io.err(`${plural(this.stanzas, 'stanza')} in ${plural(this.streams, 'stream')}, ${bytes} bytes of ${name}`);
    return ok ? 0 : 1;
  }
}
