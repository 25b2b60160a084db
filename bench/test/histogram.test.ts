import { test } from 'node:test';
import assert from 'node:assert/strict';
import { LatencyHistogram } from '../src/load/histogram.js';

/** HdrHistogram with 3 significant digits: every answer is within 0.1% of the exact value. */
function near(actual: number, expected: number): void {
  assert.ok(Math.abs(actual - expected) <= expected * 0.001 + 0.001, `${actual} is not near ${expected}`);
}

void test('an empty histogram reports zeros', () => {
  const h = new LatencyHistogram();
  assert.deepEqual(h.summary(), { count: 0, p50: 0, p99: 0, p999: 0, max: 0, mean: 0 });
});

void test('percentiles of 1..10000 ms', () => {
  const h = new LatencyHistogram();
  // Recorded in a scrambled order: the answer must not depend on it.
  for (let i = 0; i < 10_000; i++) h.recordMs(((i * 7919) % 10_000) + 1);
  const s = h.summary();
  assert.equal(s.count, 10_000);
  near(s.p50, 5000);
  near(s.p99, 9900);
  near(s.p999, 9990);
  near(s.max, 10_000);
  near(s.mean, 5000.5);
});

void test('sub-millisecond latencies keep microsecond resolution', () => {
  const h = new LatencyHistogram();
  for (let i = 0; i < 999; i++) h.recordMs(0.25);
  h.recordMs(42);
  near(h.percentileMs(50), 0.25);
  near(h.percentileMs(99.9), 0.25);
  near(h.percentileMs(100), 42);
});

void test('values outside the range are clamped, not lost', () => {
  const h = new LatencyHistogram();
  h.recordMs(0);
  h.recordMs(-3);
  h.recordMs(3_600_000);
  assert.equal(h.count, 3);
  near(h.percentileMs(100), 60_000);
});
