// PRECIS (RFC 8264): the IdentifierClass and FreeformClass, the profiles of RFC 8265
// (UsernameCaseMapped, UsernameCasePreserved, OpaqueString) and RFC 8266 (NicknameCaseMapped,
// NicknameCasePreserved), exact to Unicode 17.0 whatever the host's own Unicode version. The
// work is done in build/precis.wasm; strings of characters below U+0100 that the profile keeps or
// only lowercases are enforced here without entering it.
import { formatCodePoint } from '../runtime/code-units.js';
import type { PreparedCheck } from '../stringprep/stringprep.js';
import { CacheSet, cacheLimitOf } from '../runtime/bounded-cache.js';
import { precisModule, writeInput, readOutput } from './module.js';
import { checkString } from '../runtime/arguments.js';
import { errorNames } from '../runtime/result-codes.js';
import {
  PROFILE_IDS,
  ERROR_CODES,
  FLAG_PREPARE,
  RESULT_UNCHANGED,
  MAX_INPUT_UNITS,
  FAST_KEEP,
  FAST_LOWERCASE,
  FAST_DISALLOWED,
  FAST_SPACE,
  FAST_COMPLEX,
  FAST_PATH_END,
} from './contract.generated.js';

/** The profile names of the IANA PRECIS registry, and the two base classes (the PROFILE_ constants of assembly/precis/contract.ts). */
export type PrecisProfile = keyof typeof PROFILE_IDS;

/**
 * Why a string was refused: a code point the class disallows (or a lone surrogate), nothing left,
 * the bidi rule of RFC 5893, a CONTEXTJ/CONTEXTO code point out of its context (RFC 5892
 * Appendix A), or output that did not stabilize after four applications (RFC 8266 §2.4).
 */
export type PrecisErrorReason = keyof typeof ERROR_CODES;

const MESSAGES: Record<PrecisErrorReason, string> = {
  disallowed: 'code point not allowed',
  empty: 'empty string',
  bidi: 'bidi rule (RFC 5893) violated at code point',
  context: 'code point not allowed in its context (RFC 5892 Appendix A)',
  unstable: 'the rules do not reach a stable result',
};

export class PrecisError extends Error {
  constructor(
    readonly profile: PrecisProfile,
    readonly reason: PrecisErrorReason,
    /** The offending code point (after mapping and normalization), for disallowed, bidi and context. */
    readonly codePoint?: number,
  ) {
    super(`${profile}: ${MESSAGES[reason]}${codePoint === undefined ? '' : ' ' + formatCodePoint(codePoint)}`);
    this.name = 'PrecisError';
  }
}

/** Every profile name enforce(), prepare() and compare() take. */
export const PRECIS_PROFILES = Object.freeze(Object.keys(PROFILE_IDS) as PrecisProfile[]);
const reasonOf = errorNames('precis', ERROR_CODES);

/** Longest input taken into WebAssembly, in UTF-16 code units (far beyond any identifier or password). */
export const MAX_PRECIS_INPUT = MAX_INPUT_UNITS;

function checkArguments(caller: string, profile: unknown, input: unknown, name = 'input'): void {
  if (typeof profile !== 'string' || !Object.hasOwn(PROFILE_IDS, profile)) {
    throw new TypeError(`${caller}: profile must be one of ${Object.keys(PROFILE_IDS).join(', ')}, got ${JSON.stringify(profile)}`);
  }
  checkString(caller, name, input);
  if (input.length > MAX_PRECIS_INPUT) {
    throw new RangeError(`${caller}: ${name} too long: ${input.length} code units (at most ${MAX_PRECIS_INPUT})`);
  }
}

// Strings that needed the WebAssembly pipeline, by profile and operation.
const caches = /* @__PURE__ */ new CacheSet<string>(PRECIS_PROFILES.length * 2);

/**
 * Sets how many non-ASCII results are kept per profile and operation, and how many bytes of
 * strings (256 KiB by default); 0 entries disables the cache.
 */
export function setPrecisCacheLimit(entries: number, bytes?: number): void {
  const limit = cacheLimitOf('setPrecisCacheLimit', entries, bytes);
  caches.setLimit(limit);
}

