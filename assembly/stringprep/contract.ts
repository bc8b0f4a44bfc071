// What build/stringprep.wasm and its binding (bindings/stringprep/) both assume. Generated into
// bindings/stringprep/contract.generated.ts by tools/gen-contracts.mjs, which also writes each
// PROFILE_ and ERROR_ group as a table by name (PROFILE_NAMEPREP → 'nameprep',
// ERROR_LONE_SURROGATE → 'lone-surrogate'): the binding's profile names and error codes are these.
// This file holds only comments and integer constants.
//
// Protocol: the host calls reserveInput(n), writes n UTF-16 code units at the returned byte
// pointer, then prepare(profile, flags, n). The result is RESULT_UNCHANGED when the prepared
// string equals the input (nothing to read back), a length >= 0 in UTF-16 code units of the
// output at outputPointer() (a byte pointer), or an ERROR_ code with the offending code point in
// errorCodePoint().

/** prepare()'s profile argument. */
export const PROFILE_NAMEPREP = 0;
export const PROFILE_NODEPREP = 1;
export const PROFILE_RESOURCEPREP = 2;
export const PROFILE_SASLPREP = 3;

/** prepare() flag: reject unassigned code points (RFC 3454 §7 "stored strings"). */
export const FLAG_STORED = 1;

/** prepare()'s result when the prepared string is the input. */
export const RESULT_UNCHANGED = -1;
/** A prohibited code point in the output. */
export const ERROR_PROHIBITED = -2;
/** The bidi rules of RFC 3454 §6 are violated. */
export const ERROR_BIDI = -3;
/** A code point unassigned in Unicode 3.2, with FLAG_STORED. */
export const ERROR_UNASSIGNED = -4;
/** A lone UTF-16 surrogate in the input. */
export const ERROR_LONE_SURROGATE = -5;

/**
 * Longest input in UTF-16 code units the binding hands to prepare(): far beyond any identifier (a
 * JID part is at most 1023 bytes), and small enough that the module's buffers always fit its
 * memory (no trap).
 */
export const MAX_INPUT_UNITS = 1048576;

/** fastPathClass(): how a profile treats a code point below FAST_PATH_END in any context. */
export const CLASS_KEEP = 0;
/** Table B.2 maps it to cp + 0x20, as String.prototype.toLowerCase does below U+0100. */
export const CLASS_LOWERCASE = 1;
export const CLASS_PROHIBITED = 2;
/** Needs prepare(): mapping, normalization, bidi or unassigned. */
export const CLASS_COMPLEX = 3;
/** The code points the binding asks fastPathClass() about: U+0000 to U+00FF. */
export const FAST_PATH_END = 256;
