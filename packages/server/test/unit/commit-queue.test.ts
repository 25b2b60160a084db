// The commit queue on a real SQLite store: sends and receipts of one moment share one transaction.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import { CommitQueue } from '../../src/domain/commit-queue.js';
import type { CommitWrites, Store, UserRow } from '../../src/store/index.js';
import { testStores, type TestStore } from '../helpers/stores.js';
import { messageTo, seedChat } from '../helpers/store-rows.js';

const [sqlite] = (await testStores()) as [TestStore];

describe('CommitQueue', () => {
  let store: Store;
  const commits: CommitWrites[] = [];
  before(async () => {
    store = await sqlite.open();
    // The real store, with every commit it is asked for written down.
    const commit = store.commit.bind(store);
    store.commit = (writes) => {
      commits.push(writes);
      return commit(writes);
    };
  });
  after(() => sqlite.cleanup());

  it('commits the sends and receipts that arrive together in one transaction, and answers each', async () => {
    const { users, chat } = await seedChat(store);
    const [alice, bob] = users as [UserRow, UserRow];
    const queue = new CommitQueue(store, { maxBatch: 100, maxQueue: 100 });
    await queue.append(messageTo(chat, alice.id));
    commits.length = 0;

    const [second, delivered, seenLow, seenHigh, third] = await Promise.all([
      queue.append(messageTo(chat, alice.id)),
      queue.advance({ chatId: chat.id, userId: bob.id, kind: 'delivered', seq: 1, at: 10 }),
      queue.advance({ chatId: chat.id, userId: bob.id, kind: 'seen', seq: 1, at: 11 }),
      queue.advance({ chatId: chat.id, userId: bob.id, kind: 'seen', seq: 2, at: 12 }),
      queue.append(messageTo(chat, alice.id)),
    ]);

    assert.equal(commits.length, 1, 'one commit for all five');
    assert.equal(commits[0]?.messages.length, 2);
    assert.equal(commits[0]?.marks.length, 2, 'two seen marks of one member coalesce to the highest');
    assert.deepEqual([second.status, 'row' in second ? second.row.seq : 0], ['created', 2]);
    assert.deepEqual([third.status, 'row' in third ? third.row.seq : 0], ['created', 3]);
    assert.equal(delivered?.deliveredSeq, 1);
    assert.equal(seenLow, null, 'a mark overtaken in the same commit moves nothing itself');
    assert.deepEqual([seenHigh?.seenSeq, seenHigh?.seenAt], [2, 12]);
    await queue.close();
  });

  it('fails every write of a failed commit, and refuses new ones once closed', async () => {
    const { users, chat } = await seedChat(store);
    const [alice, bob] = users as [UserRow, UserRow];
    const queue = new CommitQueue(store, { maxBatch: 100, maxQueue: 100 });
    const broken = { ...messageTo(chat, alice.id), content: undefined as unknown as { text: string } };
    const results = await Promise.allSettled([
      queue.append(broken),
      queue.advance({ chatId: chat.id, userId: bob.id, kind: 'seen', seq: 0, at: 1 }),
    ]);
    assert.deepEqual(
      results.map((r) => r.status),
      ['rejected', 'rejected'],
    );
    await queue.close();
    await assert.rejects(queue.append(messageTo(chat, alice.id)), (err: unknown) => err instanceof ParleyError && err.code === 'E_UNAVAILABLE');
  });
});
