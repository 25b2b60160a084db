import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UserRow } from '../../../src/store/index.js';
import { messageTo, seedChat } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { appendOk } from './support.js';

/** What the message rules need from the store: ended chats, the latest of a type, current reactions. */
export function messageLookupsConformance(ctx: ConformanceContext): void {
  describe('ending a chat', () => {
    it('ends the chat in the transaction that appends the ending message and refuses what follows', async () => {
      const { users, chat } = await seedChat(ctx.store, { chat: { kind: 'livechat', state: 'active' } });
      const [alice] = users as [UserRow];
      const before = messageTo(chat, alice.id);
      const ending = messageTo(chat, alice.id, { messageType: 'endChat', content: {}, endsChat: true });
      const after = messageTo(chat, alice.id);
      const results = await ctx.store.appendMessages([before, ending, after]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['created', 'created', 'chat_ended'],
      );
      const ended = await ctx.store.getChat(chat.id);
      assert.equal(ended?.state, 'ended');
      assert.equal(ended?.lastSeq, 2);
      // The instruction is not part of the stored message.
      const stored = await ctx.store.getMessage(chat.tenantId, ending.id);
      assert.equal(stored?.seq, 2);
      assert.equal(stored !== null && 'endsChat' in stored, false);
      assert.equal(results[1]?.status === 'created' && 'endsChat' in results[1].row, false);

      // A later batch is refused too, but a retry of a committed message is still its duplicate.
      const later = await ctx.store.appendMessages([messageTo(chat, alice.id), { ...before }]);
      assert.deepEqual(
        later.map((r) => r.status),
        ['chat_ended', 'duplicate'],
      );
      assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, 2);
      assert.deepEqual(
        (await ctx.store.listMessages(chat.id, { after: 0, limit: 10 })).map((m) => m.id),
        [before.id, ending.id],
      );
    });

    it('lets only one of two concurrent batches end the chat, and nothing follows the end', async () => {
      const { users, chat } = await seedChat(ctx.store, { chat: { kind: 'livechat', state: 'active' } });
      const [alice, bob] = users as [UserRow, UserRow];
      const batches = [alice, bob].map((u) => [
        messageTo(chat, u.id, { messageType: 'endChat', content: {}, endsChat: true }),
        messageTo(chat, u.id),
      ]);
      const [a, b] = await Promise.all(batches.map((batch) => ctx.store.appendMessages(batch)));
      const statuses = [...(a ?? []), ...(b ?? [])].map((r) => r.status);
      assert.equal(statuses.filter((s) => s === 'created').length, 1);
      assert.equal(statuses.filter((s) => s === 'chat_ended').length, 3);
      const rows = await ctx.store.listMessages(chat.id, { after: 0, limit: 10 });
      assert.deepEqual(
        rows.map((m) => m.messageType),
        ['endChat'],
      );
    });

    it('leaves other chats of the batch open', async () => {
      const { tenant, users, chat } = await seedChat(ctx.store, { chat: { kind: 'livechat', state: 'active' } });
      const other = await seedChat(ctx.store, { tenant, users: 0 });
      const [alice] = users as [UserRow];
      const results = await ctx.store.appendMessages([
        messageTo(chat, alice.id, { messageType: 'endChat', content: {}, endsChat: true }),
        messageTo(other.chat, alice.id),
        messageTo(other.chat, alice.id),
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['created', 'created', 'created'],
      );
      assert.equal((await ctx.store.getChat(other.chat.id))?.state, 'open');
    });
  });

  describe('getLatestMessageOfType', () => {
    it('finds the newest message of the type in the chat, skipping deleted ones', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const other = await seedChat(ctx.store);
      const [alice] = users as [UserRow];
      const form = (title: string) => ({ messageType: 'FORM' as const, content: { title, response_to_bot: '', formData: [] } });
      const [first, , second] = await appendOk(ctx.store, [
        messageTo(chat, alice.id, form('first')),
        messageTo(chat, alice.id),
        messageTo(chat, alice.id, form('second')),
        messageTo(chat, alice.id),
      ]);
      await appendOk(ctx.store, [messageTo(other.chat, (other.users[0] as UserRow).id, form('elsewhere'))]);
      assert.equal((await ctx.store.getLatestMessageOfType(chat.id, 'FORM'))?.id, second?.id);
      await ctx.store.markMessageDeleted(chat.id, second?.seq ?? 0, 1);
      assert.equal((await ctx.store.getLatestMessageOfType(chat.id, 'FORM'))?.id, first?.id);
      assert.equal(await ctx.store.getLatestMessageOfType(chat.id, 'MENU'), null);
    });
  });

  describe('listReactions', () => {
    it("keeps each user's latest reaction per message; an empty emoji or a deletion removes it", async () => {
      const { users, chat } = await seedChat(ctx.store, { users: 3 });
      const [alice, bob, carol] = users as [UserRow, UserRow, UserRow];
      const [m1, m2, m3] = await appendOk(ctx.store, [
        messageTo(chat, alice.id),
        messageTo(chat, alice.id),
        messageTo(chat, alice.id),
      ]);
      const react = (user: UserRow, target: string, emoji: string) =>
        messageTo(chat, user.id, { messageType: 'REACTION', content: { emoji }, replyTo: target });
      const ids: [string, string, string] = [m1?.id ?? '', m2?.id ?? '', m3?.id ?? ''];
      const rows = await appendOk(ctx.store, [
        react(bob, ids[0], '👍'),
        react(carol, ids[0], '👍'),
        react(bob, ids[0], '🎉'), // replaces bob's 👍
        react(carol, ids[1], '😀'),
        react(carol, ids[1], ''), // removes it
        react(bob, ids[2], '❤️'),
        react(alice, ids[2], '❤️'),
      ]);
      // A reply that is not a reaction does not count.
      await appendOk(ctx.store, [messageTo(chat, carol.id, { replyTo: ids[2] })]);
      await ctx.store.markMessageDeleted(chat.id, rows[6]?.seq ?? 0, 1); // alice's ❤️, deleted for everyone

      const current = await ctx.store.listReactions(chat.id, ids);
      assert.deepEqual(
        current.map((r) => [r.messageId, r.userId, r.emoji, r.seq]),
        [
          [ids[0], carol.id, '👍', rows[1]?.seq],
          [ids[0], bob.id, '🎉', rows[2]?.seq],
          [ids[2], bob.id, '❤️', rows[5]?.seq],
        ],
      );
      assert.equal(current[0]?.ts, rows[1]?.ts);
      assert.deepEqual(await ctx.store.listReactions(chat.id, [ids[1]]), []);
      assert.deepEqual(await ctx.store.listReactions(chat.id, []), []);
      const elsewhere = await seedChat(ctx.store);
      assert.deepEqual(await ctx.store.listReactions(elsewhere.chat.id, ids), []);
    });
  });
}
