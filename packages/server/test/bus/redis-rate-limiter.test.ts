import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { RedisRateLimiter } from '../../src/bus/index.js';
import { MemoryRateLimiter } from '../../src/domain/livechat/index.js';
import { clusterSkipReason, TEST_REDIS_URL } from '../helpers/cluster.js';

const skip = await clusterSkipReason();

describe('rate limits in Redis', { skip: skip ?? false }, () => {
  it('hold across nodes (one count for all), and per node while Redis is away', async () => {
    const prefix = `parley-test-${randomBytes(5).toString('hex')}:`;
    const a = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    const b = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 0 });
    try {
      const nodeA = new RedisRateLimiter(a, prefix, new MemoryRateLimiter());
      const nodeB = new RedisRateLimiter(b, prefix, new MemoryRateLimiter());
      const results = [];
      for (let i = 0; i < 3; i++) results.push((await nodeA.hit('user:u1', 4, 60_000)).allowed, (await nodeB.hit('user:u1', 4, 60_000)).allowed);
      assert.deepEqual(results, [true, true, true, true, false, false]);
      const denied = await nodeA.hit('user:u1', 4, 60_000);
      assert.ok(denied.retryAfterMs > 0 && denied.retryAfterMs <= 60_000);
      assert.equal((await nodeA.hit('user:u2', 4, 60_000)).allowed, true, 'keys count apart');

      b.disconnect();
      const offline = [];
      for (let i = 0; i < 3; i++) offline.push((await nodeB.hit('user:u3', 2, 60_000)).allowed);
      assert.deepEqual(offline, [true, true, false], 'the fallback still limits');
      await a.del(`${prefix}rate:user:u1:${Math.floor(Date.now() / 60_000)}`, `${prefix}rate:user:u2:${Math.floor(Date.now() / 60_000)}`);
    } finally {
      a.disconnect();
      b.disconnect();
    }
  });
});
