// Scenario "group fan-out": C chats of M members; S senders per chat each keep one message in flight,
// from its send until every other member has received it, then send the next. A delivery is one
// member receiving one message; latency is per delivery (send → that member receives it).
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { LatencyHistogram } from './histogram.js';
import type { LatencySummary } from './histogram.js';
import { cpuWindow } from './cpu-window.js';
import type { CpuUse } from './cpu-window.js';

/** One group chat, as a target provides it. */
export interface FanoutChannel {
  /** Members who receive each message (every member but its sender). */
  receivers: number;
  /** One send function per sender of this chat. */
  senders: ((text: string) => void)[];
  /** Set by the scenario; the target calls it once per member (not the sender) per message received. */
  onReceive: (text: string) => void;
}

export interface FanoutOptions {
  warmupMs: number;
  durationMs: number;
  drainMs: number;
  payloadBytes: number;
  serverPids: number[];
  cores: number[];
}

export interface FanoutResult extends CpuUse {
  chats: number;
  members: number;
  senders: number;
  measuredMs: number;
  /** Deliveries (one member receiving one message) during the measured window. */
  deliveries: number;
  deliveriesPerSec: number;
  /** Messages whose every delivery completed during the window, per second. */
  messagesPerSec: number;
  latencyMs: LatencySummary;
  sent: number;
  /** Deliveries expected (sent × receivers) but missing at the end of the drain. */
  undelivered: number;
}

export async function runFanout(chats: FanoutChannel[], opts: FanoutOptions): Promise<FanoutResult> {
  const histogram = new LatencyHistogram();
  const padding = 'x'.repeat(Math.max(0, opts.payloadBytes - 24));
  let phase: 'warmup' | 'measure' | 'drain' = 'warmup';
  const senders = chats.flatMap((chat) => chat.senders.map((send) => ({ send, receivers: chat.receivers })));
  const remaining = senders.map(() => 0);
  let sent = 0;
  let expected = 0;
  let got = 0;
  let deliveries = 0;
  let completed = 0;

  const sendFrom = (g: number): void => {
    const sender = senders[g]!;
    remaining[g] = sender.receivers;
    sent++;
    expected += sender.receivers;
    sender.send(`${performance.now().toFixed(3)} ${g} ${padding}`);
  };

  for (const chat of chats) {
    chat.onReceive = (text) => {
      const now = performance.now();
      got++;
      const space = text.indexOf(' ');
      const g = Number.parseInt(text.slice(space + 1), 10);
      if (phase === 'measure') {
        deliveries++;
        histogram.recordMs(now - Number.parseFloat(text));
      }
      if (--remaining[g]! === 0) {
        if (phase === 'measure') completed++;
        if (phase !== 'drain') sendFrom(g);
      }
    };
  }
  senders.forEach((_, g) => sendFrom(g));

  await sleep(opts.warmupMs);
  phase = 'measure';
  const endWindow = cpuWindow(opts.serverPids, opts.cores);
  await sleep(opts.durationMs);
  phase = 'drain';
  const { wallMs: measuredMs, serverCpuPct, loadCpuPct, otherCpuPct } = endWindow();

  const drainUntil = performance.now() + opts.drainMs;
  while (got < expected && performance.now() < drainUntil) await sleep(20);

  return {
    chats: chats.length,
    members: (chats[0]?.receivers ?? 0) + 1,
    senders: senders.length,
    measuredMs,
    deliveries,
    deliveriesPerSec: (deliveries * 1000) / measuredMs,
    messagesPerSec: (completed * 1000) / measuredMs,
    latencyMs: histogram.summary(),
    sent,
    undelivered: expected - got,
    serverCpuPct,
    loadCpuPct,
    otherCpuPct,
  };
}
