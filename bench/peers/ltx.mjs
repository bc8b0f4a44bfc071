// ltx at its best, the baseline: its own streaming SAX parser (the published CommonJS build,
// `ltx/lib/parsers/ltx.js`) fed strings from one StringDecoder per stream, so characters split
// across reads stay whole, under the minimal stanza builder every SAX peer shares.
import { StringDecoder } from 'node:string_decoder';
import SaxLtx from 'ltx/lib/parsers/ltx.js';
import { createStanzaBuilder } from './stanza-builder.mjs';

export const description = 'ltx SAX parser (lib/parsers/ltx.js), strings from one StringDecoder per stream';

/** An ltx parser behind a stanza builder; `decode` (default: a StringDecoder) turns Buffers into strings first. */
export function createLtxParser(onElement, createDecoder = () => new StringDecoder('utf8')) {
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
