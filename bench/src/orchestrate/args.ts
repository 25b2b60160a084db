// Command-line flags of `npm run bench` (after `--`). `--quick` picks small counts for CI; any flag
// given explicitly wins over both the defaults and `--quick`.
import { parseArgs } from 'node:util';

/**
 * A server under test: the baseline relay, or Parley on one of its deployments — one node on
 * SQLite (the embedded default), one node on PostgreSQL, two nodes on PostgreSQL + Redis.
 */
export type TargetName = 'baseline' | 'parley' | 'parley-postgres' | 'parley-cluster';
export const PARLEY_TARGETS = ['parley', 'parley-postgres', 'parley-cluster'] as const;

/** The suite's parts, as `--scenarios` selects them (issue 9's numbering in brackets). */
export type ScenarioName = 'throughput' | 'rate' | 'idle' | 'fanout' | 'history' | 'backends' | 'scaling' | 'memory';
export const SCENARIOS: readonly ScenarioName[] = ['throughput', 'rate', 'idle', 'fanout', 'history', 'backends', 'scaling', 'memory'];

export interface BenchOptions {
  quick: boolean;
  runs: number;
  /** baseline and/or parley: whether the relay is measured beside Parley. */
  targets: ('baseline' | 'parley')[];
  scenarios: ScenarioName[];
  pairs: number;
  window: number;
  warmupMs: number;
  durationMs: number;
  payloadBytes: number;
  /** Parley receivers send `delivered` receipts (the scenario as specified); off to diagnose. */
  receipts: boolean;
  /** Offered rate of the fixed-rate scenario, messages/s over all pairs. */
  rate: number;
  idleConnections: number;
  idleChatSize: number;
  connectConcurrency: number;
  fanoutChats: number;
  fanoutMembers: number;
  fanoutSenders: number;
  /** Members of the fan-out chats send `delivered` receipts (each one an event to every member). */
  fanoutReceipts: boolean;
  historyMessages: number;
  recentChats: number;
  /** Timed requests per history figure (pages, recent-chats lists). */
  historySamples: number;
  memoryMs: number;
  /** One extra profiled throughput run of Parley (SQLite); its top frames go into the report. */
  profile: boolean;
  /** Where report.md and results/ go. */
  outDir: string;
}

export const USAGE = `npm run bench -- [flags]
  --quick                 one run, small counts and short windows: a smoke test for CI (about 1.5 minutes on a quiet machine)
  --runs N                runs per figure; the report shows the median and range (default 3)
  --targets a,b           baseline,parley (default both; PostgreSQL and cluster runs are part of "backends")
  --scenarios a,b         ${SCENARIOS.join(',')} (default all)
  --pairs N               sender/receiver pairs of throughput, rate, backends, memory; N of scaling (default 100; --quick 50)
  --window N              messages in flight per sender (default 10)
  --warmup S              seconds of warm-up before each measured window (default 2; --quick 1)
  --duration S            seconds measured (default 10; --quick 2)
  --payload N             bytes of message text (default 32)
  --no-receipts           Parley receivers send no receipts (a diagnostic, not the scenario)
  --rate N                messages/s offered in the fixed-rate scenario (default 2000)
  --idle N                idle connections; N of scaling (default 10000; --quick 500)
  --idle-chat-size N      members per chat of the idle users (default 10)
  --connect-concurrency N connection attempts in flight (default 100)
  --fanout-chats N        group chats of the fan-out scenario (default 10; --quick 4)
  --fanout-members N      members per group chat (default 50)
  --fanout-senders N      senders per group chat, one message in flight each (default 5)
  --fanout-receipts       fan-out members send delivered receipts too (each is an event to all members: O(members²))
  --history-messages N    messages in the history chat (default 1000000; --quick 100000)
  --recent-chats N        chats of the recent-chats user (default 10000; --quick 1000)
  --history-samples N     timed requests per history figure (default 2000; --quick 300)
  --memory-minutes M      length of the memory run at the fixed rate (default 5; --quick 0.25)
  --profile               one extra profiled Parley throughput run; top frames go into the report
  --out DIR               where report.md and results/latest.json go (default bench/)`;

function list<T extends string>(value: string, allowed: readonly T[], flag: string): T[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  for (const item of items) {
    if (!allowed.includes(item as T)) throw new Error(`${flag}: unknown "${item}" (one of ${allowed.join(', ')})`);
  }
  return items as T[];
}

function positive(value: string | undefined, fallback: number, flag: string): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0) throw new Error(`${flag}: expected a positive number, got "${value}"`);
  return n;
}

const STRING_FLAGS = [
  'runs', 'targets', 'scenarios', 'pairs', 'window', 'warmup', 'duration', 'payload', 'rate', 'idle', 'idle-chat-size',
  'connect-concurrency', 'fanout-chats', 'fanout-members', 'fanout-senders', 'history-messages', 'recent-chats',
  'history-samples', 'memory-minutes', 'out',
] as const;

export function parseBenchArgs(argv: string[]): BenchOptions | 'help' {
  const strings = Object.fromEntries(STRING_FLAGS.map((f) => [f, { type: 'string' as const }]));
  const { values: raw } = parseArgs({
    args: argv,
    strict: true,
    options: {
      ...strings,
      help: { type: 'boolean', short: 'h' },
      quick: { type: 'boolean' },
      'no-receipts': { type: 'boolean' },
      profile: { type: 'boolean' },
      'fanout-receipts': { type: 'boolean' },
    },
  });
  const values = raw as Partial<Record<(typeof STRING_FLAGS)[number], string>> & {
    help?: boolean;
    quick?: boolean;
    'no-receipts'?: boolean;
    profile?: boolean;
    'fanout-receipts'?: boolean;
  };
  if (values.help) return 'help';
  const quick = values.quick ?? false;
  const int = (flag: (typeof STRING_FLAGS)[number], full: number, short: number): number =>
    Math.round(positive(values[flag], quick ? short : full, `--${flag}`));
  return {
    quick,
    runs: int('runs', 3, 1),
    targets: list(values.targets ?? 'baseline,parley', ['baseline', 'parley'] as const, '--targets'),
    scenarios: list(values.scenarios ?? SCENARIOS.join(','), SCENARIOS, '--scenarios'),
    pairs: int('pairs', 100, 50),
    window: int('window', 10, 10),
    warmupMs: positive(values.warmup, quick ? 1 : 2, '--warmup') * 1000,
    durationMs: positive(values.duration, quick ? 2 : 10, '--duration') * 1000,
    payloadBytes: int('payload', 32, 32),
    receipts: !(values['no-receipts'] ?? false),
    rate: int('rate', 2000, 2000),
    idleConnections: int('idle', 10_000, 500),
    idleChatSize: int('idle-chat-size', 10, 10),
    connectConcurrency: int('connect-concurrency', 100, 100),
    fanoutChats: int('fanout-chats', 10, 4),
    fanoutMembers: Math.max(2, int('fanout-members', 50, 50)),
    fanoutSenders: int('fanout-senders', 5, 5),
    fanoutReceipts: values['fanout-receipts'] ?? false,
    historyMessages: Math.max(100, int('history-messages', 1_000_000, 100_000)),
    recentChats: int('recent-chats', 10_000, 1000),
    historySamples: int('history-samples', 2000, 300),
    memoryMs: positive(values['memory-minutes'], quick ? 0.25 : 5, '--memory-minutes') * 60_000,
    profile: values.profile ?? false,
    outDir: values.out ?? 'bench',
  };
}
