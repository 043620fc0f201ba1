// How much each measurement repeats: `--quick` keeps a development run to about a minute on a busy machine.

export interface BenchConfig {
  readonly quick: boolean;
  /** Synths of each app, interleaved full/bare. */
  readonly synthRuns: number;
  /** Untimed synths of each app first, so that tsx's transform cache and the disk cache are warm for all. */
  readonly synthWarmUps: number;
  /** Fresh processes per bundle, interleaved with the empty handler's. */
  readonly coldStartRuns: number;
  /** Runs per operation and path, interleaved sandbox, handler in-process, direct. */
  readonly throughputRuns: number;
  readonly throughputSeconds: number;
  /** Requests in flight at once, the same on both paths. */
  readonly throughputConnections: number;
  readonly loadSeconds: number;
  readonly loadConnections: number;
  /** Timed passes over the NLU evaluation set, after one untimed warm-up pass. */
  readonly nluPasses: number;
}

export function benchConfig(quick: boolean): BenchConfig {
  return quick
    ? {
        quick,
        synthRuns: 2,
        synthWarmUps: 0,
        coldStartRuns: 3,
        throughputRuns: 1,
        throughputSeconds: 2,
        throughputConnections: 10,
        loadSeconds: 5,
        loadConnections: 50,
        nluPasses: 3,
      }
    : {
        quick,
        synthRuns: 5,
        synthWarmUps: 1,
        coldStartRuns: 9,
        throughputRuns: 5,
        throughputSeconds: 5,
        throughputConnections: 10,
        loadSeconds: 30,
        loadConnections: 50,
        nluPasses: 15,
      };
}