function applyInWasm(profile: PrecisProfile, input: string, flags: number, check?: PreparedCheck): string {
  const cache = caches.at(PROFILE_IDS[profile] * 2 + flags);
  const cached = cache.get(input);
  if (cached !== undefined) return cached;
  const wasm = precisModule();
  writeInput(input);
  const result = wasm.enforce(PROFILE_IDS[profile], flags, input.length);
  if (result < RESULT_UNCHANGED) {
    const reason = reasonOf(result);
    throw new PrecisError(profile, reason, reason === 'empty' || reason === 'unstable' ? undefined : wasm.errorCodePoint());
  }
  const output = result === RESULT_UNCHANGED ? input : readOutput(result);
  check?.(output);
  cache.set(input, output);
  return output;
}

// What each profile does with U+0000–U+00FF, asked once from the module (fastPathClass).
const fastClasses: Uint8Array[] = [];

function fastClassesOf(key: number): Uint8Array {
  const wasm = precisModule();
  const classes = new Uint8Array(FAST_PATH_END);
  for (let c = 0; c < FAST_PATH_END; c++) classes[c] = wasm.fastPathClass(key >> 1, c, key & FLAG_PREPARE);
  fastClasses[key] = classes;
  return classes;
}

// One-character strings of U+0000–U+00FF, so that lowering builds no new character strings.
const LATIN1 = Array.from({ length: FAST_PATH_END }, (_, c) => String.fromCharCode(c));

/** The characters the table marks FAST_LOWERCASE moved by +0x20 (toLowerCase below U+0100, from the tables). */
function lowerFast(input: string, classes: Uint8Array): string {
  let output = '';
  let runStart = 0;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    if (classes[c] !== FAST_LOWERCASE) continue;
    output += input.slice(runStart, i) + LATIN1[c + 0x20];
    runStart = i + 1;
  }
  return output + input.slice(runStart);
}

function apply(profile: PrecisProfile, input: string, flags: number, check?: PreparedCheck): string {
  const key = PROFILE_IDS[profile] * 2 + flags;
  const classes = fastClasses[key] ?? fastClassesOf(key);
  let seen = FAST_KEEP;
  let previous = FAST_SPACE; // a leading space is not kept
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const kind = classes[c] ?? FAST_COMPLEX; // classes holds the code points below FAST_PATH_END
    if (kind === FAST_COMPLEX || (kind === FAST_SPACE && previous === FAST_SPACE)) return applyInWasm(profile, input, flags, check);
    if (kind === FAST_DISALLOWED) throw new PrecisError(profile, 'disallowed', c);
    seen |= kind;
    previous = kind;
  }
  if (previous === FAST_SPACE) return applyInWasm(profile, input, flags, check); // empty, or a trailing space
  return seen & FAST_LOWERCASE ? lowerCached(input, classes, key, check) : input;
}

/** Lowered ASCII/Latin-1 through the cache: a JID's mixed-case part is lowered once, not per call. */
function lowerCached(input: string, classes: Uint8Array, key: number, check: PreparedCheck | undefined): string {
  const cache = caches.at(key);
  const cached = cache.get(input);
  if (cached !== undefined) return cached;
  const lowered = lowerFast(input, classes);
  check?.(lowered);
  cache.set(input, lowered);
  return lowered;
}

/** @internal Enforces with arguments already checked (the JID parts); `check` runs before caching. */
export const enforceChecked = (profile: PrecisProfile, input: string, check?: PreparedCheck): string =>
  // The cache first: a JID's part is usually one seen before.
  caches.at(PROFILE_IDS[profile] * 2).get(input) ?? apply(profile, input, 0, check);

/** @internal The WebAssembly path alone, for tests comparing it with the fast path. */
export function applyWithoutFastPath(profile: PrecisProfile, input: string, preparing = false): string {
  checkArguments('applyWithoutFastPath', profile, input);
  return applyInWasm(profile, input, preparing ? FLAG_PREPARE : 0);
}

/** Enforces a profile (RFC 8264 §7): maps, normalizes and checks; throws a PrecisError when refused. */
export function enforce(profile: PrecisProfile, input: string): string {
  checkArguments('enforce', profile, input);
  return apply(profile, input, 0);
}

/** Prepares a string (RFC 8264 §7): the width mapping where the profile has one, then the class's rules. */
export function prepare(profile: PrecisProfile, input: string): string {
  checkArguments('prepare', profile, input);
  return apply(profile, input, FLAG_PREPARE);
}

/** Compares two strings under a profile: both enforced, then equal; false when either is refused. */
export function compare(profile: PrecisProfile, a: string, b: string): boolean {
  checkArguments('compare', profile, a, 'a');
  checkArguments('compare', profile, b, 'b');
  try {
    return apply(profile, a, 0) === apply(profile, b, 0);
  } catch (error) {
    if (error instanceof PrecisError) return false;
    throw error;
  }
}
