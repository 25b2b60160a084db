import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay, DEFAULT_BACKOFF, resolveBackoff } from '../src/backoff.js';

test('backoff: every delay lies within [minMs, maxMs]', () => {
  for (let attempt = 0; attempt < 60; attempt++) {
    for (const r of [0, 0.25, 0.5, 0.999999]) {
      const d = backoffDelay(attempt, DEFAULT_BACKOFF, () => r);
      assert.ok(d >= 500 && d <= 20_000, `attempt ${attempt}, random ${r}: ${d}`);
      assert.equal(d, Math.floor(d));
    }
  }
});

test('backoff: the ceiling doubles with each attempt until maxMs', () => {
  const top = (attempt: number) => backoffDelay(attempt, { minMs: 500, maxMs: 20_000 }, () => 1);
  assert.equal(top(0), 1_000);
  assert.equal(top(1), 1_500);
  assert.equal(top(2), 2_500);
  assert.equal(top(3), 4_500);
  assert.equal(top(6), 20_000);
  assert.equal(top(1_000), 20_000);
  // With no jitter drawn, the delay is the minimum whatever the attempt.
  assert.equal(backoffDelay(10, DEFAULT_BACKOFF, () => 0), 500);
});

test('backoff: jitter spreads the delays of one attempt', () => {
  const samples = Array.from({ length: 500 }, () => backoffDelay(4));
  const distinct = new Set(samples).size;
  assert.ok(distinct > 100, `only ${distinct} distinct delays`);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  // Uniform over [500, 8500]: the mean is near 4500.
  assert.ok(mean > 3_500 && mean < 5_500, `mean ${mean}`);
});

test('backoff: odd inputs stay bounded', () => {
  assert.equal(backoffDelay(-3, { minMs: 100, maxMs: 1_000 }, () => 0.5), 150);
  assert.equal(backoffDelay(Number.POSITIVE_INFINITY, { minMs: 100, maxMs: 1_000 }, () => 0.5), 600);
  assert.equal(backoffDelay(Number.NaN, { minMs: 100, maxMs: 1_000 }, () => 0.5), 150);
  assert.equal(backoffDelay(2, { minMs: 300, maxMs: 100 }, () => 0.5), 300);
  assert.deepEqual(resolveBackoff({ maxMs: 5_000 }), { minMs: 500, maxMs: 5_000 });
  assert.deepEqual(resolveBackoff(undefined), { minMs: 500, maxMs: 20_000 });
});
