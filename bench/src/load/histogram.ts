// Latency histogram of the load generator. Backed by HdrHistogram (`hdr-histogram-js`) rather than a
// sorted array of samples: recording is O(1) with no allocation on the load generator's hot path, and
// memory stays fixed however many messages a run delivers (a 5-minute run at 100k msgs/s would hold
// 30M samples in an array). The price is a bounded relative error of 0.1% (3 significant digits),
// far below the run-to-run spread of a benchmark.
import { build } from 'hdr-histogram-js';
import type { Histogram } from 'hdr-histogram-js';

/** Percentiles in milliseconds, as they appear in reports. */
export interface LatencySummary {
  count: number;
  p50: number;
  p99: number;
  p999: number;
  max: number;
  mean: number;
}

/** Latencies are recorded in microseconds, from 1 µs to 60 s; larger values are clamped. */
const HIGHEST_US = 60_000_000;

export class LatencyHistogram {
  readonly #h: Histogram;

  constructor() {
    this.#h = build({
      lowestDiscernibleValue: 1,
      highestTrackableValue: HIGHEST_US,
      numberOfSignificantValueDigits: 3,
      autoResize: false,
    });
  }

  /** Records one latency given in milliseconds (fractions allowed). */
  recordMs(ms: number): void {
    const us = Math.round(ms * 1000);
    this.#h.recordValue(us < 1 ? 1 : us > HIGHEST_US ? HIGHEST_US : us);
  }

  get count(): number {
    return this.#h.totalCount;
  }

  /** The latency in milliseconds at or below which `percentile` % of the samples lie. */
  percentileMs(percentile: number): number {
    return this.#h.totalCount === 0 ? 0 : this.#h.getValueAtPercentile(percentile) / 1000;
  }

  summary(): LatencySummary {
    const empty = this.#h.totalCount === 0;
    return {
      count: this.#h.totalCount,
      p50: this.percentileMs(50),
      p99: this.percentileMs(99),
      p999: this.percentileMs(99.9),
      max: empty ? 0 : this.#h.maxValue / 1000,
      mean: empty ? 0 : this.#h.mean / 1000,
    };
  }
}
