// A seeded source of numbers in [0, 1) for the code that takes one (the store's backoff), so that a test's
// jitter is the same on every run. Mulberry32: a few lines of well-known arithmetic, statistically good enough
// for spreading retries, where a library would add a dependency for one function.

export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
