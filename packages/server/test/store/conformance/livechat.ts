import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { LivechatRow, NewMember, Store, TenantRow } from '../../../src/store/index.js';
import { chatRow, messageTo, tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { code } from './support.js';

async function liveChat(store: Store, tenant: TenantRow, opts: { state?: 'queued' | 'bot'; departmentId?: string | null; queuedAt?: number } = {}): Promise<LivechatRow> {
  const visitor = await store.createUser(userRow(tenant.id, { kind: 'customer' }));
  const chat = chatRow(tenant.id, { kind: 'livechat', state: opts.state ?? 'queued' });
  const row: LivechatRow = {
    chatId: chat.id,
    tenantId: tenant.id,
    visitorId: visitor.id,
    departmentId: opts.departmentId ?? null,
    agentId: null,
    subject: 'help',
    queuedAt: opts.state === 'bot' ? null : (opts.queuedAt ?? Date.now()),
    assignedAt: null,
    endedAt: null,
    secureKeyHash: null,
    apiCursor: 0,
    transcriptSavedAt: null,
    createdAt: 1_700_000_000_000,
  };
  return store.livechat.createLivechat(chat, [{ chatId: chat.id, tenantId: tenant.id, userId: visitor.id, role: 'customer', joinedAt: chat.createdAt }], row);
}

async function agent(store: Store, tenant: TenantRow, maxChats = 2, status: 'available' | 'away' | 'offline' = 'available'): Promise<string> {
  const user = await store.createUser(userRow(tenant.id, { kind: 'agent' }));
  await store.livechat.saveAgent(tenant.id, user.id, { status, maxChats, departments: [], statusAt: 1 });
  return user.id;
}

const asMember = (row: LivechatRow, userId: string): NewMember => ({ chatId: row.chatId, tenantId: row.tenantId, userId, role: 'agent', joinedAt: Date.now() });

/** Live chat: departments, agents, the routing writes (one winner per queued chat), transcripts, offline messages. */
export function livechatConformance(ctx: ConformanceContext): void {
  describe('live chat', () => {
    it('keeps departments per tenant', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const other = await ctx.store.createTenant(tenantRow());
      const sales = await ctx.store.livechat.createDepartment({ id: 'sales', tenantId: tenant.id, name: 'Sales', routing: 'auto', createdAt: 1 });
      await ctx.store.livechat.createDepartment({ id: 'sales', tenantId: other.id, name: 'Other sales', routing: 'manual', createdAt: 1 });
      await assert.rejects(ctx.store.livechat.createDepartment({ ...sales, name: 'again' }), code('E_CONFLICT'));
      await ctx.store.livechat.updateDepartment(tenant.id, 'sales', { routing: 'manual' });
      assert.deepEqual(await ctx.store.livechat.getDepartment(tenant.id, 'sales'), { ...sales, routing: 'manual' });
      assert.deepEqual((await ctx.store.livechat.listDepartments(tenant.id)).map((d) => d.name), ['Sales']);
      assert.equal(await ctx.store.livechat.getDepartment(tenant.id, 'missing'), null);
    });

    it('names the reference a write is missing: the tenant, or the chat', async () => {
      const ghostTenant = randomUUID();
      const lc = ctx.store.livechat;
      await assert.rejects(lc.createDepartment({ id: 'd', tenantId: ghostTenant, name: 'D', routing: 'auto', createdAt: 1 }), code('E_TENANT_NOT_FOUND'));
      await assert.rejects(lc.saveAgent(ghostTenant, 'agent', { status: 'available', maxChats: 1, departments: [], statusAt: 1 }), code('E_TENANT_NOT_FOUND'));
      await assert.rejects(lc.setEntryBot(ghostTenant, 'bot'), code('E_TENANT_NOT_FOUND'));
      const offline = { id: randomUUID(), tenantId: ghostTenant, departmentId: null, visitorId: null, name: 'N', email: 'n@example.com', text: 'hi', createdAt: 1 };
      await assert.rejects(lc.createOfflineMessage(offline), code('E_TENANT_NOT_FOUND'));

      const tenant = await ctx.store.createTenant(tenantRow());
      const visitor = await ctx.store.createUser(userRow(tenant.id, { kind: 'customer' }));
      const chat = chatRow(tenant.id, { kind: 'livechat', state: 'queued' });
      const routing: LivechatRow = {
        chatId: chat.id,
        tenantId: tenant.id,
        visitorId: visitor.id,
        departmentId: null,
        agentId: null,
        subject: 'help',
        queuedAt: 1,
        assignedAt: null,
        endedAt: null,
        secureKeyHash: null,
        apiCursor: 0,
        transcriptSavedAt: null,
        createdAt: 1,
      };
      const member: NewMember = { chatId: chat.id, tenantId: tenant.id, userId: visitor.id, role: 'customer', joinedAt: 1 };
      // The tenant exists; what is missing is the chat the routing row (or a member) points at.
      await assert.rejects(lc.createLivechat(chat, [member], { ...routing, chatId: randomUUID() }), code('E_CHAT_NOT_FOUND'));
      await assert.rejects(lc.createLivechat(chat, [{ ...member, chatId: randomUUID() }], routing), code('E_CHAT_NOT_FOUND'));
      await assert.rejects(lc.createLivechat({ ...chat, tenantId: randomUUID() }, [member], routing), code('E_TENANT_NOT_FOUND'));
      assert.equal(await ctx.store.getChat(chat.id), null, 'a refused write leaves nothing behind');
      assert.deepEqual(await lc.createLivechat(chat, [member], routing), routing);
    });

    it('saves agent settings without touching their load', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const id = await agent(ctx.store, tenant, 3);
      const saved = await ctx.store.livechat.saveAgent(tenant.id, id, { status: 'away', maxChats: 5, departments: ['d1'], statusAt: 7 });
      assert.deepEqual(saved, { tenantId: tenant.id, userId: id, status: 'away', maxChats: 5, activeChats: 0, departments: ['d1'], statusAt: 7, lastAssignedAt: null });
      assert.deepEqual(await ctx.store.livechat.listAgents(tenant.id), [saved]);
    });

    it('assigns a queued chat to exactly one of many concurrent callers, within capacity', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const row = await liveChat(ctx.store, tenant);
      const agents = await Promise.all(Array.from({ length: 5 }, () => agent(ctx.store, tenant)));
      const results = await Promise.all(agents.map((a) => ctx.store.livechat.assign(row.chatId, a, asMember(row, a), { at: Date.now(), statuses: ['available'] })));
      assert.deepEqual(results.filter((r) => r === 'assigned').length, 1);
      assert.ok(results.filter((r) => r !== 'assigned').every((r) => r === 'taken'));
      const winner = agents[results.indexOf('assigned')] as string;
      assert.equal((await ctx.store.getChat(row.chatId))?.state, 'active');
      assert.equal((await ctx.store.livechat.getLivechat(row.chatId))?.agentId, winner);
      const loads = await ctx.store.livechat.listAgents(tenant.id);
      assert.deepEqual(loads.map((a) => a.activeChats).sort(), [0, 0, 0, 0, 1], 'losers keep no load');
      assert.deepEqual((await ctx.store.listMembers(row.chatId)).map((m) => m.userId).sort(), [row.visitorId, winner].sort());
      assert.deepEqual((await ctx.store.livechat.listAgentChats(tenant.id, winner)).map((r) => r.chatId), [row.chatId]);

      // Capacity and status are part of the same guarantee.
      const full = await agent(ctx.store, tenant, 1);
      const first = await liveChat(ctx.store, tenant);
      const second = await liveChat(ctx.store, tenant);
      const both = await Promise.all([first, second].map((r) => ctx.store.livechat.assign(r.chatId, full, asMember(r, full), { at: Date.now(), statuses: ['available'] })));
      assert.deepEqual(both.sort(), ['agent_unavailable', 'assigned']);
      const away = await agent(ctx.store, tenant, 2, 'away');
      const third = await liveChat(ctx.store, tenant);
      assert.equal(await ctx.store.livechat.assign(third.chatId, away, asMember(third, away), { at: 1, statuses: ['available'] }), 'agent_unavailable');
      assert.equal((await ctx.store.getChat(third.chatId))?.state, 'queued', 'nothing changed');
      assert.equal(await ctx.store.livechat.assign(third.chatId, away, asMember(third, away), { at: 1, statuses: ['available', 'away'] }), 'assigned');
    });

    it('lists the queue in order and by department; requeues, transfers, hands over and finishes once', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const a = await liveChat(ctx.store, tenant, { queuedAt: 10 });
      const b = await liveChat(ctx.store, tenant, { queuedAt: 20, departmentId: 'dept' });
      const c = await liveChat(ctx.store, tenant, { state: 'bot' });
      assert.deepEqual((await ctx.store.livechat.listQueue(tenant.id)).map((r) => r.chatId), [a.chatId, b.chatId]);
      assert.deepEqual((await ctx.store.livechat.listQueue(tenant.id, 'dept')).map((r) => r.chatId), [b.chatId]);
      assert.deepEqual((await ctx.store.livechat.listQueue(tenant.id, null)).map((r) => r.chatId), [a.chatId]);
      assert.ok((await ctx.store.livechat.listQueuedTenants()).includes(tenant.id));

      const one = await agent(ctx.store, tenant);
      const two = await agent(ctx.store, tenant);
      assert.equal(await ctx.store.livechat.assign(a.chatId, one, asMember(a, one), { at: 30, statuses: ['available'] }), 'assigned');
      assert.ok((await ctx.store.livechat.listBusyAgents()).some((x) => x.userId === one));
      assert.equal(await ctx.store.livechat.transfer(a.chatId, two, asMember(a, one), 40), 'not_assigned', 'only from the assigned agent');
      assert.equal(await ctx.store.livechat.transfer(a.chatId, one, asMember(a, two), 40), 'transferred');
      assert.equal((await ctx.store.livechat.getLivechat(a.chatId))?.agentId, two);
      assert.equal((await ctx.store.getMember(a.chatId, one))?.leftAt, 40);
      assert.equal((await ctx.store.livechat.getAgent(tenant.id, one))?.activeChats, 0);
      assert.equal((await ctx.store.livechat.getAgent(tenant.id, two))?.activeChats, 1);

      assert.equal(await ctx.store.livechat.requeue(a.chatId, one, 50), false, 'not theirs any more');
      assert.equal(await ctx.store.livechat.requeue(a.chatId, two, 50, 'dept'), true);
      const requeued = await ctx.store.livechat.getLivechat(a.chatId);
      assert.deepEqual([requeued?.agentId, requeued?.queuedAt, requeued?.departmentId], [null, 50, 'dept']);
      assert.equal((await ctx.store.getChat(a.chatId))?.state, 'queued');
      assert.equal((await ctx.store.livechat.getAgent(tenant.id, two))?.activeChats, 0);

      assert.equal(await ctx.store.livechat.handover(a.chatId, 60), false, 'not with the bot');
      assert.equal(await ctx.store.livechat.handover(c.chatId, 60, 'dept'), true);
      assert.equal((await ctx.store.getChat(c.chatId))?.state, 'queued');

      assert.equal(await ctx.store.livechat.assign(b.chatId, one, asMember(b, one), { at: 70, statuses: ['available'] }), 'assigned');
      const finished = await ctx.store.livechat.finish(b.chatId, 80);
      assert.equal(finished?.endedAt, 80);
      assert.equal(await ctx.store.livechat.finish(b.chatId, 90), null, 'once');
      assert.equal((await ctx.store.livechat.getAgent(tenant.id, one))?.activeChats, 0);
    });

    it('keeps the API cursor, the transcript, the visitor chats, offline messages and the entry bot', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const row = await liveChat(ctx.store, tenant);
      await ctx.store.livechat.advanceApiCursor(row.chatId, 5);
      await ctx.store.livechat.advanceApiCursor(row.chatId, 3);
      assert.equal((await ctx.store.livechat.getLivechat(row.chatId))?.apiCursor, 5);
      assert.equal(await ctx.store.livechat.getTranscript(row.chatId), null);
      assert.equal(await ctx.store.livechat.saveTranscript(row.chatId, 9, '[1]'), true);
      assert.equal(await ctx.store.livechat.saveTranscript(row.chatId, 10, '[2]'), false);
      assert.deepEqual(await ctx.store.livechat.getTranscript(row.chatId), { savedAt: 9, json: '[1]' });
      assert.deepEqual((await ctx.store.livechat.listVisitorChats(tenant.id, row.visitorId)).map((r) => r.chatId), [row.chatId]);

      const base = { tenantId: tenant.id, departmentId: null, visitorId: null, name: 'N', email: 'n@x.y', text: 't' };
      await ctx.store.livechat.createOfflineMessage({ ...base, id: randomUUID(), createdAt: 1 });
      await ctx.store.livechat.createOfflineMessage({ ...base, id: randomUUID(), createdAt: 2, text: 'newer' });
      assert.deepEqual((await ctx.store.livechat.listOfflineMessages(tenant.id, { limit: 10 })).map((m) => m.text), ['newer', 't']);
      assert.deepEqual((await ctx.store.livechat.listOfflineMessages(tenant.id, { limit: 10, before: 2 })).map((m) => m.text), ['t']);

      assert.equal(await ctx.store.livechat.getEntryBot(tenant.id), null);
      await ctx.store.livechat.setEntryBot(tenant.id, 'BOT_1');
      assert.equal(await ctx.store.livechat.getEntryBot(tenant.id), 'BOT_1');
      await ctx.store.livechat.setEntryBot(tenant.id, null);
      assert.equal(await ctx.store.livechat.getEntryBot(tenant.id), null);
    });

    it('lets a server notice follow the end of a chat, and nothing else', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const row = await liveChat(ctx.store, tenant);
      const chat = { id: row.chatId, tenantId: tenant.id, createdAt: 1 } as Parameters<typeof messageTo>[0];
      const [end] = await ctx.store.appendMessages([messageTo(chat, row.visitorId, { messageType: 'endChat', content: {}, endsChat: true })]);
      assert.equal(end?.status, 'created');
      const [late] = await ctx.store.appendMessages([messageTo(chat, row.visitorId)]);
      assert.equal(late?.status, 'chat_ended');
      const [notice] = await ctx.store.appendMessages([messageTo(chat, row.visitorId, { messageType: 'notice', content: { event: 'transcriptSaved' }, afterEnd: true })]);
      assert.equal(notice?.status, 'created');
      if (notice?.status === 'created') assert.equal(notice.row.messageType, 'notice');
    });
  });
}
