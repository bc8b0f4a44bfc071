// The built command (bin/xmpp-wasm.js → dist/cli/cli.js) run as a user would, in a child process.
import { describe, expect, it } from 'vitest';
import { spawn, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { main, type Io } from '../../bindings/cli/cli.js';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const bin = fileURLToPath(new URL('../../bin/xmpp-wasm.js', import.meta.url));
const capture = (path: string) => fileURLToPath(new URL(`../fixtures/captures/${path}`, import.meta.url));

function run(args: string[], input?: string | Uint8Array) {
  const result = spawnSync(process.execPath, [bin, ...args], { cwd: root, input, encoding: 'utf8', timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}
const jsonLines = (stdout: string) =>
  stdout
    .trim()
    .split('\n')
    .map((line) => JSON.parse(line) as Record<string, any>);

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' to='example.com' version='1.0'>`;

describe('xmpp-wasm (no command, help, version)', () => {
  it('--version prints the package version', () => {
    const { version } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    expect(run(['--version'])).toMatchObject({ code: 0, stdout: `${version}\n` });
    expect(run(['-v']).stdout).toBe(`${version}\n`);
  });

  it('prints the usage and exits 2 without a command', () => {
    const { code, stderr } = run([]);
    expect(code).toBe(2);
    expect(stderr).toContain('Usage: xmpp-wasm <command>');
  });

  it.each(['parse', 'jid', 'prep', 'bench'])('%s --help describes its options and exits 0', (command) => {
    const { code, stdout } = run([command, '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: xmpp-wasm ${command}`);
  });

  it('refuses an unknown command or option with exit 2', () => {
    expect(run(['frobnicate']).code).toBe(2);
    const { code, stderr } = run(['parse', '--bogus']);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--bogus'");
  });
});

describe('xmpp-wasm parse', () => {
  it('parses the bundled sample capture, restarting after SASL success', () => {
    const { code, stdout, stderr } = run(['parse', 'samples/prosody-to-xmppjs.xml']);
    expect(code).toBe(0);
    expect(stdout).toContain('-- stream restart at byte 753 (SASL success)');
    expect(stdout).toContain('<mechanism>SCRAM-SHA-1</mechanism>');
    expect(stderr).toContain('32 stanzas in 2 streams, 8705 bytes');
  });

  it('with no file, reads standard input when it is not a terminal, and the sample when it is', async () => {
    const piped = run(['parse', '--json'], `${HEADER}<presence/>`);
    expect(jsonLines(piped.stdout).at(-1)).toMatchObject({ stanzas: 1, streams: 1, ok: true });
    const lines: string[] = [];
    const io: Io = {
      out: (line) => lines.push(line),
      err: (line) => lines.push(line),
      progress: () => {},
      stdin: () => {
        throw new Error('standard input is a terminal: not read');
      },
      stdinIsTerminal: true,
    };
    expect(await main(['parse', '--quiet'], io)).toBe(0);
    expect(lines).toEqual(['32 stanzas in 2 streams, 8705 bytes of the bundled sample capture (Prosody to xmpp.js)']);
  });

  it('prints each stanza as soon as it arrives through a pipe that stays open', async () => {
    const child = spawn(process.execPath, [bin, 'parse', '--json'], { cwd: root });
    const lines: string[] = [];
    let buffered = '';
    const waitForLines = (count: number) =>
      new Promise<void>((resolve, reject) => {
        const check = () => (lines.length >= count ? resolve() : undefined);
        child.stdout.on('data', (data: Buffer) => {
          buffered += data.toString('utf8');
          const parts = buffered.split('\n');
          buffered = parts.pop()!;
          lines.push(...parts);
          check();
        });
        child.once('exit', () => reject(new Error(`exited with ${lines.length} lines`)));
        check();
      });
    const started = waitForLines(2); // start, then the first stanza
    child.stdin.write(`${HEADER}<message><body>first</body></message><message><bo`);
    await started;
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(['start', 'element']);
    child.stdin.end('dy>second</body></message>');
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    expect(lines.map((line) => JSON.parse(line).event)).toEqual(['start', 'element', 'element', 'summary']);
  });

  it('--document parses one standalone document', () => {
    const { code, stdout } = run(['parse', '--document', '-'], '<a xmlns="urn:x"><b/></a>');
    expect(code).toBe(0);
    expect(stdout).toContain('<a xmlns="urn:x">\n  <b/>\n</a>');
    const bad = run(['parse', '--document', '-'], '<a><b></a>');
    expect(bad.code).toBe(1);
    expect(bad.stderr.trim().split('\n')[0]).toMatch(/^error: not-well-formed at byte 6: /);
  });

  it('prints JSON events with byte offsets that point at each stanza in the file', () => {
    const path = capture('prosody-slixmpp-xmppjs/bob-xmppjs.s2c.xml');
    const bytes = readFileSync(path);
    const events = jsonLines(run(['parse', '--json', path]).stdout);
    const elements = events.filter((e) => e.event === 'element');
    expect(elements).toHaveLength(32);
    for (const e of elements) {
      const text = bytes.subarray(e.offset, e.offset + e.length).toString('utf8');
      expect(text.startsWith('<' + e.name)).toBe(true);
      expect(text.endsWith('>')).toBe(true);
    }
    expect(events.map((e) => e.event).filter((e) => e !== 'element')).toEqual(['start', 'restart', 'start', 'end', 'summary']);
    expect(events.at(-1)).toMatchObject({ stanzas: 32, streams: 2, ok: true });
  });

  it('detects the restart of a client stream by its new header, whatever the read size', () => {
    const path = capture('prosody-slixmpp-xmppjs/bob-xmppjs.c2s.xml');
    for (const chunk of ['1', '7', '4096']) {
      const events = jsonLines(run(['parse', '--json', '--chunk', chunk, path]).stdout);
      const restarts = events.filter((e) => e.event === 'restart');
      expect(restarts).toEqual([{ event: 'restart', offset: 506, reason: 'new stream header' }]);
      expect(events.at(-1)).toMatchObject({ stanzas: 20, streams: 2, ok: true });
    }
  });

  it('keeps non-ASCII text, emoji and escaped markup intact', () => {
    const events = jsonLines(run(['parse', '--json', capture('prosody-slixmpp-xmppjs/alice-slixmpp.s2c.xml')]).stdout);
    const bodies = events
      .filter((e) => e.event === 'element' && e.name === 'message')
      .flatMap((e) => e.children.filter((c: any) => c.name === 'body').map((c: any) => c.children.join('')));
    expect(bodies.some((body: string) => /[^\x00-\x7f]/.test(body))).toBe(true);
    expect(bodies.some((body: string) => body.includes('1 < 2 && 3 > 2'))).toBe(true);
  });

  it('reads standard input with "-" and reports a stream error with its condition and offset (exit 1)', () => {
    const input = `${HEADER}<message><body>hi</body></mesage>`;
    const { code, stderr } = run(['parse', '-'], input);
    expect(code).toBe(1);
    const offset = Buffer.byteLength(HEADER) + '<message><body>hi</body>'.length;
    expect(stderr).toContain(`error: not-well-formed at byte ${offset}: end tag </mesage> does not match </message>`);
  });

  it('reports restricted XML as such, in JSON too', () => {
    const { code, stdout } = run(['parse', '--json', '-'], `${HEADER}<!-- hidden --><message/>`);
    expect(code).toBe(1);
    expect(jsonLines(stdout).find((e) => e.event === 'error')).toMatchObject({
      condition: 'restricted-xml',
      offset: Buffer.byteLength(HEADER),
    });
  });

  it('fails on an input that stops inside a stanza', () => {
    const { code, stderr } = run(['parse', '-'], `${HEADER}<message><body>cut`);
    expect(code).toBe(1);
    expect(stderr).toMatch(/error: not-well-formed at byte \d+: the input ended inside an element/);
  });

  it('restarts after a closed stream followed by a new one', () => {
    const stream = `${HEADER}<presence/></stream:stream>\n${HEADER}<presence/>`;
    const events = jsonLines(run(['parse', '--json', '-'], stream).stdout);
    expect(events.filter((e) => e.event === 'restart')).toHaveLength(1);
    expect(events.at(-1)).toMatchObject({ stanzas: 2, streams: 2, ok: true });
  });

  it('does not mistake a stream header inside CDATA for a restart', () => {
    const stream = `${HEADER}<message><body><![CDATA[<stream:stream>]]></body></message>`;
    const events = jsonLines(run(['parse', '--json', '-'], stream).stdout);
    expect(events.filter((e) => e.event === 'restart')).toHaveLength(0);
    expect(events.at(-1)).toMatchObject({ stanzas: 1, ok: true });
  });

  it('parses a WebSocket capture frame by frame with --frames, direction taken from the file name', () => {
    const folder = 'prosody-stanza-websocket/carol-stanza-ws';
    const events = jsonLines(
      run(['parse', '--json', capture(`${folder}.s2c.ws.xml`), '--frames', capture(`${folder}.ws-frames.tsv`)]).stdout,
    );
    expect(events.map((e) => e.event).filter((e) => e !== 'element')).toEqual(['start', 'start', 'end', 'summary']);
    expect(events.find((e) => e.event === 'element')).toMatchObject({ name: 'stream:features', offset: 141, length: 291 });
    expect(events.at(-1)).toMatchObject({ stanzas: 15, streams: 2, ok: true });
    const c2s = run(['parse', '--quiet', capture(`${folder}.c2s.ws.xml`), '--frames', capture(`${folder}.ws-frames.tsv`)]);
    expect(c2s.code).toBe(0);
    expect(c2s.stderr).toContain('13 stanzas in 2 streams');
    expect(run(['parse', '-', '--frames', capture(`${folder}.ws-frames.tsv`)], '').code).toBe(2); // no direction
  });

  it('exits 1 with one line for a file it cannot read', () => {
    const { code, stderr } = run(['parse', 'no/such/file.xml']);
    expect(code).toBe(1);
    expect(stderr).toBe('error: cannot read no/such/file.xml: ENOENT\n');
  });
});

describe('xmpp-wasm jid', () => {
  it('prints the prepared parts and the DNS form of an international domain', () => {
    const { code, stdout } = run(['jid', 'Juliet@Example.COM/Balcony', 'user@Bücher.de']);
    expect(code).toBe(0);
    expect(stdout).toContain('jid:      juliet@example.com/Balcony');
    expect(stdout).toContain('domain:   bücher.de (DNS: xn--bcher-kva.de)');
  });

  it('reports each invalid JID and exits 1', () => {
    const { code, stdout } = run(['jid', '--json', 'ok@example.com', '@example.com', 'a b@example.com']);
    expect(code).toBe(1);
    const [ok, noLocal, space] = jsonLines(stdout);
    expect(ok).toMatchObject({ ok: true, local: 'ok', domain: 'example.com', resource: '' });
    expect(noLocal).toMatchObject({ ok: false, part: 'local', reason: 'at-without-local' });
    expect(space).toMatchObject({ ok: false, part: 'local', reason: 'prohibited', codePoint: 0x20 });
  });
});

describe('xmpp-wasm prep', () => {
  it('applies a profile', () => {
    expect(run(['prep', 'nodeprep', 'ÄBC'])).toMatchObject({ code: 0, stdout: 'äbc\n' });
    expect(run(['prep', 'saslprep', 'I\u00adX'])).toMatchObject({ code: 0, stdout: 'IX\n' });
  });

  it('reports the offending code point (exit 1) and refuses unknown profiles (exit 2)', () => {
    const refused = run(['prep', 'nodeprep', 'a@b']);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('prohibited code point U+0040');
    expect(run(['prep', 'stored', 'x']).code).toBe(2);
  });

  it('refuses unassigned code points only with --stored', () => {
    expect(run(['prep', 'resourceprep', '\u0221']).code).toBe(0);
    expect(jsonLines(run(['prep', '--stored', '--json', 'resourceprep', '\u0221']).stdout)[0]).toMatchObject({
      ok: false,
      reason: 'unassigned',
      codePoint: 0x221,
    });
  });
});

describe('xmpp-wasm bench', () => {
  it('times both parsers on the same stanzas', () => {
    const { code, stdout } = run(['bench', '--json', '--size', '0.2', '--runs', '1']);
    expect(code).toBe(0);
    const report = JSON.parse(stdout);
    const [wasm, ltx] = report.results;
    expect(wasm.parser).toBe('xmpp-wasm');
    expect(ltx.parser).toBe('ltx');
    expect(wasm.stanzas).toBeGreaterThan(100);
    expect(wasm.stanzas).toBe(ltx.stanzas);
    expect(wasm.mbPerSecond).toBeGreaterThan(0);
  });

  it('reports a bad --file as one line and exits 1', () => {
    const bad = run(['bench', '--runs', '1', '--file', 'no/such.xml']);
    expect(bad).toMatchObject({ code: 1, stderr: 'error: cannot read no/such.xml: ENOENT\n' });
  });
});
