// `xmpp-wasm jid` and `xmpp-wasm prep`: JIDs and strings prepared, or why they are refused.
import { parseJid, domainToAscii, JidError } from '../jid/jid.js';
import { stringprep, StringprepError, type StringprepProfile, type StringprepMode } from '../stringprep/stringprep.js';
import { HELP, PROFILES } from './help.js';
import { UsageError, options } from './args.js';
import type { Io } from './io.js';

function describeJid(input: string, mode: StringprepMode): Record<string, string> {
  const jid = parseJid(input, { mode });
  return {
    input,
    jid: jid.toString(),
    local: jid.local,
    domain: jid.domain,
    resource: jid.resource,
    bare: jid.bare().toString(),
    asciiDomain: domainToAscii(jid, { mode }),
  };
}

function jidText(parts: Record<string, string>): string {
  const dns = parts.asciiDomain !== parts.domain ? ` (DNS: ${parts.asciiDomain})` : '';
  return [
    parts.input,
    `  jid:      ${parts.jid}`,
    `  local:    ${parts.local || '(none)'}`,
    `  domain:   ${parts.domain}${dns}`,
    `  resource: ${parts.resource || '(none)'}`,
    `  bare:     ${parts.bare}`,
  ].join('\n');
}

export function jidCommand(args: string[], io: Io): number {
  const { values, positionals } = options('jid', args, { stored: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) {
    io.out(HELP.jid!);
    return 0;
  }
  if (positionals.length === 0) throw new UsageError(`jid needs at least one JID\n\n${HELP.jid}`);
  const mode: StringprepMode = values.stored ? 'stored' : 'query';
  let failed = 0;
  for (const input of positionals) {
    try {
      const parts = describeJid(input, mode);
      io.out(values.json ? JSON.stringify({ ok: true, ...parts }) : jidText(parts));
    } catch (error) {
      if (!(error instanceof JidError || error instanceof StringprepError)) throw error;
      failed++;
      const fields =
        error instanceof JidError
          ? { part: error.part, reason: error.reason, codePoint: error.codePoint }
          : { reason: error.code, codePoint: error.codePoint };
      if (values.json) io.out(JSON.stringify({ ok: false, input, error: error.message, ...fields }));
      else io.out(`${input}\n  invalid: ${error.message}`);
    }
  }
  return failed === 0 ? 0 : 1;
}

export function prepCommand(args: string[], io: Io): number {
  const { values, positionals } = options('prep', args, { stored: { type: 'boolean' }, json: { type: 'boolean' } });
  if (values.help) {
    io.out(HELP.prep!);
    return 0;
  }
  const [profile, input, ...rest] = positionals;
  if (input === undefined || rest.length > 0) throw new UsageError(`prep needs a profile and one string\n\n${HELP.prep}`);
  if (!(PROFILES as readonly string[]).includes(profile!))
    throw new UsageError(`unknown profile ${profile}: use one of ${PROFILES.join(', ')}`);
  try {
    const output = stringprep(profile as StringprepProfile, input, { mode: values.stored ? 'stored' : 'query' });
    io.out(values.json ? JSON.stringify({ ok: true, profile, input, output }) : output);
    return 0;
  } catch (error) {
    if (!(error instanceof StringprepError)) throw error;
    if (values.json)
      io.out(JSON.stringify({ ok: false, profile, input, error: error.message, reason: error.code, codePoint: error.codePoint }));
    else io.err(`error: ${error.message}`);
    return 1;
  }
}
