// The load tool's search for the highest rate a server holds, against servers simulated by a
// threshold: the rates it tries, in order, and the bounds it reports.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { findCeiling } from '../load/ceiling.js';

/** A server that holds every rate up to `limit`; records the rates asked for. */
function threshold(limit) {
  const tried = [];
  const holds = async (rate) => {
    tried.push(rate);
    return rate <= limit;
  };
  return { tried, holds };
}

const LADDER = [8000, 16000, 32000, 48000, 64000, 96000];

describe('findCeiling', () => {
  it('climbs past the top rung by half again, then bisects between the bounds', async () => {
    const server = threshold(200_000);
    const bounds = await findCeiling(LADDER, server.holds, { bisect: 3 });
    expect(server.tried).toEqual([...LADDER, 144000, 216000, 180000, 198000, 207000]);
    expect(bounds).toEqual({ highestHeld: 198000, lowestFailed: 207000 });
  });

  it('stops the ladder at its first failing rung and bisects below it', async () => {
    const server = threshold(20_000);
    const bounds = await findCeiling(LADDER, server.holds, { bisect: 2 });
    expect(server.tried).toEqual([8000, 16000, 32000, 24000, 20000]);
    expect(bounds).toEqual({ highestHeld: 20000, lowestFailed: 24000 });
  });

  it('reports no failure when maxRate holds', async () => {
    const server = threshold(Infinity);
    const bounds = await findCeiling([1000, 2000], server.holds, { maxRate: 4000 });
    expect(server.tried).toEqual([1000, 2000, 3000, 4000]);
    expect(bounds).toEqual({ highestHeld: 4000, lowestFailed: null });
  });

  it('reports 0 held when even the first rung fails', async () => {
    const server = threshold(100);
    const bounds = await findCeiling([1000, 2000], server.holds, { bisect: 0 });
    expect(bounds).toEqual({ highestHeld: 0, lowestFailed: 1000 });
  });

  it('always brackets the true limit: held ≤ limit < failed, and never tries a rate twice', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 8000, max: 2_000_000 }), fc.integer({ min: 0, max: 8 }), async (limit, bisect) => {
        const server = threshold(limit);
        const { highestHeld, lowestFailed } = await findCeiling(LADDER, server.holds, { bisect, maxRate: 5_000_000 });
        expect(highestHeld).toBeLessThanOrEqual(limit);
        expect(lowestFailed).toBeGreaterThan(limit);
        expect(new Set(server.tried).size).toBe(server.tried.length);
      }),
    );
  });
});
