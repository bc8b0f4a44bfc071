// The caches of prepared strings and parsed JIDs cannot be used against the host: they are
// bounded in entries and in bytes, and an input that is refused leaves nothing in them.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { JidError, clearJidCache, parseJid, setJidCacheLimit, setPrecisCacheLimit, setStringprepCacheLimit } from '../../bindings/index.js';
import { BoundedCache, DEFAULT_CACHE_LIMIT, MAX_CACHED_ENTRY_BYTES, cacheTotals } from '../../bindings/runtime/bounded-cache.js';
import { thrown } from '../helpers/thrown.js';

// 40 different letters: their Punycode is longer than 63 octets.
const CYRILLIC_40 = Array.from({ length: 40 }, (_, i) => String.fromCharCode(0x430 + (i % 32)) + (i >= 32 ? 'x' : '')).join('');

function resetAllCaches(): void {
  setJidCacheLimit(DEFAULT_CACHE_LIMIT.entries);
  setStringprepCacheLimit(DEFAULT_CACHE_LIMIT.entries);
  setPrecisCacheLimit(DEFAULT_CACHE_LIMIT.entries);
}

describe('BoundedCache', () => {
  it('keeps at most its entries, dropping the oldest', () => {
    const cache = new BoundedCache<string>({ entries: 2, bytes: 1 << 20 });
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('c', '3');
    expect([cache.get('a'), cache.get('b'), cache.get('c'), cache.size]).toEqual([undefined, '2', '3', 2]);
  });

  it('keeps at most its bytes, dropping the oldest', () => {
    const cache = new BoundedCache<string>({ entries: 100, bytes: 1000 });
    for (let i = 0; i < 10; i++) cache.set(`key-${i}`, 'v'.repeat(100));
    expect(cache.byteSize).toBeLessThanOrEqual(1000);
    expect(cache.get('key-9')).toBe('v'.repeat(100));
    expect(cache.get('key-0')).toBeUndefined();
  });

  it('never keeps an entry over the per-entry bound', () => {
    const cache = new BoundedCache<string>();
    const half = MAX_CACHED_ENTRY_BYTES / 2;
    cache.set('k', 'x'.repeat(half));
    cache.set('x'.repeat(half), 'y');
    expect(cache.size).toBe(0);
    cache.set('k', 'x'.repeat(half / 2));
    expect(cache.size).toBe(1);
  });

  it('counts a value equal to its key once, and a replaced entry once', () => {
    const cache = new BoundedCache<string>();
    cache.set('same', 'same');
    const once = cache.byteSize;
    cache.set('same', 'same');
    expect(cache.byteSize).toBe(once);
    cache.set('other', 'different');
    expect(cache.byteSize).toBeGreaterThan(2 * once);
  });

  it('holds its bounds for any sequence of entries', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string({ maxLength: 300 }), fc.string({ maxLength: 300 })), { maxLength: 200 }), (entries) => {
        const cache = new BoundedCache<string>({ entries: 16, bytes: 4096 });
        for (const [key, value] of entries) cache.set(key, value);
        expect(cache.size).toBeLessThanOrEqual(16);
        expect(cache.byteSize).toBeLessThanOrEqual(4096);
        if (entries.length > 0) {
          // The last entry is there, unless alone it is over the bound.
          const [key, value] = entries[entries.length - 1]!;
          if (64 + 2 * key.length + (key === value ? 0 : 2 * value.length) <= 4096) expect(cache.get(key)).toBe(value);
        }
      }),
    );
  });
});

describe('the cache limit setters', () => {
  afterEach(resetAllCaches);

  it.each([
    ['setJidCacheLimit', setJidCacheLimit],
    ['setStringprepCacheLimit', setStringprepCacheLimit],
    ['setPrecisCacheLimit', setPrecisCacheLimit],
  ] as const)('%s takes entries and bytes, and names a wrong one', (name, set) => {
    expect(thrown(TypeError, () => set(-1)).message).toBe(`${name}: entries must be a non-negative integer, got -1`);
    expect(thrown(TypeError, () => set(10, 1.5)).message).toBe(`${name}: bytes must be a non-negative integer, got 1.5`);
    expect(thrown(TypeError, () => set(10, 'x' as never)).message).toBe(`${name}: bytes must be a number, got a string`);
    expect(() => set(10, 4096)).not.toThrow();
  });

  it('a byte limit bounds what parsed JIDs keep', () => {
    setJidCacheLimit(1000, 2048);
    const before = cacheTotals();
    for (let i = 0; i < 100; i++) parseJid(`user${i}@example.com/resource-${i}`);
    const added = cacheTotals().bytes - before.bytes;
    expect(added).toBeGreaterThan(0);
    expect(added).toBeLessThanOrEqual(2048);
  });
});

describe('nothing is cached for a refused input', () => {
  beforeEach(() => {
    resetAllCaches();
    clearJidCache();
  });

  // Each is refused after preparation (in WebAssembly) succeeded: the cases where the prepared
  // string used to be cached before the check.
  it.each([
    ['a resource over 1023 bytes', `juliet@example.com/${'\u0436'.repeat(600)}`, undefined, 'too-long'],
    ['a local part over 1023 bytes', `${'\u0436'.repeat(600)}@example.com`, undefined, 'too-long'],
    ['the same in stored mode', `juliet@example.com/${'\u0436'.repeat(600)}`, { mode: 'stored' as const }, 'too-long'],
    ['a PRECIS resource over 1023 bytes', `juliet@example.com/${'\u0436'.repeat(600)}`, { profile: 'precis' as const }, 'too-long'],
    ['a PRECIS local part with an excluded character', '\u0436\u00e9:x@example.com', { profile: 'precis' as const }, 'disallowed'],
    ['a domain label over 63 octets', `juliet@${CYRILLIC_40}.example`, undefined, 'invalid-domain'],
    ['a domain label that is not LDH after Nameprep', 'juliet@\u0436\uff0f.example', undefined, 'invalid-domain'],
  ])('%s', (_, input, options, reason) => {
    parseJid('warm@example.com', options); // the valid domain may stay cached
    const before = cacheTotals();
    expect(thrown(JidError, () => parseJid(input, options)).reason).toBe(reason);
    expect(cacheTotals()).toEqual(before);
  });

  it('while an accepted one is', () => {
    const before = cacheTotals();
    parseJid(`juliet@example.com/${'\u0436'.repeat(10)}`);
    expect(cacheTotals().entries).toBeGreaterThan(before.entries);
  });
});

describe('memory a peer can make the caches keep', () => {
  it('1,000 refused 256 KiB resources retain under 16 MiB', () => {
    const script = fileURLToPath(new URL('./cache-memory.mjs', import.meta.url));
    const run = spawnSync(process.execPath, ['--expose-gc', script], { encoding: 'utf8', timeout: 120_000 });
    expect(run.status, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout) as { count: number; refused: number; retainedBytes: number };
    expect(report.refused).toBe(report.count);
    expect(report.retainedBytes, run.stdout).toBeLessThan(16 * 1024 * 1024);
  }, 120_000);
});
