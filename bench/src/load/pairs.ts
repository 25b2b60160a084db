// Scenario "throughput": N pairs of users, each sender keeps a window of W messages in flight (from
// send until the peer receives it) and sends a new one for each delivery. Warm-up, then a measured
// window, then a bounded drain. The send time travels in the message text, so latency is measured
// end to end on the load generator's own clock (sender and receiver live in this process).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import { cpuWindow } from './cpu-window.js';

/** One sender → receiver channel, as a target (baseline relay or Parley) provides it. */
export interface PairChannel {
  /** Sends one message with this text from the pair's sender to its receiver. */
  send(text: string): void;
  /** Set by the scenario; the target calls it with the text of every message the receiver gets. */
  onReceive: (text: string) => void;
}

export interface ThroughputOptions {
  window: number;
  warmupMs: number;
  durationMs: number;
  /** After the measured window, wait at most this long for messages still in flight. */
  drainMs: number;
  /** Length of each message text (the timestamp plus padding). */
  payloadBytes: number;
  /** The server processes, for their CPU use during the measured window. */
  serverPids: number[];
  /** The cores server and load generator are pinned to. */
  cores: number[];
}

export interface ThroughputResult {
  pairs: number;
  window: number;
  measuredMs: number;
  /** Messages received by a peer during the measured window. */
  delivered: number;
  msgsPerSec: number;
  latencyMs: LatencySummary;
  sent: number;
  received: number;
  /** Sent but not received by the end of the drain: lost or still queued. */
  undelivered: number;
  serverCpuPct: number;
  loadCpuPct: number;
  /** CPU that other processes on the machine took from the two measured cores (% of one core). */
  otherCpuPct: number;
}

function messageText(padding: string): string {
  return `${performance.now().toFixed(3)} ${padding}`;
}

export async function runThroughput(pairs: PairChannel[], opts: ThroughputOptions): Promise<ThroughputResult> {
  const histogram = new LatencyHistogram();
  const padding = 'x'.repeat(Math.max(0, opts.payloadBytes - 16));
  let phase: 'warmup' | 'measure' | 'drain' = 'warmup';
  let sent = 0;
  let received = 0;
  let delivered = 0;

  for (const pair of pairs) {
    pair.onReceive = (text) => {
      const now = performance.now();
      received++;
      if (phase === 'drain') return;
      if (phase === 'measure') {
        delivered++;
        histogram.recordMs(now - Number.parseFloat(text));
      }
      sent++;
      pair.send(messageText(padding));
    };
  }
  for (const pair of pairs) {
    for (let i = 0; i < opts.window; i++) {
      sent++;
      pair.send(messageText(padding));
    }
  }

  await sleep(opts.warmupMs);
  phase = 'measure';
  const endWindow = cpuWindow(opts.serverPids, opts.cores);
  await sleep(opts.durationMs);
  phase = 'drain';
  const { wallMs: measuredMs, serverCpuPct, loadCpuPct, otherCpuPct } = endWindow();

  const drainUntil = performance.now() + opts.drainMs;
  while (received < sent && performance.now() < drainUntil) await sleep(20);

  return {
    pairs: pairs.length,
    window: opts.window,
    measuredMs,
    delivered,
    msgsPerSec: (delivered * 1000) / measuredMs,
    latencyMs: histogram.summary(),
    sent,
    received,
    undelivered: sent - received,
    serverCpuPct,
    loadCpuPct,
    otherCpuPct,
  };
}
