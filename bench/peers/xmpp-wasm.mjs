// xmpp-wasm itself, from the built package (dist/). Its elements are ltx-compatible already.
import { createFailureLatch } from './failure-latch.mjs';

export const description = 'xmpp-wasm StreamParser, Buffers';

/** The built package's StreamParser, ready to use. */
export async function loadStreamParser() {
  const pkg = await import('../../dist/index.js');
  if (typeof pkg.StreamParser !== 'function')
    throw new Error('dist/index.js does not export StreamParser (run npm run build once the parser has landed)');
  await pkg.ready;
  return pkg.StreamParser;
}

let StreamParser;
export async function init() {
  StreamParser = await loadStreamParser();
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
