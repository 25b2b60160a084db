// The report's sections beyond the main table: throughput per deployment (6), how figures change as
// the load doubles (7), the memory run, and the profile's top frames.
import { resultOf, select } from './results.js';
import type { RunRecord } from './results.js';
import { cell, failure, figure, mib, num, ratio } from './figures.js';
import type { Spread } from './stats.js';
import type { BenchOptions, TargetName } from './args.js';
import type { ProfileSummary } from '../profile/summarise.js';

const DEPLOYMENTS: { target: TargetName; title: string }[] = [
  { target: 'baseline', title: 'baseline relay' },
  { target: 'parley', title: 'Parley 1 node, SQLite' },
  { target: 'parley-postgres', title: 'Parley 1 node, PostgreSQL' },
  { target: 'parley-cluster', title: 'Parley 2 nodes, PostgreSQL + Redis' },
];

const tp = (r: RunRecord) => resultOf(r, 'throughput');

export function backendsSection(records: readonly RunRecord[]): string[] {
  const rows: { label: string; digits: number; pick: (r: RunRecord) => number | undefined }[] = [
    { label: 'delivered msgs/s', digits: 0, pick: (r) => tp(r)?.msgsPerSec },
    { label: 'latency p50 (ms)', digits: 2, pick: (r) => tp(r)?.latencyMs.p50 },
    { label: 'latency p99 (ms)', digits: 2, pick: (r) => tp(r)?.latencyMs.p99 },
    { label: 'latency p999 (ms)', digits: 2, pick: (r) => tp(r)?.latencyMs.p999 },
    { label: 'server CPU, all nodes (% of core 0)', digits: 0, pick: (r) => tp(r)?.serverCpuPct },
    { label: 'other processes on cores 0–1 (%, PostgreSQL and Redis included)', digits: 0, pick: (r) => tp(r)?.otherCpuPct },
  ];
  const cellOf = (target: TargetName, s: Spread | undefined, digits: number): string => {
    if (s) return cell(s, digits);
    const why = failure(records, target, 'throughput');
    return why?.startsWith('not available') ? 'not available' : why ? 'failed' : '—';
  };
  const base = figure(records, 'baseline', 'throughput', '', rows[0]!.pick);
  const out = [
    `| throughput | ${DEPLOYMENTS.map((d) => d.title).join(' | ')} |`,
    `| --- |${DEPLOYMENTS.map(() => ' ---: |').join('')}`,
    ...rows.map((row) => `| ${row.label} | ${DEPLOYMENTS.map((d) => cellOf(d.target, figure(records, d.target, 'throughput', '', row.pick), row.digits)).join(' | ')} |`),
    `| msgs/s ÷ baseline | ${DEPLOYMENTS.map((d) => {
      const r = ratio(figure(records, d.target, 'throughput', '', rows[0]!.pick), base);
      return r === undefined ? '—' : `${num(r, 2)}×`;
    }).join(' | ')} |`,
  ];
  for (const d of DEPLOYMENTS) {
    const why = failure(records, d.target, 'throughput');
    if (why?.startsWith('not available')) out.push('', `${d.title}: ${why}.`);
  }
  return out;
}

/** Growth of a figure from the N row: value ÷ value at N. */
function growth(s: Spread | undefined, at1: Spread | undefined): string {
  const r = ratio(s, at1);
  return r === undefined ? '—' : `${num(r, 2)}×`;
}

