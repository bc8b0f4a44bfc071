// The progress line of long runs: what `bench` and `parse` of a big input report while they
// work (shown only when stderr is a terminal, by the command's own Io), and that it is cleared.
import { describe, expect, it } from 'vitest';
import { main, type Io } from '../../bindings/cli/cli.js';

function recordingIo(chunks: Uint8Array[] = []): { io: Io; progress: (string | null)[]; lines: string[] } {
  const progress: (string | null)[] = [];
  const lines: string[] = [];
  const io: Io = {
    out: (line) => lines.push(line),
    err: (line) => lines.push(line),
    progress: (line) => progress.push(line),
    stdin: async function* () {
      yield* chunks;
    },
    stdinIsTerminal: false,
  };
  return { io, progress, lines };
}

const HEADER = "<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>";

describe('progress', () => {
  it('parse: one line per 8 MiB read, cleared before the summary', async () => {
    const stanza = '<presence/>'.repeat((1024 * 1024) / 11);
    const chunk = new TextEncoder().encode(stanza);
    const chunks = [new TextEncoder().encode(HEADER), ...Array.from({ length: 17 }, () => chunk)];
    const { io, progress, lines } = recordingIo(chunks);
    expect(await main(['parse', '--quiet'], io)).toBe(0);
    expect(progress.slice(0, -1).map((line) => line?.replace(/, \d+ stanzas$/, ''))).toEqual(['8 MiB', '16 MiB']);
    expect(progress.at(-1)).toBeNull();
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^\d+ stanzas in 1 stream, \d+ bytes of standard input$/);
  });

  it('bench: each timed run of each parser, cleared after each', async () => {
    const { io, progress } = recordingIo();
    expect(await main(['bench', '--json', '--size', '0.05', '--runs', '2'], io)).toBe(0);
    expect(progress).toEqual(['xmpp-wasm: run 1 of 2', 'xmpp-wasm: run 2 of 2', null, 'ltx: run 1 of 2', 'ltx: run 2 of 2', null]);
  });
});
