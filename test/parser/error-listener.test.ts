// Node's error convention: an `error` event nobody listens to is thrown from write()/end(), and
// a parser stopped by such an error throws it again on every later write until reset(). With a
// listener, bad input never throws: it ends in one `error` event.
import { describe, expect, it } from 'vitest';
import { Readable } from 'node:stream';
import { StreamParser, StreamError, parse } from '../../bindings/index.js';
import { FramedParser } from '../../bindings/adapters/websocket.js';
import { Parser as XmppjsParser } from '../../bindings/adapters/xmppjs.js';
import { attach } from '../../bindings/adapters/node-stream.js';
import { H, HEADER } from '../helpers/event-log.js';
import { thrown } from '../helpers/thrown.js';

describe('a StreamParser with no error listener', () => {
  it('throws the StreamError from the write() that finds it, after the stanzas before it', () => {
    const parser = new StreamParser();
    const seen: string[] = [];
    parser.on('element', (stanza) => seen.push(stanza.name));
    const error = thrown(StreamError, () => parser.write(HEADER + '<a/><b><!-- x --></b><c/>'));
    expect([error.condition, error.offset]).toEqual(['restricted-xml', H + 7]);
    expect(seen).toEqual(['a']);
    expect(parser.error).toBe(error);
  });

  it('throws it from end() when the input stops inside a stanza', () => {
    const parser = new StreamParser();
    parser.write(HEADER + '<message><body>');
    const error = thrown(StreamError, () => parser.end());
    expect(error.condition).toBe('not-well-formed');
  });

  it('throws the same error from every later write() and end(), whose bytes are not parsed', () => {
    const parser = new StreamParser();
    const first = thrown(StreamError, () => parser.write(HEADER + '<a></b>'));
    const seen: string[] = [];
    parser.on('element', (stanza) => seen.push(stanza.name));
    expect(thrown(StreamError, () => parser.write('<c/>'))).toBe(first);
    expect(thrown(StreamError, () => parser.end('<d/>'))).toBe(first);
    expect(seen).toEqual([]);
  });

  it('parses again after reset()', () => {
    const parser = new StreamParser();
    thrown(StreamError, () => parser.write(HEADER + '<a></b>'));
    parser.reset();
    const seen: string[] = [];
    parser.on('element', (stanza) => seen.push(stanza.name));
    parser.write(HEADER + '<c/>');
    expect(seen).toEqual(['c']);
  });

  it('a listener removed with off() no longer counts', () => {
    const parser = new StreamParser();
    const listener = () => {};
    parser.on('error', listener).off('error', listener);
    expect(() => parser.write('<x')).not.toThrow(); // not an error yet: the tag may go on
    expect(() => parser.write(' y="1"/><')).toThrow(StreamError);
  });
});

describe('a StreamParser with an error listener', () => {
  it('never throws because of its input: one error event, later writes dropped', () => {
    const parser = new StreamParser();
    const errors: string[] = [];
    parser.on('error', (error) => errors.push(`${error.condition}@${error.offset}`));
    expect(() => parser.write(HEADER + '<a></b>')).not.toThrow();
    expect(() => parser.write('<c/>')).not.toThrow();
    expect(() => parser.end()).not.toThrow();
    expect(errors).toEqual([`not-well-formed@${H + 3}`]);
  });
});

describe('parse() and the adapters follow the same convention', () => {
  it('parse() throws the StreamError itself', () => {
    expect(thrown(StreamError, () => parse('<a><b></a>')).condition).toBe('not-well-formed');
  });

  it('FramedParser: thrown without a listener, also on later messages; one event with one', () => {
    const unheard = new FramedParser();
    const error = thrown(StreamError, () => unheard.write('<a>'));
    expect(thrown(StreamError, () => unheard.write('<b/>'))).toBe(error);
    const heard = new FramedParser();
    const errors: string[] = [];
    heard.on('error', (e) => errors.push(e.condition));
    heard.write('<a>');
    heard.write('<b/>');
    expect(errors).toEqual(['not-well-formed']);
  });

  it('the xmpp.js Parser: thrown without a listener, also on later writes', () => {
    const parser = new XmppjsParser();
    const error = thrown(StreamError, () => parser.write(HEADER + '<a></b>'));
    expect(thrown(StreamError, () => parser.write('<c/>'))).toBe(error);
  });

  it('attach() without an error listener: the error reaches the readable (as a stream error would)', () => {
    const readable = new Readable({ read() {} });
    attach(readable);
    expect(() => readable.emit('data', Buffer.from(HEADER + '<a></b>'))).toThrow(StreamError);
  });
});
