// Stream version numbers (RFC 3920 §4.4.1, RFC 6120 §4.7.5): "major.minor", each an integer
// compared on its own, leading zeros ignored: 2.4 < 2.13 < 12.3. A missing version means 0.9.

export interface StreamVersion {
  major: number;
  minor: number;
}

/** Parses "major.minor"; null when the text is not two dot-separated decimal integers. */
export function parseVersion(text: string | undefined | null): StreamVersion | null {
  if (text === undefined || text === null) return { major: 0, minor: 9 };
  const match = /^([0-9]+)\.([0-9]+)$/.exec(text);
  if (!match) return null;
  return { major: Number.parseInt(match[1]!, 10), minor: Number.parseInt(match[2]!, 10) };
}

/** Negative, zero or positive as version a is lower than, equal to, or higher than b. */
export function compareVersions(a: string | StreamVersion | undefined, b: string | StreamVersion | undefined): number {
  const va = typeof a === 'object' ? a : parseVersion(a);
  const vb = typeof b === 'object' ? b : parseVersion(b);
  if (!va || !vb) throw new TypeError(`invalid stream version: ${JSON.stringify(!va ? a : b)}`);
  return va.major !== vb.major ? Math.sign(va.major - vb.major) : Math.sign(va.minor - vb.minor);
}
