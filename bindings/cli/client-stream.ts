// A generated client stream for `xmpp-wasm bench`: messages with non-ASCII text and escaped
// markup, presences with caps, roster results. Deterministic, so runs compare.
import { streamHeader, streamClose, escapeText } from '../xml/serialize.js';

const BODIES = [
  'Hello, how are you?',
  'Grüße aus Köln — ça va? 😀',
  'tags <&> "quoted" \'single\'',
  'Привет, мир! 你好，世界',
  'x'.repeat(300),
];

function stanza(i: number): string {
  switch (i % 4) {
    case 0:
    case 1:
      return `<message from="juliet@example.com/balcony" to="romeo@example.net" type="chat" id="m${i}" xml:lang="en"><body>${escapeText(BODIES[i % BODIES.length]!)}</body><active xmlns="http://jabber.org/protocol/chatstates"/><request xmlns="urn:xmpp:receipts"/></message>`;
    case 2:
      return `<presence from="user${i % 97}@example.com/res"><show>away</show><status>Out for lunch</status><c xmlns="http://jabber.org/protocol/caps" hash="sha-1" node="https://example.org" ver="QgayPKawpkPSDYmwT/WM94uAlu0="/><priority>5</priority></presence>`;
    default: {
      let items = '';
      for (let k = 0; k < 8; k++)
        items += `<item jid="contact${k}@example.org" name="Contact ${k}" subscription="both"><group>Friends</group></item>`;
      return `<iq type="result" id="r${i}" to="romeo@example.net/orchard"><query xmlns="jabber:iq:roster" ver="v${i}">${items}</query></iq>`;
    }
  }
}

/** A client stream of about `bytes` bytes. */
export function generateClientStream(bytes: number): Uint8Array {
  const parts = [streamHeader({ from: 'example.org', id: 'bench', declaration: true })];
  let size = parts[0]!.length;
  for (let i = 0; size < bytes; i++) {
    parts.push(stanza(i));
    size += parts[i + 1]!.length;
  }
  parts.push(streamClose());
  return new TextEncoder().encode(parts.join(''));
}
