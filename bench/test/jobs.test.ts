import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseBenchArgs } from '../src/orchestrate/args.js';
import type { BenchOptions } from '../src/orchestrate/args.js';
import { jobKey, planJobs } from '../src/orchestrate/jobs.js';

function options(argv: string[]): BenchOptions {
  const parsed = parseBenchArgs(argv);
  assert.notEqual(parsed, 'help');
  return parsed as BenchOptions;
}

void test('the full suite plans every scenario of issue 9, each once', () => {
  const jobs = planJobs(options([]), '/tmp/prof');
  const keys = jobs.map(jobKey);
  assert.equal(new Set(keys).size, keys.length);
  for (const key of [
    'baseline/throughput/', 'parley/throughput/', 'parley/rate/', 'baseline/fanout/', 'parley/history/', 'parley/history/tenth',
    'parley-postgres/throughput/', 'parley-cluster/throughput/', 'parley/throughput/x4', 'parley/idle/x2', 'parley/rate/memory',
  ]) {
    assert.ok(keys.includes(key), key);
  }
  assert.equal(jobs.find((j) => j.variant === 'memory')?.durationMs, 5 * 60_000);
  assert.ok(!keys.includes('parley/throughput/profile'));
});

void test('--quick keeps one doubling and a short memory run; --profile adds a profiled run', () => {
  const jobs = planJobs(options(['--quick', '--profile']), '/tmp/prof');
  const keys = jobs.map(jobKey);
  assert.ok(keys.includes('parley/throughput/x2'));
  assert.ok(!keys.includes('parley/throughput/x4'));
  assert.ok(!keys.includes('parley/idle/x2'));
  assert.equal(jobs.find((j) => j.variant === 'memory')?.durationMs, 15_000);
  assert.deepEqual(jobs.find((j) => j.variant === 'profile')?.nodeArgs, ['--cpu-prof', '--cpu-prof-dir=/tmp/prof']);
});

void test('throughput and fixed rate share one set-up of the pairs', () => {
  const jobs = planJobs(options(['--scenarios', 'throughput,rate', '--targets', 'parley']), '/tmp/prof');
  assert.equal(jobs.length, 2);
  assert.equal(jobs[0]!.setup, jobs[1]!.setup);
  assert.equal(jobs[0]!.size, jobs[1]!.size);
});
