// Sign-in failure counts in Redis: one count for every node, atomic under concurrent failures, and
// counted per node while Redis is away (the throttle never stops holding).
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisFailureCounter } from '../../src/bus/index.js';
import { LoginThrottle, MemoryFailureCounter } from '../../src/domain/accounts/index.js';
import { clusterSkipReason, TEST_REDIS_URL } from '../helpers/cluster.js';

const skip = await clusterSkipReason();

describe('sign-in failure counts in Redis', { skip: skip ?? false }, () => {
  it('count once for all nodes, keep the first failure time, and clear', async () => {
    const prefix = `parley-test-${randomBytes(5).toString('hex')}:`;
    const a = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    const b = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    try {
      const nodeA = new RedisFailureCounter(a, prefix, new MemoryFailureCounter());
      const nodeB = new RedisFailureCounter(b, prefix, new MemoryFailureCounter());
      assert.equal(await nodeA.read('k'), null);
      const states = await Promise.all(Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? nodeA : nodeB).fail('k', 1000 + i, 60_000, false)));
      assert.deepEqual(states.map((s) => s.failures).sort((x, y) => x - y), [1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 'no failure lost');
      const read = await nodeB.read('k');
      assert.equal(read?.failures, 10);
      assert.equal(read?.firstAt, states.find((s) => s.failures === 1)!.firstAt);
      assert.ok((await a.pttl(`${prefix}fail:k`)) <= 60_000);
      await nodeB.clear('k');
      assert.equal(await nodeA.read('k'), null);
    } finally {
      await a.del(`${prefix}fail:k`);
      a.disconnect();
      b.disconnect();
    }
  });

  it('lock an account on every node, and per node while Redis is away', async () => {
    const prefix = `parley-test-${randomBytes(5).toString('hex')}:`;
    const a = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    const b = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    const locked = (check: Promise<void>) => check.then(() => false, (err: { code?: string }) => err.code === 'E_RATE_LIMITED');
    try {
      const nodeA = new LoginThrottle(new RedisFailureCounter(a, prefix, new MemoryFailureCounter()));
      const nodeB = new LoginThrottle(new RedisFailureCounter(b, prefix, new MemoryFailureCounter()));
      for (let i = 0; i < 5; i++) await (i % 2 === 0 ? nodeA : nodeB).failed('x@example.test', `10.1.1.${i}`);
      assert.equal(await locked(nodeB.check('x@example.test', '10.2.2.2')), true, 'five failures over two nodes lock it on both');
      b.disconnect();
      for (let i = 0; i < 5; i++) await nodeB.failed('y@example.test', '10.3.3.3');
      assert.equal(await locked(nodeB.check('y@example.test', '10.2.2.2')), true, 'the fallback counts while Redis is away');
    } finally {
      const keys = await a.keys(`${prefix}*`);
      if (keys.length > 0) await a.del(...keys);
      a.disconnect();
      b.disconnect();
    }
  });
});
