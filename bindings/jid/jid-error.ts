// The error of every JID function: which part failed and why.

export type JidPart = 'local' | 'domain' | 'resource';

export type JidErrorReason =
  | 'empty' // the part is empty, or became empty after preparation
  | 'at-without-local' // "@example.com"
  | 'trailing-slash' // "example.com/": a resource separator without a resource
  | 'prohibited' // a code point the part's profile prohibits
  | 'disallowed' // PRECIS: a code point the class disallows (or RFC 7622 §3.3.1 excludes), a lone surrogate
  | 'context' // PRECIS: a code point outside its context (RFC 5892 Appendix A)
  | 'unstable' // PRECIS: the rules do not reach a stable result
  | 'bidi' // the bidi rules of RFC 3454 §6 (stringprep) or RFC 5893 (PRECIS)
  | 'unassigned' // an unassigned code point, in `stored` mode
  | 'lone-surrogate' // a UTF-16 surrogate without its pair
  | 'too-long' // more than 1023 bytes of UTF-8 after preparation
  | 'invalid-domain' // an empty label, a label over 63 octets, STD3 ASCII rules, a bad IP literal
  | 'invalid-escape'; // XEP-0106: a local part may not start or end with a space

export class JidError extends Error {
  constructor(
    readonly part: JidPart,
    readonly reason: JidErrorReason,
    detail?: string,
    /** The offending code point, when there is one. */
    readonly codePoint?: number,
  ) {
    super(`invalid JID ${part}: ${reason}${detail ? ` (${detail})` : ''}`);
    this.name = 'JidError';
  }
}
