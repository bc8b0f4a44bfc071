// Runs of plain ASCII with special characters at every position and alignment (a scanner that
// skips plain bytes in blocks must stop at each one), checked against a simple model of the
// rules: the decoded text or value, or the first error and its offset.
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  H,
  HEADER,
  START,
  byteLength,
  recordChunks,
  splitAt,
  splitPoints,
  stanza,
  toBytes,
  type LoggedEvent,
} from '../helpers/event-log.js';

const filler = fc.stringMatching(/^[a-zA-Z0-9 .,;:!?=/_-]{0,40}$/);
const withSpecials = (specials: string[]) =>
  fc
    .array(fc.tuple(filler, fc.constantFrom(...specials)), { maxLength: 4 })
    .chain((parts) => filler.map((tail) => parts.map(([plainRun, special]) => plainRun + special).join('') + tail));

const CONTROL = /[\x00-\x08\x0B\x0C\x0E-\x1F]/;
const decodeEntities = (s: string) =>
  s
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&#x1F600;/g, '😀');

/** The events the rules give for text `t` inside <a>…</a> in a stream. */
function textModel(t: string): LoggedEvent[] {
  const control = t.search(CONTROL);
  const cdataEnd = t.search(/\]\]>/);
  const errors = [control, cdataEnd].filter((i) => i >= 0);
  if (errors.length > 0) {
    const first = Math.min(...errors);
    return [START, { error: 'not-well-formed', offset: H + 3 + byteLength(t.slice(0, first)) }];
  }
  const source = `<a>${t}</a>`;
  const text = decodeEntities(t.replace(/\r\n?/g, '\n'));
  return [
    START,
    {
      element: text === '' ? '<a/>' : `<a>${text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')}</a>`,
      offset: H,
      length: byteLength(source),
    },
  ];
}

/** The events the rules give for attribute value `v` in <a v="…"/> in a stream. */
function valueModel(v: string): LoggedEvent[] {
  const error = v.search(/[\x00-\x08\x0B\x0C\x0E-\x1F<]/);
  if (error >= 0) return [START, { error: 'not-well-formed', offset: H + 6 + byteLength(v.slice(0, error)) }];
  const value = decodeEntities(v.replace(/\r\n|[\t\n\r]/g, ' '));
  const escaped = value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
  return [START, stanza(`<a v="${v}"/>`, H, `<a v="${escaped}"/>`)];
}

function checkModel(body: string, expected: LoggedEvent[], points: number[]) {
  const input = toBytes(HEADER + body);
  const fixture = { input, end: false };
  expect(recordChunks(fixture, [input])).toEqual(expected);
  expect(
    recordChunks(
      fixture,
      splitAt(
        input,
        points.filter((p) => p < input.length),
      ),
    ),
  ).toEqual(expected);
}

describe('plain runs around special characters', () => {
  it('in text', () => {
    const text = withSpecials(['&amp;', '&lt;', '&#x1F600;', '\r\n', '\r', '\n', '\t', 'é', '😀', '>', ']', ']]', '\x01', '\x1F', '\x7F']);
    fc.assert(
      fc.property(text, splitPoints(300), (t, points) => checkModel(`<a>${t}</a>`, textModel(t), points)),
      { numRuns: 250 },
    );
  });

  it('in attribute values', () => {
    const value = withSpecials(['&amp;', '&lt;', '&#x1F600;', '\r\n', '\r', '\n', '\t', 'é', '😀', '>', "'", '<', '\x01', '\x7F']);
    fc.assert(
      fc.property(value, splitPoints(300), (v, points) => checkModel(`<a v="${v}"/>`, valueModel(v), points)),
      { numRuns: 250 },
    );
  });

  it('at every offset of a 64-byte run', () => {
    for (let at = 0; at <= 64; at++) {
      for (const special of ['&amp;', '\r', '\x01', 'é', ']]>']) {
        const t = 'x'.repeat(at) + special + 'y'.repeat(64 - at);
        checkModel(`<a>${t}</a>`, textModel(t), [H + 3 + (at & ~15)]);
      }
    }
  });
});
