// Every public function of the parser, serializer and adapters checks its arguments: a TypeError
// that names the function and the argument, never a failure further in or a silent wrong result.
// (The stringprep, PRECIS and JID functions have theirs in test/jid/values.test.ts and
// test/precis/profiles.test.ts.)
import { describe, expect, it } from 'vitest';
import {
  StreamParser,
  compareVersions,
  escapeAttribute,
  escapeText,
  parse,
  parseVersion,
  serialize,
  streamHeader,
} from '../../bindings/index.js';
import { FramedParser } from '../../bindings/adapters/websocket.js';
import { useXmppWasm, withOptions } from '../../bindings/adapters/xmppjs.js';
import { attach, readStanzas } from '../../bindings/adapters/node-stream.js';
import xmppjsJid, { detectEscape, equal } from '../../bindings/adapters/xmppjs-jid.js';

const cases: [string, () => unknown, RegExp][] = [
  ['parse(null)', () => parse(null as never), /^parse: input must be a string, a Uint8Array .* got null$/],
  ['parse(5)', () => parse(5 as never), /^parse: input must be .* got number 5$/],
  ['write(5)', () => new StreamParser().write(5 as never), /^StreamParser.write: chunk must be .* got number 5$/],
  ['end({})', () => new StreamParser().end({} as never), /^StreamParser.end: chunk must be .* got object/],
  ['on(event, 5)', () => new StreamParser().on('element', 5 as never), /^StreamParser.on: listener must be a function, got number 5$/],
  [
    'once(event, null)',
    () => new StreamParser().once('error', null as never),
    /^StreamParser.once: listener must be a function, got null$/,
  ],
  ['FramedParser.write(5)', () => new FramedParser().write(5 as never), /^FramedParser.write: message must be .* got number 5$/],
  ['serialize(null)', () => serialize(null as never), /^serialize: node must be an Element or a string, got null$/],
  ['serialize(5)', () => serialize(5 as never), /^serialize: node must be an Element or a string, got number$/],
  ['escapeText(5)', () => escapeText(5 as never), /^escapeText: text must be a string, got number 5$/],
  ['escapeAttribute([])', () => escapeAttribute([] as never), /^escapeAttribute: value must be a string, got an array$/],
  ['streamHeader("x")', () => streamHeader('x' as never), /^streamHeader: options must be an object, got a string$/],
  [
    'streamHeader({ to: 5 })',
    () => streamHeader({ to: 5 as never }),
    /^streamHeader: options.to must be a string, null or undefined, got number 5$/,
  ],
  ['streamHeader({ form })', () => streamHeader({ form: 'a' } as never), /^streamHeader: unknown option "form"; did you mean "from"\?/],
  ['parseVersion(1)', () => parseVersion(1 as never), /^parseVersion: text must be a string, got number 1$/],
  [
    'compareVersions(1, "1.0")',
    () => compareVersions(1 as never, '1.0'),
    /^compareVersions: a must be a "major.minor" version or \{ major, minor \}, got 1$/,
  ],
  ['compareVersions("1.0", "x")', () => compareVersions('1.0', 'x'), /^compareVersions: b must be .* got "x"$/],
  ['readStanzas(5)', () => readStanzas(5 as never), /^readStanzas: readable must be a Readable \(a socket or stream\), got number$/],
  ['attach(null)', () => attach(null as never), /^attach: readable must be a Readable .* got null$/],
  ['useXmppWasm(5)', () => useXmppWasm(5 as never), /^useXmppWasm: entity must be an xmpp.js client or component, got number$/],
  ['withOptions(5)', () => withOptions(5 as never, {}), /^withOptions: Base must be a function, got number 5$/],
  ['jid(5) (xmpp.js drop-in)', () => xmppjsJid(5 as never), /^parse: text must be a string, got number 5$/],
  ['detectEscape(5)', () => detectEscape(5 as never), /^detectEscape: local must be a string, null or undefined, got number 5$/],
  ['equal(5, 6)', () => equal(5 as never, 6), /^equal: a must be a JID, got number$/],
];

describe('argument checks name the function and the argument', () => {
  it.each(cases)('%s', (_, call, message) => {
    expect(call).toThrow(TypeError);
    expect(call).toThrow(message);
  });

  it('valid arguments still work: bytes of any view, a version object, a header without options', () => {
    expect(parse(new DataView(new TextEncoder().encode('<a/>').buffer)).name).toBe('a');
    expect(parse(new TextEncoder().encode('<b/>').buffer).name).toBe('b');
    expect(compareVersions({ major: 1, minor: 0 }, '0.9')).toBeGreaterThan(0);
    expect(streamHeader()).toContain('<stream:stream');
  });
});
