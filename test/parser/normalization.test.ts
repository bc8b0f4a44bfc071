// XML 1.0 §3.3.3 attribute value normalization (each literal TAB, LF, CR → space; CR LF → one
// space; references to them stay as the characters) and §2.11 line ends in text (CR LF, CR → LF).
import { describe, expect, it } from 'vitest';
import { StreamParser } from '../../bindings/index.js';
import { H, HEADER, inStream, runFixtures, stanza } from '../helpers/event-log.js';

/** The parsed stanzas of a stream body (one write). */
function stanzasOf(body: string) {
  const parser = new StreamParser();
  const stanzas: { attrs: Record<string, string>; text: string }[] = [];
  parser.on('element', (element) => stanzas.push({ attrs: { ...element.attrs }, text: element.getText() }));
  parser.on('error', (error) => {
    throw error;
  });
  parser.write(HEADER + body);
  return stanzas;
}

describe('attribute values', () => {
  it('TAB, LF and CR each become a space; CR LF becomes one space', () => {
    expect(stanzasOf('<a v="x\ty\nz\r\nw\rv  u"/>')[0]!.attrs.v).toBe('x y z w v  u');
  });
  it('leading, trailing and repeated whitespace is kept (CDATA attributes are not collapsed)', () => {
    expect(stanzasOf('<a v=" \t a \n\n b \r\n"/>')[0]!.attrs.v).toBe('   a    b  ');
  });
  it('character references to TAB, LF and CR give the characters themselves', () => {
    expect(stanzasOf('<a v="&#9;&#10;&#13;&#xD;&#xA;"/>')[0]!.attrs.v).toBe('\t\n\r\r\n');
  });
  it('a literal CR next to a referenced LF: only the literal one is normalized', () => {
    expect(stanzasOf('<a v="\r&#10;"/>')[0]!.attrs.v).toBe(' \n');
  });
  runFixtures([
    inStream('CR LF split across writes is one space', '<a v="1\r\n2"/>', [stanza('<a v="1\r\n2"/>', H, '<a v="1 2"/>')]),
    inStream('in a namespace declaration too', '<a xmlns:p="u\tv"/>', [stanza('<a xmlns:p="u\tv"/>', H, '<a xmlns:p="u v"/>')]),
  ]);
});

describe('line ends in text', () => {
  it('CR LF and lone CR become LF; LF stays', () => {
    expect(stanzasOf('<a>1\r\n2\r3\n4\r\r\n5\n\r6</a>')[0]!.text).toBe('1\n2\n3\n4\n\n5\n\n6');
  });
  it('a referenced CR stays a CR', () => {
    expect(stanzasOf('<a>1&#13;\n2&#xD;&#xA;3</a>')[0]!.text).toBe('1\r\n2\r\n3');
  });
  it('in CDATA too', () => {
    expect(stanzasOf('<a><![CDATA[1\r\n2\r3]]></a>')[0]!.text).toBe('1\n2\n3');
  });
  it('TAB and LF in text are kept', () => {
    expect(stanzasOf('<a>\t1\n\t2\n</a>')[0]!.text).toBe('\t1\n\t2\n');
  });
  runFixtures([
    inStream('CR at the end of one write and LF at the start of the next', '<a>x\r\ny</a><b>\r\r</b>', [
      stanza('<a>x\r\ny</a>', H, '<a>x\ny</a>'),
      stanza('<b>\r\r</b>', H + 11, '<b>\n\n</b>'),
    ]),
    inStream('CR LF between a reference and CDATA', '<a>&amp;\r\n<![CDATA[\r\n]]>\r</a>', [
      stanza('<a>&amp;\r\n<![CDATA[\r\n]]>\r</a>', H, '<a>&amp;\n\n\n</a>'),
    ]),
  ]);
});
