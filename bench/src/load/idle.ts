// Scenario "idle connections": open N connections (authenticated, for Parley), wait until each is
// ready, and measure how fast they opened and how much the server's RSS grew per connection.
import { setTimeout as sleep } from 'node:timers/promises';
import { readRssBytesOf } from './proc-stats.js';
import { cpuWindow } from './cpu-window.js';

export interface Closable {
  close(): void;
}

/** Opens connection number `index`; resolves once the server has declared it ready. */
export type Connector = (index: number) => Promise<Closable>;

export interface IdleOptions {
  connections: number;
  /** Connection attempts in flight at once. */
  concurrency: number;
  /** Pause before each RSS reading, so the server settles (timers, lazy allocations, GC). */
  settleMs: number;
  serverPids: number[];
  cores: number[];
}

export interface IdleResult {
  connections: number;
  failed: number;
  firstError: string;
  connectMs: number;
  connectsPerSec: number;
  rssBeforeBytes: number;
  rssAfterBytes: number;
  bytesPerConnection: number;
  /** CPU use while connecting, in % of one core. */
  serverCpuPct: number;
  loadCpuPct: number;
  otherCpuPct: number;
}

export async function runIdle(connect: Connector, opts: IdleOptions): Promise<IdleResult> {
  await sleep(opts.settleMs);
  const rssBeforeBytes = readRssBytesOf(opts.serverPids);
  const open: Closable[] = [];
  let failed = 0;
  let firstError = '';
  let next = 0;

  const worker = async (): Promise<void> => {
    while (next < opts.connections) {
      const index = next++;
      try {
        open.push(await connect(index));
      } catch (err) {
        failed++;
        firstError ||= err instanceof Error ? err.message : String(err);
      }
    }
  };
  const endWindow = cpuWindow(opts.serverPids, opts.cores);
  await Promise.all(Array.from({ length: Math.min(opts.concurrency, opts.connections) }, worker));
  const { wallMs: connectMs, serverCpuPct, loadCpuPct, otherCpuPct } = endWindow();

  await sleep(opts.settleMs);
  const rssAfterBytes = readRssBytesOf(opts.serverPids);
  for (const c of open) c.close();

  return {
    connections: open.length,
    failed,
    firstError,
    connectMs,
    connectsPerSec: (open.length * 1000) / connectMs,
    rssBeforeBytes,
    rssAfterBytes,
    bytesPerConnection: open.length > 0 ? (rssAfterBytes - rssBeforeBytes) / open.length : 0,
    serverCpuPct,
    loadCpuPct,
    otherCpuPct,
  };
}
