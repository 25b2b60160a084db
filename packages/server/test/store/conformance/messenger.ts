import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { chatRow, memberOf, messageTo, tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { appendOk } from './support.js';

/** `store.messenger`: favourites, messages deleted for one user, member roles (seed 004). */
export function messengerConformance(ctx: ConformanceContext): void {
  const setup = async () => {
    const tenant = await ctx.store.createTenant(tenantRow());
    const me = await ctx.store.createUser(userRow(tenant.id));
    const other = await ctx.store.createUser(userRow(tenant.id));
    const chat = chatRow(tenant.id, { kind: 'group' });
    await ctx.store.createChat(chat, [memberOf(chat, me.id, { role: 'owner' }), memberOf(chat, other.id)]);
    const rows = await appendOk(ctx.store, [1, 2, 3, 4].map((i) => messageTo(chat, other.id, { ts: 1000 + i })));
    return { tenant, me, other, chat, rows };
  };

  describe('messenger', () => {
    it('adds, lists and removes favourites per user', async () => {
      const { tenant, me, other, chat, rows } = await setup();
      const fav = (i: number, userId = me.id, createdAt = 5000 + i) => ({
        tenantId: tenant.id,
        userId,
        chatId: chat.id,
        messageId: rows[i]!.id,
        seq: rows[i]!.seq,
        createdAt,
      });
      assert.equal(await ctx.store.messenger.addFavourite(fav(0)), true);
      assert.equal(await ctx.store.messenger.addFavourite(fav(0)), false, 'a second add changes nothing');
      assert.equal(await ctx.store.messenger.addFavourite(fav(2)), true);
      assert.equal(await ctx.store.messenger.addFavourite(fav(3)), true);
      assert.equal(await ctx.store.messenger.addFavourite(fav(2, other.id)), true);
      const mine = await ctx.store.messenger.listFavourites(tenant.id, me.id);
      assert.deepEqual(mine, [fav(3), fav(2), fav(0)], 'newest marked first');
      assert.deepEqual(await ctx.store.messenger.listFavourites(tenant.id, me.id, { chatId: 'nope' }), []);
      assert.equal(await ctx.store.messenger.removeFavourite(tenant.id, me.id, rows[3]!.id), true);
      assert.equal(await ctx.store.messenger.removeFavourite(tenant.id, me.id, rows[3]!.id), false);
      assert.equal(await ctx.store.messenger.removeFavourites(tenant.id, me.id, { chatId: chat.id, maxSeq: rows[0]!.seq }), 1);
      assert.deepEqual(await ctx.store.messenger.listFavourites(tenant.id, me.id), [fav(2)]);
      assert.equal(await ctx.store.messenger.removeFavouritesOfMessage(tenant.id, rows[2]!.id), 2, "everyone's favourite of it goes");
      assert.deepEqual(await ctx.store.messenger.listFavourites(tenant.id, other.id), []);
      await ctx.store.messenger.addFavourite(fav(1));
      assert.equal(await ctx.store.messenger.removeFavourites(tenant.id, me.id), 1);
      assert.deepEqual(await ctx.store.messenger.listFavourites('another-tenant', me.id), []);
    });

    it('hides messages from one user, in lookups and in history pages', async () => {
      const { tenant, me, other, chat, rows } = await setup();
      const hide = (i: number) => ({ tenantId: tenant.id, chatId: chat.id, userId: me.id, seq: rows[i]!.seq, messageId: rows[i]!.id, hiddenAt: 7000 });
      await ctx.store.messenger.hideMessages([hide(1), hide(2)]);
      await ctx.store.messenger.hideMessages([hide(1)]);
      const seqs = rows.map((r) => r.seq);
      assert.deepEqual(await ctx.store.messenger.hiddenSeqs(chat.id, me.id, seqs), [rows[1]!.seq, rows[2]!.seq]);
      assert.deepEqual(await ctx.store.messenger.hiddenSeqs(chat.id, other.id, seqs), []);
      const page = await ctx.store.listMessages(chat.id, { limit: 10, hiddenFor: me.id });
      assert.deepEqual(page.map((r) => r.seq), [rows[0]!.seq, rows[3]!.seq]);
      const newest = await ctx.store.listMessages(chat.id, { limit: 2, before: rows[3]!.seq, hiddenFor: me.id });
      assert.deepEqual(newest.map((r) => r.seq), [rows[0]!.seq], 'limits count visible messages');
      assert.equal((await ctx.store.listMessages(chat.id, { limit: 10, hiddenFor: other.id })).length, 4);
    });

    it('finds which (chat, seq) pairs of several chats are hidden from the user', async () => {
      const first = await setup();
      const { tenant, me, other } = first;
      const second = chatRow(tenant.id, { kind: 'group' });
      await ctx.store.createChat(second, [memberOf(second, me.id), memberOf(second, other.id)]);
      const secondRows = await appendOk(ctx.store, [1, 2].map(() => messageTo(second, other.id)));
      const hide = (chatId: string, row: { seq: number; id: string }) => ({ tenantId: tenant.id, chatId, userId: me.id, seq: row.seq, messageId: row.id, hiddenAt: 1 });
      // Chat 1 hides seq 2, chat 2 hides seq 1: asking for (1, 1) and (2, 2) must find neither.
      await ctx.store.messenger.hideMessages([hide(first.chat.id, first.rows[1]!), hide(second.id, secondRows[0]!)]);
      const ask = [
        { chatId: first.chat.id, seq: 1 },
        { chatId: first.chat.id, seq: 2 },
        { chatId: second.id, seq: 1 },
        { chatId: second.id, seq: 2 },
      ];
      const found = await ctx.store.messenger.hiddenOf(me.id, ask);
      assert.deepEqual(
        found.map((h) => `${h.chatId}:${h.seq}`).sort(),
        [`${first.chat.id}:2`, `${second.id}:1`].sort(),
      );
      assert.deepEqual(await ctx.store.messenger.hiddenOf(other.id, ask), []);
      assert.deepEqual(await ctx.store.messenger.hiddenOf(me.id, []), []);
    });

    it("changes a current member's role", async () => {
      const { chat, me, other } = await setup();
      const row = await ctx.store.messenger.setMemberRole(chat.id, other.id, 'admin');
      assert.equal(row?.role, 'admin');
      assert.deepEqual(row, await ctx.store.getMember(chat.id, other.id));
      await ctx.store.removeMember(chat.id, me.id, 9000);
      assert.equal(await ctx.store.messenger.setMemberRole(chat.id, me.id, 'admin'), null, 'not for a member who left');
      assert.equal((await ctx.store.getMember(chat.id, me.id))?.role, 'owner');
    });
  });
}
