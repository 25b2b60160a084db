// Reads another process's memory and CPU time from /proc (Linux only), so the load generator can
// measure the server it drives without asking the server anything.
import { readFileSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

let clockTicks: number | undefined;

function ticksPerSecond(): number {
  if (clockTicks === undefined) {
    try {
      clockTicks = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    } catch {
      clockTicks = 100;
    }
  }
  return clockTicks;
}

/** Resident set size of `pid` in bytes (VmRSS of /proc/<pid>/status). */
export function readRssBytes(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(status);
  if (!match?.[1]) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(match[1]) * 1024;
}

/** User + system CPU time `pid` has used so far, in milliseconds (/proc/<pid>/stat). */
export function readCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  // The command name (field 2) may contain spaces; fields after its closing parenthesis are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  const utime = Number(fields[11]);
  const stime = Number(fields[12]);
  return ((utime + stime) * 1000) / ticksPerSecond();
}

/** CPU time of this process so far, in milliseconds. */
export function ownCpuMs(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
}

/** Percent of one core used between two CPU-time readings `wallMs` apart. */
export function cpuPercent(fromMs: number, toMs: number, wallMs: number): number {
  return wallMs > 0 ? ((toMs - fromMs) / wallMs) * 100 : 0;
}

/**
 * Busy CPU time (everything but idle and iowait) of the given cores since boot, in milliseconds,
 * from /proc/stat. Minus the server's and the load generator's own time, it shows how much other
 * processes on the machine took from the measured cores.
 */
export function readCoresBusyMs(cores: number[]): number {
  const stat = readFileSync('/proc/stat', 'utf8');
  let ticks = 0;
  for (const core of cores) {
    const line = new RegExp(`^cpu${core} (.+)$`, 'm').exec(stat)?.[1];
    if (!line) continue;
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0, steal = 0] = line.trim().split(/\s+/).map(Number);
    ticks += user + nice + system + irq + softirq + steal;
  }
  return (ticks * 1000) / ticksPerSecond();
}

/** Summed RSS of several processes (the nodes of a cluster), in bytes. */
export function readRssBytesOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + readRssBytes(pid), 0);
}

/** Summed CPU time of several processes, in milliseconds. */
export function readCpuMsOf(pids: readonly number[]): number {
  return pids.reduce((sum, pid) => sum + readCpuMs(pid), 0);
}
