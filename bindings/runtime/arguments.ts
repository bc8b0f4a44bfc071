// Argument checks of the public functions: a wrong type is a TypeError that names the function
// and the argument (as Node's own APIs do), never a confusing failure further in.

const describe = (value: unknown): string =>
  value === null
    ? 'null'
    : Array.isArray(value)
      ? 'an array'
      : typeof value === 'string'
        ? 'a string'
        : `${typeof value} ${String(value).slice(0, 40)}`;

function fail(where: string, name: string, expected: string, value: unknown): never {
  throw new TypeError(`${where}: ${name} must be ${expected}, got ${describe(value)}`);
}

export function checkString(where: string, name: string, value: unknown): asserts value is string {
  if (typeof value !== 'string') fail(where, name, 'a string', value);
}

export function checkOptionalString(where: string, name: string, value: unknown): asserts value is string | null | undefined {
  if (value !== undefined && value !== null && typeof value !== 'string') fail(where, name, 'a string, null or undefined', value);
}

export function checkNumber(where: string, name: string, value: unknown): asserts value is number {
  if (typeof value !== 'number' || Number.isNaN(value)) fail(where, name, 'a number', value);
}

/** Bytes or text: a string, an ArrayBufferView (Uint8Array, Buffer, DataView...) or an ArrayBuffer. */
export function checkInput(where: string, name: string, value: unknown): asserts value is string | ArrayBufferView | ArrayBuffer {
  if (typeof value !== 'string' && !ArrayBuffer.isView(value) && !(value instanceof ArrayBuffer)) {
    fail(where, name, 'a string, a Uint8Array (or another ArrayBufferView) or an ArrayBuffer', value);
  }
}

/**
 * An options object (or undefined): an object whose names are all known, so that a misspelled
 * option is an error instead of a default silently used.
 */
export function checkOptions(where: string, value: unknown, known: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'options', 'an object', value);
  for (const name in value) {
    if (!known.includes(name)) {
      throw new TypeError(`${where}: unknown option ${JSON.stringify(name)} (known: ${known.join(', ')})`);
    }
  }
}
