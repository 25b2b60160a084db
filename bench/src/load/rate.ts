// Scenario "fixed rate": a timer offers R messages/s spread round-robin over the pairs, whatever the
// server does (open loop, not window-paced). Each message carries its *scheduled* send time, so a
// server that falls behind shows up as latency rather than as a slower sender (no coordinated
// omission). Warm-up, a measured window, a bounded drain. Optionally samples the server's RSS, which
// is also how the long memory run works.
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import { cpuWindow } from './cpu-window.js';
import type { CpuUse } from './cpu-window.js';
import type { PairChannel } from './pairs.js';
import { RssSampler } from './rss-sampler.js';
import type { RssSummary } from './rss-sampler.js';

export interface RateOptions {
  /** Messages per second offered, over all pairs together. */
  rate: number;
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  payloadBytes: number;
  /** Interval of RSS readings during the measured window. */
  rssSampleMs: number;
  serverPids: number[];
  cores: number[];
}

export interface RateResult extends CpuUse {
  pairs: number;
  offeredPerSec: number;
  /** Messages the timer sent during the measured window, per second (the load side's own pace). */
  sentPerSec: number;
  /** Messages received during the measured window, per second. */
  achievedPerSec: number;
  /**
   * Achieved within ±5% of offered, and every message of the window delivered by the end of the
   * drain. Above offered is not held either: the server was still working off a backlog.
   */
  held: boolean;
  /** Latest a message left the load generator after its scheduled time (ms): the load side's own lag. */
  maxSendLagMs: number;
  /** Scheduled send → peer receives, for the messages scheduled in the measured window. */
  latencyMs: LatencySummary;
  measuredMs: number;
  sent: number;
  received: number;
  /** Scheduled in the window but not received by the end of the drain. */
  undelivered: number;
  rss: RssSummary;
}

/** Messages sent per timer tick at most, so a stalled timer cannot turn into an unbounded burst. */
const MAX_BURST = 2000;

export async function runRate(pairs: PairChannel[], opts: RateOptions): Promise<RateResult> {
  const histogram = new LatencyHistogram();
  const padding = 'x'.repeat(Math.max(0, opts.payloadBytes - 16));
  const intervalMs = 1000 / opts.rate;
  let windowStart = Number.POSITIVE_INFINITY;
  let windowEnd = Number.POSITIVE_INFINITY;
  let sent = 0;
  let received = 0;
  let receivedInWindow = 0;
  let sentInWindow = 0;
  let scheduledInWindow = 0;
  let maxSendLagMs = 0;

  for (const pair of pairs) {
    pair.onReceive = (text) => {
      const now = performance.now();
      received++;
      const scheduled = Number.parseFloat(text);
      if (scheduled >= windowStart && scheduled < windowEnd) {
        histogram.recordMs(now - scheduled);
        scheduledInWindow--;
      }
      if (now >= windowStart && now < windowEnd) receivedInWindow++;
    };
  }

  const t0 = performance.now();
  const measureFrom = t0 + opts.warmupMs;
  const stopAt = measureFrom + opts.durationMs;
  const sampler = new RssSampler(opts.serverPids, opts.rssSampleMs, opts.durationMs);
  let endWindow: (() => CpuUse & { wallMs: number }) | undefined;
  let next = 0;
  // Bounded: the loop ends at `stopAt`, one tick per millisecond at most.
  while (performance.now() < stopAt) {
    const now = performance.now();
    if (endWindow === undefined && now >= measureFrom) {
      windowStart = now;
      endWindow = cpuWindow(opts.serverPids, opts.cores);
      sampler.start();
    }
    const due = Math.min(Math.floor((now - t0) / intervalMs), next + MAX_BURST);
    for (; next < due; next++) {
      const scheduled = t0 + next * intervalMs;
      if (scheduled >= windowStart) {
        sentInWindow++;
        scheduledInWindow++;
      }
      maxSendLagMs = Math.max(maxSendLagMs, now - scheduled);
      pairs[next % pairs.length]!.send(`${scheduled.toFixed(3)} ${padding}`);
      sent++;
    }
    await sleep(1);
  }
  windowEnd = performance.now();
  const cpu = endWindow?.();
  sampler.stop();

  const drainUntil = performance.now() + opts.drainMs;
  while (received < sent && performance.now() < drainUntil) await sleep(20);

  const measuredMs = cpu?.wallMs ?? windowEnd - windowStart;
  const achievedPerSec = (receivedInWindow * 1000) / measuredMs;
  const undelivered = Math.max(0, scheduledInWindow);
  return {
    pairs: pairs.length,
    offeredPerSec: opts.rate,
    sentPerSec: (sentInWindow * 1000) / measuredMs,
    achievedPerSec,
    held: Math.abs(achievedPerSec - opts.rate) <= 0.05 * opts.rate && undelivered === 0,
    maxSendLagMs,
    latencyMs: histogram.summary(),
    measuredMs,
    sent,
    received,
    undelivered,
    rss: sampler.summary(),
    serverCpuPct: cpu?.serverCpuPct ?? 0,
    loadCpuPct: cpu?.loadCpuPct ?? 0,
    otherCpuPct: cpu?.otherCpuPct ?? 0,
  };
}
