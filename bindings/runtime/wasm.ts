// Loads the WebAssembly modules built from assembly/ (inlined as base64 by tools/build.mjs, so
// no file system access and no network fetch is needed in Node, browsers or bundlers).
// Node compiles them synchronously at import time; where a host refuses synchronous
// compilation of larger modules (browsers' main thread), `ready` resolves once they are loaded.
import { instantiateSync } from '@assemblyscript/loader';
import * as inline from '../../build/wasm-inline.js';

export type WasmName = 'parser' | 'stringprep' | 'precis';

function decodeBase64(text: string): Uint8Array {
  const B = (globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer;
  if (B) return B.from(text, 'base64');
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const bytesOf = (name: WasmName): Uint8Array | null => {
  const text = (inline as Record<string, string | number>)[`${name}Wasm`];
  return typeof text === 'string' ? decodeBase64(text) : null;
};

const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, column: number): never {
      throw new Error(`xmpp-wasm: WebAssembly abort at ${line}:${column}`);
    },
  },
};

const compiled = new Map<WasmName, WebAssembly.Module>();
const pending: Promise<unknown>[] = [];

function tryCompileSync(name: WasmName): void {
  const bytes = bytesOf(name);
  if (!bytes) return; // not built: instantiateModule says so when it is first needed
  try {
    compiled.set(name, new WebAssembly.Module(bytes as BufferSource));
  } catch {
    pending.push(WebAssembly.compile(bytes as BufferSource).then((m) => void compiled.set(name, m)));
  }
}
tryCompileSync('parser');
tryCompileSync('stringprep');
tryCompileSync('precis');

/** Resolves when every WebAssembly module is compiled; after it every API is synchronous. */
export const ready: Promise<void> = Promise.all(pending).then(() => undefined);

/** A new instance of a compiled module (each has its own memory). */
export function instantiateModule<T extends Record<string, unknown>>(name: WasmName): T {
  const module = compiled.get(name);
  if (!module) {
    throw new Error(
      bytesOf(name)
        ? `xmpp-wasm: await ready before using the ${name} module here`
        : `xmpp-wasm: the ${name} WebAssembly module was not built (npm run build)`,
    );
  }
  return instantiateSync<T>(module, imports).exports as unknown as T;
}
