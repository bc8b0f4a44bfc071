// The localpart and resourcepart of an XMPP address under RFC 7622: the localpart by the
// UsernameCaseMapped profile without the characters of §3.3.1, the resourcepart by the
// OpaqueString profile (RFC 8265). The domainpart is in precis-domain.ts.
import { enforceChecked, MAX_PRECIS_INPUT, PrecisError } from '../precis/precis.js';
import type { PrecisProfile } from '../precis/precis.js';
import { formatCodePoint } from '../runtime/code-units.js';
import type { PreparedCheck } from '../stringprep/stringprep.js';
import { JidError } from './jid.js';
import type { JidPart } from './jid.js';

// RFC 7622 §3.3.1: allowed by the IdentifierClass, not in a localpart.
const EXCLUDED_FROM_LOCALPART = /["&'/:<>@]/;

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
  const excluded = EXCLUDED_FROM_LOCALPART.exec(local);
  if (excluded !== null) {
    const c = excluded[0].charCodeAt(0);
    throw new JidError('local', 'disallowed', `RFC 7622 §3.3.1: ${formatCodePoint(c)}`, c);
  }
}

/**
 * A localpart or resourcepart enforced by RFC 7622 §3.3 and §3.4; `check` (the length) runs
 * before the result is cached, so a refused part is not kept.
 */
export function enforcePrecisPart(part: 'local' | 'resource', raw: string, check: PreparedCheck): string {
  if (part === 'resource') return enforcePart(part, 'OpaqueString', raw, check);
  const local = enforcePart(part, 'UsernameCaseMapped', raw, (prepared) => {
    checkLocalCharacters(prepared);
    check(prepared);
  });
  checkLocalCharacters(local);
  return local;
}
