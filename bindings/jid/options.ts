// The options of the JID functions: which profile (RFC 3920/6122 stringprep or RFC 7622 PRECIS)
// and, for stringprep, query or stored strings.
import { checkOptions } from '../runtime/arguments.js';
import type { StringprepOptions } from '../stringprep/stringprep.js';

/** `stringprep` (the default): RFC 3920/6122 Nodeprep, Nameprep, Resourceprep. `precis`: RFC 7622. */
export type JidProfile = 'stringprep' | 'precis';

export interface JidOptions extends StringprepOptions {
  profile?: JidProfile;
}

const JID_OPTIONS = ['mode', 'profile'];

// The last frozen options object that passed: it cannot change, so it is not checked again (a
// server passing one constant, such as JID_PRECIS, pays for the check once, not per JID).
let checkedFrozenOptions: JidOptions | undefined;

/** Checks a JID options object: `mode` (stringprep only) and `profile`. */
export function checkJidOptions(where: string, options: JidOptions | undefined): void {
  if (options === undefined || options === checkedFrozenOptions) return;
  checkOptions(where, options, JID_OPTIONS);
  const { mode, profile } = options;
  if (mode !== undefined && mode !== 'query' && mode !== 'stored') {
    throw new TypeError(`${where}: options.mode must be 'query' or 'stored', got ${JSON.stringify(mode)}`);
  }
  if (profile !== undefined && profile !== 'stringprep' && profile !== 'precis') {
    throw new TypeError(`${where}: options.profile must be 'stringprep' or 'precis', got ${JSON.stringify(profile)}`);
  }
  if (Object.isFrozen(options)) checkedFrozenOptions = options;
}

export const isPrecis = (options?: JidOptions): boolean => options?.profile === 'precis';

/** `{ profile: 'precis' }`, frozen: passed to parseJid or jid, it is checked once, not per call. */
export const JID_PRECIS: Readonly<JidOptions> = Object.freeze({ profile: 'precis' });
