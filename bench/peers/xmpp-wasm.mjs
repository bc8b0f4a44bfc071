// xmpp-wasm itself, from the built package (dist/). Its elements are ltx-compatible already.
export const description = 'xmpp-wasm StreamParser, Buffers';

let StreamParser;
export async function init() {
  const pkg = await import('../../dist/index.js');
  if (typeof pkg.StreamParser !== 'function') throw new Error('dist/index.js does not export StreamParser (run npm run build once the parser has landed)');
  await pkg.ready;
  StreamParser = pkg.StreamParser;
}

export function createParser(onElement) {
  const parser = new StreamParser();
  let failure = null;
  parser.on('element', (element) => onElement(element));
  parser.on('error', (error) => (failure ??= error));
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
    reset: () => parser.reset(),
  };
}
