// The parsers compared, in the order the tables list them. Each module exports
// createParser(onElement) → { write(buffer), end(), reset() }, a description, and optionally an
// async init(). A peer that cannot be loaded is skipped with the reason, never silently.
export const peerModules = {
  'xmpp-wasm': './xmpp-wasm.mjs',
  'xmpp-wasm lazy (router)': './xmpp-wasm-lazy.mjs',
  ltx: './ltx.mjs',
  'ltx (toString per read)': './ltx-to-string.mjs',
  '@xmpp/xml': './xmpp-xml.mjs',
  saxes: './saxes.mjs',
  sax: './sax.mjs',
  htmlparser2: './htmlparser2.mjs',
  'node-expat': './node-expat.mjs',
  'expat-wasm': './expat-wasm.mjs',
  'sax-wasm': './sax-wasm.mjs',
};

/** Loads the named peers: [{ name, description, createParser } | { name, skipped }]. */
export async function loadPeers(names = Object.keys(peerModules)) {
  const peers = [];
  for (const name of names) {
    const path = peerModules[name];
    if (!path) {
      peers.push({ name, skipped: `unknown peer (known: ${Object.keys(peerModules).join(', ')})` });
      continue;
    }
    try {
      const peer = await import(path);
      await peer.init?.();
      peers.push({ name, description: peer.description, createParser: peer.createParser });
    } catch (error) {
      peers.push({ name, skipped: `cannot load: ${error.message.split('\n')[0]}` });
    }
  }
  return peers;
}
