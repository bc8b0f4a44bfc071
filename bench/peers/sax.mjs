// sax in strict mode, fed through a StringDecoder as its own SAXStream does.
import { StringDecoder } from 'node:string_decoder';
import sax from 'sax';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'sax (strict), strings from a StringDecoder as SAXStream does';

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  let parser;
  let decoder;
  const start = () => {
    decoder = new StringDecoder('utf8');
    parser = sax.parser(true, {});
    parser.onopentag = (tag) => builder.open(tag.name, tag.attributes);
    parser.onclosetag = builder.close;
    parser.ontext = builder.text;
    parser.onerror = (error) => {
      throw error;
    };
  };
  start();
  return {
    write: (chunk) => parser.write(decoder.write(chunk)),
    end: () => parser.write(decoder.end()),
    reset() {
      builder.reset();
      start();
    },
  };
}
