// Turns the run records into bench/report.md: the main table (baseline, Parley, ratio), the targets
// of issue 9, the deployments, the load doubling, the memory run, the profile and the notes.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunRecord } from './results.js';
import type { BenchOptions } from './args.js';
import { mainTable } from './report-main.js';
import type { SummaryRow } from './report-main.js';
import { targetsTable } from './report-targets.js';
import type { TargetVerdict } from './report-targets.js';
import { backendsSection, limitsSection, memorySection, profileSection, scalingSection } from './report-sections.js';
import { notes, scenarioText } from './report-text.js';
import type { ProfileSummary } from '../profile/summarise.js';

export interface Environment {
  date: string;
  commit: string;
  node: string;
  cpuModel: string;
  cores: number;
  pinned: boolean;
  parleyAvailable: boolean;
  /** Wall time of the whole `npm run bench`, seconds. */
  durationSec?: number;
}

export interface ReportInput {
  records: RunRecord[];
  rows: SummaryRow[];
  verdicts: TargetVerdict[];
  profile: ProfileSummary | string | undefined;
  env: Environment;
  opts: BenchOptions;
}

export function renderReport({ records, rows, verdicts, profile, env, opts }: ReportInput): string {
  const observed = notes(records, env, opts);
  const took = env.durationSec === undefined ? '' : ` It took ${Math.round(env.durationSec / 60)} min ${Math.round(env.durationSec % 60)} s.`;
  return [
    '# Parley benchmark report',
    '',
    `Generated ${env.date} by \`npm run bench${opts.quick ? ' -- --quick' : ''}\` at commit \`${env.commit}\`; Node ${env.node}; ${env.cpuModel}, ${env.cores} cores.${took}`,
    '',
    env.pinned
      ? 'The server under test runs as its own process pinned to CPU 0 (`taskset -c 0`); the load generator is a separate process pinned to CPU 1 (`taskset -c 1`), so the two never compete for a core. All traffic is on loopback.'
      : '**Not pinned**: `taskset` or a second core is missing, so server and load generator share the CPUs; figures are not comparable to pinned runs.',
    '',
    `Each figure is the median of ${opts.runs} run${opts.runs === 1 ? '' : 's'}${opts.runs > 1 ? ', with the range (min–max) in brackets' : ''}; every run starts a fresh server. Ratio = Parley ÷ baseline (for latency and memory, lower is better).${opts.quick ? ' **Quick run**: small counts and short windows, a smoke test — not the figures the targets are judged by.' : ''}`,
    '',
    ...mainTable(rows),
    '',
    '## Targets (issue 9)',
    '',
    ...targetsTable(verdicts),
    '',
    '## What limits the figures',
    '',
    ...limitsSection(profile, records),
    '',
    '## Throughput by deployment (6)',
    '',
    ...backendsSection(records),
    '',
    '## As the load doubles (7)',
    '',
    ...scalingSection(records, opts),
    '',
    '## Memory over a longer run',
    '',
    ...memorySection(records, opts),
    '',
    '## Profile: top frames of the server',
    '',
    ...profileSection(profile),
    '',
    '## Scenarios',
    '',
    ...scenarioText(opts),
    '',
    '## Notes',
    '',
    ...(observed.length > 0 ? observed.map((n) => `- ${n}`) : ['- No errors, lost messages or saturated load generator observed.']),
    '',
  ].join('\n');
}

/** The recorded form of a run: `<out>/results/latest.json`, from which the report can be rendered again. */
export interface RecordedRun {
  env: Environment;
  options: BenchOptions;
  summary: SummaryRow[];
  targets: TargetVerdict[];
  profile: ProfileSummary | string | undefined;
  runs: RunRecord[];
}

/** Writes `<outDir>/report.md` and `<outDir>/results/latest.json`; returns the report. */
export function writeReport(outDir: string, input: ReportInput): string {
  const report = renderReport(input);
  mkdirSync(join(outDir, 'results'), { recursive: true });
  writeFileSync(join(outDir, 'report.md'), report);
  const recorded: RecordedRun = { env: input.env, options: input.opts, summary: input.rows, targets: input.verdicts, profile: input.profile, runs: input.records };
  writeFileSync(join(outDir, 'results', 'latest.json'), JSON.stringify(recorded, null, 2) + '\n');
  return report;
}
