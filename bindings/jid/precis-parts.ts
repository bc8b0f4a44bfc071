// The localpart and resourcepart of an XMPP address under RFC 7622: the localpart by the
// UsernameCaseMapped profile without the characters of §3.3.1, the resourcepart by the
// OpaqueString profile (RFC 8265). The domainpart is in precis-domain.ts.
import { enforceChecked, MAX_PRECIS_INPUT, PrecisError } from '../precis/precis.js';
import type { PrecisProfile } from '../precis/precis.js';
import { formatCodePoint } from '../runtime/code-units.js';
import type { PreparedCheck } from '../stringprep/stringprep.js';
import { JidError } from './jid-error.js';
import type { JidPart } from './jid-error.js';

// RFC 7622 §3.3.1: allowed by the IdentifierClass, not in a localpart: " & ' / : < > @.
const EXCLUDED_FROM_LOCALPART = new Uint8Array(0x41);
for (const c of '"&\'/:<>@') EXCLUDED_FROM_LOCALPART[c.charCodeAt(0)] = 1;

function enforcePart(part: JidPart, profile: PrecisProfile, raw: string, check: PreparedCheck): string {
  if (raw.length > MAX_PRECIS_INPUT) throw new JidError(part, 'too-long', `${raw.length} code units`);
  try {
    return enforceChecked(profile, raw, check);
  } catch (error) {
    if (!(error instanceof PrecisError)) throw error;
    const detail = error.codePoint === undefined ? profile : `${profile}: ${formatCodePoint(error.codePoint)}`;
    throw new JidError(part, error.reason, detail, error.codePoint);
  }
}

function checkLocalCharacters(local: string): void {
  for (let i = 0; i < local.length; i++) {
    const c = local.charCodeAt(i);
    if (c <= 0x40 && EXCLUDED_FROM_LOCALPART[c] === 1) {
      throw new JidError('local', 'disallowed', `RFC 7622 §3.3.1: ${formatCodePoint(c)}`, c);
    }
  }
}

// The length check with the localpart's characters, made once per check function rather than as
// a new closure per call.
let lengthCheck: PreparedCheck | undefined;
let localCheck: PreparedCheck = () => {};

function localCheckWith(check: PreparedCheck): PreparedCheck {
  if (check !== lengthCheck) {
    lengthCheck = check;
    localCheck = (prepared) => {
      checkLocalCharacters(prepared);
      check(prepared);
    };
  }
  return localCheck;
}

/**
 * A localpart or resourcepart enforced by RFC 7622 §3.3 and §3.4; `check` (the length) runs
 * before the result is cached, so a refused part is not kept.
 */
export function enforcePrecisPart(part: 'local' | 'resource', raw: string, check: PreparedCheck): string {
  if (part === 'resource') return enforcePart(part, 'OpaqueString', raw, check);
  const local = enforcePart(part, 'UsernameCaseMapped', raw, localCheckWith(check));
  checkLocalCharacters(local);
  return local;
}
