// The PRECIS WebAssembly module (build/precis.wasm), instantiated on first use, and the transfer
// of strings into and out of its memory.
import { instantiateModule } from '../runtime/wasm.js';
import { decodeUnits } from '../stringprep/stringprep.js';

type WasmFunction = ((...args: number[]) => number) & { original?: (...args: number[]) => number };

export interface PrecisWasm {
  memory: WebAssembly.Memory;
  reserveInput(units: number): number;
  enforce(profile: number, flags: number, units: number): number;
  outputPointer(): number;
  errorCodePoint(): number;
  hadRightToLeft(): number;
  fastPathClass(profile: number, cp: number, prepare: number): number;
}

let wasm: PrecisWasm | null = null;
let units = new Uint16Array(0);
let inputAt = 0;
let inputReserved = -1;

// The loader wraps exports to pass an argument count these functions do not need; call the raw
// WebAssembly functions instead.
const raw = (f: unknown): ((...args: number[]) => number) => (f as WasmFunction).original ?? (f as WasmFunction);

export function precisModule(): PrecisWasm {
  if (wasm) return wasm;
  const exports = instantiateModule<Record<string, unknown>>('precis');
  const names = ['reserveInput', 'enforce', 'outputPointer', 'errorCodePoint', 'hadRightToLeft', 'fastPathClass'] as const;
  wasm = { memory: exports.memory as WebAssembly.Memory } as PrecisWasm;
  for (const name of names) (wasm as unknown as Record<string, unknown>)[name] = raw(exports[name]);
  return wasm;
}

/** The UTF-16 view of the module's memory (a new one after the memory grew). */
function unitsView(): Uint16Array {
  const { buffer } = precisModule().memory;
  if (units.buffer !== buffer) units = new Uint16Array(buffer);
  return units;
}

/** Copies `input` to where the module reads its input. */
export function writeInput(input: string): void {
  const length = input.length;
  if (length > inputReserved) {
    inputAt = precisModule().reserveInput(length) >>> 1;
    inputReserved = length;
  }
  const view = unitsView();
  for (let i = 0; i < length; i++) view[inputAt + i] = input.charCodeAt(i);
}

/** The module's output of `length` code units. */
export function readOutput(length: number): string {
  return decodeUnits(unitsView(), precisModule().outputPointer() >>> 1, length);
}
