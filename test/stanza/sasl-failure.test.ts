// saslFailure builds the <failure/> of RFC 6120 §6.5, readSaslFailure reads one.
import { describe, expect, it } from 'vitest';
import { parse, readSaslFailure, saslFailure } from '../../bindings/index.js';

const NS = 'urn:ietf:params:xml:ns:xmpp-sasl';

describe('saslFailure', () => {
  it('is a <failure/> in the SASL namespace with the condition and an optional text', () => {
    expect(saslFailure('not-authorized').toString()).toBe(`<failure xmlns="${NS}"><not-authorized/></failure>`);
    expect(saslFailure('account-disabled', 'Call 212-555-1212', { lang: 'en' }).toString()).toBe(
      `<failure xmlns="${NS}"><account-disabled/><text xml:lang="en">Call 212-555-1212</text></failure>`,
    );
  });

  it('checks its arguments', () => {
    expect(() => saslFailure('bad-auth' as never)).toThrow(/^saslFailure: condition must be one of/);
    expect(() => saslFailure('aborted', 5 as never)).toThrow(/^saslFailure: text must be/);
  });
});

describe('readSaslFailure', () => {
  it('reads condition, text and lang; an unknown condition is null', () => {
    expect(readSaslFailure(parse(`<failure xmlns='${NS}'><temporary-auth-failure/><text xml:lang='de'>später</text></failure>`))).toEqual({
      condition: 'temporary-auth-failure',
      text: 'später',
      lang: 'de',
    });
    expect(readSaslFailure(parse(`<failure xmlns='${NS}'/>`))).toEqual({ condition: null });
    expect(readSaslFailure(parse(`<failure xmlns='${NS}'><bad-auth/></failure>`))).toEqual({ condition: null });
  });

  it('null for another element or namespace', () => {
    expect(readSaslFailure(parse("<failure xmlns='urn:ietf:params:xml:ns:xmpp-tls'/>"))).toBeNull();
    expect(readSaslFailure(parse(`<success xmlns='${NS}'/>`))).toBeNull();
  });
});
