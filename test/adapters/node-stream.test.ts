// Node stream reader: a real loopback TCP socket, PassThrough streams, backpressure, restarts.
import { describe, expect, it } from 'vitest';
import { createServer, connect, type AddressInfo } from 'node:net';
import { PassThrough } from 'node:stream';
import { once } from 'node:events';
import { readStanzas, attach, StanzaReader } from '../../bindings/adapters/node-stream.js';
import { StreamError } from '../../bindings/parser/errors.js';
import { readCapture, pieces } from './captures.js';

const HEADER = `<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' version='1.0'>`;

describe('xmpp-wasm/node readStanzas', () => {
  it('reads a real capture from a TCP socket in small writes, restarting after SASL success', async () => {
    const capture = readCapture('prosody-slixmpp-xmppjs/bob-xmppjs.s2c.xml');
    const server = createServer((socket) => {
      (async () => {
        for (const piece of pieces(capture, 97)) {
          if (!socket.write(piece)) await once(socket, 'drain');
        }
        socket.end();
      })();
    });
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    try {
      const socket = connect((server.address() as AddressInfo).port, '127.0.0.1');
      const reader = readStanzas(socket, { restartAfterSaslSuccess: true });
      const headers: unknown[] = [];
      reader.on('start', (header) => headers.push(header));
      const names: string[] = [];
      for await (const stanza of reader) names.push(stanza.name);
      expect(names).toHaveLength(32);
      expect(headers).toHaveLength(2);
      expect(names.slice(0, 3)).toEqual(['stream:features', 'challenge', 'success']);
      socket.destroy();
    } finally {
      server.close();
    }
  });

  it('pauses the readable while the iterator lags behind, and resumes when it catches up', async () => {
    const input = new PassThrough();
    const reader = new StanzaReader(input, { highWaterMark: 4 });
    const iterator = reader[Symbol.asyncIterator]();
    input.write(HEADER);
    for (let i = 0; i < 10; i++) input.write(`<presence id='p${i}'/>`);
    await new Promise((resolve) => setImmediate(resolve));
    expect(input.isPaused()).toBe(true);
    const ids: string[] = [];
    for (let i = 0; i < 10; i++) ids.push(((await iterator.next()).value as any).attrs.id);
    expect(ids).toEqual([...Array(10).keys()].map((i) => `p${i}`));
    expect(input.isPaused()).toBe(false);
    input.end('</stream:stream>');
    expect((await iterator.next()).done).toBe(true);
  });

  it('delivers stanzas to listeners synchronously, with their source offsets', () => {
    const input = new PassThrough();
    const reader = attach(input);
    const offsets: number[] = [];
    reader.on('element', (_stanza, source) => offsets.push(source.offset));
    input.write(HEADER + '<presence/>');
    input.write(Buffer.from('<message/>'));
    // PassThrough emits 'data' asynchronously only when not flowing; with a listener it flows.
    return new Promise<void>((resolve) =>
      setImmediate(() => {
        expect(offsets).toEqual([HEADER.length, HEADER.length + '<presence/>'.length]);
        resolve();
      }),
    );
  });

  it('rejects the iteration with the StreamError', async () => {
    const input = new PassThrough();
    const reader = readStanzas(input);
    input.end(HEADER + '<presence/><message></presence>');
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const stanza of reader) seen.push(stanza.name);
      })(),
    ).rejects.toBeInstanceOf(StreamError);
    expect(seen).toEqual(['presence']);
  });

  it('ends the iteration when the stream closes, and rejects when the readable fails', async () => {
    const closed = new PassThrough();
    const names: string[] = [];
    closed.end(HEADER + '<presence/></stream:stream>');
    for await (const stanza of readStanzas(closed)) names.push(stanza.name);
    expect(names).toEqual(['presence']);

    const failing = new PassThrough();
    const reader = readStanzas(failing);
    failing.write(HEADER);
    setImmediate(() => failing.destroy(new Error('connection reset')));
    await expect(
      (async () => {
        for await (const _ of reader) void _;
      })(),
    ).rejects.toThrow('connection reset');
  });

  it('restart() and upgrade() start a new stream, as after SASL or STARTTLS', async () => {
    const plain = new PassThrough();
    const reader = attach(plain);
    const headers: string[] = [];
    reader.on('start', (header) => headers.push(header.attrs.id));
    const stanzas: string[] = [];
    reader.on('element', (stanza) => {
      stanzas.push(stanza.name);
      if (stanza.name === 'proceed') reader.upgrade(secured);
    });
    const secured = new PassThrough();
    plain.write(HEADER.replace("version='1.0'>", "id='1' version='1.0'>") + `<proceed xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>`);
    await new Promise((resolve) => setImmediate(resolve));
    plain.write('<never-read/>'); // the plain socket is no longer read
    secured.write(HEADER.replace("version='1.0'>", "id='2' version='1.0'>") + '<stream:features/>');
    await new Promise((resolve) => setImmediate(resolve));
    expect(headers).toEqual(['1', '2']);
    expect(stanzas).toEqual(['proceed', 'stream:features']);
    expect(reader.parser.error).toBeNull();
  });

  it('attach() never buffers nor pauses, and cannot be iterated', () => {
    const input = new PassThrough();
    const reader = attach(input, { highWaterMark: 1 });
    let count = 0;
    reader.on('element', () => {
      count++;
    });
    input.write(HEADER);
    for (let i = 0; i < 20; i++) input.write('<presence/>');
    expect(count).toBe(20);
    expect(input.isPaused()).toBe(false);
    expect(() => reader[Symbol.asyncIterator]()).toThrow(/only if created by readStanzas/);
  });
});
