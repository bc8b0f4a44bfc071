// xmpp-wasm-server: a small XMPP core server on the xmpp-wasm engine.
export { startServer, XmppServer, DEFAULT_LIMITS } from './server.js';
export { AccountStore, makeCredentials, DEFAULT_ITERATIONS } from './accounts.js';
export { selfSignedCertificate } from './certificate.js';
