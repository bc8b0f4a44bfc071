// xmpp-wasm in lazy mode doing a router's work: each stanza's to, from, type, id and byte
// length read, its children never (unless the harness reads them, as verification does).
import { createFailureLatch } from './failure-latch.mjs';
import { loadStreamParser } from './xmpp-wasm.mjs';

export const description = 'xmpp-wasm StreamParser({ lazy: true }), reading to, from, type, id and source.length';

let StreamParser;
export async function init() {
  StreamParser = await loadStreamParser();
}

/** What a router reads of each stanza; the sum keeps the reads from being optimized away. */
export let routed = 0;

export function createParser(onElement) {
  const parser = new StreamParser({ lazy: true });
  const latch = createFailureLatch();
  parser.on('element', (stanza, source) => {
    const { to, from, type, id } = stanza.attrs;
    routed +=
      source.length + (to === undefined ? 0 : 1) + (from === undefined ? 0 : 2) + (type === undefined ? 0 : 4) + (id === undefined ? 0 : 8);
    onElement(stanza);
  });
  parser.on('error', latch.record);
  return {
    write: latch.guard((chunk) => parser.write(chunk)),
    end: latch.guard(() => parser.end()),
    reset: () => parser.reset(),
  };
}
