// Runs in Chromium: a raw XMPP session over WebSocket (RFC 7395) to the test Prosody, every
// received frame parsed by the bundle's FramedParser. Publishes window.results.
const params = new URLSearchParams(location.search);
const TEXT = params.get('text');
const results = { errors: [], frames: [] };

function base64(text) {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

try {
  const X = await import('./xmpp-wasm.js');
  await X.ready;
  const parser = new X.FramedParser();
  const waiting = [];
  const received = [];
  const deliver = (event, element) => {
    results.frames.push(`${event}:${element.name}`);
    received.push({ event, element });
    for (const waiter of waiting.splice(0)) waiter();
  };
  parser.on('start', (element) => deliver('start', element));
  parser.on('element', (element) => deliver('element', element));
  parser.on('end', (element) => deliver('end', element));
  parser.on('error', (error) => results.errors.push(`${error.condition} at ${error.offset}: ${error.text}`));

  /** The next received frame (after those already taken) of this event, matching `test`. */
  let taken = 0;
  async function next(event, test = () => true) {
    const deadline = Date.now() + 10000;
    for (;;) {
      while (taken < received.length) {
        const item = received[taken++];
        if (item.event === event && test(item.element)) return item.element;
      }
      if (Date.now() > deadline) throw new Error(`no ${event} frame arrived (got ${results.frames.join(', ')})`);
      await new Promise((resolve) => {
        waiting.push(resolve);
        setTimeout(resolve, 200);
      });
    }
  }

  const domain = params.get('domain');
  const ws = new WebSocket(params.get('ws'), 'xmpp');
  ws.onmessage = (message) => parser.write(message.data);
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = () => reject(new Error('WebSocket failed'));
  });
  const open = `<open xmlns='urn:ietf:params:xml:ns:xmpp-framing' to='${domain}' version='1.0'/>`;

  ws.send(open);
  await next('start');
  const features = await next('element', (e) => e.name === 'stream:features');
  results.mechanisms = features
    .getChild('mechanisms', 'urn:ietf:params:xml:ns:xmpp-sasl')
    .getChildren('mechanism')
    .map((m) => m.getText());
  ws.send(
    `<auth xmlns='urn:ietf:params:xml:ns:xmpp-sasl' mechanism='PLAIN'>${base64(`\0${params.get('user')}\0${params.get('password')}`)}</auth>`,
  );
  await next('element', (e) => e.name === 'success');

  ws.send(open); // RFC 7395 §3.5: a new <open/> after SASL
  await next('start');
  await next('element', (e) => e.name === 'stream:features');
  ws.send(
    `<iq xmlns='jabber:client' type='set' id='bind-1'><bind xmlns='urn:ietf:params:xml:ns:xmpp-bind'><resource>chromium</resource></bind></iq>`,
  );
  const bound = await next('element', (e) => e.name === 'iq' && e.attrs.id === 'bind-1');
  results.jid = bound.getChild('bind').getChildText('jid');

  const message = new X.Element('message', { xmlns: 'jabber:client', to: results.jid, type: 'chat', id: 'self-1' });
  message.c('body').t(TEXT);
  ws.send(message.toString());
  const echoed = await next('element', (e) => e.name === 'message' && e.attrs.id === 'self-1');
  results.body = echoed.getChildText('body');

  ws.send(`<close xmlns='urn:ietf:params:xml:ns:xmpp-framing'/>`);
  await next('end');
  results.closed = true;
  ws.close();
} catch (error) {
  results.errors.push(String(error?.stack || error));
}
window.results = results;
