// The CPU each side used during a measured window: the server(s) under test, this load generator,
// and whatever else ran on the two measured cores (a disturbance the report flags).
import { performance } from 'node:perf_hooks';
import { cpuPercent, ownCpuMs, readCoresBusyMs, readCpuMsOf } from './proc-stats.js';

export interface CpuUse {
  /** % of one core; with two nodes, their sum. */
  serverCpuPct: number;
  loadCpuPct: number;
  /** CPU that other processes on the machine took from the two measured cores (% of one core). */
  otherCpuPct: number;
}

/** Starts a window now; the returned function ends it and gives the CPU use and its length. */
export function cpuWindow(serverPids: readonly number[], cores: number[]): () => CpuUse & { wallMs: number } {
  const start = performance.now();
  const server0 = readCpuMsOf(serverPids);
  const load0 = ownCpuMs();
  const busy0 = readCoresBusyMs(cores);
  return () => {
    const wallMs = performance.now() - start;
    const serverCpuPct = cpuPercent(server0, readCpuMsOf(serverPids), wallMs);
    const loadCpuPct = cpuPercent(load0, ownCpuMs(), wallMs);
    const otherCpuPct = Math.max(0, cpuPercent(busy0, readCoresBusyMs(cores), wallMs) - serverCpuPct - loadCpuPct);
    return { serverCpuPct, loadCpuPct, otherCpuPct, wallMs };
  };
}
