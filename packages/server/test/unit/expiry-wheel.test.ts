import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ExpiryWheel } from '../../src/transports/ws/expiry-wheel.js';

const item = (name: string) => ({ name, expirySlot: 0 });
const names = (items: { name: string }[]) => items.map((i) => i.name).sort();

describe('ExpiryWheel (socket deadlines, one sweep a second)', () => {
  const origin = 1_000_000;

  it('sweeps an item only once its deadline has passed, and only once', () => {
    const wheel = new ExpiryWheel<ReturnType<typeof item>>(origin);
    const a = item('a');
    wheel.set(a, origin + 10_500);
    assert.deepEqual(wheel.sweep(origin + 10_400), [], 'before the deadline');
    assert.deepEqual(wheel.sweep(origin + 10_999), [], 'the deadline passed, but not its second: still within a second of it');
    assert.deepEqual(names(wheel.sweep(origin + 11_000)), ['a']);
    assert.equal(a.expirySlot, 0);
    assert.deepEqual(wheel.sweep(origin + 30_000), [], 'swept once');
    assert.equal(wheel.size, 0);
  });

  it('a deadline on a whole second is swept at that second, never before', () => {
    const wheel = new ExpiryWheel<ReturnType<typeof item>>(origin);
    const a = item('a');
    wheel.set(a, origin + 5_000);
    assert.deepEqual(wheel.sweep(origin + 4_999), []);
    assert.deepEqual(names(wheel.sweep(origin + 5_000)), ['a']);
  });

  it('moving an item replaces its deadline; removing it forgets it', () => {
    const wheel = new ExpiryWheel<ReturnType<typeof item>>(origin);
    const [a, b, c] = [item('a'), item('b'), item('c')];
    wheel.set(a, origin + 2_000);
    wheel.set(b, origin + 2_000);
    wheel.set(c, origin + 2_000);
    wheel.set(a, origin + 9_000);
    wheel.remove(b);
    wheel.remove(b);
    assert.equal(wheel.size, 2);
    assert.deepEqual(names(wheel.sweep(origin + 3_000)), ['c']);
    assert.deepEqual(wheel.sweep(origin + 8_000), []);
    assert.deepEqual(names(wheel.sweep(origin + 9_000)), ['a']);
  });

  it('a deadline already past goes in the next sweep', () => {
    const wheel = new ExpiryWheel<ReturnType<typeof item>>(origin);
    wheel.sweep(origin + 20_000);
    const late = item('late');
    wheel.set(late, origin + 1_000);
    assert.deepEqual(names(wheel.sweep(origin + 21_000)), ['late']);
  });

  it('after a long stall (or a clock jump) every due slot is swept, the later ones stay', () => {
    const wheel = new ExpiryWheel<ReturnType<typeof item>>(origin);
    const items = Array.from({ length: 50 }, (_, i) => item(`i${i}`));
    items.forEach((it, i) => wheel.set(it, origin + (i + 1) * 60_000));
    assert.deepEqual(names(wheel.sweep(origin + 25 * 60_000)), names(items.slice(0, 25)));
    assert.equal(wheel.size, 25);
    assert.deepEqual(names(wheel.sweep(origin + 24 * 3600_000)), names(items.slice(25)));
  });
});
