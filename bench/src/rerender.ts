// Writes bench/report.md again from bench/results/latest.json, without measuring: for a change to the
// report's layout, or a profile summarised anew. The figures stay those of the recorded run.
//   node --conditions=source --import tsx bench/src/rerender.ts [--out DIR] [--profile FILE.cpuprofile]
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { writeReport } from './orchestrate/report.js';
import type { RecordedRun } from './orchestrate/report.js';
import { judgeTargets } from './orchestrate/report-targets.js';
import { summariseProfile } from './profile/summarise.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const { values } = parseArgs({ options: { out: { type: 'string', default: 'bench' }, profile: { type: 'string' } } });
const outDir = resolve(root, values.out);
const recorded = JSON.parse(readFileSync(join(outDir, 'results', 'latest.json'), 'utf8')) as RecordedRun;
writeReport(outDir, {
  records: recorded.runs,
  rows: recorded.summary,
  verdicts: judgeTargets(recorded.runs, recorded.options),
  profile: values.profile === undefined ? recorded.profile : summariseProfile(values.profile, 25),
  env: recorded.env,
  opts: recorded.options,
});
console.log(`wrote ${join(outDir, 'report.md')} from its results/latest.json`);
