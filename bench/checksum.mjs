// A checksum over stanza trees, so that parsers with different element classes can be compared:
// names, attributes sorted by name, and children in order with adjacent text merged (parsers
// split text differently: at entity references, at chunk ends, at line breaks). Works on any
// ltx-shaped element: { name, attrs, children: (element | string)[] }.
import { createHash } from 'node:crypto';

/** A canonical JSON form of one element: [name, [[attr, value], …], [child, …]]. */
export function canonicalForm(element) {
  const attrs = Object.keys(element.attrs ?? {})
    .sort()
    .map((key) => [key, String(element.attrs[key])]);
  const children = [];
  let pendingText = '';
  for (const child of element.children ?? []) {
    if (typeof child === 'string') {
      pendingText += child;
      continue;
    }
    if (pendingText) children.push(pendingText);
    pendingText = '';
    children.push(canonicalForm(child));
  }
  if (pendingText) children.push(pendingText);
  return [element.name, attrs, children];
}

export const canonicalJson = (element) => JSON.stringify(canonicalForm(element));

export const stanzaDigest = (element) => createHash('sha1').update(canonicalJson(element)).digest('hex').slice(0, 16);

/** Collects per-stanza digests; `result()` gives the count and one checksum over all of them. */
export function createChecksum() {
  const digests = [];
  return {
    add(element) {
      const digest = stanzaDigest(element);
      digests.push(digest);
      return digest;
    },
    result() {
      return { count: digests.length, checksum: combineDigests(digests), digests };
    },
  };
}

export const combineDigests = (digests) => createHash('sha256').update(digests.join('\n')).digest('hex').slice(0, 16);

/** Where two digest lists first part, or -1 when they are equal. */
export function firstDifference(expected, actual) {
  const length = Math.max(expected.length, actual.length);
  for (let i = 0; i < length; i++) if (expected[i] !== actual[i]) return i;
  return -1;
}
