// Stream version numbers (RFC 3920 §4.4.1, RFC 6120 §4.7.5): "major.minor", each an integer
// compared on its own, leading zeros ignored: 2.4 < 2.13 < 12.3. A missing version means 0.9.
import { checkString } from '../runtime/arguments.js';

/** "major.minor": two decimal integers. */
const VERSION = /^([0-9]+)\.([0-9]+)$/;

export interface StreamVersion {
  major: number;
  minor: number;
}

/** Parses "major.minor"; null when the text is not two dot-separated decimal integers. */
export function parseVersion(text: string | undefined | null): StreamVersion | null {
  if (text === undefined || text === null) return { major: 0, minor: 9 };
  checkString('parseVersion', 'text', text);
  const match = VERSION.exec(text);
  if (!match) return null;
  return { major: Number.parseInt(match[1]!, 10), minor: Number.parseInt(match[2]!, 10) };
}

/** Negative, zero or positive as version a is lower than, equal to, or higher than b. */
export function compareVersions(a: string | StreamVersion | undefined, b: string | StreamVersion | undefined): number {
  const da = digitsOf(a);
  const db = digitsOf(b);
  if (!da || !db) {
    throw new TypeError(
      `compareVersions: ${!da ? 'a' : 'b'} must be a "major.minor" version or { major, minor }, got ${JSON.stringify(!da ? a : b)}`,
    );
  }
  return compareDigits(da[0], db[0]) || compareDigits(da[1], db[1]);
}

/** [major, minor] as decimal digits without leading zeros, so any size compares exactly. */
function digitsOf(v: string | StreamVersion | undefined): [string, string] | null {
  if (typeof v === 'object' && v !== null) {
    if (typeof v.major !== 'number' || typeof v.minor !== 'number') return null;
    return [String(v.major), String(v.minor)];
  }
  if (v === undefined) return ['0', '9'];
  if (typeof v !== 'string') return null;
  const match = VERSION.exec(v);
  return match ? [match[1]!.replace(/^0+(?=.)/, ''), match[2]!.replace(/^0+(?=.)/, '')] : null;
}

function compareDigits(x: string, y: string): number {
  if (x.length !== y.length) return x.length < y.length ? -1 : 1;
  return x < y ? -1 : x > y ? 1 : 0;
}
