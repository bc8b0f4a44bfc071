// Strings of the tape: text normalization (XML 1.0 §2.11, §3.3.3), references, short ASCII
// strings made from their bytes, and strings detached from the stanza they came from.
import * as T from './contract.generated.js';

/** Decodes the references the lexer already validated: the five entities and &#...; */
function decodeReferences(s: string): string {
  let out = '';
  let last = 0;
  let i = s.indexOf('&');
  while (i >= 0) {
    out += s.slice(last, i);
    const c = s.charCodeAt(i + 1);
    let j = i + 2;
    if (c === 0x23 /* # */) {
      let code = 0;
      if (s.charCodeAt(j) === 0x78 /* x */) {
        for (j++; ; j++) {
          const d = s.charCodeAt(j);
          if (d === 0x3b) break;
          code = code * 16 + (d <= 0x39 ? d - 0x30 : (d | 0x20) - 0x57);
        }
      } else {
        for (; ; j++) {
          const d = s.charCodeAt(j);
          if (d === 0x3b) break;
          code = code * 10 + d - 0x30;
        }
      }
      out += String.fromCodePoint(code);
    } else {
      if (c === 0x6c /* lt */) out += '<';
      else if (c === 0x67 /* gt */) out += '>';
      else if (c === 0x71 /* quot */) out += '"';
      else out += s.charCodeAt(i + 2) === 0x6d /* amp */ ? '&' : "'";
      j = s.indexOf(';', i + 2);
    }
    last = j + 1;
    i = s.indexOf('&', last);
  }
  return out + s.slice(last);
}

/** Text: CR LF and lone CR become LF (XML 1.0 §2.11), then references are decoded. */
export function normalizeText(raw: string, flags: number): string {
  const s = flags & T.FLAG_CR ? raw.replace(/\r\n?/g, '\n') : raw;
  return flags & T.FLAG_REFS ? decodeReferences(s) : s;
}

/** Attribute values: each literal TAB, LF, CR (a CR LF pair once) becomes a space (§3.3.3). */
export function normalizeValue(raw: string, flags: number): string {
  const s = flags & T.FLAG_WS ? raw.replace(/\r\n|[\t\n\r]/g, ' ') : raw;
  return flags & T.FLAG_REFS ? decodeReferences(s) : s;
}

const fromCharCode = String.fromCharCode;
/** The string of n <= SHORT_STRING_MAX bytes at `at` if all are ASCII (one byte, one code unit), else null. */
export function asciiString(u8: Uint8Array, at: number, n: number): string | null {
  let any = 0;
  for (let i = 0; i < n; i++) any |= u8[at + i]!;
  if (any >= 0x80) return null;
  switch (n) {
    case 0:
      return '';
    case 1:
      return fromCharCode(u8[at]!);
    case 2:
      return fromCharCode(u8[at]!, u8[at + 1]!);
    case 3:
      return fromCharCode(u8[at]!, u8[at + 1]!, u8[at + 2]!);
    case 4:
      return fromCharCode(u8[at]!, u8[at + 1]!, u8[at + 2]!, u8[at + 3]!);
    case 5:
      return fromCharCode(u8[at]!, u8[at + 1]!, u8[at + 2]!, u8[at + 3]!, u8[at + 4]!);
    case 6:
      return fromCharCode(u8[at]!, u8[at + 1]!, u8[at + 2]!, u8[at + 3]!, u8[at + 4]!, u8[at + 5]!);
    case 7:
      return fromCharCode(u8[at]!, u8[at + 1]!, u8[at + 2]!, u8[at + 3]!, u8[at + 4]!, u8[at + 5]!, u8[at + 6]!);
    case 8:
      return fromCharCode(u8[at]!, u8[at + 1]!, u8[at + 2]!, u8[at + 3]!, u8[at + 4]!, u8[at + 5]!, u8[at + 6]!, u8[at + 7]!);
    default: {
      let s = '';
      for (let i = 0; i < n; i++) s += fromCharCode(u8[at + i]!);
      return s;
    }
  }
}

/**
 * A standalone copy of a slice: V8 flattens the concatenation into a new string (copying the
 * characters), and the slice of that pins one character more than the string itself. Slices
 * shorter than SHORT_STRING_MAX + 1 are copies already.
 */
export function copyOf(slice: string): string {
  return slice.length > T.SHORT_STRING_MAX ? (' ' + slice).slice(1) : slice;
}

/**
 * A symbol string must not keep the stanza's decoded text alive from the engine's table: V8
 * slices longer than SHORT_STRING_MAX point into their parent, and using one as a property key
 * once makes it a standalone (internalized) string.
 */
const detacher: Record<string, number> = Object.create(null);
export function detach(s: string): string {
  if (s.length > T.SHORT_STRING_MAX) {
    detacher[s] = 0;
    delete detacher[s];
  }
  return s;
}
