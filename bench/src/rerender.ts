// Writes bench/report.md again from bench/results/latest.json, without measuring: for a change to the
// report's layout, or a profile summarised anew. The figures stay those of the recorded run.
//   node --conditions=source --import tsx bench/src/rerender.ts [--out DIR] [--profile FILE.cpuprofile]
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import type { BenchOptions } from './orchestrate/args.js';
import { renderReport } from './orchestrate/report.js';
import type { Environment } from './orchestrate/report.js';
import type { SummaryRow } from './orchestrate/report-main.js';
import { judgeTargets } from './orchestrate/report-targets.js';
import type { RunRecord } from './orchestrate/results.js';
import { summariseProfile } from './profile/summarise.js';
import type { ProfileSummary } from './profile/summarise.js';

interface Recorded {
  env: Environment;
  options: BenchOptions;
  summary: SummaryRow[];
  profile?: ProfileSummary | string;
  runs: RunRecord[];
}

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'bench' }, profile: { type: 'string' } } });
const outDir = resolve(root, values.out);
const latest = join(outDir, 'results', 'latest.json');
const recorded = JSON.parse(readFileSync(latest, 'utf8')) as Recorded;
const profile = values.profile === undefined ? recorded.profile : summariseProfile(values.profile, 25);
const verdicts = judgeTargets(recorded.runs, recorded.options);
const report = renderReport({ records: recorded.runs, rows: recorded.summary, verdicts, profile, env: recorded.env, opts: recorded.options });
writeFileSync(join(outDir, 'report.md'), report);
writeFileSync(latest, JSON.stringify({ ...recorded, targets: verdicts, profile }, null, 2) + '\n');
console.log(`wrote ${join(outDir, 'report.md')} from ${latest}`);
