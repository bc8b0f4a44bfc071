// The local part and resource of a JID: Nodeprep and Resourceprep (or RFC 7622's profiles), then
// the 1023-byte limit, checked before anything is cached.
import { checkString } from '../runtime/arguments.js';
import { formatCodePoint } from '../runtime/code-units.js';
import { prepareProfile, StringprepError, MAX_STRINGPREP_INPUT } from '../stringprep/stringprep.js';
import type { PreparedCheck, StringprepProfile } from '../stringprep/stringprep.js';
import { JidError, type JidPart } from './jid-error.js';
import { checkJidOptions, isPrecis, type JidOptions } from './options.js';
import { enforcePrecisPart } from './precis-parts.js';

export const MAX_PART_BYTES = 1023;

function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x80) bytes += c < 0x800 || (c & 0xfc00) === 0xd800 || (c & 0xfc00) === 0xdc00 ? 1 : 2; // a surrogate pair is 4 bytes
  }
  return bytes;
}

export function checkLength(part: JidPart, prepared: string): void {
  // Three bytes per UTF-16 unit at most: short strings need no count.
  if (prepared.length * 3 > MAX_PART_BYTES && utf8Length(prepared) > MAX_PART_BYTES) {
    throw new JidError(part, 'too-long', `${utf8Length(prepared)} bytes of UTF-8, at most ${MAX_PART_BYTES}`);
  }
}

export function prepareWith(
  part: JidPart,
  profile: StringprepProfile,
  raw: string,
  options: JidOptions | undefined,
  check: PreparedCheck,
): string {
  // Beyond what stringprep takes in, and far beyond what could prepare to 1023 bytes.
  if (raw.length > MAX_STRINGPREP_INPUT) throw new JidError(part, 'too-long', `${raw.length} UTF-16 code units`);
  try {
    return prepareProfile(profile, raw, options, check);
  } catch (error) {
    if (error instanceof StringprepError) {
      throw new JidError(part, error.code, `${profile}: ${formatCodePoint(error.codePoint)}`, error.codePoint);
    }
    throw error;
  }
}

function checkPreparedPart(part: 'local' | 'resource', prepared: string): void {
  if (prepared === '') throw new JidError(part, 'empty', 'nothing left after preparation');
  checkLength(part, prepared);
}
const PART_CHECKS = { local: checkPreparedPart.bind(null, 'local'), resource: checkPreparedPart.bind(null, 'resource') };

export function preparePart(part: 'local' | 'resource', raw: string, options?: JidOptions): string {
  if (raw === '') throw new JidError(part, 'empty');
  const check = PART_CHECKS[part];
  const prepared = isPrecis(options)
    ? enforcePrecisPart(part, raw, check)
    : prepareWith(part, part === 'local' ? 'nodeprep' : 'resourceprep', raw, options, check);
  check(prepared); // a result cached by a plain nodeprep() or resourceprep() call was not checked
  return prepared;
}

export function checkPartArguments(where: string, name: string, value: unknown, options: JidOptions | undefined): asserts value is string {
  checkString(where, name, value);
  checkJidOptions(where, options);
}

/** Prepares a local part with Nodeprep (and the JID length limit). */
export function prepareLocal(local: string, options?: JidOptions): string {
  checkPartArguments('prepareLocal', 'local', local, options);
  return preparePart('local', local, options);
}

/** Prepares a resource with Resourceprep (and the JID length limit). */
export function prepareResource(resource: string, options?: JidOptions): string {
  checkPartArguments('prepareResource', 'resource', resource, options);
  return preparePart('resource', resource, options);
}
