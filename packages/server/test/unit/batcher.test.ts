import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import { Batcher } from '../../src/domain/batcher.js';

describe('Batcher (group commit)', () => {
  it('runs items that arrive together as one batch, one batch at a time, in order', async () => {
    const batches: number[][] = [];
    let running = 0;
    const batcher = new Batcher<number, number>(async (items) => {
      running++;
      assert.equal(running, 1, 'never two batches at once');
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      running--;
      return items.map((n) => n * 2);
    }, { maxBatch: 10, maxQueue: 100 });
    const results = await Promise.all(Array.from({ length: 25 }, (_, i) => batcher.add(i)));
    assert.deepEqual(results, Array.from({ length: 25 }, (_, i) => i * 2));
    assert.deepEqual(batches.flat(), Array.from({ length: 25 }, (_, i) => i));
    assert.ok(batches.length <= 3, `25 items in ${batches.length} batches of at most 10`);
    assert.ok(batches.every((b) => b.length <= 10));
  });

  it('refuses with E_UNAVAILABLE past the queue bound, and fails every item of a failed batch', async () => {
    const batcher = new Batcher<number, number>(() => Promise.reject(new Error('disk on fire')), { maxBatch: 5, maxQueue: 3 });
    const accepted = [batcher.add(1), batcher.add(2), batcher.add(3)];
    await assert.rejects(batcher.add(4), (err: unknown) => err instanceof ParleyError && err.code === 'E_UNAVAILABLE');
    for (const p of accepted) await assert.rejects(p, /disk on fire/);
  });

  it('close() lets queued items finish, then refuses new ones', async () => {
    const batcher = new Batcher<number, number>(async (items) => {
      await new Promise((r) => setTimeout(r, 10));
      return items;
    }, { maxBatch: 2, maxQueue: 10 });
    const pending = [batcher.add(1), batcher.add(2), batcher.add(3)];
    await batcher.close();
    assert.deepEqual(await Promise.all(pending), [1, 2, 3]);
    await assert.rejects(batcher.add(4), (err: unknown) => err instanceof ParleyError && err.code === 'E_UNAVAILABLE');
  });
});
