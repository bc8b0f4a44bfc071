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

export function checkBoolean(where: string, name: string, value: unknown): asserts value is boolean {
  if (typeof value !== 'boolean') fail(where, name, 'a boolean', value);
}

export function checkFunction(where: string, name: string, value: unknown): asserts value is (...args: never[]) => unknown {
  if (typeof value !== 'function') fail(where, name, 'a function', value);
}

/** Edit distance of two short names (option names), for suggesting the one meant. */
function editDistance(a: string, b: string): number {
  let row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const next = [i];
    for (let j = 1; j <= b.length; j++) {
      next[j] = Math.min(row[j]! + 1, next[j - 1]! + 1, row[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    row = next;
  }
  return row[b.length]!;
}

/** The known name a misspelling most likely meant: differing by case only, or by at most two edits. */
function closest(name: string, known: readonly string[]): string | undefined {
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of known) {
    const distance = candidate.toLowerCase() === lower ? 0 : editDistance(name, candidate);
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best;
}

/**
 * An options object (or undefined): an object whose names are all known, so that a misspelled
 * option is an error instead of a default silently used.
 */
export function checkOptions(where: string, value: unknown, known: readonly string[]): void {
  if (value === undefined) return;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) fail(where, 'options', 'an object', value);
  for (const name in value) {
    if (known.includes(name)) continue;
    const meant = closest(name, known);
    const hint = meant === undefined ? '' : `; did you mean ${JSON.stringify(meant)}?`;
    throw new TypeError(`${where}: unknown option ${JSON.stringify(name)}${hint} (known: ${known.join(', ')})`);
  }
}
