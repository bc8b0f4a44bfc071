// Stringprep (RFC 3454) profiles: Nameprep (RFC 3491), Nodeprep and Resourceprep (RFC 3920
// Appendices A and B), SASLprep (RFC 4013), exact to Unicode 3.2. The work is done in
// build/stringprep.wasm; strings made only of characters below U+0100 that normalization
// leaves alone (ASCII, most Latin-1 letters) are prepared here without entering it, since for
// them every step but case mapping and prohibition is the identity.
import { defineModule } from '../runtime/wasm.js';
import { stringprepWasm } from '../../build/wasm-inline.js';
import { checkOptions, checkString } from '../runtime/arguments.js';
import { CacheSet, cacheLimitOf } from '../runtime/bounded-cache.js';
import { errorNames } from '../runtime/result-codes.js';
import { decodeUnits, formatCodePoint } from '../runtime/code-units.js';
import {
  PROFILE_IDS,
  ERROR_CODES,
  FLAG_STORED,
  RESULT_UNCHANGED,
  MAX_INPUT_UNITS,
  CLASS_KEEP,
  CLASS_PROHIBITED,
  CLASS_COMPLEX,
  FAST_PATH_END,
} from './contract.generated.js';

/** nameprep, nodeprep, resourceprep or saslprep (the PROFILE_ constants of assembly/stringprep/contract.ts). */
export type StringprepProfile = keyof typeof PROFILE_IDS;
export { decodeUnits, formatCodePoint };

/**
 * `query` (the default, as in GNU libidn) lets unassigned Unicode 3.2 code points through;
 * `stored` rejects them (RFC 3454 §7).
 */
export type StringprepMode = 'query' | 'stored';

export interface StringprepOptions {
  mode?: StringprepMode;
}

/**
 * Why a string was refused: a prohibited code point, a violation of the bidi rules of
 * RFC 3454 §6, an unassigned code point in `stored` mode, or a lone UTF-16 surrogate in the
 * input (not a string of Unicode characters, so no profile can prepare it).
 */
export type StringprepErrorCode = keyof typeof ERROR_CODES;

const REASONS: Record<StringprepErrorCode, string> = {
  prohibited: 'prohibited code point',
  bidi: 'bidi rule violated (RFC 3454 §6) at code point',
  unassigned: 'code point unassigned in Unicode 3.2',
  'lone-surrogate': 'lone surrogate',
};

export class StringprepError extends Error {
  /** The offending code point (after mapping and normalization; the surrogate for `lone-surrogate`). */
  readonly codePoint: number;

  constructor(
    readonly profile: StringprepProfile,
    readonly code: StringprepErrorCode,
    codePoint: number,
  ) {
    super(`${profile}: ${REASONS[code]} ${formatCodePoint(codePoint)}`);
    this.name = 'StringprepError';
    this.codePoint = codePoint;
  }
}

const errorCodeOf = /* @__PURE__ */ errorNames('stringprep', ERROR_CODES);

/** build/stringprep.wasm, compiled when a string first needs it. */
const stringprepModule = /* @__PURE__ */ defineModule('stringprep', stringprepWasm);

interface StringprepWasm {
  memory: WebAssembly.Memory;
  reserveInput(units: number): number;
  prepare(profile: number, flags: number, units: number): number;
  outputPointer(): number;
  errorCodePoint(): number;
  fastPathClass(profile: number, cp: number): number;
}

let wasm: StringprepWasm | null = null;
let units = new Uint16Array(0);
// Where the module takes its input (in UTF-16 units), valid for up to inputReserved units.
let inputAt = 0;
let inputReserved = -1;

function instance(): StringprepWasm {
  wasm ??= stringprepModule.instantiate<StringprepWasm>();
  return wasm;
}

/** The UTF-16 view of the module's memory (a new one after the memory grew). */
function unitsView(memory: WebAssembly.Memory): Uint16Array {
  if (units.buffer !== memory.buffer) units = new Uint16Array(memory.buffer);
  return units;
}

// Strings that needed the WebAssembly pipeline, by profile and mode (ASCII strings are cheaper
// to prepare again than to look up).
const preparedCaches = /* @__PURE__ */ new CacheSet<string>(Object.keys(PROFILE_IDS).length * 2);

/**
 * Sets how many prepared non-ASCII strings are kept per profile and mode, and how many bytes of
 * strings (256 KiB by default); 0 entries disables the cache.
 */
export function setStringprepCacheLimit(entries: number, bytes?: number): void {
  const limit = cacheLimitOf('setStringprepCacheLimit', entries, bytes);
  preparedCaches.setLimit(limit);
}

/**
 * Checks a prepared string before it is cached (a JID part's length, a domain label's rules),
 * throwing when the caller will refuse it: nothing refused is kept.
 */
export type PreparedCheck = (prepared: string) => void;

