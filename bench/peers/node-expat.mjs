// node-expat: libexpat as a native addon, fed the bytes themselves.
import expat from 'node-expat';
import { createFailureLatch } from './failure-latch.mjs';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'node-expat (native libexpat), Buffers';

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  const latch = createFailureLatch();
  const parser = new expat.Parser('UTF-8');
  parser.on('startElement', builder.open);
  parser.on('endElement', builder.close);
  parser.on('text', builder.text);
  parser.on('error', latch.record);
  return {
    write: latch.guard((chunk) => parser.write(chunk)),
    end: latch.guard(() => parser.end()),
    reset() {
      builder.reset();
      parser.reset();
    },
  };
}
