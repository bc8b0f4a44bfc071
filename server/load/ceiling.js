// The search for the highest offered rate a server holds: up the ladder, then on by half again
// past its last rung until a rate fails (or maxRate), then bisection between the highest rate
// that held and the lowest that failed. `holds(rate)` measures one rate and says whether it held.

/** Resolves to { highestHeld, lowestFailed } (0 when nothing held, null when nothing failed). */
export async function findCeiling(ladder, holds, { maxRate = Infinity, bisect = 3 } = {}) {
  let held = 0;
  let failed = null;
  for (const rate of ladder) {
    if (!(await holds(rate))) {
      failed = rate;
      break;
    }
    held = rate;
  }
  while (failed === null && held > 0 && held < maxRate) {
    const rate = Math.min(maxRate, Math.round(held * 1.5));
    if (await holds(rate)) held = rate;
    else failed = rate;
  }
  // Bisection stops early once the bounds are within 5% (of 1000/s at least).
  for (let i = 0; i < bisect && failed !== null && failed - held > Math.max(held, 1000) * 0.05; i++) {
    const rate = Math.round((held + failed) / 2);
    if (await holds(rate)) held = rate;
    else failed = rate;
  }
  return { highestHeld: held, lowestFailed: failed };
}
