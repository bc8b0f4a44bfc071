// @xmpp/xml's Parser, as xmpp.js uses it: ltx's SAX parser under its own stanza builder.
import Parser from '@xmpp/xml/lib/Parser.js';

export const name = '@xmpp/xml';
export const description = '@xmpp/xml Parser (ltx inside), Buffers decoded per chunk by ltx (toString)';

export function createParser(onElement) {
  let parser;
  let failure = null;
  const start = () => {
    parser = new Parser();
    parser.on('element', onElement);
    parser.on('error', (error) => (failure ??= error));
  };
  start();
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
    reset: start,
  };
}
