#!/usr/bin/env node
// Coverage-guided fuzzing of the frame and REST parsers with Jazzer.js (libFuzzer), docs/reliability.md:
//   npm run fuzz -- [--minutes 30] [--only ws-frame,rest-request] [--out fuzz-out] [--keep]
// The minutes are shared by the targets, one after the other. Each reads the committed corpus
// (packages/server/test/fuzz/corpus/<target>) and writes what it finds to <out>/<target>/corpus; a
// finding's input goes to <out>/<target>/crashes/ and the run exits non-zero. --keep copies the inputs
// the run kept (libFuzzer keeps only those that reach new coverage) into the committed corpus.
// (libFuzzer's -merge=1 re-runs the target in child processes, which Jazzer.js does not support.)
import { spawn } from 'node:child_process';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { compatAddon } from './fuzz/jazzer-compat.mjs';

const TARGETS = { 'ws-frame': { sync: true }, 'message-content': { sync: true }, 'form-response': { sync: true }, 'rest-request': { sync: false } };
const FUZZ_DIR = 'packages/server/test/fuzz';
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : undefined;
};
const minutes = Number(flag('minutes') ?? 30);
const only = flag('only')?.split(',') ?? Object.keys(TARGETS);
const out = resolve(flag('out') ?? 'fuzz-out');
const keep = args.includes('--keep');
for (const name of only) if (!(name in TARGETS)) throw new Error(`unknown target ${name}; known: ${Object.keys(TARGETS).join(', ')}`);

const require = createRequire(resolve('packages/server/package.json'));
const cli = join(require.resolve('@jazzer.js/core/package.json').replace(/package\.json$/, ''), 'dist', 'cli.js');
const addon = compatAddon(join(out, '.addon'));
const seconds = Math.max(10, Math.floor((minutes * 60) / only.length));

function run(target) {
  const work = join(out, target, 'corpus');
  const crashes = join(out, target, 'crashes');
  mkdirSync(work, { recursive: true });
  mkdirSync(crashes, { recursive: true });
  const committed = join(FUZZ_DIR, 'corpus', target);
  const jazzer = [
    join(FUZZ_DIR, 'targets', target),
    work,
    committed,
    ...(TARGETS[target].sync ? ['--sync'] : []),
    // Our code and the parsers it relies on get coverage counters; the fuzzer and tsx do not.
    ...['packages/', 'typebox', 're2js', 'secure-json-parse', 'fastify', 'find-my-way'].flatMap((i) => ['-i', i]),
    ...['@jazzer.js', 'tsx', 'esbuild', 'pino', 'test/fuzz/'].flatMap((e) => ['-e', e]),
    '--timeout=10000',
    '--',
    `-max_total_time=${seconds}`,
    `-dict=${join(FUZZ_DIR, 'json.dict')}`,
    '-max_len=8192',
    `-artifact_prefix=${crashes}/`,
    '-print_final_stats=1',
  ];
  console.log(`\n== ${target}: ${seconds} s`);
  return new Promise((done) => {
    let last = '';
    let partial = '';
    const child = spawn(process.execPath, ['--conditions=source', '--import', 'tsx', '--require', resolve('scripts/fuzz/use-addon.cjs'), cli, ...jazzer], {
      env: { PARLEY_FUZZ_SLOW_MS: '250', ...process.env, ...(addon ? { PARLEY_JAZZER_ADDON: addon } : {}) },
      stdio: ['ignore', 'inherit', 'pipe'],
    });
    child.stderr.on('data', (chunk) => {
      const lines = (partial + chunk.toString()).split('\n');
      partial = lines.pop() ?? '';
      const text = lines.join('\n');
      // libFuzzer's list of PC tables is one enormous line: leave it out.
      for (const line of lines) if (!line.startsWith('INFO: Loaded')) process.stderr.write(`${line}\n`);
      const stats = text.match(/#(\d+)\s+(?:DONE|pulse|NEW|REDUCE|INITED)\s+cov: (\d+) ft: (\d+) corp: (\d+)\/(\S+).*?exec\/s: (\d+)/g);
      if (stats) last = stats.at(-1);
    });
    child.on('exit', (code, signal) => {
      const m = /#(\d+)\s+\S+\s+cov: (\d+) ft: (\d+) corp: (\d+)\/(\S+).*?exec\/s: (\d+)/.exec(last) ?? [];
      const findings = readdirSync(crashes).length;
      const figure = { suite: 'fuzz', target, seconds, runs: Number(m[1] ?? 0), coverage: Number(m[2] ?? 0), features: Number(m[3] ?? 0), corpus: Number(m[4] ?? 0), corpusSize: m[5], execPerSec: Number(m[6] ?? 0), findings, exit: code ?? signal };
      console.log(`figures ${JSON.stringify(figure)}`);
      if (process.env.PARLEY_FIGURES_OUT) appendFileSync(process.env.PARLEY_FIGURES_OUT, `${JSON.stringify(figure)}\n`);
      if (keep && code === 0) {
        let kept = 0;
        for (const name of readdirSync(work)) {
          if (existsSync(join(committed, name))) continue;
          copyFileSync(join(work, name), join(committed, name));
          kept++;
        }
        console.log(`kept ${kept} new inputs in ${committed}`);
      }
      done(code === 0 && findings === 0);
    });
  });
}

let ok = true;
for (const target of only) ok = (await run(target)) && ok;
if (!ok) console.error(`\nfindings: see ${out}/<target>/crashes/; add each input to ${FUZZ_DIR}/corpus/regressions/<target>/ once fixed`);
process.exit(ok ? 0 : 1);
