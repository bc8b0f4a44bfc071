// The domainpart of an XMPP address under RFC 7622 §3.2: IP literals kept; otherwise each label
// through the UTS #46 non-transitional mapping (lowercase, NFC, compatibility forms) and the
// IDNA2008 rules in WebAssembly, A-labels converted to U-labels, full stops U+3002 U+FF0E U+FF61
// taken as dots and a trailing dot removed. ASCII domains of letters, digits and hyphens are
// checked here without entering WebAssembly.
import { formatCodePoint } from '../runtime/code-units.js';
import { precisModule, readOutput, writeInput } from '../precis/module.js';
import { unknownResult } from '../runtime/result-codes.js';
import {
  DOMAIN_LABEL_PROFILE,
  FLAG_FORCE_BIDI,
  RESULT_UNCHANGED,
  ERROR_DISALLOWED,
  ERROR_EMPTY,
  ERROR_BIDI,
  ERROR_CONTEXT,
  DOMAIN_LABEL_ERROR_LEADING_MARK,
} from '../precis/contract.generated.js';
import { asciiLengthExceeds, punycodeDecode, punycodeEncode } from './punycode.js';
import { isIPv6 } from './ip-literal.js';
import { JidError } from './jid-error.js';
import type { JidErrorReason } from './jid-error.js';

const MAX_LABEL_OCTETS = 63;

// What a domain label's refusal means for the JID (the label profile never returns ERROR_UNSTABLE).
const LABEL_ERRORS = new Map<number, [JidErrorReason, string]>([
  [ERROR_DISALLOWED, ['disallowed', 'not valid in IDNA2008']],
  [ERROR_EMPTY, ['invalid-domain', 'empty label']],
  [ERROR_BIDI, ['bidi', 'bidi rule (RFC 5893)']],
  [ERROR_CONTEXT, ['context', 'contextual rule (RFC 5892 Appendix A)']],
  [DOMAIN_LABEL_ERROR_LEADING_MARK, ['invalid-domain', 'label starts with a combining mark']],
]);

function labelError(result: number): [JidErrorReason, string] {
  return LABEL_ERRORS.get(result) ?? unknownResult('precis', result);
}

/** One label through the UTS #46 mapping and the IDNA2008 checks in WebAssembly. */
function mapLabel(label: string, forceBidi: boolean): { label: string; rightToLeft: boolean } {
  const wasm = precisModule();
  writeInput(label);
  const result = wasm.enforce(DOMAIN_LABEL_PROFILE, forceBidi ? FLAG_FORCE_BIDI : 0, label.length);
  if (result < RESULT_UNCHANGED) {
    const [reason, why] = labelError(result);
    const cp = result === ERROR_EMPTY ? undefined : wasm.errorCodePoint();
    throw new JidError('domain', reason, cp === undefined ? why : `${why}: ${formatCodePoint(cp)}`, cp);
  }
  return { label: result === RESULT_UNCHANGED ? label : readOutput(result), rightToLeft: wasm.hadRightToLeft() !== 0 };
}

const isAscii = (text: string): boolean => {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) >= 0x80) return false;
  return true;
};

/** An A-label as its U-label, which must be what the mapping keeps as it is (RFC 5891 §5.4). */
function decodeALabel(label: string): { label: string; rightToLeft: boolean } {
  let decoded: string;
  try {
    decoded = punycodeDecode(label.slice(4));
  } catch {
    throw new JidError('domain', 'invalid-domain', `${label} is not valid Punycode`);
  }
  if (isAscii(decoded) || 'xn--' + punycodeEncode(decoded) !== label)
    throw new JidError('domain', 'invalid-domain', `${label} is not an A-label`);
  const mapped = mapLabel(decoded, false);
  if (mapped.label !== decoded) throw new JidError('domain', 'invalid-domain', `${label} decodes to a label that is not a U-label`);
  return mapped;
}

