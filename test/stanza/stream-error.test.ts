// streamError builds <stream:error> (RFC 6120 §4.9), readStreamError reads one, RFC 3920's names
// mapped (legacyConditions); the parser's StreamError becomes one with toElement().
import { describe, expect, it } from 'vitest';
import {
  legacyConditions,
  parse,
  readStreamError,
  StreamError,
  streamClose,
  streamError,
  StreamParser,
  streamHeader,
} from '../../bindings/index.js';
import { at } from '../helpers/event-log.js';
import { thrown } from '../helpers/thrown.js';

const NS = 'urn:ietf:params:xml:ns:xmpp-streams';

describe('streamError', () => {
  it('declares the stream prefix itself and carries the condition and text', () => {
    expect(streamError('host-unknown', { text: 'no such host', lang: 'en' }).toString()).toBe(
      `<stream:error xmlns:stream="http://etherx.jabber.org/streams"><host-unknown xmlns="${NS}"/>` +
        `<text xmlns="${NS}" xml:lang="en">no such host</text></stream:error>`,
    );
  });

  it('see-other-host carries its host, which no other condition takes', () => {
    const error = streamError('see-other-host', { seeOtherHost: '[2001:db8::1]:5222' });
    expect(error.getChild('see-other-host')!.getText()).toBe('[2001:db8::1]:5222');
    expect(() => streamError('see-other-host')).toThrow(/options\.seeOtherHost is required/);
    expect(() => streamError('conflict', { seeOtherHost: 'x' })).toThrow(RangeError);
  });

  it('checks its arguments', () => {
    expect(() => streamError('xml-not-well-formed' as never)).toThrow(/^streamError: condition must be one of/);
    expect(() => streamError('conflict', { txt: 'x' } as never)).toThrow(/unknown option "txt"/);
  });

  it('is sent before streamClose(): the peer parses an error, then the end of the stream', () => {
    const events: string[] = [];
    const parser = new StreamParser();
    parser.on('element', (element) => events.push(`${readStreamError(element)?.condition}`));
    parser.on('end', () => events.push('end'));
    parser.write(streamHeader({ declaration: false }) + streamError('system-shutdown').toString() + streamClose());
    expect(events).toEqual(['system-shutdown', 'end']);
  });
});

describe('readStreamError', () => {
  it("reads the condition, text, lang, application element and see-other-host's host", () => {
    const app = "<too-many-hats xmlns='urn:example:hats'/>";
    const error = parse(
      `<stream:error xmlns:stream='http://etherx.jabber.org/streams'><see-other-host xmlns='${NS}'> b.example </see-other-host>` +
        `<text xmlns='${NS}' xml:lang='fr'>ailleurs</text>${app}</stream:error>`,
    );
    const read = readStreamError(error);
    expect(read).toMatchObject({ condition: 'see-other-host', seeOtherHost: 'b.example', text: 'ailleurs', lang: 'fr' });
    expect(read?.app?.toString()).toBe(parse(app).toString());
  });

  it("maps RFC 3920's xml-not-well-formed and invalid-id, and keeps the name sent", () => {
    const legacy = (name: string) =>
      readStreamError(parse(`<stream:error xmlns:stream='http://etherx.jabber.org/streams'><${name} xmlns='${NS}'/></stream:error>`));
    expect(legacy('xml-not-well-formed')).toEqual({ condition: 'not-well-formed', legacyCondition: 'xml-not-well-formed' });
    expect(legacy('invalid-id')).toEqual({ condition: 'undefined-condition', legacyCondition: 'invalid-id' });
    expect(legacy('invalid-xml')).toEqual({ condition: 'invalid-xml' });
    expect(legacy('no-such-condition')).toEqual({ condition: 'undefined-condition' });
  });

  it('null for other elements', () => {
    expect(readStreamError(parse(`<error xmlns='jabber:client'><conflict xmlns='${NS}'/></error>`))).toBeNull();
    expect(readStreamError(parse("<stream:features xmlns:stream='http://etherx.jabber.org/streams'/>"))).toBeNull();
  });
});

describe('legacyConditions', () => {
  it('holds only the two RFC 3920 names RFC 6120 dropped: invalid-xml is a current condition', () => {
    expect(legacyConditions).toEqual({ 'xml-not-well-formed': 'not-well-formed', 'invalid-id': 'undefined-condition' });
    expect(Object.hasOwn(legacyConditions, 'invalid-xml')).toBe(false);
  });
});

describe('StreamError.toElement()', () => {
  it("is the parser's error as <stream:error>, its text giving the byte offset", () => {
    const { body, offset } = at('<a>▼</b>', '');
    const error = thrown(StreamError, () => parse(body));
    expect(error.offset).toBe(offset);
    expect(readStreamError(error.toElement({ lang: 'en' }))).toEqual({
      condition: 'not-well-formed',
      text: `${error.text} (at byte ${offset})`,
      lang: 'en',
    });
  });
});
