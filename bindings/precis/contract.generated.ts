// Generated from assembly/precis/contract.ts by tools/gen-contracts.mjs: do not edit (npm run gen:contracts).
// What build/precis.wasm and its bindings (bindings/precis/, bindings/jid/precis-domain.ts) both
// assume. Generated into bindings/precis/contract.generated.ts by tools/gen-contracts.mjs, which
// also writes the PROFILE_ group as a table by name (PROFILE_IDENTIFIER_CLASS →
// 'IdentifierClass', the IANA registry's names) and the ERROR_ group likewise
// (ERROR_DISALLOWED → 'disallowed'): the binding's profile names and error reasons are these.
// This file holds only comments and integer constants.
//
// Protocol: the host calls reserveInput(n), writes n UTF-16 code units at the returned byte
// pointer, then enforce(profile, flags, n). The result is RESULT_UNCHANGED when the output equals
// the input (nothing to read back), a length >= 0 in UTF-16 code units of the output at
// outputPointer() (a byte pointer), or an error code with the offending code point in
// errorCodePoint() (none for ERROR_EMPTY and ERROR_UNSTABLE).

/** enforce()'s profile argument: the two base classes (RFC 8264) and the profiles of RFC 8265 and RFC 8266. */
export const PROFILE_IDENTIFIER_CLASS = 0;
export const PROFILE_FREEFORM_CLASS = 1;
export const PROFILE_USERNAME_CASE_MAPPED = 2;
export const PROFILE_USERNAME_CASE_PRESERVED = 3;
export const PROFILE_OPAQUE_STRING = 4;
export const PROFILE_NICKNAME_CASE_MAPPED = 5;
export const PROFILE_NICKNAME_CASE_PRESERVED = 6;
/** A domain label (RFC 7622 §3.2): UTS #46 mapping, NFC, IDNA2008 validity; after it, hadRightToLeft() says whether it had R, AL or AN. */
export const DOMAIN_LABEL_PROFILE = 7;

/** Only the preparation rules (RFC 8264 §7: width mapping where the profile has it, then validity). */
export const FLAG_PREPARE = 1;
/** Apply the bidi rule even without right-to-left code points (a label of a bidi domain name). */
export const FLAG_FORCE_BIDI = 2;

/** enforce()'s result when the output is the input. */
export const RESULT_UNCHANGED = -1;
/** A code point the class disallows, or a lone surrogate. */
export const ERROR_DISALLOWED = -2;
/** Nothing left (no code point). */
export const ERROR_EMPTY = -3;
/** The bidi rule of RFC 5893. */
export const ERROR_BIDI = -4;
/** A CONTEXTJ or CONTEXTO code point out of its context (RFC 5892 Appendix A). */
export const ERROR_CONTEXT = -5;
/** The output did not stabilize after four applications (RFC 8265 §4.3, RFC 8266 §2.4) (no code point). */
export const ERROR_UNSTABLE = -6;
/** A domain label starts with a combining mark (RFC 5891 §4.2.3.2). */
export const DOMAIN_LABEL_ERROR_LEADING_MARK = -7;

/** Longest input in UTF-16 code units the binding hands to enforce() (far beyond any identifier or password). */
export const MAX_INPUT_UNITS = 65536;

/** fastPathClass(): how a profile treats a code point below FAST_PATH_END in any context. */
export const FAST_KEEP = 0;
/** toLowerCase maps it to cp + 0x20. */
export const FAST_LOWERCASE = 1;
export const FAST_DISALLOWED = 2;
/** U+0020 in a nickname: kept unless leading, trailing or doubled. */
export const FAST_SPACE = 3;
/** Needs enforce(). */
export const FAST_COMPLEX = 4;
/** The code points the binding asks fastPathClass() about: U+0000 to U+00FF. */
export const FAST_PATH_END = 256;

/** The PROFILE_ constants by name. */
export const PROFILE_IDS = { IdentifierClass: 0, FreeformClass: 1, UsernameCaseMapped: 2, UsernameCasePreserved: 3, OpaqueString: 4, NicknameCaseMapped: 5, NicknameCasePreserved: 6 } as const;

/** The ERROR_ constants by name. */
export const ERROR_CODES = { disallowed: -2, empty: -3, bidi: -4, context: -5, unstable: -6 } as const;