/** RFC 5891 §4.2.3.1 and the DNS: hyphens, length in ASCII form. */
function checkLabelShape(label: string): void {
  if (label.charCodeAt(0) === 0x2d || label.charCodeAt(label.length - 1) === 0x2d)
    throw new JidError('domain', 'invalid-domain', 'label starts or ends with a hyphen');
  if (label.length >= 4 && label.charCodeAt(2) === 0x2d && label.charCodeAt(3) === 0x2d)
    throw new JidError('domain', 'invalid-domain', 'hyphens in the third and fourth positions');
  if (isAscii(label) ? label.length > MAX_LABEL_OCTETS : asciiLengthExceeds(label, MAX_LABEL_OCTETS))
    throw new JidError('domain', 'invalid-domain', `label longer than ${MAX_LABEL_OCTETS} octets in ASCII form`);
}

// Label separators of IDNA (RFC 7622 §3.2: the full stop and its ideographic, fullwidth and halfwidth forms).
const isLabelSeparator = (c: number): boolean => c === 0x2e || c === 0x3002 || c === 0xff0e || c === 0xff61;

function splitLabels(raw: string): string[] {
  let end = raw.length;
  if (end > 1 && isLabelSeparator(raw.charCodeAt(end - 1))) end--; // a fully qualified name's trailing dot
  const labels: string[] = [];
  let start = 0;
  for (let i = 0; i <= end; i++) {
    if (i < end && !isLabelSeparator(raw.charCodeAt(i))) continue;
    labels.push(raw.slice(start, i));
    start = i + 1;
  }
  return labels;
}

/** One label as a U-label (or an LDH label), and whether it holds right-to-left code points. */
function prepareLabel(raw: string): { label: string; rightToLeft: boolean } {
  if (raw === '') throw new JidError('domain', 'invalid-domain', 'empty label');
  const ascii = asciiDomain(raw); // a letter-digit-hyphen label needs no WebAssembly
  if (ascii !== null && ascii.indexOf('.') < 0) return { label: ascii, rightToLeft: false };
  const mapped = mapLabel(raw, false);
  const prepared = mapped.label.startsWith('xn--') ? decodeALabel(mapped.label) : mapped;
  checkLabelShape(prepared.label);
  return prepared;
}

const isLdhLower = (c: number): boolean => (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x2d;

/**
 * An ASCII domain of letters, digits, hyphens and dots, lowercased (no trailing dot, no empty,
 * long or hyphenated label, no "--" in the third and fourth places); null when it needs the
 * full path. Uppercase letters are lowered by +0x20, as the UTS #46 mapping does.
 */
function asciiDomain(raw: string): string | null {
  let upper = false;
  let labelStart = 0;
  const end = raw.charCodeAt(raw.length - 1) === 0x2e ? raw.length - 1 : raw.length;
  for (let i = 0; i <= end; i++) {
    const c = i < end ? raw.charCodeAt(i) : 0x2e;
    if (c === 0x2e) {
      const length = i - labelStart;
      if (length === 0 || length > MAX_LABEL_OCTETS || raw.charCodeAt(labelStart) === 0x2d || raw.charCodeAt(i - 1) === 0x2d) return null;
      if (length >= 4 && raw.charCodeAt(labelStart + 2) === 0x2d && raw.charCodeAt(labelStart + 3) === 0x2d) return null;
      labelStart = i + 1;
    } else if (c >= 0x41 && c <= 0x5a) upper = true;
    else if (!isLdhLower(c)) return null;
  }
  const trimmed = end === raw.length ? raw : raw.slice(0, end);
  if (!upper) return trimmed;
  let lowered = '';
  for (let i = 0; i < trimmed.length; i++) {
    const c = trimmed.charCodeAt(i);
    lowered += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 0x20 : c);
  }
  return lowered;
}

/** Enforces a domainpart by RFC 7622 §3.2: IP literals kept, every label a U-label or LDH label. */
export function enforcePrecisDomain(raw: string): string {
  if (raw === '') throw new JidError('domain', 'empty');
  if (raw.charCodeAt(0) === 0x5b) {
    if (raw.endsWith(']') && isIPv6(raw.slice(1, -1))) return raw;
    throw new JidError('domain', 'invalid-domain', 'not an IPv6 literal');
  }
  const ascii = asciiDomain(raw); // IPv4 literals included: labels of digits, kept as they are

  if (ascii !== null) return ascii;
  const labels = splitLabels(raw).map(prepareLabel);
  // A bidi domain name (RFC 5893 §2): every label keeps the bidi rule.
  if (labels.some((l) => l.rightToLeft)) for (const { label } of labels) mapLabel(label, true);
  return labels.map((l) => l.label).join('.');
}
