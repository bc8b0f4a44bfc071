// saxes (a conformant XML parser in JavaScript) takes strings; a streaming TextDecoder keeps
// multi-byte characters that straddle two reads intact.
import { SaxesParser } from 'saxes';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'saxes, strings from a streaming TextDecoder';

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  let parser;
  let decoder;
  const start = () => {
    decoder = new TextDecoder();
    parser = new SaxesParser({ xmlns: false });
    parser.on('opentag', (tag) => builder.open(tag.name, tag.attributes));
    parser.on('closetag', builder.close);
    parser.on('text', builder.text);
    parser.on('error', (error) => {
      throw error;
    });
  };
  start();
  return {
    write: (chunk) => parser.write(decoder.decode(chunk, { stream: true })),
    end: () => parser.write(decoder.decode()),
    reset() {
      builder.reset();
      start();
    },
  };
}
