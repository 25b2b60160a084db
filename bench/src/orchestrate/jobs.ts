// Turns the selected scenarios into measuring jobs: which target, which load step, at which size,
// whether it repeats every run (median of the runs) or runs once (the memory run, the profile).
import type { BenchOptions, TargetName } from './args.js';
import type { LoadKind } from './results.js';

/** What a job's set-up creates (users, chats, tokens, seeded history). */
export type SetupKind = 'pairs' | 'idle' | 'fanout' | 'history';

export interface Job {
  target: TargetName;
  kind: LoadKind;
  variant: string;
  setup: SetupKind;
  /** Pairs (pairs set-ups) or connections (idle set-ups): part of the template's identity. */
  size: number;
  /** Repeated in every run; otherwise once, after the runs. */
  everyRun: boolean;
  /** Measured window, when not the usual one. */
  durationMs?: number;
  rssSampleMs?: number;
  /** Extra flags for the server's node (profiling). */
  nodeArgs?: string[];
  /** History set-ups: messages in the big chat, chats of the busy user. */
  history?: { messages: number; chats: number };
}

const SETUP_OF: Record<LoadKind, SetupKind> = { throughput: 'pairs', rate: 'pairs', idle: 'idle', fanout: 'fanout', history: 'history' };

export function jobKey(job: Pick<Job, 'target' | 'kind' | 'variant'>): string {
  return `${job.target}/${job.kind}/${job.variant}`;
}

/** The template (set-up) a job runs on: jobs with the same key share one set-up. */
export function templateKey(job: Job): string {
  return `${job.target}/${job.setup}/${job.size}/${job.history?.messages ?? 0}/${job.history?.chats ?? 0}`;
}

export function planJobs(opts: BenchOptions, profileDir: string): Job[] {
  const jobs = new Map<string, Job>();
  const add = (target: TargetName, kind: LoadKind, variant = '', extra: Partial<Job> = {}): void => {
    const setup = SETUP_OF[kind];
    const size = setup === 'idle' ? opts.idleConnections : setup === 'pairs' ? opts.pairs : 0;
    const job: Job = { target, kind, variant, setup, size, everyRun: true, ...extra };
    if (!jobs.has(jobKey(job))) jobs.set(jobKey(job), job);
  };
  const parley = opts.targets.includes('parley');
  const has = (s: BenchOptions['scenarios'][number]): boolean => opts.scenarios.includes(s);

  for (const target of opts.targets) {
    if (has('throughput')) add(target, 'throughput');
    if (has('rate')) add(target, 'rate');
    if (has('idle')) add(target, 'idle');
    if (has('fanout')) add(target, 'fanout');
    if (has('scaling')) {
      // --quick keeps one doubling of the throughput only (CI time).
      add(target, 'throughput');
      add(target, 'throughput', 'x2', { size: opts.pairs * 2 });
      if (!opts.quick) {
        add(target, 'throughput', 'x4', { size: opts.pairs * 4 });
        add(target, 'idle');
        add(target, 'idle', 'x2', { size: opts.idleConnections * 2 });
      }
    }
  }
  if (parley && has('history')) {
    add('parley', 'history', '', { history: { messages: opts.historyMessages, chats: opts.recentChats } });
    // The growth curve: the same figures on a tenth of the history and of the chats.
    if (has('scaling') && !opts.quick) {
      const tenth = (n: number, least: number): number => Math.max(least, Math.round(n / 10));
      add('parley', 'history', 'tenth', { history: { messages: tenth(opts.historyMessages, 100), chats: tenth(opts.recentChats, 1) } });
    }
  }
  if (parley && has('backends')) {
    add('parley', 'throughput');
    add('parley-postgres', 'throughput');
    add('parley-cluster', 'throughput');
  }
  if (parley && has('memory')) add('parley', 'rate', 'memory', { everyRun: false, durationMs: opts.memoryMs, rssSampleMs: 1000 });
  if (parley && opts.profile) {
    add('parley', 'throughput', 'profile', { everyRun: false, nodeArgs: ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] });
  }
  return [...jobs.values()];
}
