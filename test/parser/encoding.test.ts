// UTF-8 only: invalid sequences, UTF-16 streams and declarations of other encodings →
// unsupported-encoding; a UTF-8 BOM is skipped; the XML declaration only first and version 1.0.
import { describe } from 'vitest';
import {
  BARE_HEADER,
  BARE_START,
  H,
  HEADER,
  START,
  concatBytes,
  inStream,
  rawBytes,
  runFixtures,
  stanza,
  type Fixture,
} from '../helpers/event-log.js';

/** `bytes` (written as code units 0..255) as a stanza's text, the bad sequence `at` bytes into it. */
const inText = (name: string, bytes: string, at = 0): Fixture =>
  inStream(name, concatBytes('<a>', rawBytes(bytes), '</a>'), [{ error: 'unsupported-encoding', offset: H + 3 + at }]);

describe('invalid UTF-8 in text', () => {
  runFixtures([
    inText('overlong 2-byte form of "/"', '\xC0\xAF'),
    inText('overlong 2-byte form with C1', '\xC1\xBF'),
    inText('overlong 3-byte form', '\xE0\x80\xAF'),
    inText('overlong 3-byte form of U+07FF', '\xE0\x9F\xBF'),
    inText('overlong 4-byte form', '\xF0\x80\x80\xAF'),
    inText('overlong 4-byte form of U+FFFF', '\xF0\x8F\xBF\xBF'),
    inText('a high surrogate', '\xED\xA0\x80'),
    inText('a low surrogate', '\xED\xBF\xBF'),
    inText('a surrogate pair encoded as two sequences (CESU-8)', '\xED\xA0\xBD\xED\xB8\x80'),
    inText('U+110000', '\xF4\x90\x80\x80'),
    inText('lead byte F5', '\xF5\x80\x80\x80'),
    inText('lead byte FF', '\xFF'),
    inText('a stray continuation byte', '\x80'),
    inText('a stray continuation byte after a complete character', '\xC3\xA9\xBF', 2),
    inText('a sequence cut short by ASCII', '\xE2\x82x'),
    inText('a 4-byte sequence cut short by "<"', '\xF0\x9F\x98'),
  ]);
});

describe('invalid UTF-8 elsewhere', () => {
  runFixtures([
    inStream('in an attribute value', concatBytes('<a b="', rawBytes('\xC0\x80'), '"/>'), [
      { error: 'unsupported-encoding', offset: H + 6 },
    ]),
    inStream('in an element name', concatBytes('<a', rawBytes('\xED\xA0\x80'), '/>'), [{ error: 'unsupported-encoding', offset: H + 2 }]),
    inStream('in CDATA', concatBytes('<a><![CDATA[', rawBytes('\xF8'), ']]></a>'), [{ error: 'unsupported-encoding', offset: H + 12 }]),
    {
      name: 'in the stream header',
      input: concatBytes("<stream:stream to='", rawBytes('\x80'), "'>"),
      events: [{ error: 'unsupported-encoding', offset: 19 }],
    },
    inStream('after stanzas that were fine', concatBytes('<a>é</a><b>', rawBytes('\xC3'), '</b>'), [
      stanza('<a>é</a>', H),
      { error: 'unsupported-encoding', offset: H + 12 },
    ]),
  ]);
});

describe('a character cut off by the end of the input', () => {
  runFixtures([
    inStream('in text', concatBytes('<a>x', rawBytes('\xE2\x82')), [{ error: 'unsupported-encoding', offset: H + 4 }]),
    inStream('in an attribute value', concatBytes('<a b="', rawBytes('\xF0\x9F\x98')), [{ error: 'unsupported-encoding', offset: H + 6 }]),
    inStream('nothing is reported before the end', concatBytes('<a>x', rawBytes('\xE2\x82')), [], { end: false }),
  ]);
});