/**
 * Longest input taken into WebAssembly: far beyond any identifier (a JID part is at most 1023
 * bytes), and small enough that the module's buffers always fit its memory (no trap).
 */
export const MAX_STRINGPREP_INPUT = MAX_INPUT_UNITS;

function prepareInWasm(profile: StringprepProfile, input: string, flags: number, check?: PreparedCheck): string {
  if (input.length > MAX_STRINGPREP_INPUT) {
    throw new RangeError(`stringprep input too long: ${input.length} code units (at most ${MAX_STRINGPREP_INPUT})`);
  }
  const profileId = PROFILE_IDS[profile];
  const cache = preparedCaches.at(profileId * 2 + flags);
  const cached = cache.get(input);
  if (cached !== undefined) return cached;
  const w = instance();
  const length = input.length;
  if (length > inputReserved) {
    inputAt = w.reserveInput(length) >>> 1;
    inputReserved = length;
  }
  let view = unitsView(w.memory);
  for (let i = 0; i < length; i++) view[inputAt + i] = input.charCodeAt(i);
  const result = w.prepare(profileId, flags, length);
  if (result < RESULT_UNCHANGED) throw new StringprepError(profile, errorCodeOf(result), w.errorCodePoint());
  let prepared = input;
  if (result >= 0) {
    view = unitsView(w.memory);
    prepared = decodeUnits(view, w.outputPointer() >>> 1, result);
  }
  check?.(prepared);
  cache.set(input, prepared);
  return prepared;
}

// What each profile does with U+0000–U+00FF, asked once from the module (fastPathClass): keep
// it, lowercase it (B.2), refuse it, or leave the string to the WebAssembly pipeline.
const fastClasses: Partial<Record<StringprepProfile, Uint8Array>> = {};

function fastClassesOf(profile: StringprepProfile): Uint8Array {
  const exports = instance();
  const classes = new Uint8Array(FAST_PATH_END);
  for (let c = 0; c < FAST_PATH_END; c++) classes[c] = exports.fastPathClass(PROFILE_IDS[profile], c);
  return (fastClasses[profile] = classes);
}

/**
 * stringprep() without the argument checks, for callers that made them; `check` runs before a
 * result is cached (the caller checks what is returned as well: a cached result skips it).
 */
export function prepareProfile(profile: StringprepProfile, input: string, options?: StringprepOptions, check?: PreparedCheck): string {
  const flags = options?.mode === 'stored' ? FLAG_STORED : 0;
  const classes = fastClasses[profile] ?? fastClassesOf(profile);
  let seen = CLASS_KEEP;
  let firstProhibited = -1;
  for (let i = 0; i < input.length; i++) {
    const c = input.charCodeAt(i);
    const kind = classes[c] ?? CLASS_COMPLEX; // classes holds the code points below FAST_PATH_END
    // Even a prohibited character may be composed away by a later one ('<' U+0338 → U+226E).
    if (kind === CLASS_COMPLEX) return prepareInWasm(profile, input, flags, check);
    seen |= kind;
    if (kind === CLASS_PROHIBITED && firstProhibited < 0) firstProhibited = c;
  }
  if (seen === CLASS_KEEP) return input;
  if (firstProhibited >= 0) throw new StringprepError(profile, 'prohibited', firstProhibited);
  return input.toLowerCase(); // below U+0100 exactly what table B.2 does to these characters
}

/** Checks a StringprepOptions (or JidOptions) object: known names, a known mode. */
export function checkStringprepOptions(where: string, options: StringprepOptions | undefined): void {
  if (options === undefined) return;
  checkOptions(where, options, ['mode']);
  const mode = options.mode;
  if (mode !== undefined && mode !== 'query' && mode !== 'stored') {
    throw new TypeError(`${where}: options.mode must be 'query' or 'stored', got ${JSON.stringify(mode)}`);
  }
}

/** Prepares `input` with a stringprep profile; throws a StringprepError when it is refused. */
export function stringprep(profile: StringprepProfile, input: string, options?: StringprepOptions): string {
  if (!Object.hasOwn(PROFILE_IDS, profile)) {
    throw new TypeError(`stringprep: profile must be one of ${Object.keys(PROFILE_IDS).join(', ')}, got ${JSON.stringify(profile)}`);
  }
  checkString('stringprep', 'input', input);
  checkStringprepOptions('stringprep', options);
  return prepareProfile(profile, input, options);
}

function profileFunction(profile: StringprepProfile): (input: string, options?: StringprepOptions) => string {
  return (input, options) => {
    checkString(profile, 'input', input);
    checkStringprepOptions(profile, options);
    return prepareProfile(profile, input, options);
  };
}

export const nameprep = /* @__PURE__ */ profileFunction('nameprep');
export const nodeprep = /* @__PURE__ */ profileFunction('nodeprep');
export const resourceprep = /* @__PURE__ */ profileFunction('resourceprep');
export const saslprep = /* @__PURE__ */ profileFunction('saslprep');
