// xmpp-wasm: the package root. Each concern lives in its own module; this file only re-exports.
export { ready } from './wasm.js';
