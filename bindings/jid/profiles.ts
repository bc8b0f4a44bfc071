// The two profiles side by side, for servers that move stored addresses from RFC 3920/6122
// stringprep to RFC 7622 PRECIS: each canonical form, and whether they differ.
import { checkString } from '../runtime/arguments.js';
import { JidError, parseJid } from './jid.js';

export interface JidCanonicalForms {
  /** The canonical form under Nodeprep/Nameprep/Resourceprep (query mode), or null when refused. */
  stringprep: string | null;
  /** The canonical form under RFC 7622, or null when refused. */
  precis: string | null;
}

function canonical(input: string, profile: 'stringprep' | 'precis'): string | null {
  try {
    return parseJid(input, { profile }).toString();
  } catch (error) {
    if (error instanceof JidError) return null;
    throw error;
  }
}

/** The canonical form of a JID under each profile. */
export function jidCanonicalForms(input: string): JidCanonicalForms {
  checkString('jidCanonicalForms', 'input', input);
  return { stringprep: canonical(input, 'stringprep'), precis: canonical(input, 'precis') };
}

/** Whether a JID's canonical form differs between the profiles (one refusing it, the other not, counts). */
export function jidProfilesDiffer(input: string): boolean {
  checkString('jidProfilesDiffer', 'input', input);
  return canonical(input, 'stringprep') !== canonical(input, 'precis');
}
