// The test builds of the Unicode modules (build/test/*.wasm, from assembly/*/test-exports.ts):
// the generated tables read back code point by code point. The package never ships or loads
// them; its modules export their contract's protocol alone.
import { readFileSync } from 'node:fs';

export function instantiateTestBuild<T extends Record<string, unknown>>(name: 'stringprep' | 'precis'): T {
  const bytes = readFileSync(new URL(`../../build/test/${name}.wasm`, import.meta.url));
  const imports = {
    env: {
      abort(_message: number, _file: number, line: number, column: number): never {
        throw new Error(`build/test/${name}.wasm: abort at ${line}:${column}`);
      },
    },
  };
  return new WebAssembly.Instance(new WebAssembly.Module(bytes), imports).exports as T;
}
