// The browser bundles in real headless Chromium (Debian's, never a downloaded browser): a page
// served from localhost parses a real capture and prepares JIDs; Node computes the same answers.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { StreamParser, parseJid, domainToAscii, nodeprep, saslprep, nameprep } from '../../bindings/index.js';
import { chromiumMissing, launchChromium } from '../helpers/chromium.js';
import { prosodyMissing, startProsody, DOMAIN, type Prosody } from '../integration/prosody.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const capturePath = fileURLToPath(new URL('../fixtures/captures/prosody-slixmpp-xmppjs/bob-xmppjs.s2c.xml', import.meta.url));

const missing = chromiumMissing;
if (missing !== null) console.warn(missing);

function serve(files: Record<string, { path: string; type: string }>): Promise<Server> {
  const server = createServer((request, response) => {
    const file = files[new URL(request.url ?? '/', 'http://localhost').pathname];
    if (file === undefined) {
      response.writeHead(request.url === '/favicon.ico' ? 204 : 404).end();
      return;
    }
    response.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(readFileSync(file.path));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

describe.skipIf(missing !== null)('browser bundle in headless Chromium', () => {
  let server: Server;
  let browser: import('playwright-core').Browser;
  let origin: string;

  beforeAll(async () => {
    const js = 'text/javascript; charset=utf-8';
    server = await serve({
      '/': { path: fileURLToPath(new URL('./page.html', import.meta.url)), type: 'text/html; charset=utf-8' },
      '/page.js': { path: fileURLToPath(new URL('./page.js', import.meta.url)), type: js },
      '/xmpp-wasm.js': { path: `${root}/dist/browser/xmpp-wasm.js`, type: js },
      '/xmpp-wasm-parser.js': { path: `${root}/dist/browser/xmpp-wasm-parser.js`, type: js },
      '/capture.xml': { path: capturePath, type: 'application/octet-stream' },
      '/websocket': { path: fileURLToPath(new URL('./websocket-page.html', import.meta.url)), type: 'text/html; charset=utf-8' },
      '/websocket-page.js': { path: fileURLToPath(new URL('./websocket-page.js', import.meta.url)), type: js },
    });
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)));
  });

  it('parses a real capture and prepares JIDs exactly as Node does', async () => {
    const page = await browser.newPage();
    const consoleErrors: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error') consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => consoleErrors.push(String(error)));
    await page.goto(origin + '/');
    await page.waitForFunction(() => (globalThis as any).results !== undefined, undefined, { timeout: 30_000 });
    const results = await page.evaluate(() => (globalThis as any).results);
    await page.close();

    expect(results.errors).toEqual([]);
    expect(consoleErrors).toEqual([]);
    expect(results.userAgent).toContain('Chrome');

    // The same capture, the same reads, in Node.
    const bytes = readFileSync(capturePath);
    const parser = new StreamParser();
    const stanzas: { xml: string; offset: number; length: number }[] = [];
    parser.on('element', (stanza, source) => {
      stanzas.push({ xml: stanza.toString(), offset: source.offset, length: source.length });
      if (stanza.name === 'success') parser.reset();
    });
    for (let at = 0; at < bytes.length; at += 7) parser.write(bytes.subarray(at, at + 7));
    parser.end();
    expect(results.stream.streams).toBe(2);
    expect(results.stream.stanzas).toHaveLength(32);
    expect(results.stream.stanzas).toEqual(stanzas);
    expect(results.streamError).toEqual({ condition: 'restricted-xml', offset: 85 }); // right after the stream header

    const inputs = ['Juliet@Example.COM/Balcony', 'user@Bücher.DE/Ünïcode', 'ΣΊΣΥΦΟΣ@example.com'];
    expect(results.jids).toEqual(
      inputs.map((input) => {
        const jid = parseJid(input);
        return { jid: jid.toString(), local: jid.local, domain: jid.domain, resource: jid.resource, ascii: domainToAscii(jid) };
      }),
    );
    expect(results.jids[1]).toMatchObject({ domain: 'bücher.de', ascii: 'xn--bcher-kva.de', resource: 'Ünïcode' });
    expect(results.badJid).toEqual({ name: 'JidError', reason: 'prohibited', part: 'local' });
    expect(results.prep).toEqual({ nodeprep: nodeprep('ÄBC'), saslprep: saslprep('I\u00adX'), nameprep: nameprep('Bücher.DE') });

    expect(results.frames).toEqual(['start:open', 'element:message', 'end:close']);
    expect(results.parserOnly).toBe('Grüße & 日本');
  });

  describe.skipIf(prosodyMissing() !== null)('with the test Prosody', () => {
    let prosody: Prosody;
    beforeAll(async () => {
      prosody = await startProsody();
    });
    afterAll(async () => {
      await prosody?.stop();
    });

    it('runs an XMPP session over WebSocket from the page with the framed parser', async (context) => {
      if (prosody.webSocketUrl === null) return context.skip('mod_websocket is not available in this Prosody');
      const [alice] = prosody.accounts;
      const text = `Grüße 日本語 😀👍🏽 <&> "q" 'a' ]]>`;
      const query = new URLSearchParams({ ws: prosody.webSocketUrl, domain: DOMAIN, user: alice.username, password: alice.password, text });
      const page = await browser.newPage();
      await page.goto(`${origin}/websocket?${query}`);
      await page.waitForFunction(() => (globalThis as any).results !== undefined, undefined, { timeout: 60_000 });
      const results = await page.evaluate(() => (globalThis as any).results);
      await page.close();
      expect(results.errors, prosody.log().slice(-3000)).toEqual([]);
      expect(results.mechanisms).toContain('PLAIN');
      expect(results.jid).toBe(`${alice.jid}/chromium`);
      expect(results.body).toBe(text);
      expect(results.closed).toBe(true);
      expect(results.frames.filter((frame: string) => frame === 'start:open')).toHaveLength(2);
    });
  });
});
