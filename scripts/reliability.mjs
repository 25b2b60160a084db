#!/usr/bin/env node
// The long forms of the reliability and security suites (docs/reliability.md):
//   npm run reliability -- [--cycles 200] [--cuts 100] [--scale 1] [--only crash,order] [--figures file.jsonl] [--fuzz-minutes 30]
// Sizes grow (PARLEY_RELIABILITY=long), crash cycles per backend come from --cycles, power cuts
// from --cuts, the whole bad-input corpus is sent and the fuzzers run longer. Figures are appended as JSON lines.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { spawn } from 'node:child_process';

const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const only = flag('only')?.split(',');
const figures = flag('figures') ?? 'reliability-figures.jsonl';
const dirs = ['packages/server/test/reliability', 'packages/server/test/security'];
// `*.long.ts` suites have no short form: `npm test` does not run them, this does.
const isSuite = (f) => (f.endsWith('.test.ts') || f.endsWith('.long.ts')) && f !== 'soak-smoke.test.ts';
const files = dirs
  .flatMap((dir) => readdirSync(dir).filter(isSuite).map((f) => join(dir, f)))
  .filter((f) => !only || only.some((o) => f.includes(o)))
  .sort();
const env = {
  ...process.env,
  PARLEY_RELIABILITY: 'long',
  PARLEY_CORPUS: 'full',
  PARLEY_FUZZ_RUNS: process.env.PARLEY_FUZZ_RUNS ?? '1000',
  PARLEY_FIGURES_OUT: figures,
  ...(flag('cycles') ? { PARLEY_CRASH_CYCLES: flag('cycles') } : {}),
  ...(flag('cuts') ? { PARLEY_POWER_CUTS: flag('cuts') } : {}),
  ...(flag('scale') ? { PARLEY_RELIABILITY_SCALE: flag('scale') } : {}),
};
console.log(`running ${files.length} suites in their long form; figures → ${figures}`);
// Then the coverage-guided fuzzing of the frame and REST parsers (scripts/fuzz.mjs), 30 minutes unless
// --fuzz-minutes says otherwise (0 skips it, as does an --only that does not name fuzz).
const fuzzMinutes = Number(flag('fuzz-minutes') ?? 30);
const fuzz = fuzzMinutes > 0 && (!only || only.includes('fuzz'));
const exitCode = (code, signal) => code ?? (signal ? 1 : 0);
const runFuzz = (testsCode) => {
  if (!fuzz) process.exit(testsCode);
  const fuzzer = spawn(process.execPath, ['scripts/fuzz.mjs', '--minutes', String(fuzzMinutes)], { stdio: 'inherit', env });
  fuzzer.on('exit', (code, signal) => process.exit(testsCode || exitCode(code, signal)));
};
// `--only fuzz` names no test file (node --test without files would run every test it finds).
if (files.length === 0) runFuzz(0);
else {
  const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--test', '--test-timeout=0', '--test-concurrency=1', ...files], { stdio: 'inherit', env });
  child.on('exit', (code, signal) => runFuzz(exitCode(code, signal)));
}
