// Prepared domains and parsed JIDs, per profile and mode, in bounded caches: servers prepare the
// same addresses over and over.
import { BoundedCache, cacheLimitOf } from '../runtime/bounded-cache.js';
import type { Jid } from './jid.js';
import { isPrecis, type JidOptions } from './options.js';

// Parsed JIDs and prepared domains, one set per mode (a part valid in query mode may be refused
// in stored mode). Local parts and resources rely on the stringprep cache of non-ASCII strings.
// Only what was accepted is cached: a refused input leaves nothing behind.
const JID_OBJECT_BYTES = 96; // the Jid and its fields, an estimate
const jidSize = (jid: Jid): number => JID_OBJECT_BYTES + 2 * (jid.local.length + jid.domain.length + jid.resource.length);
const makeCaches = () => ({ jids: new BoundedCache<Jid>(undefined, jidSize), domains: new BoundedCache<string>() });
const queryCaches = makeCaches();
const storedCaches = makeCaches();
export const precisCaches = makeCaches();
const allCaches = [queryCaches, storedCaches, precisCaches].flatMap((c) => [c.jids, c.domains]);

/**
 * Sets how many parsed JIDs and prepared domains are kept per mode, and how many bytes of
 * strings (256 KiB by default); 0 entries disables these caches.
 */
export function setJidCacheLimit(entries: number, bytes?: number): void {
  const limit = cacheLimitOf('setJidCacheLimit', entries, bytes);
  for (const cache of allCaches) cache.setLimit(limit);
}

export function clearJidCache(): void {
  for (const cache of allCaches) cache.clear();
}

export const cachesFor = (options?: JidOptions) =>
  isPrecis(options) ? precisCaches : options?.mode === 'stored' ? storedCaches : queryCaches;
