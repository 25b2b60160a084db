// The sign-in throttle's rules on a clock the test moves: no waiting, no timings.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { LoginThrottle, MemoryFailureCounter, THROTTLE, accountLockMs } from '../../src/domain/accounts/index.js';

function setup() {
  let now = 1_000_000;
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const throttle = new LoginThrottle(new MemoryFailureCounter(clock.now), clock.now);
  return { clock, throttle };
}

async function retryAfter(check: Promise<void>): Promise<number | null> {
  try {
    await check;
    return null;
  } catch (err) {
    const e = err as { code?: string; retryAfter?: number };
    assert.equal(e.code, 'E_RATE_LIMITED');
    return e.retryAfter ?? -1;
  }
}

describe('sign-in throttle', () => {
  it('locks an account after 5 failures for 30 s, doubling after each further one, up to 15 min', () => {
    assert.deepEqual([0, 4].map(accountLockMs), [0, 0]);
    assert.deepEqual([5, 6, 7, 8].map(accountLockMs), [30_000, 60_000, 120_000, 240_000]);
    assert.equal(accountLockMs(10), THROTTLE.accountMaxLockMs);
    assert.equal(accountLockMs(1000), THROTTLE.accountMaxLockMs);
  });

  it('holds the account back for the lock time, then lets it try again', async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 4; i++) await throttle.failed('a@x.test', `10.0.0.${i}`);
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.1.1')), null, 'four failures: still free');
    await throttle.failed('a@x.test', '10.0.0.9');
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.1.1')), 30, 'from any address');
    assert.equal(await retryAfter(throttle.check('b@x.test', '10.0.1.1')), null, 'other accounts are free');
    clock.advance(29_000);
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.1.1')), 1);
    clock.advance(1_000);
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.1.1')), null);
    await throttle.failed('a@x.test', '10.0.0.9');
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.1.1')), 60, 'the sixth failure doubles it');
  });

  it('a success clears the account', async () => {
    const { throttle } = setup();
    for (let i = 0; i < 5; i++) await throttle.failed('a@x.test', '10.0.0.1');
    await throttle.succeeded('a@x.test');
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.0.2')), null);
    await throttle.failed('a@x.test', '10.0.0.1');
    assert.equal(await retryAfter(throttle.check('a@x.test', '10.0.0.2')), null, 'counting starts again');
  });

  it('refuses an address after 30 failures within 15 minutes of its first', async () => {
    const { clock, throttle } = setup();
    for (let i = 0; i < 29; i++) await throttle.failed(`user${i}@x.test`, '10.9.9.9');
    assert.equal(await retryAfter(throttle.check('new@x.test', '10.9.9.9')), null);
    clock.advance(60_000);
    await throttle.failed('user29@x.test', '10.9.9.9');
    assert.equal(await retryAfter(throttle.check('new@x.test', '10.9.9.9')), 14 * 60, 'until 15 min after the first failure');
    assert.equal(await retryAfter(throttle.check('new@x.test', '10.9.9.8')), null, 'other addresses are free');
    clock.advance(14 * 60_000);
    assert.equal(await retryAfter(throttle.check('new@x.test', '10.9.9.9')), null, 'the window is over');
  });
});
