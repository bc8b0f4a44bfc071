// expat-wasm: libexpat compiled to WebAssembly, fed the bytes themselves, without namespace
// processing (names stay qualified, as every other peer reports them).
import { XmlParser } from 'expat-wasm';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'expat-wasm (libexpat in WASM), Buffers';

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  let parser;
  const start = () => {
    parser = new XmlParser({ encoding: 'UTF-8', separator: XmlParser.NO_NAMESPACES });
    parser.on('startElement', builder.open);
    parser.on('endElement', builder.close);
    parser.on('characterData', builder.text);
  };
  start();
  return {
    write: (chunk) => parser.parse(chunk, 0),
    end() {
      parser.parse('', 1);
      parser.destroy();
    },
    // XmlParser.reset() leaves the parser deaf: expat's XML_ParserReset clears the user data that
    // routes callbacks back to the JavaScript object, and reset() does not set it again. A new
    // parser is what a user has to do instead.
    reset() {
      parser.destroy();
      builder.reset();
      start();
    },
  };
}
