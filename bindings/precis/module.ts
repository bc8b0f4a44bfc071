// The PRECIS WebAssembly module (build/precis.wasm), instantiated on first use, and the transfer
// of strings into and out of its memory.
import { defineModule } from '../runtime/wasm.js';
import { precisWasm } from '../../build/wasm-inline.js';
import { decodeUnits } from '../runtime/code-units.js';

/** build/precis.wasm, compiled when a string first needs it. */
const precisWasmModule = /* @__PURE__ */ defineModule('precis', precisWasm);

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

export function precisModule(): PrecisWasm {
  wasm ??= precisWasmModule.instantiate<PrecisWasm>();
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
