import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { UserRow } from '../../../src/store/index.js';
import { chatRow, memberOf, messageTo, seedChat, tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { appendOk, code, sortBy } from './support.js';

/** Chats, direct keys and members. */
export function chatsConformance(ctx: ConformanceContext): void {
  describe('chats and members', () => {
    it('creates a chat with its members', async () => {
      const { tenant, users, chat } = await seedChat(ctx.store, { users: 3 });
      assert.deepEqual(await ctx.store.getChat(chat.id), chat);
      assert.equal(await ctx.store.getChat('CHAT_missing'), null);
      const members = await ctx.store.listMembers(chat.id);
      assert.deepEqual(members.map((m) => m.userId).sort(), users.map((u) => u.id).sort());
      for (const member of members) {
        assert.deepEqual(member, {
          ...memberOf(chat, member.userId),
          tenantId: tenant.id,
          leftAt: null,
          deliveredSeq: 0,
          deliveredAt: null,
          seenSeq: 0,
          seenAt: null,
          muted: false,
          archived: false,
          clearedSeq: 0,
          hidden: false,
        });
      }
    });

    it('keeps one direct chat per key and tenant', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const other = await ctx.store.createTenant(tenantRow());
      const directKey = 'alice|bob';
      const chat = chatRow(tenant.id, { kind: 'direct', directKey });
      await ctx.store.createChat(chat, [memberOf(chat, 'alice'), memberOf(chat, 'bob')]);
      assert.deepEqual(await ctx.store.getDirectChat(tenant.id, directKey), chat);
      assert.equal(await ctx.store.getDirectChat(tenant.id, 'alice|carol'), null);
      assert.equal(await ctx.store.getDirectChat(other.id, directKey), null);

      const twin = chatRow(tenant.id, { kind: 'direct', directKey });
      await assert.rejects(ctx.store.createChat(twin, [memberOf(twin, 'alice'), memberOf(twin, 'bob')]), code('E_CONFLICT'));
      assert.equal(await ctx.store.getChat(twin.id), null, 'nothing of the refused chat is stored');
      assert.deepEqual(await ctx.store.listMembers(twin.id), []);

      const elsewhere = chatRow(other.id, { kind: 'direct', directKey });
      await ctx.store.createChat(elsewhere, []);
      assert.deepEqual(await ctx.store.getDirectChat(other.id, directKey), elsewhere);

      // Group chats have no key and never collide.
      await ctx.store.createChat(chatRow(tenant.id), []);
      await ctx.store.createChat(chatRow(tenant.id), []);
    });

    it('refuses a taken chat id with E_CONFLICT', async () => {
      const { chat } = await seedChat(ctx.store);
      await assert.rejects(ctx.store.createChat({ ...chat, title: 'twin' }, []), code('E_CONFLICT'));
      assert.equal((await ctx.store.getChat(chat.id))?.title, chat.title);
    });

    it('updates state, title and meta', async () => {
      const { chat } = await seedChat(ctx.store, { chat: { kind: 'livechat', state: 'bot' } });
      await ctx.store.updateChat(chat.id, { state: 'queued', title: 'Help', meta: { department: 'sales' } });
      assert.deepEqual(await ctx.store.getChat(chat.id), { ...chat, state: 'queued', title: 'Help', meta: { department: 'sales' } });
      await ctx.store.updateChat(chat.id, {});
      assert.equal((await ctx.store.getChat(chat.id))?.state, 'queued');
    });

    it('adds, removes and brings back members, keeping their watermarks', async () => {
      const { tenant, users, chat } = await seedChat(ctx.store, { users: 1 });
      const [owner] = users as [UserRow];
      const guest = await ctx.store.createUser(userRow(tenant.id));
      const added = await ctx.store.addMember(memberOf(chat, guest.id, { role: 'admin', joinedAt: 10 }));
      assert.equal(added.userId, guest.id);
      assert.equal(added.role, 'admin');
      assert.equal(added.joinedAt, 10);
      assert.equal(added.leftAt, null);
      assert.deepEqual(await ctx.store.getMember(chat.id, guest.id), added);

      await appendOk(ctx.store, [messageTo(chat, owner.id), messageTo(chat, owner.id)]);
      assert.ok(await ctx.store.advanceWatermark(chat.id, guest.id, 'seen', 2, 20));

      assert.equal(await ctx.store.removeMember(chat.id, guest.id, 30), true);
      assert.equal(await ctx.store.removeMember(chat.id, guest.id, 31), false, 'no longer a current member');
      assert.equal(await ctx.store.removeMember(chat.id, 'stranger', 31), false);
      assert.equal((await ctx.store.getMember(chat.id, guest.id))?.leftAt, 30);
      assert.deepEqual((await ctx.store.listMembers(chat.id)).map((m) => m.userId), [owner.id]);
      assert.deepEqual(
        (await ctx.store.listMembers(chat.id, { includeLeft: true })).map((m) => m.userId).sort(),
        [owner.id, guest.id].sort(),
      );

      const twin = chatRow(chat.tenantId);
      await ctx.store.createChat(twin, [memberOf(twin, guest.id, { joinedAt: 5 }), memberOf(twin, owner.id, { joinedAt: 6 })]);
      const many = await ctx.store.listMembersOfChats([twin.id, chat.id, twin.id, 'CHAT_missing']);
      const expected = [
        ...(await ctx.store.listMembers(chat.id)),
        ...(await ctx.store.listMembers(twin.id)),
      ].sort((a, b) => (a.chatId < b.chatId ? -1 : a.chatId > b.chatId ? 1 : 0));
      assert.deepEqual(many, expected, 'current members only, grouped by chat, each chat once');
      assert.deepEqual(await ctx.store.listMembersOfChats([]), []);

      const back = await ctx.store.addMember(memberOf(chat, guest.id, { role: 'member', joinedAt: 40 }));
      assert.equal(back.leftAt, null);
      assert.equal(back.role, 'member');
      assert.equal(back.joinedAt, 40);
      assert.equal(back.seenSeq, 2, 'watermarks survive leaving and coming back');
      assert.equal(back.seenAt, 20);

      const again = await ctx.store.addMember(memberOf(chat, guest.id, { role: 'owner', joinedAt: 50 }));
      assert.deepEqual(again, back, 'adding a current member changes nothing');
    });

    it('refuses a member of a chat that does not exist', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const ghost = chatRow(tenant.id);
      await assert.rejects(ctx.store.addMember(memberOf(ghost, 'someone')), code('E_CHAT_NOT_FOUND'));
    });

    it('lists only current memberships, with each chat last seq', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const user = await ctx.store.createUser(userRow(tenant.id));
      const { chat: a } = await seedChat(ctx.store, { tenant, users: 0 });
      const { chat: b } = await seedChat(ctx.store, { tenant, users: 0 });
      const { chat: left } = await seedChat(ctx.store, { tenant, users: 0 });
      for (const chat of [a, b, left]) await ctx.store.addMember(memberOf(chat, user.id));
      await appendOk(ctx.store, [messageTo(a, user.id), messageTo(a, user.id), messageTo(b, user.id)]);
      await ctx.store.removeMember(left.id, user.id, 99);

      const memberships = await ctx.store.listMemberships(tenant.id, user.id);
      assert.deepEqual(
        sortBy(memberships, (m) => m.chatId),
        sortBy(
          [
            { chatId: a.id, lastSeq: 2 },
            { chatId: b.id, lastSeq: 1 },
          ],
          (m) => m.chatId,
        ),
      );
      assert.deepEqual(await ctx.store.listMemberships('another-tenant', user.id), []);
    });

    it('updates a member chat state', async () => {
      const { users, chat } = await seedChat(ctx.store, { users: 1 });
      const userId = (users[0] as UserRow).id;
      await ctx.store.updateMemberState(chat.id, userId, { muted: true, archived: true, clearedSeq: 7, hidden: true });
      const member = await ctx.store.getMember(chat.id, userId);
      assert.deepEqual(
        { muted: member?.muted, archived: member?.archived, clearedSeq: member?.clearedSeq, hidden: member?.hidden },
        { muted: true, archived: true, clearedSeq: 7, hidden: true },
      );
      await ctx.store.updateMemberState(chat.id, userId, { muted: false });
      assert.equal((await ctx.store.getMember(chat.id, userId))?.muted, false);
      assert.equal((await ctx.store.getMember(chat.id, userId))?.archived, true);
      assert.equal(await ctx.store.getMember(chat.id, 'stranger'), null);
    });
  });
}
