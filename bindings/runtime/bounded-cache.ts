// The one cache type of the library (prepared stringprep and PRECIS strings, parsed JIDs,
// prepared domains): bounded both in entries and in bytes, so that what a peer sends cannot make
// it hold more than the bound, however long the strings. Lookups stay a plain Map.get.
import { checkNumber } from './arguments.js';

/** How much one cache may hold: at most `entries` entries and about `bytes` bytes of strings. */
export interface CacheLimit {
  readonly entries: number;
  readonly bytes: number;
}

/** The default of every cache: 1,000 entries and 256 KiB of strings. */
export const DEFAULT_CACHE_LIMIT: CacheLimit = Object.freeze({ entries: 1000, bytes: 256 * 1024 });

/**
 * Entries larger than this (key and value together) are never cached: no identifier is that
 * long, and one entry may not take a large share of the bound.
 */
export const MAX_CACHED_ENTRY_BYTES = 8 * 1024;

// What a Map entry costs beside its strings (the entry, the hash table slot): an estimate.
const ENTRY_OVERHEAD = 64;

/** The bytes a value holds beside its key: a string's UTF-16 units, or what `sizeOf` says. */
export type SizeOf<V> = (value: V, key: string) => number;

const stringSize = (value: unknown, key: string): number => (value === key || typeof value !== 'string' ? 0 : 2 * value.length);

/** Checks a count of a cache limit: a non-negative integer, named in the error. */
function checkCount(where: string, name: string, value: unknown): asserts value is number {
  checkNumber(where, name, value);
  if (!Number.isInteger(value) || value < 0) throw new TypeError(`${where}: ${name} must be a non-negative integer, got ${value}`);
}

/** The limit a `setXCacheLimit(entries, bytes?)` function was given, checked (bytes default to the default). */
export function cacheLimitOf(where: string, entries: unknown, bytes: unknown = DEFAULT_CACHE_LIMIT.bytes): CacheLimit {
  checkCount(where, 'entries', entries);
  checkCount(where, 'bytes', bytes);
  return { entries, bytes };
}

// Every cache made, for cacheTotals().
const allCaches: BoundedCache<unknown>[] = [];

/** @internal What all the caches hold together (for tests). */
export function cacheTotals(): { entries: number; bytes: number } {
  let entries = 0;
  let bytes = 0;
  for (const cache of allCaches) {
    entries += cache.size;
    bytes += cache.byteSize;
  }
  return { entries, bytes };
}

/** A map that keeps at most `limit.entries` entries and `limit.bytes` bytes, dropping the oldest. */
export class BoundedCache<V> {
  private readonly map = new Map<string, V>();
  private bytes = 0;

  constructor(
    private limit: CacheLimit = DEFAULT_CACHE_LIMIT,
    private readonly sizeOf: SizeOf<V> = stringSize,
  ) {
    allCaches.push(this as BoundedCache<unknown>);
  }

  get(key: string): V | undefined {
    return this.map.get(key);
  }

  set(key: string, value: V): void {
    const cost = this.costOf(key, value);
    if (cost > MAX_CACHED_ENTRY_BYTES || cost > this.limit.bytes || this.limit.entries <= 0) return;
    const previous = this.map.get(key);
    if (previous !== undefined) {
      this.bytes -= this.costOf(key, previous);
      this.map.delete(key);
    }
    while (this.map.size >= this.limit.entries || this.bytes + cost > this.limit.bytes) this.dropOldest();
    this.map.set(key, value);
    this.bytes += cost;
  }

  /** Applies a new limit; the entries kept so far are dropped. */
  setLimit(limit: CacheLimit): void {
    this.limit = limit;
    this.clear();
  }

  clear(): void {
    this.map.clear();
    this.bytes = 0;
  }

  get size(): number {
    return this.map.size;
  }

  /** The bytes counted against the limit. */
  get byteSize(): number {
    return this.bytes;
  }

  private costOf(key: string, value: V): number {
    return ENTRY_OVERHEAD + 2 * key.length + this.sizeOf(value, key);
  }

  private dropOldest(): void {
    const oldest = this.map.keys().next().value as string;
    this.bytes -= this.costOf(oldest, this.map.get(oldest) as V);
    this.map.delete(oldest);
  }
}

/** One cache per key 0…count-1 (a profile and mode), all under one limit. */
export class CacheSet<V> {
  private readonly caches: BoundedCache<V>[];

  constructor(count: number) {
    this.caches = Array.from({ length: count }, () => new BoundedCache<V>());
  }

  /** The cache for `key`; a key out of range is a bug of the caller, told as such. */
  at(key: number): BoundedCache<V> {
    const cache = this.caches[key];
    if (cache === undefined) throw new RangeError(`no cache ${key}: there are ${this.caches.length}`);
    return cache;
  }

  setLimit(limit: CacheLimit): void {
    for (const cache of this.caches) cache.setLimit(limit);
  }
}
