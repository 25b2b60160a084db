// CPU pinning with `taskset -c`: the server under test on core 0, the load generator on core 1, so
// the two never compete for a core. `taskset` execs the command, so the spawned pid is the node
// process itself (whose /proc entry the load generator reads).
import { execFileSync } from 'node:child_process';
import { availableParallelism } from 'node:os';

export const SERVER_CPU = 0;
export const LOAD_CPU = 1;

let available: boolean | undefined;

/** True when `taskset` exists and the machine has at least two cores to pin to. */
export function canPin(): boolean {
  if (available === undefined) {
    try {
      execFileSync('taskset', ['-c', '0', 'true'], { stdio: 'ignore' });
      available = availableParallelism() >= 2;
    } catch {
      available = false;
    }
  }
  return available;
}

/** The command line that runs `command` pinned to `cpu`, or unpinned when pinning is impossible. */
export function pinned(cpu: number, command: string[]): string[] {
  return canPin() ? ['taskset', '-c', String(cpu), ...command] : command;
}
