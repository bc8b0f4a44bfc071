// The error codes a WebAssembly module returns, by name (from its generated contract). A code the
// contract does not name is a fault of the module or of its binding, never of the input: it is
// reported as an internal error rather than passed off as some error of the input.

/** The internal error for a result code the module's contract does not define. */
export function unknownResult(module: string, code: number): never {
  throw new Error(`xmpp-wasm: internal error: the ${module} WebAssembly module returned ${code}, a result its contract does not define`);
}

/** A function giving the name of each of `codes`' values; any other value throws an internal error. */
export function errorNames<Name extends string>(module: string, codes: Readonly<Record<Name, number>>): (code: number) => Name {
  const names = new Map<number, Name>();
  for (const name of Object.keys(codes) as Name[]) names.set(codes[name], name);
  return (code) => {
    const name = names.get(code);
    return name === undefined ? unknownResult(module, code) : name;
  };
}
