// ltx's own streaming SAX parser. It calls toString() on each Buffer it is given, as it does when
// fed socket data directly, so a multi-byte character split across two reads is corrupted.
import SaxLtx from 'ltx/src/parsers/ltx.js';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'ltx SAX parser, Buffers decoded per chunk by ltx (toString)';

/** An ltx parser behind a stanza builder; `createDecoder` (optional) turns Buffers into strings first. */
export function createLtxParser(onElement, createDecoder) {
  const builder = createStanzaBuilder(onElement);
  let parser;
  let decoder;
  const start = () => {
    decoder = createDecoder?.();
    parser = new SaxLtx();
    parser.on('startElement', builder.open);
    parser.on('endElement', builder.close);
    parser.on('text', builder.text);
  };
  start();
  return {
    write: (chunk) => parser.write(decoder ? decoder.write(chunk) : chunk),
    end: () => parser.end(decoder?.end()),
    reset() {
      builder.reset();
      start();
    },
  };
}

export const createParser = (onElement) => createLtxParser(onElement);
