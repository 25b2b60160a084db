import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { MessageRow, SeenMove, UserRow } from '../../../src/store/index.js';
import { FirstSeen } from '../../../src/domain/messages/first-seen.js';
import { messageTo, seedChat } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { appendOk, range } from './support.js';

/**
 * The history of seen moves (`listSeenMoves`) and what `messageSeen` makes of it: the time a message
 * was first seen, which later reads never move.
 */
export function firstSeenConformance(ctx: ConformanceContext): void {
  const seenTimes = async (rows: MessageRow[]): Promise<(number | null)[]> => {
    const members = await ctx.store.listMembers(rows[0]!.chatId, { includeLeft: true });
    const times = await new FirstSeen(ctx.store).of(rows, members);
    return rows.map((row) => times.get(row) ?? null);
  };
  const sorted = (moves: SeenMove[]): SeenMove[] => [...moves].sort((a, b) => a.seq - b.seq || a.at - b.at || a.userId.localeCompare(b.userId));

  describe('first seen', () => {
    it('keeps the time a message was first seen when the reader reads on', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const [m1] = await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 1000 })]);
      assert.ok(await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 1, 2000));
      const [m2] = await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 3000 })]);
      // The group commit moves marks too.
      const { moved } = await ctx.store.commit({ messages: [], marks: [{ chatId: chat.id, userId: bob.id, kind: 'seen', seq: 2, at: 4000 }] });
      assert.equal(moved[0]?.seenAt, 4000);
      assert.deepEqual(await seenTimes([m1!, m2!]), [2000, 4000]);
      assert.deepEqual(await seenTimes([m1!]), [2000], 'alone, too');
      assert.deepEqual(sorted(await ctx.store.listSeenMoves(chat.id, { fromSeq: 1, toSeq: 2, userIds: [alice.id, bob.id] })), [
        { userId: alice.id, seq: 1, at: 1000 },
        { userId: bob.id, seq: 1, at: 2000 },
        { userId: alice.id, seq: 2, at: 3000 },
        { userId: bob.id, seq: 2, at: 4000 },
      ]);
      // A delivered receipt is no seen move; a mark that does not move records nothing.
      await ctx.store.advanceWatermark(chat.id, bob.id, 'delivered', 2, 5000);
      assert.equal(await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 1, 6000), null);
      assert.equal((await ctx.store.listSeenMoves(chat.id, { fromSeq: 1, toSeq: 2, userIds: [alice.id, bob.id] })).length, 4);
      // Only the users asked about.
      assert.deepEqual(sorted(await ctx.store.listSeenMoves(chat.id, { fromSeq: 2, toSeq: 2, userIds: [bob.id] })), [{ userId: bob.id, seq: 2, at: 4000 }]);
      assert.deepEqual(await ctx.store.listSeenMoves(chat.id, { fromSeq: 1, toSeq: 2, userIds: [] }), []);
    });

    it('counts a later send as seeing, and nothing of the sender’s own', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const [m1, m2] = await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 1000 }), messageTo(chat, alice.id, { ts: 1100 })]);
      assert.deepEqual(await seenTimes([m1!, m2!]), [null, null]);
      const [reply] = await appendOk(ctx.store, [messageTo(chat, bob.id, { ts: 2000 })]);
      await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 3, 3000);
      await ctx.store.advanceWatermark(chat.id, alice.id, 'seen', 3, 3500);
      assert.deepEqual(await seenTimes([m1!, m2!, reply!]), [2000, 2000, 3500]);
    });

    it('finds the first move above the page: receipts per member, sends past a long run of one sender', async () => {
      const { users, chat } = await seedChat(ctx.store, { users: 3 });
      const [alice, bob, carol] = users as [UserRow, UserRow, UserRow];
      const page = await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 1000 }), messageTo(chat, bob.id, { ts: 1001 })]);
      // Alice goes on alone for longer than one step of the walk, then Carol answers.
      await appendOk(ctx.store, range(1, 80).map((i) => messageTo(chat, alice.id, { ts: 2000 + i })));
      await appendOk(ctx.store, [messageTo(chat, carol.id, { ts: 5000 })]);
      // Bob reads it all later than Carol's answer; his earlier send (seq 2) saw only up to itself.
      await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 83, 6000);
      assert.deepEqual(await seenTimes(page), [1001, 2001]);
      // Alone in its page, Bob's message is seen by Alice's next send; Alice's by Bob's own send.
      assert.deepEqual(await seenTimes([page[1]!]), [2001]);
      assert.deepEqual(await seenTimes([page[0]!]), [1001]);
      // Without Bob's send the first seen time of Alice's message is Carol's answer, far past the page.
      const other = await seedChat(ctx.store, { users: 3 });
      const [a, b, c] = other.users as [UserRow, UserRow, UserRow];
      const [first] = await appendOk(ctx.store, [messageTo(other.chat, a.id, { ts: 1000 })]);
      await appendOk(ctx.store, range(1, 80).map((i) => messageTo(other.chat, a.id, { ts: 2000 + i })));
      await appendOk(ctx.store, [messageTo(other.chat, c.id, { ts: 5000 })]);
      await ctx.store.advanceWatermark(other.chat.id, b.id, 'seen', 82, 6000);
      assert.deepEqual(await seenTimes([first!]), [5000]);
      await ctx.store.advanceWatermark(other.chat.id, c.id, 'seen', 82, 7000);
      assert.deepEqual(await seenTimes([first!]), [5000], 'a later read changes nothing');
    });

    it('counts members who left, and no sender who is not a member', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const [m1] = await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 1000 })]);
      await appendOk(ctx.store, [messageTo(chat, 'ADMIN_outsider', { ts: 1500 })]);
      assert.deepEqual(await seenTimes([m1!]), [null], 'a sender without a member row sees nothing');
      await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 2, 2000);
      await ctx.store.removeMember(chat.id, bob.id, 2500);
      await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 3000 })]);
      assert.deepEqual(await seenTimes([m1!]), [2000]);
    });

    it('keeps an imported message’s own messageSeen and delivery outcome, null included', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const rows = await appendOk(ctx.store, [
        messageTo(chat, alice.id, { ts: 1000, importedSeen: null }),
        messageTo(chat, alice.id, { ts: 1100, importedSeen: 1500, deliverySuccess: false, deliveryErrorReason: 'rejected' }),
        messageTo(chat, bob.id, { ts: 1200, importedSeen: null }),
      ]);
      const [unseen, seen, reply] = rows as [MessageRow, MessageRow, MessageRow];
      assert.equal(unseen.importedSeen, null);
      assert.deepEqual(await ctx.store.getMessage(chat.tenantId, seen.id), { ...seen, importedSeen: 1500, deliverySuccess: false, deliveryErrorReason: 'rejected' });
      assert.deepEqual(await ctx.store.getMessageBySeq(chat.id, 1), unseen);
      // Bob's reply moved his mark past both, and he reads on: the imported facts stand.
      await ctx.store.advanceWatermark(chat.id, alice.id, 'seen', 3, 5000);
      assert.deepEqual(await seenTimes([unseen, seen, reply]), [null, 1500, null]);
      // A message sent here after the import is seen as usual.
      const [live] = await appendOk(ctx.store, [messageTo(chat, alice.id, { ts: 6000 })]);
      assert.equal(live!.importedSeen, undefined);
      await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 4, 7000);
      assert.deepEqual(await seenTimes([unseen, seen, reply, live!]), [null, 1500, null, 7000]);
    });
  });
}