describe('UTF-16', () => {
  const utf16le = (text: string) => new Uint8Array(Uint16Array.from(text, (c) => c.charCodeAt(0)).buffer);
  const utf16be = (text: string) => utf16le(text).map((_, i, bytes) => bytes[i ^ 1]!);
  runFixtures([
    {
      name: 'little-endian with a BOM',
      input: concatBytes(rawBytes('\xFF\xFE'), utf16le(HEADER)),
      events: [{ error: 'unsupported-encoding', offset: 0 }],
    },
    {
      name: 'big-endian with a BOM',
      input: concatBytes(rawBytes('\xFE\xFF'), utf16be(HEADER)),
      events: [{ error: 'unsupported-encoding', offset: 0 }],
    },
    { name: 'little-endian without a BOM', input: utf16le(HEADER), events: [{ error: 'unsupported-encoding', offset: 0 }] },
    { name: 'big-endian without a BOM', input: utf16be(HEADER), events: [{ error: 'unsupported-encoding', offset: 0 }] },
  ]);
});

describe('byte order mark', () => {
  const BOM = rawBytes('\xEF\xBB\xBF');
  runFixtures([
    {
      name: 'a UTF-8 BOM is skipped (offsets still count it)',
      input: concatBytes(BOM, HEADER, '<a/>'),
      events: [START, stanza('<a/>', 3 + H)],
    },
    { name: 'a UTF-8 BOM before a header without declaration', input: concatBytes(BOM, BARE_HEADER), events: [BARE_START] },
    { name: 'only one BOM is skipped', input: concatBytes(BOM, BOM, HEADER), events: [{ error: 'not-well-formed', offset: 3 }] },
    inStream('U+FEFF inside a stanza is an ordinary character', '<a>\uFEFF</a>', [stanza('<a>\uFEFF</a>', H)]),
  ]);
});

describe('the XML declaration', () => {
  const declared = (name: string, declaration: string, ok: boolean, condition = 'not-well-formed'): Fixture => ({
    name,
    input: declaration + BARE_HEADER,
    events: ok ? [BARE_START] : [{ error: condition, offset: 0 }],
  });
  runFixtures([
    declared('version 1.0 with encoding UTF-8 and standalone', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>`, true),
    declared('encoding in lower case', `<?xml version='1.0' encoding='utf-8'?>`, true),
    declared('spaces around "="', `<?xml version = '1.0' ?>`, true),
    declared('ISO-8859-1', `<?xml version='1.0' encoding="ISO-8859-1"?>`, false, 'unsupported-encoding'),
    declared('UTF-16', `<?xml version='1.0' encoding='UTF-16'?>`, false, 'unsupported-encoding'),
    declared('US-ASCII', `<?xml version='1.0' encoding='US-ASCII'?>`, false, 'unsupported-encoding'),
    declared('version 1.1', `<?xml version='1.1'?>`, false),
    declared('version 2.0', `<?xml version="2.0"?>`, false),
    declared('no version', `<?xml encoding='UTF-8'?>`, false),
    declared('empty', `<?xml?>`, false),
    declared('no space between pseudo-attributes', `<?xml version='1.0'encoding='UTF-8'?>`, false),
    declared('encoding before version', `<?xml encoding='UTF-8' version='1.0'?>`, false),
    declared('mismatched quotes', `<?xml version='1.0"?>`, false),
    declared('an unknown pseudo-attribute', `<?xml version='1.0' foo='bar'?>`, false),
    {
      name: 'whitespace before the declaration',
      input: ' ' + HEADER,
      events: [{ error: 'not-well-formed', offset: 1 }],
    },
    {
      name: 'a second declaration',
      input: "<?xml version='1.0'?>" + HEADER,
      events: [{ error: 'not-well-formed', offset: 21 }],
    },
    inStream('a declaration between stanzas', "<a/><?xml version='1.0'?>", [
      stanza('<a/>', H),
      { error: 'not-well-formed', offset: H + 4 },
    ]),
    inStream('a declaration inside a stanza', "<a><?xml version='1.0'?></a>", [{ error: 'not-well-formed', offset: H + 3 }]),
  ]);
});
