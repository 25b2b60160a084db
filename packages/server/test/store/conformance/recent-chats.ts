import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { ChatRow } from '../../../src/store/index.js';
import { chatRow, memberOf, messageTo, tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { appendOk } from './support.js';

/** The recent-chats list. */
export function recentChatsConformance(ctx: ConformanceContext): void {
  describe('listRecentChats', () => {
    it('lists current, visible chats by newest activity with their last message', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const me = await ctx.store.createUser(userRow(tenant.id));
      const other = await ctx.store.createUser(userRow(tenant.id));
      const mk = async (createdAt: number): Promise<ChatRow> => {
        const chat = chatRow(tenant.id, { createdAt });
        await ctx.store.createChat(chat, [memberOf(chat, me.id), memberOf(chat, other.id)]);
        return chat;
      };
      const quiet = await mk(1500); // no messages: its activity is its creation
      const older = await mk(1000);
      const newer = await mk(1000);
      const left = await mk(1000);
      const notMine = chatRow(tenant.id, { createdAt: 9000 });
      await ctx.store.createChat(notMine, [memberOf(notMine, other.id)]);

      await appendOk(ctx.store, [messageTo(older, other.id, { ts: 2000 })]);
      const [, newest] = await appendOk(ctx.store, [
        messageTo(newer, me.id, { ts: 2500 }),
        messageTo(newer, other.id, { ts: 3000 }),
      ]);
      await appendOk(ctx.store, [messageTo(left, other.id, { ts: 4000 })]);
      await ctx.store.removeMember(left.id, me.id, 4100);

      const recent = await ctx.store.listRecentChats(tenant.id, me.id, { limit: 10 });
      assert.deepEqual(
        recent.map((r) => r.chat.id),
        [newer.id, older.id, quiet.id],
      );
      const [top] = recent;
      assert.deepEqual(top?.lastMessage, newest);
      assert.deepEqual(top?.chat, await ctx.store.getChat(newer.id));
      assert.deepEqual(top?.member, await ctx.store.getMember(newer.id, me.id));
      assert.equal(recent[2]?.lastMessage, null);
      assert.deepEqual(await ctx.store.listRecentChats('another-tenant', me.id, { limit: 10 }), []);
    });

    it('pages by activity', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const me = await ctx.store.createUser(userRow(tenant.id));
      const chats: ChatRow[] = [];
      for (let i = 0; i < 5; i++) {
        const chat = chatRow(tenant.id, { createdAt: 100 });
        await ctx.store.createChat(chat, [memberOf(chat, me.id)]);
        await appendOk(ctx.store, [messageTo(chat, me.id, { ts: 1000 + i * 10 })]);
        chats.push(chat);
      }
      const expected = chats.map((c) => c.id).reverse();
      const first = await ctx.store.listRecentChats(tenant.id, me.id, { limit: 2 });
      assert.deepEqual(
        first.map((r) => r.chat.id),
        expected.slice(0, 2),
      );
      const cursor = first[first.length - 1]?.chat.lastMessageAt ?? undefined;
      const second = await ctx.store.listRecentChats(tenant.id, me.id, { limit: 2, beforeActivity: cursor });
      assert.deepEqual(
        second.map((r) => r.chat.id),
        expected.slice(2, 4),
      );
      const last = await ctx.store.listRecentChats(tenant.id, me.id, { limit: 2, beforeActivity: 1010 });
      assert.deepEqual(
        last.map((r) => r.chat.id),
        expected.slice(4),
      );
    });

    it('hides hidden chats until their next message, and filters by archived', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const me = await ctx.store.createUser(userRow(tenant.id));
      const friend = await ctx.store.createUser(userRow(tenant.id));
      const mk = async (ts: number): Promise<ChatRow> => {
        const chat = chatRow(tenant.id);
        await ctx.store.createChat(chat, [memberOf(chat, me.id), memberOf(chat, friend.id)]);
        await appendOk(ctx.store, [messageTo(chat, friend.id, { ts })]);
        return chat;
      };
      const plain = await mk(3000);
      const hidden = await mk(2000);
      const archived = await mk(1000);
      await ctx.store.updateMemberState(hidden.id, me.id, { hidden: true });
      await ctx.store.updateMemberState(archived.id, me.id, { archived: true });

      const ids = async (query: { archived?: boolean }): Promise<string[]> =>
        (await ctx.store.listRecentChats(tenant.id, me.id, { limit: 10, ...query })).map((r) => r.chat.id);
      assert.deepEqual(await ids({}), [plain.id, archived.id]);
      assert.deepEqual(await ids({ archived: false }), [plain.id]);
      assert.deepEqual(await ids({ archived: true }), [archived.id]);
      assert.deepEqual(
        (await ctx.store.listRecentChats(tenant.id, friend.id, { limit: 10 })).map((r) => r.chat.id),
        [plain.id, hidden.id, archived.id],
        'hiding is per member',
      );

      await appendOk(ctx.store, [messageTo(hidden, friend.id, { ts: 4000 })]);
      assert.deepEqual(await ids({ archived: false }), [hidden.id, plain.id]);
    });
  });
}
