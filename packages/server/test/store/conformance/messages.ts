import { before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AppendResult, ChatRow, MessageRow, UserRow } from '../../../src/store/index.js';
import { chatRow, memberOf, messageTo, seedChat, tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { appendOk, range } from './support.js';

/** The group commit, reading messages back, and watermarks. */
export function messagesConformance(ctx: ConformanceContext): void {
  describe('appendMessages', () => {
    it('gives each chat gap-free seqs and updates the chat', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice] = users as [UserRow];
      const first = await ctx.store.appendMessages([
        messageTo(chat, alice.id, { ts: 100 }),
        messageTo(chat, alice.id, { ts: 101 }),
      ]);
      const second = await ctx.store.appendMessages([messageTo(chat, alice.id, { ts: 102 })]);
      assert.deepEqual(
        [...first, ...second].map((r) => [r.status, 'row' in r ? r.row.seq : 0]),
        [
          ['created', 1],
          ['created', 2],
          ['created', 3],
        ],
      );
      const updated = await ctx.store.getChat(chat.id);
      assert.equal(updated?.lastSeq, 3);
      assert.equal(updated?.lastMessageAt, 102);
      assert.deepEqual(await ctx.store.appendMessages([]), []);
    });

    it('returns and stores the message as sent', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const input = messageTo(chat, alice.id, {
        messageType: 'IMAGE',
        content: { url: '/media/1', caption: 'ünïcødé ✓', size: 12 },
        replyTo: 'earlier-id',
        mentions: [bob.id],
        forwardedFrom: { chatId: 'CHAT_x', messageId: 'm0' },
      });
      const [result] = await ctx.store.appendMessages([input]);
      const expected: MessageRow = { ...input, seq: 1, deliverySuccess: true, deliveryErrorReason: '', deletedAt: null };
      assert.deepEqual(result, { status: 'created', row: expected });
      assert.deepEqual(await ctx.store.getMessage(chat.tenantId, input.id), expected);
      assert.deepEqual(await ctx.store.getMessageBySeq(chat.id, 1), expected);
      assert.equal(await ctx.store.getMessage('another-tenant', input.id), null);
      assert.equal(await ctx.store.getMessage(chat.tenantId, 'unknown'), null);
      assert.equal(await ctx.store.getMessageBySeq(chat.id, 2), null);
    });

    it('stays gap-free under concurrent batches over several chats', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const sender = await ctx.store.createUser(userRow(tenant.id));
      const chats: ChatRow[] = [];
      for (let i = 0; i < 3; i++) chats.push((await seedChat(ctx.store, { tenant, users: 0 })).chat);
      for (const chat of chats) await ctx.store.addMember(memberOf(chat, sender.id));

      const batches = Array.from({ length: 20 }, (_, b) =>
        Array.from({ length: 10 }, (_, i) => messageTo(chats[(b + i) % 3] as ChatRow, sender.id)),
      );
      const results = (await Promise.all(batches.map((batch) => ctx.store.appendMessages(batch)))).flat();
      assert.ok(results.every((r) => r.status === 'created'));

      for (const chat of chats) {
        const sent = batches.flat().filter((m) => m.chatId === chat.id).length;
        const seqs = results
          .filter((r): r is Extract<AppendResult, { status: 'created' }> => r.status === 'created')
          .filter((r) => r.row.chatId === chat.id)
          .map((r) => r.row.seq)
          .sort((x, y) => x - y);
        assert.deepEqual(seqs, range(1, sent));
        const stored = await ctx.store.listMessages(chat.id, { after: 0, limit: 1000 });
        assert.deepEqual(
          stored.map((m) => m.seq),
          range(1, sent),
        );
        assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, sent);
      }
    });

    it('keeps array order within a chat', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const sent = Array.from({ length: 5 }, () => messageTo(chat, (users[0] as UserRow).id));
      await appendOk(ctx.store, sent);
      const stored = await ctx.store.listMessages(chat.id, { after: 0, limit: 10 });
      assert.deepEqual(
        stored.map((m) => m.id),
        sent.map((m) => m.id),
      );
    });

    it('returns the original for a retried send and stores nothing new', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice] = users as [UserRow];
      const original = messageTo(chat, alice.id, { ts: 100 });
      const [created] = await appendOk(ctx.store, [original, messageTo(chat, alice.id, { ts: 101 })]);
      const [retry] = await ctx.store.appendMessages([{ ...original, ts: 200 }]);
      assert.deepEqual(retry, { status: 'duplicate', row: created });
      const after = await ctx.store.getChat(chat.id);
      assert.equal(after?.lastSeq, 2);
      assert.equal(after?.lastMessageAt, 101);
      assert.equal((await ctx.store.listMessages(chat.id, { limit: 10 })).length, 2);
    });

    it('reports a conflict for the same id with another body or sender', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const original = messageTo(chat, alice.id);
      const [created] = await appendOk(ctx.store, [original]);
      const results = await ctx.store.appendMessages([
        { ...original, content: { text: 'changed' }, bodyHash: 'other-hash' },
        { ...original, senderId: bob.id },
      ]);
      assert.deepEqual(results, [
        { status: 'conflict', row: created },
        { status: 'conflict', row: created },
      ]);
      assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, 1);
    });

    it('sees earlier items of the same batch', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice] = users as [UserRow];
      const message = messageTo(chat, alice.id);
      const results = await ctx.store.appendMessages([
        message,
        { ...message },
        { ...message, bodyHash: 'different' },
        messageTo(chat, alice.id),
      ]);
      assert.deepEqual(
        results.map((r) => [r.status, 'row' in r ? r.row.seq : 0]),
        [
          ['created', 1],
          ['duplicate', 1],
          ['conflict', 1],
          ['created', 2],
        ],
      );
      assert.deepEqual(results[1], results[0] && { ...results[0], status: 'duplicate' });
      assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, 2);
    });

    it('scopes message ids by tenant', async () => {
      const one = await seedChat(ctx.store);
      const two = await seedChat(ctx.store);
      const id = randomUUID();
      const [a] = await appendOk(ctx.store, [messageTo(one.chat, (one.users[0] as UserRow).id, { id })]);
      const [b] = await appendOk(ctx.store, [messageTo(two.chat, (two.users[0] as UserRow).id, { id })]);
      assert.equal(a?.seq, 1);
      assert.equal(b?.seq, 1);
      assert.equal((await ctx.store.getMessage(one.tenant.id, id))?.chatId, one.chat.id);
      assert.equal((await ctx.store.getMessage(two.tenant.id, id))?.chatId, two.chat.id);
    });

    it('reports missing chats and still commits the rest of the batch', async () => {
      const { tenant, users, chat } = await seedChat(ctx.store);
      const other = await seedChat(ctx.store);
      const [alice] = users as [UserRow];
      const ghost = chatRow(tenant.id);
      const ghostMessage = messageTo(ghost, alice.id);
      const results = await ctx.store.appendMessages([
        ghostMessage,
        messageTo(chat, alice.id),
        // A chat of another tenant is no chat of this one.
        { ...messageTo(other.chat, alice.id), tenantId: tenant.id },
        { ...ghostMessage },
      ]);
      assert.deepEqual(
        results.map((r) => r.status),
        ['missing_chat', 'created', 'missing_chat', 'missing_chat'],
      );
      assert.equal(await ctx.store.getMessage(tenant.id, ghostMessage.id), null);
      assert.equal((await ctx.store.getChat(other.chat.id))?.lastSeq, 0);
      assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, 1);
    });

    it("moves the sender's watermarks, and only theirs", async () => {
      const { users, chat } = await seedChat(ctx.store, { users: 3 });
      const [alice, bob, carol] = users as [UserRow, UserRow, UserRow];
      await appendOk(ctx.store, [
        messageTo(chat, alice.id, { ts: 100 }),
        messageTo(chat, bob.id, { ts: 101 }),
        messageTo(chat, alice.id, { ts: 102 }),
      ]);
      const a = await ctx.store.getMember(chat.id, alice.id);
      const b = await ctx.store.getMember(chat.id, bob.id);
      const c = await ctx.store.getMember(chat.id, carol.id);
      assert.deepEqual([a?.deliveredSeq, a?.deliveredAt, a?.seenSeq, a?.seenAt], [3, 102, 3, 102]);
      assert.deepEqual([b?.deliveredSeq, b?.deliveredAt, b?.seenSeq, b?.seenAt], [2, 101, 2, 101]);
      assert.deepEqual([c?.deliveredSeq, c?.deliveredAt, c?.seenSeq, c?.seenAt], [0, null, 0, null]);

      // A sender whose seen mark is already higher keeps it; the lower mark still catches up.
      await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 3, 150);
      await appendOk(ctx.store, [messageTo(chat, bob.id, { ts: 200 })]);
      const bob2 = await ctx.store.getMember(chat.id, bob.id);
      assert.deepEqual([bob2?.deliveredSeq, bob2?.deliveredAt, bob2?.seenSeq, bob2?.seenAt], [4, 200, 4, 200]);
    });

    it('brings a hidden chat back for every member', async () => {
      const { users, chat } = await seedChat(ctx.store, { users: 2 });
      const [alice, bob] = users as [UserRow, UserRow];
      await ctx.store.updateMemberState(chat.id, alice.id, { hidden: true });
      await ctx.store.updateMemberState(chat.id, bob.id, { hidden: true });
      await appendOk(ctx.store, [messageTo(chat, alice.id)]);
      assert.equal((await ctx.store.getMember(chat.id, alice.id))?.hidden, false);
      assert.equal((await ctx.store.getMember(chat.id, bob.id))?.hidden, false);
    });
  });

  describe('reading messages', () => {
    let chat: ChatRow;

    before(async () => {
      const seeded = await seedChat(ctx.store);
      chat = seeded.chat;
      const sender = (seeded.users[0] as UserRow).id;
      await appendOk(
        ctx.store,
        Array.from({ length: 10 }, (_, i) => messageTo(chat, sender, { ts: 1000 + i })),
      );
    });

    const cases: [string, { after?: number; before?: number; limit: number; minSeq?: number }, number[]][] = [
      ['the newest page', { limit: 3 }, [8, 9, 10]],
      ['everything', { limit: 50 }, range(1, 10)],
      ['after a seq, oldest first', { after: 2, limit: 3 }, [3, 4, 5]],
      ['after the last seq', { after: 10, limit: 3 }, []],
      ['before a seq, newest first', { before: 5, limit: 3 }, [2, 3, 4]],
      ['before near the start', { before: 3, limit: 10 }, [1, 2]],
      ['the newest page above minSeq', { limit: 10, minSeq: 6 }, [7, 8, 9, 10]],
      ['before a seq above minSeq', { before: 9, limit: 10, minSeq: 6 }, [7, 8]],
      ['after a seq below minSeq', { after: 2, limit: 2, minSeq: 6 }, [7, 8]],
    ];
    for (const [title, query, seqs] of cases) {
      it(`lists ${title} in ascending order`, async () => {
        const page = await ctx.store.listMessages(chat.id, query);
        assert.deepEqual(
          page.map((m) => m.seq),
          seqs,
        );
      });
    }

    it('lists nothing for an unknown chat', async () => {
      assert.deepEqual(await ctx.store.listMessages('CHAT_unknown', { limit: 10 }), []);
    });

    it('marks a message deleted for everyone', async () => {
      const before = await ctx.store.getMessageBySeq(chat.id, 4);
      await ctx.store.markMessageDeleted(chat.id, 4, 5000);
      const deleted = await ctx.store.getMessageBySeq(chat.id, 4);
      assert.equal(deleted?.deletedAt, 5000);
      assert.equal(deleted?.id, before?.id);
      assert.notDeepEqual(deleted?.content, before?.content, 'the content is gone');
      await ctx.store.markMessageDeleted(chat.id, 4, 6000);
      assert.equal((await ctx.store.getMessageBySeq(chat.id, 4))?.deletedAt, 5000, 'the first deletion stands');
      assert.equal((await ctx.store.getMessageBySeq(chat.id, 5))?.deletedAt, null);
    });
  });

  describe('advanceWatermark', () => {
    it('moves a watermark up, never down', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      await appendOk(ctx.store, Array.from({ length: 5 }, () => messageTo(chat, alice.id)));

      const seen = await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 3, 300);
      assert.equal(seen?.seenSeq, 3);
      assert.equal(seen?.seenAt, 300);
      assert.equal(seen?.deliveredSeq, 0, 'the other mark is its own');
      assert.equal(await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 2, 400), null);
      assert.equal(await ctx.store.advanceWatermark(chat.id, bob.id, 'seen', 3, 400), null);
      assert.equal((await ctx.store.getMember(chat.id, bob.id))?.seenAt, 300);

      const delivered = await ctx.store.advanceWatermark(chat.id, bob.id, 'delivered', 5, 500);
      assert.deepEqual([delivered?.deliveredSeq, delivered?.deliveredAt, delivered?.seenSeq], [5, 500, 3]);
      assert.equal(await ctx.store.advanceWatermark(chat.id, 'stranger', 'seen', 5, 500), null);
    });

    it('ends at the highest of concurrent receipts', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      await appendOk(ctx.store, Array.from({ length: 30 }, () => messageTo(chat, alice.id)));
      const seqs = [7, 30, 2, 19, 30, 11, 25, 1, 29, 14];
      const results = await Promise.all(seqs.map((seq) => ctx.store.advanceWatermark(chat.id, bob.id, 'seen', seq, seq * 10)));
      const member = await ctx.store.getMember(chat.id, bob.id);
      assert.equal(member?.seenSeq, 30);
      assert.equal(member?.seenAt, 300);
      assert.equal(results.filter((r) => r?.seenSeq === 30).length, 1, 'only one receipt moves it to 30');
    });

    it('moves many marks in one call, each only up', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      await appendOk(ctx.store, Array.from({ length: 6 }, () => messageTo(chat, alice.id)));
      await ctx.store.advanceWatermark(chat.id, bob.id, 'delivered', 4, 40);
      const rows = await ctx.store.advanceWatermarks([
        { chatId: chat.id, userId: bob.id, kind: 'delivered', seq: 3, at: 50 },
        { chatId: chat.id, userId: bob.id, kind: 'seen', seq: 2, at: 60 },
        { chatId: chat.id, userId: 'stranger', kind: 'seen', seq: 2, at: 60 },
        { chatId: chat.id, userId: alice.id, kind: 'delivered', seq: 6, at: 70 },
      ]);
      assert.equal(rows[0], null, 'a lower mark does not move');
      assert.deepEqual([rows[1]?.seenSeq, rows[1]?.seenAt, rows[1]?.deliveredSeq], [2, 60, 4]);
      assert.equal(rows[2], null, 'not a member');
      assert.equal(rows[3], null, 'the sender is already at 6');
      assert.deepEqual(await ctx.store.advanceWatermarks([]), []);
    });
  });

  describe('commit', () => {
    it('appends messages and moves marks in one call, messages first', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      await appendOk(ctx.store, [messageTo(chat, alice.id)]);
      const { appended, moved } = await ctx.store.commit({
        messages: [messageTo(chat, alice.id, { ts: 200 }), messageTo(chat, bob.id, { ts: 201 })],
        // Bob has delivered the first message and seen up to his own: a mark may name a seq of this very commit.
        marks: [
          { chatId: chat.id, userId: bob.id, kind: 'delivered', seq: 1, at: 300 },
          { chatId: chat.id, userId: alice.id, kind: 'seen', seq: 3, at: 301 },
          { chatId: chat.id, userId: 'stranger', kind: 'seen', seq: 1, at: 302 },
        ],
      });
      assert.deepEqual(
        appended.map((r) => [r.status, 'row' in r ? r.row.seq : 0]),
        [
          ['created', 2],
          ['created', 3],
        ],
      );
      assert.equal(moved[0], null, 'sending seq 3 already moved Bob to 3');
      assert.deepEqual([moved[1]?.seenSeq, moved[1]?.seenAt], [3, 301]);
      assert.equal(moved[2], null, 'not a member');
      const bobNow = await ctx.store.getMember(chat.id, bob.id);
      assert.deepEqual([bobNow?.deliveredSeq, bobNow?.seenSeq], [3, 3]);
      assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, 3);
      assert.deepEqual(await ctx.store.commit({ messages: [], marks: [] }), { appended: [], moved: [] });
    });

    it('writes nothing of a batch that fails', async () => {
      const { users, chat } = await seedChat(ctx.store);
      const [alice, bob] = users as [UserRow, UserRow];
      const bad = { ...messageTo(chat, alice.id), content: undefined as unknown as MessageRow['content'] };
      await assert.rejects(
        ctx.store.commit({
          messages: [messageTo(chat, alice.id), bad],
          marks: [{ chatId: chat.id, userId: bob.id, kind: 'seen', seq: 1, at: 1 }],
        }),
      );
      assert.equal((await ctx.store.getChat(chat.id))?.lastSeq, 0);
      assert.equal((await ctx.store.getMember(chat.id, bob.id))?.seenSeq, 0);
      assert.deepEqual(await ctx.store.listMessages(chat.id, { limit: 10 }), []);
    });
  });
}
