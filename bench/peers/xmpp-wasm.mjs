// xmpp-wasm itself, from the built package (dist/). Its elements are ltx-compatible already.
import { createFailureLatch } from './failure-latch.mjs';

export const description = 'xmpp-wasm StreamParser, Buffers';

let StreamParser;
export async function init() {
  const pkg = await import('../../dist/index.js');
  if (typeof pkg.StreamParser !== 'function')
    throw new Error('dist/index.js does not export StreamParser (run npm run build once the parser has landed)');
  await pkg.ready;
  StreamParser = pkg.StreamParser;
}

export function createParser(onElement) {
  const parser = new StreamParser();
  const latch = createFailureLatch();
  parser.on('element', onElement);
  parser.on('error', latch.record);
  return {
    write: latch.guard((chunk) => parser.write(chunk)),
    end: latch.guard(() => parser.end()),
    reset: () => parser.reset(),
  };
}
