// Options are checked by name: a bad value names the option and what it takes, an unknown name
// is refused with the names known (and the one probably meant), whichever entry point takes them.
import { describe, expect, it } from 'vitest';
import { PassThrough } from 'node:stream';
import { StreamParser, parse } from '../../bindings/index.js';
import { FramedParser } from '../../bindings/adapters/websocket.js';
import { Parser as XmppjsParser, useXmppWasm, withOptions } from '../../bindings/adapters/xmppjs.js';
import { LtxBackend } from '../../bindings/adapters/ltx-backend.js';
import { readStanzas } from '../../bindings/adapters/node-stream.js';

const KNOWN = '(known: Element, maxStanzaBytes, maxDepth, maxAttributes, maxElements, maxNameLength, contentNamespaces, lazy)';
const escapeRegExp = (text: string) => text.replace(/[()?.]/g, '\\$&');

describe('an unknown option name', () => {
  it('is refused, naming it, the close one and the known ones', () => {
    expect(() => new StreamParser({ maxStanzaByte: 1024 } as never)).toThrow(
      new RegExp(`^${escapeRegExp(`StreamParser: unknown option "maxStanzaByte"; did you mean "maxStanzaBytes"? ${KNOWN}`)}$`),
    );
  });

  it('a name far from every known one gets no suggestion', () => {
    expect(() => new StreamParser({ strict: true } as never)).toThrow(
      new RegExp(`^${escapeRegExp(`StreamParser: unknown option "strict" ${KNOWN}`)}$`),
    );
  });

  it('a name differing only in case is suggested', () => {
    expect(() => new StreamParser({ maxdepth: 3 } as never)).toThrow(/did you mean "maxDepth"\?/);
  });

  it('each entry point names itself', () => {
    const cases: [string, () => unknown][] = [
      ['parse', () => parse('<a/>', { maxDept: 3 } as never)],
      ['FramedParser', () => new FramedParser({ maxDept: 3 } as never)],
      ['Parser', () => new XmppjsParser({ maxDept: 3 } as never)],
      ['LtxBackend', () => new LtxBackend({ maxDept: 3 } as never)],
      ['withOptions', () => withOptions(XmppjsParser, { maxDept: 3 } as never)],
      ['useXmppWasm', () => useXmppWasm({}, { maxDept: 3 } as never)],
      ['readStanzas', () => readStanzas(new PassThrough(), { highWatermark: 3 } as never)],
    ];
    for (const [where, call] of cases)
      expect(call, where).toThrow(new RegExp(`^${where}: unknown option "(maxDept|highWatermark)"; did you mean`));
  });
});

describe('a bad option value', () => {
  it.each([
    [{ maxDepth: 'x' }, /^StreamParser: options.maxDepth must be a number, got a string$/],
    [{ maxStanzaBytes: null }, /^StreamParser: options.maxStanzaBytes must be a number, got null$/],
    [{ contentNamespaces: 'jabber:client' }, /^StreamParser: options.contentNamespaces must be an array of strings, got string$/],
    [{ contentNamespaces: ['jabber:client', 7] }, /^StreamParser: options.contentNamespaces\[1\] must be a string, got number 7$/],
    [{ Element: 5 }, /^StreamParser: options.Element must be a function, got number 5$/],
    [{ lazy: 1 }, /^StreamParser: options.lazy must be a boolean, got number 1$/],
  ])('%o', (options, message) => {
    expect(() => new StreamParser(options as never)).toThrow(TypeError);
    expect(() => new StreamParser(options as never)).toThrow(message);
  });

  it('options that are not an object', () => {
    expect(() => new StreamParser(null as never)).toThrow(/^StreamParser: options must be an object, got null$/);
    expect(() => parse('<a/>', 'strict' as never)).toThrow(/^parse: options must be an object, got a string$/);
  });

  it('a changed options object is checked again', () => {
    const options: Record<string, unknown> = { maxDepth: 8 };
    new StreamParser(options);
    options.maxDepth = 'deep';
    expect(() => new StreamParser(options)).toThrow(/options.maxDepth must be a number/);
  });
});
