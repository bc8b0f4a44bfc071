// Punycode (RFC 3492): the Bootstring encoding IDNA uses for non-ASCII domain labels.
// Works on code points, so labels outside the BMP round-trip.

const BASE = 36;
const T_MIN = 1;
const T_MAX = 26;
const SKEW = 38;
const DAMP = 700;
const INITIAL_BIAS = 72;
const INITIAL_N = 0x80;
const MAX_INT = 0x7fffffff;

export class PunycodeError extends Error {
  constructor(message: string) {
    super(`punycode: ${message}`);
    this.name = 'PunycodeError';
  }
}

function adapt(delta: number, points: number, first: boolean): number {
  delta = first ? Math.floor(delta / DAMP) : delta >> 1;
  delta += Math.floor(delta / points);
  let k = 0;
  while (delta > ((BASE - T_MIN) * T_MAX) >> 1) {
    delta = Math.floor(delta / (BASE - T_MIN));
    k += BASE;
  }
  return k + Math.floor(((BASE - T_MIN + 1) * delta) / (delta + SKEW));
}

const digitChar = (d: number): string => String.fromCharCode(d < 26 ? 0x61 + d : 0x16 + d); // a–z, 0–9

function digitValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x16;
  if (c >= 0x41 && c <= 0x5a) return c - 0x41;
  if (c >= 0x61 && c <= 0x7a) return c - 0x61;
  return BASE;
}

const threshold = (k: number, bias: number): number => (k <= bias ? T_MIN : k >= bias + T_MAX ? T_MAX : k - bias);

/** Encodes a Unicode label (without the `xn--` prefix). */
export function punycodeEncode(input: string): string {
  const codePoints = Array.from(input, (ch) => ch.codePointAt(0)!);
  let output = codePoints
    .filter((cp) => cp < 0x80)
    .map((cp) => String.fromCharCode(cp))
    .join('');
  const basicCount = output.length;
  let handled = basicCount;
  if (basicCount > 0) output += '-';
  let n = INITIAL_N;
  let delta = 0;
  let bias = INITIAL_BIAS;
  while (handled < codePoints.length) {
    let next = MAX_INT;
    for (const cp of codePoints) if (cp >= n && cp < next) next = cp;
    if (next - n > Math.floor((MAX_INT - delta) / (handled + 1))) throw new PunycodeError('overflow');
    delta += (next - n) * (handled + 1);
    n = next;
    for (const cp of codePoints) {
      if (cp < n && ++delta > MAX_INT) throw new PunycodeError('overflow');
      if (cp !== n) continue;
      let q = delta;
      for (let k = BASE; ; k += BASE) {
        const t = threshold(k, bias);
        if (q < t) break;
        output += digitChar(t + ((q - t) % (BASE - t)));
        q = Math.floor((q - t) / (BASE - t));
      }
      output += digitChar(q);
      bias = adapt(delta, handled + 1, handled === basicCount);
      delta = 0;
      handled++;
    }
    delta++;
    n++;
  }
  return output;
}

/** Decodes a Punycode label (without the `xn--` prefix). */
export function punycodeDecode(input: string): string {
  const lastDelimiter = input.lastIndexOf('-');
  const output: number[] = [];
  for (let j = 0; j < Math.max(lastDelimiter, 0); j++) {
    const c = input.charCodeAt(j);
    if (c >= 0x80) throw new PunycodeError('non-ASCII basic code point');
    output.push(c);
  }
  let n = INITIAL_N;
  let bias = INITIAL_BIAS;
  let i = 0;
  for (let at = lastDelimiter >= 0 ? lastDelimiter + 1 : 0; at < input.length; ) {
    const oldI = i;
    let w = 1;
    for (let k = BASE; ; k += BASE) {
      if (at >= input.length) throw new PunycodeError('truncated input');
      const digit = digitValue(input.charCodeAt(at++));
      if (digit >= BASE || digit > Math.floor((MAX_INT - i) / w)) throw new PunycodeError('invalid digit or overflow');
      i += digit * w;
      const t = threshold(k, bias);
      if (digit < t) break;
      if (w > Math.floor(MAX_INT / (BASE - t))) throw new PunycodeError('overflow');
      w *= BASE - t;
    }
    const length = output.length + 1;
    bias = adapt(i - oldI, length, oldI === 0);
    if (Math.floor(i / length) > MAX_INT - n) throw new PunycodeError('overflow');
    n += Math.floor(i / length);
    i %= length;
    if (n > 0x10ffff || (n >= 0xd800 && n <= 0xdfff)) throw new PunycodeError('not a Unicode scalar value');
    output.splice(i++, 0, n);
  }
  return String.fromCodePoint(...output);
}

/**
 * Whether "xn--" + the Punycode of a non-ASCII label is longer than `octets`. An upper bound
 * comes first: basic code points, a delimiter, and at most ten digits per other code point (a
 * delta below 2^31 in digits of base 10 or more); most labels are far below the limit, which
 * spares encoding them.
 */
export function asciiLengthExceeds(label: string, octets: number): boolean {
  let bound = 5;
  for (let i = 0; i < label.length; i++) bound += label.charCodeAt(i) < 0x80 ? 1 : 10;
  return bound > octets && 4 + punycodeEncode(label).length > octets;
}
