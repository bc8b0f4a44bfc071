// htmlparser2 in XML mode, fed through a StringDecoder as its WritableStream does.
import { StringDecoder } from 'node:string_decoder';
import { Parser } from 'htmlparser2';
import { createFailureLatch } from './failure-latch.mjs';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'htmlparser2 (xmlMode), strings from a StringDecoder as its WritableStream does';

export function createParser(onElement) {
  const builder = createStanzaBuilder(onElement);
  let decoder;
  const latch = createFailureLatch();
  const parser = new Parser(
    {
      onopentag: builder.open,
      onclosetag: builder.close,
      ontext: builder.text,
      onerror: latch.record,
    },
    { xmlMode: true, decodeEntities: true },
  );
  const start = () => {
    decoder = new StringDecoder('utf8');
    parser.reset();
  };
  start();
  return {
    write: latch.guard((chunk) => parser.write(decoder.write(chunk))),
    end: latch.guard(() => parser.end(decoder.end())),
    reset() {
      builder.reset();
      start();
    },
  };
}
