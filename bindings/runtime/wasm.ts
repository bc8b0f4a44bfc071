// The WebAssembly modules built from assembly/, each inlined as base64 by tools/build.mjs (no
// file system access or network fetch in Node, browsers or bundlers) and each compiled when first
// used: a binding defines its module (`defineModule`) and instantiates it when it needs an
// instance. A bundle that imports only the parser holds neither the bytes nor the code of the
// stringprep and PRECIS bindings, and a program compiles only the modules it calls.
//
// Where a host refuses synchronous compilation (a browser's main thread, above its size limit),
// `await ready` first: it compiles, without blocking, every module whose binding was loaded.

export type WasmName = 'parser' | 'stringprep' | 'precis';

function decodeBase64(text: string): Uint8Array {
  const B = (globalThis as { Buffer?: { from(s: string, e: string): Uint8Array } }).Buffer;
  if (B) return B.from(text, 'base64');
  const raw = atob(text);
  const bytes = new Uint8Array(raw.length);
  for (let i = 0; i < raw.length; i++) bytes[i] = raw.charCodeAt(i);
  return bytes;
}

const imports = {
  env: {
    abort(_msg: number, _file: number, line: number, column: number): never {
      throw new Error(`xmpp-wasm: WebAssembly abort at ${line}:${column}`);
    },
  },
};

/** The modules whose bindings were loaded: what `ready` compiles. */
const defined: WasmModule[] = [];

/** One WebAssembly module: its inlined bytes, compiled on first use. */
export class WasmModule {
  private compiled: WebAssembly.Module | null = null;
  private compiling: Promise<void> | null = null;

  constructor(
    readonly name: WasmName,
    private readonly base64: string | undefined,
  ) {
    defined.push(this);
  }

  /** A new instance (each has its own memory), compiling the module first if it is not yet. */
  instantiate<T>(): T {
    return new WebAssembly.Instance(this.compiled ?? this.compileSync(), imports).exports as T;
  }

  /** Compiles without blocking, once (resolved at once when it was compiled on first use). */
  compile(): Promise<void> {
    this.compiling ??= this.compiled
      ? Promise.resolve()
      : WebAssembly.compile(this.bytes() as BufferSource).then((module) => {
          this.compiled ??= module;
        });
    return this.compiling;
  }

  private compileSync(): WebAssembly.Module {
    const bytes = this.bytes();
    try {
      this.compiled = new WebAssembly.Module(bytes as BufferSource);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      // The host allows only asynchronous compilation of a module this size: start it for `ready`.
      void this.compile();
      throw new Error(`xmpp-wasm: await ready before using the ${this.name} module here (${error.message})`);
    }
    return this.compiled;
  }

  private bytes(): Uint8Array {
    if (this.base64 === undefined) throw new Error(`xmpp-wasm: the ${this.name} WebAssembly module was not built (npm run build)`);
    return decodeBase64(this.base64);
  }
}

/** Defines a binding's module; nothing is decoded or compiled until it is first instantiated. */
export const defineModule = (name: WasmName, base64: string | undefined): WasmModule => new WasmModule(name, base64);

/**
 * Resolves once every WebAssembly module whose binding the program loaded is compiled, compiling
 * them without blocking when it is first awaited; after it every API is synchronous. Needed only
 * where the host refuses to compile synchronously (a browser's main thread); elsewhere each
 * module is compiled on first use and awaiting `ready` only compiles it earlier.
 */
class Ready implements Promise<void> {
  readonly [Symbol.toStringTag] = 'Promise';

  private compileDefined(): Promise<undefined> {
    return Promise.all(defined.map((module) => module.compile())).then(() => undefined);
  }

  // biome-ignore lint/suspicious/noThenProperty: ready is a promise whose work starts when it is first awaited
  then<A = undefined, B = never>(
    onFulfilled?: ((value: undefined) => A | PromiseLike<A>) | null,
    onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.compileDefined().then(onFulfilled, onRejected);
  }

  catch<B = never>(onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<undefined | B> {
    return this.compileDefined().catch(onRejected);
  }

  finally(onFinally?: (() => void) | null): Promise<undefined> {
    return this.compileDefined().finally(onFinally);
  }
}

export const ready: Promise<void> = /* @__PURE__ */ new Ready();
