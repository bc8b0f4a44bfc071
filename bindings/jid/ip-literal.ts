// IP literals in a domainpart (RFC 3920 §3.2, RFC 7622 §3.2): kept as written when valid.

const isHexDigit = (c: number): boolean => (c >= 0x30 && c <= 0x39) || ((c | 0x20) >= 0x61 && (c | 0x20) <= 0x66);

export function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^[0-9]{1,3}$/.test(p) && Number(p) <= 255);
}

/** RFC 4291 §2.2 text forms: eight groups, one "::", or a trailing dotted IPv4 address. */
export function isIPv6(text: string): boolean {
  const [head = '', tail, ...more] = text.split('::');
  if (more.length > 0) return false;
  const groups = (half: string): string[] => (half === '' ? [] : half.split(':'));
  const all = [...groups(head), ...(tail !== undefined ? groups(tail) : [])];
  let count = all.length;
  const last = all[all.length - 1];
  if (last?.includes('.')) {
    if (!isIPv4(last)) return false;
    all.pop();
    count += 1; // an IPv4 address takes two groups
  }
  if (!all.every((g) => g.length >= 1 && g.length <= 4 && Array.from(g).every((ch) => isHexDigit(ch.charCodeAt(0))))) return false;
  return tail !== undefined ? count <= 7 : count === 8;
}
