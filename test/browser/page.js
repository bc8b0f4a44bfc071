// Runs in Chromium: parses a real capture and prepares JIDs with the browser bundles, then
// publishes what it found as window.results for the test to compare with Node's answers.
const results = { errors: [] };
try {
  const X = await import('./xmpp-wasm.js');
  await X.ready; // browsers refuse to compile larger WebAssembly synchronously on the main thread

  const bytes = new Uint8Array(await (await fetch('./capture.xml')).arrayBuffer());
  const parser = new X.StreamParser();
  const stanzas = [];
  let streams = 0;
  parser.on('start', () => {
    streams++;
  });
  parser.on('element', (stanza, source) => {
    stanzas.push({ xml: stanza.toString(), offset: source.offset, length: source.length });
    if (stanza.name === 'success' && stanza.attrs.xmlns === 'urn:ietf:params:xml:ns:xmpp-sasl') parser.reset();
  });
  parser.on('error', (error) => results.errors.push(`${error.condition} at ${error.offset}`));
  for (let at = 0; at < bytes.length; at += 7) parser.write(bytes.subarray(at, at + 7));
  parser.end();
  results.stream = { streams, stanzas };

  const bad = new X.StreamParser();
  bad.on('error', (error) => {
    results.streamError = { condition: error.condition, offset: error.offset };
  });
  bad.write(`<stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'><!-- x -->`);

  results.jids = ['Juliet@Example.COM/Balcony', 'user@Bücher.DE/Ünïcode', 'ΣΊΣΥΦΟΣ@example.com'].map((input) => {
    const jid = X.parseJid(input);
    return { jid: jid.toString(), local: jid.local, domain: jid.domain, resource: jid.resource, ascii: X.domainToAscii(jid) };
  });
  try {
    X.parseJid('a b@example.com');
  } catch (error) {
    results.badJid = { name: error.name, reason: error.reason, part: error.part };
  }
  results.prep = { nodeprep: X.nodeprep('ÄBC'), saslprep: X.saslprep('I\u00adX'), nameprep: X.nameprep('Bücher.DE') };

  const framed = new X.FramedParser();
  const frames = [];
  for (const event of ['start', 'element', 'end']) framed.on(event, (element) => frames.push(`${event}:${element.name}`));
  framed.write(`<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='example.com' version='1.0'/>`);
  framed.write(`<message xmlns='jabber:client'><body>😀</body></message>`);
  framed.write(`<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>`);
  results.frames = frames;

  const P = await import('./xmpp-wasm-parser.js');
  await P.ready;
  results.parserOnly = P.parse(`<message xmlns='jabber:client'><body>Grüße &amp; 日本</body></message>`).getChildText('body');
  results.userAgent = navigator.userAgent;
} catch (error) {
  results.errors.push(String(error?.stack || error));
}
window.results = results;
