// XEP-0106 JID escaping: any user name as a local part, and back.
import { checkString } from '../runtime/arguments.js';
import { JidError } from './jid-error.js';

const ESCAPES: Record<string, string> = {
  ' ': '\\20',
  '"': '\\22',
  '&': '\\26',
  "'": '\\27',
  '/': '\\2f',
  ':': '\\3a',
  '<': '\\3c',
  '>': '\\3e',
  '@': '\\40',
  '\\': '\\5c',
};
const UNESCAPES: Record<string, string> = Object.fromEntries(Object.entries(ESCAPES).map(([ch, seq]) => [seq.slice(1), ch]));
// A backslash is escaped only where it starts something that would otherwise unescape.
const TO_ESCAPE = /[ "&'/:<>@]|\\(?=20|22|26|27|2f|3a|3c|3e|40|5c)/g;
const TO_UNESCAPE = /\\(20|22|26|27|2f|3a|3c|3e|40|5c)/g;

/** XEP-0106: escapes the characters a local part cannot hold, so that any user name fits. */
export function escapeLocal(local: string): string {
  checkString('escapeLocal', 'local', local);
  if (local.startsWith(' ') || local.endsWith(' ')) throw new JidError('local', 'invalid-escape', 'starts or ends with a space');
  return local.replace(TO_ESCAPE, (ch) => ESCAPES[ch] ?? ch);
}

/** XEP-0106: the user name an escaped local part stands for. */
export function unescapeLocal(local: string): string {
  checkString('unescapeLocal', 'local', local);
  return local.replace(TO_UNESCAPE, (sequence, hex: string) => UNESCAPES[hex] ?? sequence);
}
