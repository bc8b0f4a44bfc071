// @xmpp/xml's Parser, as xmpp.js uses it: ltx's SAX parser under its own stanza builder.
import Parser from '@xmpp/xml/lib/Parser.js';
import { createFailureLatch } from './failure-latch.mjs';

export const description = '@xmpp/xml Parser (ltx inside), Buffers decoded per chunk by ltx (toString)';

export function createParser(onElement) {
  const latch = createFailureLatch();
  let parser;
  const start = () => {
    parser = new Parser();
    parser.on('element', onElement);
    parser.on('error', latch.record);
  };
  start();
  return {
    write: latch.guard((chunk) => parser.write(chunk)),
    end: latch.guard(() => parser.end()),
    reset: start,
  };
}