export function scalingSection(records: readonly RunRecord[], opts: BenchOptions): string[] {
  const steps = [
    { variant: '', factor: 1 },
    { variant: 'x2', factor: 2 },
    { variant: 'x4', factor: 4 },
  ];
  const msgs = (r: RunRecord) => tp(r)?.msgsPerSec;
  const p99 = (r: RunRecord) => tp(r)?.latencyMs.p99;
  const cpu = (r: RunRecord) => tp(r)?.serverCpuPct;
  const at = (target: TargetName, variant: string, pick: (r: RunRecord) => number | undefined) => figure(records, target, 'throughput', variant, pick);
  // Rows of sizes this run measured (--quick leaves some out).
  const measured = (variant: string, kind: 'throughput' | 'idle') => records.some((r) => r.kind === kind && r.variant === variant);
  const out = [
    `Throughput with ${opts.window} messages in flight per sender (load doubles with the pairs). Growth is relative to the first row; at saturation a flat msgs/s and a p99 growing with the load (Little's law: twice the messages in flight, twice the wait) are linear; msgs/s falling or p99 growing faster than the load are worse than linear.`,
    '',
    '| pairs | baseline msgs/s | Parley msgs/s | ratio | Parley msgs/s growth | Parley p99 (ms) | Parley p99 growth | Parley server CPU (%) |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...steps.filter(({ variant }) => measured(variant, 'throughput')).map(({ variant, factor }) => {
      const b = at('baseline', variant, msgs);
      const p = at('parley', variant, msgs);
      return `| ${num(opts.pairs * factor, 0)} | ${cell(b, 0)} | ${cell(p, 0)} | ${growth(p, b)} | ${growth(p, at('parley', '', msgs))} | ${cell(at('parley', variant, p99), 2)} | ${growth(at('parley', variant, p99), at('parley', '', p99))} | ${cell(at('parley', variant, cpu), 0)} |`;
    }),
  ];
  const idleRows = steps.slice(0, 2).filter(({ variant }) => measured(variant, 'idle'));
  if (idleRows.length > 0) out.push(
    '',
    '| idle connections | baseline bytes/conn | Parley bytes/conn | Parley bytes/conn growth | baseline connects/s | Parley connects/s | Parley connects/s growth |',
    '| ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...idleRows.map(({ variant, factor }) => {
      const bytes = (target: TargetName, v: string) => figure(records, target, 'idle', v, (r) => resultOf(r, 'idle')?.bytesPerConnection);
      const rate = (target: TargetName, v: string) => figure(records, target, 'idle', v, (r) => resultOf(r, 'idle')?.connectsPerSec);
      return `| ${num(opts.idleConnections * factor, 0)} | ${cell(bytes('baseline', variant), 0)} | ${cell(bytes('parley', variant), 0)} | ${growth(bytes('parley', variant), bytes('parley', ''))} | ${cell(rate('baseline', variant), 0)} | ${cell(rate('parley', variant), 0)} | ${growth(rate('parley', variant), rate('parley', ''))} |`;
    }),
  );
  const hist = (variant: string, pick: (r: RunRecord) => number | undefined) => figure(records, 'parley', 'history', variant, pick);
  const sizes = (variant: string) => select(records, 'parley', 'history', variant).map((r) => resultOf(r, 'history')).find(Boolean);
  const small = sizes('tenth');
  const big = sizes('');
  if (small && big) {
    const page = (r: RunRecord) => resultOf(r, 'history')?.page.latencyMs.p99;
    const recent = (r: RunRecord) => resultOf(r, 'history')?.recent.latencyMs.p99;
    out.push(
      '',
      '| history (Parley, SQLite) | messages in the chat | page p99 (ms) | chats of the user | recent-chats p99 (ms) |',
      '| --- | ---: | ---: | ---: | ---: |',
      `| a tenth | ${num(small.messages, 0)} | ${cell(hist('tenth', page), 2)} | ${num(small.recentChats, 0)} | ${cell(hist('tenth', recent), 2)} |`,
      `| full | ${num(big.messages, 0)} | ${cell(hist('', page), 2)} | ${num(big.recentChats, 0)} | ${cell(hist('', recent), 2)} |`,
      `| growth for 10× the data | | ${growth(hist('', page), hist('tenth', page))} | | ${growth(hist('', recent), hist('tenth', recent))} |`,
    );
  }
  return out;
}

export function memorySection(records: readonly RunRecord[], opts: BenchOptions): string[] {
  const record = select(records, 'parley', 'rate', 'memory')[0];
  if (!record) return ['Not run.'];
  const r = resultOf(record, 'rate');
  if (!r) return [`Failed: ${'error' in record ? record.error.split('\n')[0] : 'no result'}`];
  const minutes = r.measuredMs / 60_000;
  const curve = r.rss.samples.filter((_, k, all) => k % Math.max(1, Math.ceil(all.length / 10)) === 0 || k === all.length - 1);
  return [
    `Parley (1 node, SQLite) at the fixed rate of ${num(opts.rate, 0)} msgs/s over the same ${num(opts.pairs, 0)} pairs for ${num(minutes, 1)} minutes, server RSS read every second (after a ${opts.warmupMs / 1000} s warm-up).`,
    '',
    '| figure | value |',
    '| --- | ---: |',
    `| RSS at the start of the window (MiB) | ${num(mib(r.rss.startBytes), 1)} |`,
    `| peak RSS (MiB) | ${num(mib(r.rss.peakBytes), 1)} |`,
    `| RSS at the end (MiB) | ${num(mib(r.rss.endBytes), 1)} |`,
    `| growth, end − start (MiB) | ${num(mib(r.rss.growthBytes), 1)} |`,
    `| growth, least-squares slope (MiB per minute) | ${num(mib(r.rss.slopeBytesPerMin), 2)} |`,
    `| achieved ÷ offered (%) | ${num((100 * r.achievedPerSec) / r.offeredPerSec, 1)} |`,
    `| latency p99 / p999 over the run (ms) | ${num(r.latencyMs.p99, 2)} / ${num(r.latencyMs.p999, 2)} |`,
    '',
    `RSS curve (MiB at minute): ${curve.map((s) => `${num(mib(s.bytes), 0)} @ ${num(s.atMs / 60_000, 1)}`).join(', ')}.`,
  ];
}

