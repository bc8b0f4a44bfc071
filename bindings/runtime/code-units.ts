// UTF-16 code units out of a WebAssembly module's memory as a string, and code points as
// written in error messages; shared by the stringprep and PRECIS bindings.

/** A code point as U+XXXX. */
export const formatCodePoint = (cp: number): string => 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');

/** The `length` code units of `view` from `start` as a string. */
export function decodeUnits(view: Uint16Array, start: number, length: number): string {
  // Short strings: concatenating is cheaper than building an argument list from a subarray.
  if (length <= 32) {
    let text = '';
    for (let i = start; i < start + length; i++) text += String.fromCharCode(view[i]!);
    return text;
  }
  const CHUNK = 8192; // below the engines' argument count limits
  let text = '';
  for (let at = 0; at < length; at += CHUNK) {
    text += String.fromCharCode.apply(null, view.subarray(start + at, start + Math.min(length, at + CHUNK)) as unknown as number[]);
  }
  return text;
}
