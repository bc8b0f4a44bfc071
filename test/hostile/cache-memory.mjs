// 1,000 JIDs whose resources are distinct ~256 KiB strings (above U+00FF, so they go through
// WebAssembly), each refused as too long, in its own process (node --expose-gc): prints how many
// were refused and how much heap they left behind.
import { parseJid, JidError } from '../../dist/index.js';

const COUNT = 1000;
const RESOURCE_UNITS = 128 * 1024; // 256 KiB of UTF-16, 256 KiB of UTF-8

const heapUsed = () => {
  globalThis.gc();
  return process.memoryUsage().heapUsed;
};

// Warm up the code paths and the WebAssembly buffers, so the baseline includes them.
parseJid('warm@example.com/\u0436');
try {
  parseJid(`warm@example.com/${'\u0436'.repeat(RESOURCE_UNITS)}`);
} catch {}
const before = heapUsed();
let refused = 0;
for (let i = 0; i < COUNT; i++) {
  const resource = String(i).padStart(4, '0') + '\u0436'.repeat(RESOURCE_UNITS - 4);
  try {
    parseJid(`juliet@example.com/${resource}`, i % 2 === 0 ? undefined : { mode: 'stored' });
  } catch (error) {
    if (error instanceof JidError && error.reason === 'too-long') refused++;
    else throw error;
  }
}
console.log(JSON.stringify({ count: COUNT, refused, retainedBytes: heapUsed() - before }));
