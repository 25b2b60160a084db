// `npm run bench`: plans the jobs of the selected scenarios, runs each job once per run (fresh
// server pinned to core 0, load generator pinned to core 1), then the one-off jobs (memory run,
// profile), and writes bench/report.md and bench/results/latest.json. Every step is bounded in time.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseBenchArgs, USAGE } from './orchestrate/args.js';
import type { BenchOptions, TargetName } from './orchestrate/args.js';
import { parleyAvailable } from './orchestrate/servers.js';
import { canPin } from './orchestrate/pinning.js';
import { planJobs } from './orchestrate/jobs.js';
import { Bench } from './orchestrate/measure.js';
import { postgresProblem, redisProblem } from './orchestrate/services.js';
import { writeReport } from './orchestrate/report.js';
import type { Environment } from './orchestrate/report.js';
import { summarise } from './orchestrate/report-main.js';
import { judgeTargets } from './orchestrate/report-targets.js';
import { summariseProfile } from './profile/summarise.js';
import type { ProfileSummary } from './profile/summarise.js';
import type { LoadKind, RunRecord } from './orchestrate/results.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

function environment(parley: boolean): Environment {
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root, encoding: 'utf8' }).trim();
  } catch {
    // not a git checkout
  }
  const cpuModel = /^model name\s*:\s*(.+)$/m.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown CPU';
  return { date: new Date().toISOString(), commit, node: process.version, cpuModel, cores: availableParallelism(), pinned: canPin(), parleyAvailable: parley };
}

/** Targets that cannot run on this machine, with the reason. */
async function unavailableTargets(opts: BenchOptions): Promise<Map<TargetName, string>> {
  const out = new Map<TargetName, string>();
  if (!opts.scenarios.includes('backends') || !opts.targets.includes('parley')) return out;
  const pg = await postgresProblem();
  const redis = pg ?? (await redisProblem(root));
  if (pg) out.set('parley-postgres', pg);
  if (redis) out.set('parley-cluster', redis);
  return out;
}

function readProfile(dir: string): ProfileSummary | string {
  const file = existsSync(dir) ? readdirSync(dir).find((f) => f.endsWith('.cpuprofile')) : undefined;
  if (!file) return 'no .cpuprofile was written (did the server exit cleanly?)';
  return summariseProfile(join(dir, file), 25);
}

async function main(): Promise<void> {
  const parsed = parseBenchArgs(process.argv.slice(2));
  if (parsed === 'help') {
    console.log(USAGE);
    return;
  }
  const opts = parsed;
  const started = Date.now();
  const parley = parleyAvailable(root);
  const env = environment(parley);
  if (!env.pinned) console.warn('warning: cannot pin with taskset to two cores; running unpinned');
  if (opts.targets.includes('parley') && !parley) console.warn('warning: packages/server/src/main.ts missing; Parley skipped');
  if (!parley) opts.targets = opts.targets.filter((t) => t !== 'parley');

  const profileDir = mkdtempSync(join(tmpdir(), 'parley-bench-prof-'));
  const unavailable = await unavailableTargets(opts);
  for (const [target, why] of unavailable) console.warn(`warning: ${target} not available: ${why}`);
  const jobs = planJobs(opts, profileDir);
  const bench = new Bench(root, opts, unavailable);
  const records: RunRecord[] = [];
  let profile: ProfileSummary | string | undefined;
  try {
    for (let run = 1; run <= opts.runs; run++) {
      console.log(`run ${run}/${opts.runs}`);
      for (const job of jobs.filter((j) => j.everyRun)) records.push(await bench.measure(job, run));
    }
    for (const job of jobs.filter((j) => !j.everyRun)) {
      console.log(`once: ${job.target} ${job.kind} (${job.variant})`);
      const record = await bench.measure(job, 1);
      records.push(record);
      if (job.variant === 'profile') profile = 'error' in record ? `the run failed: ${record.error.split('\n')[0]}` : readProfile(profileDir);
    }
  } finally {
    await bench.cleanup();
    if (process.env.PARLEY_BENCH_KEEP_PROFILE === undefined) rmSync(profileDir, { recursive: true, force: true });
    else console.log(`profile kept in ${profileDir}`);
  }

  env.durationSec = (Date.now() - started) / 1000;
  const kinds = new Set<LoadKind>(jobs.filter((j) => j.variant === '' && (j.target === 'parley' || j.target === 'baseline')).map((j) => j.kind));
  const rows = summarise(records, kinds);
  const verdicts = judgeTargets(records, opts);
  const outDir = resolve(root, opts.outDir);
  const report = writeReport(outDir, { records, rows, verdicts, profile, env, opts });
  console.log(`\n${report}`);
  console.log(`wrote ${join(outDir, 'report.md')} and ${join(outDir, 'results', 'latest.json')} in ${Math.round(env.durationSec)} s`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
