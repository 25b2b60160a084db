// Samples the server's RSS on a timer during a measured window: its peak, and how it grew (end minus
// start, and the least-squares slope per minute, which one late GC cannot fake).
import { performance } from 'node:perf_hooks';
import { readRssBytesOf } from './proc-stats.js';

export interface RssSample {
  /** Since the window started, ms. */
  atMs: number;
  bytes: number;
}

export interface RssSummary {
  startBytes: number;
  peakBytes: number;
  endBytes: number;
  /** End minus start. */
  growthBytes: number;
  /** Least-squares slope over every sample, bytes per minute. */
  slopeBytesPerMin: number;
  /** At most MAX_KEPT samples, evenly thinned. */
  samples: RssSample[];
}

const MAX_KEPT = 120;

export class RssSampler {
  readonly #samples: RssSample[] = [];
  #timer: NodeJS.Timeout | undefined;
  #t0 = 0;
  readonly #intervalMs: number;

  constructor(
    private readonly pids: number[],
    intervalMs: number,
    /** Length of the window: the interval widens so that at most 10,000 samples are taken. */
    windowMs: number,
  ) {
    this.#intervalMs = Math.max(intervalMs, windowMs / 10_000, 50);
  }

  start(): void {
    this.#t0 = performance.now();
    this.#take();
    this.#timer = setInterval(() => this.#take(), this.#intervalMs);
  }

  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    if (this.#t0 > 0) this.#take();
  }

  summary(): RssSummary {
    const s = this.#samples;
    if (s.length === 0) return { startBytes: 0, peakBytes: 0, endBytes: 0, growthBytes: 0, slopeBytesPerMin: 0, samples: [] };
    const startBytes = s[0]!.bytes;
    const endBytes = s[s.length - 1]!.bytes;
    const step = Math.max(1, Math.ceil(s.length / MAX_KEPT));
    return {
      startBytes,
      peakBytes: s.reduce((max, x) => Math.max(max, x.bytes), 0),
      endBytes,
      growthBytes: endBytes - startBytes,
      slopeBytesPerMin: slope(s) * 60_000,
      samples: s.filter((_, i) => i % step === 0 || i === s.length - 1),
    };
  }

  #take(): void {
    try {
      this.#samples.push({ atMs: performance.now() - this.#t0, bytes: readRssBytesOf(this.pids) });
    } catch {
      // The server exited; the run reports that through its own errors.
    }
  }
}

/** Least-squares slope of bytes over time, bytes per ms. */
export function slope(samples: readonly RssSample[]): number {
  const n = samples.length;
  if (n < 2) return 0;
  const mx = samples.reduce((a, x) => a + x.atMs, 0) / n;
  const my = samples.reduce((a, x) => a + x.bytes, 0) / n;
  let num = 0;
  let den = 0;
  for (const x of samples) {
    num += (x.atMs - mx) * (x.bytes - my);
    den += (x.atMs - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}
