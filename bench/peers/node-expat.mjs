// node-expat: libexpat as a native addon, fed the bytes themselves.
import expat from 'node-expat';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'node-expat (native libexpat), Buffers';

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  const parser = new expat.Parser('UTF-8');
  parser.on('startElement', builder.open);
  parser.on('endElement', builder.close);
  parser.on('text', builder.text);
  let failure = null;
  parser.on('error', (error) => (failure ??= new Error(String(error))));
  const check = () => {
    if (failure) throw failure;
  };
  return {
    write(chunk) {
      parser.write(chunk);
      check();
    },
    end() {
      parser.end();
      check();
    },
    reset() {
      builder.reset();
      parser.reset();
    },
  };
}
