// The main table: every scenario's figures for the baseline relay and Parley (one node, SQLite),
// measured in the same run, with their ratio.
import { resultOf } from './results.js';
import type { LoadKind, RunRecord } from './results.js';
import { cell, figure, mib, num, ratio } from './figures.js';
import type { Spread } from './stats.js';

export interface Metric {
  kind: LoadKind;
  label: string;
  digits: number;
  /** Informational rows (CPU use) explain the others; their ratio is not a score. */
  informational?: boolean;
  pick: (record: RunRecord) => number | undefined;
}

const t = (r: RunRecord) => resultOf(r, 'throughput');
const f = (r: RunRecord) => resultOf(r, 'rate');
const i = (r: RunRecord) => resultOf(r, 'idle');
const g = (r: RunRecord) => resultOf(r, 'fanout');
const h = (r: RunRecord) => resultOf(r, 'history');

export const METRICS: Metric[] = [
  { kind: 'throughput', label: 'throughput: delivered msgs/s', digits: 0, pick: (r) => t(r)?.msgsPerSec },
  { kind: 'throughput', label: 'throughput: latency p50 (ms)', digits: 2, pick: (r) => t(r)?.latencyMs.p50 },
  { kind: 'throughput', label: 'throughput: latency p99 (ms)', digits: 2, pick: (r) => t(r)?.latencyMs.p99 },
  { kind: 'throughput', label: 'throughput: latency p999 (ms)', digits: 2, pick: (r) => t(r)?.latencyMs.p999 },
  { kind: 'throughput', label: 'throughput: server CPU (% of its core)', digits: 0, informational: true, pick: (r) => t(r)?.serverCpuPct },
  { kind: 'throughput', label: 'throughput: load generator CPU (% of its core)', digits: 0, informational: true, pick: (r) => t(r)?.loadCpuPct },
  { kind: 'throughput', label: 'throughput: other processes on cores 0–1 (% of a core)', digits: 0, informational: true, pick: (r) => t(r)?.otherCpuPct },
  { kind: 'rate', label: 'fixed rate: achieved msgs/s', digits: 0, pick: (r) => f(r)?.achievedPerSec },
  { kind: 'rate', label: 'fixed rate: achieved ÷ offered (%)', digits: 1, pick: (r) => (f(r) ? (100 * f(r)!.achievedPerSec) / f(r)!.offeredPerSec : undefined) },
  { kind: 'rate', label: 'fixed rate: latency p50 (ms)', digits: 2, pick: (r) => f(r)?.latencyMs.p50 },
  { kind: 'rate', label: 'fixed rate: latency p99 (ms)', digits: 2, pick: (r) => f(r)?.latencyMs.p99 },
  { kind: 'rate', label: 'fixed rate: latency p999 (ms)', digits: 2, pick: (r) => f(r)?.latencyMs.p999 },
  { kind: 'rate', label: 'fixed rate: undelivered at the end of the drain', digits: 0, pick: (r) => f(r)?.undelivered },
  { kind: 'rate', label: 'fixed rate: server peak RSS (MiB)', digits: 1, pick: (r) => (f(r) ? mib(f(r)!.rss.peakBytes) : undefined) },
  { kind: 'rate', label: 'fixed rate: server CPU (%)', digits: 0, informational: true, pick: (r) => f(r)?.serverCpuPct },
  { kind: 'rate', label: 'fixed rate: latest send behind schedule, load side (ms)', digits: 1, informational: true, pick: (r) => f(r)?.maxSendLagMs },
  { kind: 'rate', label: 'fixed rate: other processes on cores 0–1 (%)', digits: 0, informational: true, pick: (r) => f(r)?.otherCpuPct },
  { kind: 'idle', label: 'idle: server RSS per connection (bytes)', digits: 0, pick: (r) => i(r)?.bytesPerConnection },
  { kind: 'idle', label: 'idle: connects/s', digits: 0, pick: (r) => i(r)?.connectsPerSec },
  { kind: 'idle', label: 'idle: server CPU while connecting (%)', digits: 0, informational: true, pick: (r) => i(r)?.serverCpuPct },
  { kind: 'idle', label: 'idle: load generator CPU while connecting (%)', digits: 0, informational: true, pick: (r) => i(r)?.loadCpuPct },
  { kind: 'idle', label: 'idle: other processes on cores 0–1 while connecting (%)', digits: 0, informational: true, pick: (r) => i(r)?.otherCpuPct },
  { kind: 'fanout', label: 'fan-out: deliveries/s', digits: 0, pick: (r) => g(r)?.deliveriesPerSec },
  { kind: 'fanout', label: 'fan-out: messages/s (all members reached)', digits: 0, pick: (r) => g(r)?.messagesPerSec },
  { kind: 'fanout', label: 'fan-out: latency p50 (ms)', digits: 2, pick: (r) => g(r)?.latencyMs.p50 },
  { kind: 'fanout', label: 'fan-out: latency p99 (ms)', digits: 2, pick: (r) => g(r)?.latencyMs.p99 },
  { kind: 'fanout', label: 'fan-out: latency p999 (ms)', digits: 2, pick: (r) => g(r)?.latencyMs.p999 },
  { kind: 'fanout', label: 'fan-out: server CPU (%)', digits: 0, informational: true, pick: (r) => g(r)?.serverCpuPct },
  { kind: 'fanout', label: 'fan-out: load generator CPU (%)', digits: 0, informational: true, pick: (r) => g(r)?.loadCpuPct },
  { kind: 'fanout', label: 'fan-out: other processes on cores 0–1 (%)', digits: 0, informational: true, pick: (r) => g(r)?.otherCpuPct },
  { kind: 'history', label: 'history: page of 50, p50 (ms)', digits: 2, pick: (r) => h(r)?.page.latencyMs.p50 },
  { kind: 'history', label: 'history: page of 50, p99 (ms)', digits: 2, pick: (r) => h(r)?.page.latencyMs.p99 },
  { kind: 'history', label: 'history: page of 50, p999 (ms)', digits: 2, pick: (r) => h(r)?.page.latencyMs.p999 },
  { kind: 'history', label: 'history: server CPU while paging (%)', digits: 0, informational: true, pick: (r) => h(r)?.page.serverCpuPct },
  { kind: 'history', label: 'history: recent-chats list, p50 (ms)', digits: 2, pick: (r) => h(r)?.recent.latencyMs.p50 },
  { kind: 'history', label: 'history: recent-chats list, p99 (ms)', digits: 2, pick: (r) => h(r)?.recent.latencyMs.p99 },
  { kind: 'history', label: 'history: other processes on cores 0–1 while paging (%)', digits: 0, informational: true, pick: (r) => h(r)?.page.otherCpuPct },
];