export function profileSection(profile: ProfileSummary | string | undefined): string[] {
  if (profile === undefined) return ['Not run here: `npm run bench -- --profile` adds one profiled Parley throughput run (`node --cpu-prof`) and lists its top frames in this place.'];
  if (typeof profile === 'string') return [`The profiled run gave no profile: ${profile}`];
  return [
    `One extra throughput run of Parley (1 node, SQLite) under \`node --cpu-prof\`; ${num(profile.sampledSeconds, 1)} s sampled over the server's whole life (start-up included), ${num(profile.idleSeconds, 1)} s of it idle.`,
    '',
    'Where the busy time goes — inclusive time (a function and all it called), share of the non-idle time; the event loop\'s own frames left out:',
    '',
    '| % | function |',
    '| ---: | --- |',
    ...profile.inclusive.slice(0, 25).map((f) => `| ${num(f.pct, 1)} | \`${f.name}\` |`),
    '',
    'Self time, share of all sampled time:',
    '',
    '| % | function |',
    '| ---: | --- |',
    ...profile.functions.slice(0, 20).map((f) => `| ${num(f.pct, 1)} | \`${f.name}\` |`),
    '',
    '| % | file / package |',
    '| ---: | --- |',
    ...profile.files.slice(0, 12).map((f) => `| ${num(f.pct, 1)} | \`${f.name}\` |`),
  ];
}

/** The stages of a message's way through the server, as frames of the profile (inclusive time). */
const STAGES: { stage: string; frame: RegExp }[] = [
  { stage: 'group commit in SQLite: statements, commit and fsync (blocks the event loop)', frame: /^sqliteTransaction better-sqlite3\// },
  { stage: '… of which the statements (the rest is the commit: WAL writes, fsync, checkpoints)', frame: /^#append packages\/server\/src\/store\/sqlite\/append-statements\.ts/ },
  { stage: 'reading and parsing client frames (ws receiver)', frame: /^receiverOnMessage ws\/lib\/websocket\.js/ },
  { stage: 'a send in the domain up to its commit: validation, access, body hash', frame: /^send packages\/server\/src\/domain\/messages\/index\.ts/ },
  { stage: 'a send after its commit: the event, the after-commit rules', frame: /^doSend packages\/server\/src\/domain\/messages\/index\.ts/ },
  { stage: 'publishing an event to the sockets (dispatcher → bus → gateway)', frame: /^chat packages\/server\/src\/events\/dispatcher\.ts/ },
  { stage: 'writing frames to sockets (one writev per socket and tick)', frame: /^Writable\.uncork node:internal\/streams\/writable/ },
  { stage: 'garbage collection', frame: /^\(garbage collector\)/ },
];

/**
 * What limits the figures: where the profiled run's busy time went, stage by stage, and how busy the
 * server's core was in the throughput windows. A stage can contain another (a send waits for its commit).
 */
export function limitsSection(profile: ProfileSummary | string | undefined, records: readonly RunRecord[]): string[] {
  const cpu = figure(records, 'parley', 'throughput', '', (r) => resultOf(r, 'throughput')?.serverCpuPct);
  const busy = cpu ? `During the throughput windows the server used ${num(cpu.median, 0)}% of its core` : 'The server CPU of the throughput windows was not measured';
  const lines = [`${busy}: at or near 100% the figures are bounded by the server's CPU, not by waiting.`];
  if (profile === undefined || typeof profile === 'string') return [...lines, '', 'Run with `--profile` to see where that CPU goes.'];
  lines.push('', 'Where the busy time of the profiled run went (inclusive: a stage with all it called; stages overlap where one calls another):', '', '| % of busy time | stage | frame |', '| ---: | --- | --- |');
  for (const { stage, frame } of STAGES) {
    const hit = profile.inclusive.find((f) => frame.test(f.name));
    lines.push(`| ${hit ? num(hit.pct, 1) : '—'} | ${stage} | ${hit ? `\`${hit.name}\`` : 'not among the top frames'} |`);
  }
  return lines;
}
