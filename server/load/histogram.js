// Latencies in 10 µs buckets up to 10 s (beyond: the last bucket), for percentiles without
// keeping every sample.
const BUCKET_MS = 0.01;
const BUCKETS = 1_000_000;

export class Histogram {
  constructor() {
    this.counts = new Uint32Array(BUCKETS);
    this.count = 0;
    this.max = 0;
  }

  add(ms) {
    this.counts[Math.min(BUCKETS - 1, Math.max(0, Math.floor(ms / BUCKET_MS)))]++;
    this.count++;
    if (ms > this.max) this.max = ms;
  }

  percentile(p) {
    if (this.count === 0) return NaN;
    const rank = Math.ceil((p / 100) * this.count);
    let seen = 0;
    for (let i = 0; i < BUCKETS; i++) {
      seen += this.counts[i];
      if (seen >= rank) return (i + 1) * BUCKET_MS;
    }
    return this.max;
  }
}