export interface SummaryRow {
  label: string;
  informational: boolean;
  baseline?: Spread;
  parley?: Spread;
  /** Parley's median ÷ the baseline's. */
  ratio?: number;
}

export function summarise(records: readonly RunRecord[], kinds: ReadonlySet<LoadKind>): SummaryRow[] {
  return METRICS.filter((m) => kinds.has(m.kind)).map((m) => {
    const baseline = figure(records, 'baseline', m.kind, '', m.pick);
    const parley = figure(records, 'parley', m.kind, '', m.pick);
    return { label: m.label, informational: m.informational ?? false, baseline, parley, ratio: ratio(parley, baseline) };
  });
}

export function mainTable(rows: readonly SummaryRow[]): string[] {
  const digitsOf = new Map(METRICS.map((m) => [m.label, m.digits]));
  return [
    '| scenario | baseline (bare `ws` relay) | Parley (1 node, SQLite) | ratio |',
    '| --- | ---: | ---: | ---: |',
    ...rows.map((row) => {
      const digits = digitsOf.get(row.label) ?? 0;
      const r = row.ratio === undefined ? '—' : `${num(row.ratio, 2)}×${row.informational ? ' (info)' : ''}`;
      const base = row.label.startsWith('history') ? 'n/a (keeps nothing)' : cell(row.baseline, digits);
      return `| ${row.label} | ${base} | ${cell(row.parley, digits)} | ${r} |`;
    }),
  ];
}
