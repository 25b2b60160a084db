// Routing against real servers: manual pick, concurrent automatic assignment (each chat exactly one
// agent), re-queue on offline and after the disconnect grace, the bot hook, the offline form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { TestServer } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { call, chatState, eventually, onlineAgent, openChat, startLivechatServer, visitorSession } from './helpers.js';

for (const backend of await testStores()) {
  describe(`live chat routing: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let server: TestServer;
    before(async () => {
      server = await startLivechatServer({ store: backend.name });
    });
    after(() => server.close());

    it('concurrent automatic assignment: every chat gets exactly one agent, within capacity', async () => {
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Rush', routing: 'auto' } });
      assert.equal(dept.status, 201);
      const visitors = await Promise.all(Array.from({ length: 12 }, (_, i) => visitorSession(server, `V${i}`)));
      const chats = await Promise.all(visitors.map((v) => openChat(server, v, { departmentId: dept.body.department.id })));
      // Several agents come online at once, on several routing passes.
      const agents = await Promise.all(['A', 'B', 'C', 'D'].map((n) => onlineAgent(server, `Agent ${n}`, { status: 'available', maxChats: 3, departments: [dept.body.department.id] })));
      await Promise.all([...agents.map(() => call(server, 'GET', '/v1/livechat/queue', { token: server.adminKey })), server.server.services.livechat.router.route(server.tenantId), server.server.internals.livechatSweeper.sweep()]);
      const states = await eventually(
        () => Promise.all(chats.map((c) => chatState(server, c.chat.id))),
        (all) => all.every((s) => s.state === 'active'),
        'all assigned',
      );
      const perAgent = new Map<string, number>();
      for (const [i, s] of states.entries()) {
        assert.ok(s.agentId, `chat ${i} has an agent`);
        perAgent.set(s.agentId, (perAgent.get(s.agentId) ?? 0) + 1);
        const members = await call<{ members: { userId: string; role: string }[] }>(server, 'GET', `/v1/chats/${chats[i]?.chat.id}/members`, { token: visitors[i]?.token });
        assert.deepEqual(members.body.members.filter((m) => m.role === 'agent').map((m) => m.userId), [s.agentId], 'exactly one agent is a member');
      }
      assert.deepEqual([...perAgent.values()].sort(), [3, 3, 3, 3], 'least busy first, within maxChats');
      const listed = await call<{ agents: { userId: string; activeChats: number }[] }>(server, 'GET', '/v1/livechat/agents', { token: server.adminKey });
      for (const a of agents) assert.equal(listed.body.agents.find((x) => x.userId === a.id)?.activeChats, 3);
      for (const a of agents) await call(server, 'PUT', `/v1/livechat/agents/${a.id}`, { token: a.token, body: { status: 'away' } });
      for (const a of agents) a.socket.close();
    });

    it('picking races: of agents picking the same chat at once, one wins', async () => {
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Manual race', routing: 'manual' } });
      const visitor = await visitorSession(server);
      const opened = await openChat(server, visitor, { departmentId: dept.body.department.id });
      const pickers = await Promise.all(['P1', 'P2', 'P3', 'P4', 'P5'].map((n) => onlineAgent(server, n, { status: 'away', departments: [dept.body.department.id] })));
      const results = await Promise.all(pickers.map((p) => call<{ error?: { code: string } }>(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/pick`, { token: p.token })));
      assert.equal(results.filter((r) => r.status === 200).length, 1, JSON.stringify(results.map((r) => r.body)));
      assert.ok(results.filter((r) => r.status !== 200).every((r) => r.body.error?.code === 'E_CHAT_TAKEN'));
      const members = await call<{ members: { role: string }[] }>(server, 'GET', `/v1/chats/${opened.chat.id}/members`, { token: visitor.token });
      assert.equal(members.body.members.filter((m) => m.role === 'agent').length, 1);
      for (const p of pickers) p.socket.close();
    });

    it('manual mode: chats wait for an agent to pick them from the queue', async () => {
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Claims', routing: 'manual' } });
      const deptId = dept.body.department.id;
      const agent = await onlineAgent(server, 'Picker', { status: 'available', departments: [deptId] });
      const visitor = await visitorSession(server);
      const opened = await openChat(server, visitor, { departmentId: deptId });
      const second = await openChat(server, await visitorSession(server), { departmentId: deptId });
      assert.equal(second.queue.position, 2);
      await server.server.internals.livechatSweeper.sweep();
      assert.equal((await chatState(server, opened.chat.id)).state, 'queued', 'manual: no automatic assignment');
      const queue = await call<{ chats: { chat: { id: string }; queue: { position: number } }[] }>(server, 'GET', `/v1/livechat/queue?departmentId=${deptId}`, { token: agent.token });
      assert.deepEqual(queue.body.chats.map((c) => [c.chat.id, c.queue.position]), [[opened.chat.id, 1], [second.chat.id, 2]]);
      const picked = await call(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/pick`, { token: agent.token });
      assert.equal(picked.status, 200, JSON.stringify(picked.body));
      assert.equal((await chatState(server, opened.chat.id)).agentId, agent.id);
      assert.equal((await chatState(server, second.chat.id)).queue.position, 1, 'the next one moved up');
      const again = await call<{ error: { code: string } }>(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/pick`, { token: agent.token });
      assert.equal(again.body.error.code, 'E_CHAT_TAKEN');
      // Visitors cannot see the queue.
      const nosy = await call<{ error: { code: string } }>(server, 'GET', '/v1/livechat/queue', { token: visitor.token });
      assert.equal(nosy.body.error.code, 'E_FORBIDDEN');
      // A transfer to another department re-queues it there.
      const support = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Support', routing: 'manual' } });
      const moved = await call(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/transfer`, { token: agent.token, body: { departmentId: support.body.department.id } });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      const state = await chatState(server, opened.chat.id);
      assert.deepEqual([state.state, state.agentId, state.departmentId], ['queued', null, support.body.department.id]);
      agent.socket.close();
    });

    it('an agent going offline, or gone past the grace period, has their chats re-queued', async () => {
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Grace', routing: 'auto' } });
      const deptId = dept.body.department.id;
      const first = await onlineAgent(server, 'Leaver', { status: 'available', departments: [deptId], maxChats: 5 });
      const a = await openChat(server, await visitorSession(server), { departmentId: deptId });
      const b = await openChat(server, await visitorSession(server), { departmentId: deptId });
      await eventually(() => Promise.all([a, b].map((c) => chatState(server, c.chat.id))), (s) => s.every((x) => x.agentId === first.id), 'assigned to first');

      // The socket goes: within the grace the chats stay; past it they are re-queued.
      first.socket.close();
      await new Promise((r) => setTimeout(r, 100));
      assert.equal((await chatState(server, a.chat.id)).agentId, first.id, 'kept during the grace period');
      await eventually(() => Promise.all([a, b].map((c) => chatState(server, c.chat.id))), (s) => s.every((x) => x.state === 'queued'), 're-queued after the grace period');
      const listed = await eventually(
        () => call<{ agents: { userId: string; activeChats: number }[] }>(server, 'GET', '/v1/livechat/agents', { token: server.adminKey }),
        (r) => r.body.agents.find((x) => x.userId === first.id)?.activeChats === 0,
        'load released',
      );
      assert.equal(listed.body.agents.find((x) => x.userId === first.id)?.activeChats, 0);

      // Another agent comes: routing gives them both; then they go offline explicitly.
      const second = await onlineAgent(server, 'Stayer', { status: 'available', departments: [deptId], maxChats: 5 });
      await eventually(() => Promise.all([a, b].map((c) => chatState(server, c.chat.id))), (s) => s.every((x) => x.agentId === second.id), 'assigned to second');
      const off = await call(server, 'PUT', '/v1/livechat/agents/me', { token: second.token, body: { status: 'offline' } });
      assert.equal(off.status, 200);
      for (const c of [a, b]) assert.equal((await chatState(server, c.chat.id)).state, 'queued');
      const log = await call<{ messages: { messageType: string; content: { event?: string } }[] }>(server, 'GET', `/v1/chats/${a.chat.id}/messages`, { token: server.adminKey });
      assert.ok(log.body.messages.filter((m) => m.content.event === 'participantLeft').length >= 2);
      second.socket.close();
    });

    it('the entry bot takes new chats first and hands over to a department', async () => {
      const bot = await server.createUser('bot', 'Bot');
      assert.equal((await call(server, 'PUT', '/v1/livechat/entry-bot', { token: server.adminKey, body: { userId: bot.id } })).status, 204);
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'After bot', routing: 'manual' } });
      const visitor = await visitorSession(server);
      const opened = await openChat(server, visitor);
      assert.equal(opened.chat.state, 'bot');
      const refused = await call<{ error: { code: string } }>(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/handover`, { token: visitor.token, body: {} });
      assert.equal(refused.body.error.code, 'E_FORBIDDEN');
      const handed = await call(server, 'POST', `/v1/livechat/chats/${opened.chat.id}/handover`, { token: bot.token, body: { departmentId: dept.body.department.id } });
      assert.equal(handed.status, 200, JSON.stringify(handed.body));
      const state = await chatState(server, opened.chat.id);
      assert.deepEqual([state.state, state.departmentId], ['queued', dept.body.department.id]);
      assert.equal((await call(server, 'PUT', '/v1/livechat/entry-bot', { token: server.adminKey, body: { userId: null } })).status, 204);
    });

    it('offline form: nobody available, the visitor leaves a message that agents list', async () => {
      const dept = await call<{ department: { id: string } }>(server, 'POST', '/v1/livechat/departments', { token: server.adminKey, body: { name: 'Night', routing: 'auto' } });
      const availability = await call<{ available: boolean }>(server, 'GET', `/v1/livechat/availability?domain=DEFAULT&departmentId=${dept.body.department.id}`);
      assert.equal(availability.body.available, false);
      const visitor = await visitorSession(server, 'Nightowl');
      const left = await call(server, 'POST', '/v1/livechat/offline-messages', {
        token: visitor.token,
        body: { name: 'Nightowl', email: 'owl@example.com', text: 'Call me back <please>', departmentId: dept.body.department.id },
      });
      assert.equal(left.status, 201, JSON.stringify(left.body));
      const anonymous = await call(server, 'POST', '/v1/livechat/offline-messages', { body: { domain: 'DEFAULT', name: 'Anon', email: 'a@b.c', text: 'hi' } });
      assert.equal(anonymous.status, 201);
      const bad = await call<{ error: { code: string; path: string } }>(server, 'POST', '/v1/livechat/offline-messages', { body: { domain: 'DEFAULT', name: 'Anon', email: 'nope', text: 'hi' } });
      assert.equal(bad.body.error.code, 'E_VALIDATION');
      const agent = await server.createUser('agent', 'Morning');
      const list = await call<{ messages: { text: string; email: string; visitorId: string | null }[] }>(server, 'GET', '/v1/livechat/offline-messages', { token: agent.token });
      assert.equal(list.status, 200);
      assert.deepEqual(list.body.messages.slice(0, 2).map((m) => m.text), ['hi', 'Call me back <please>']);
      assert.equal(list.body.messages[1]?.visitorId, visitor.id);
      const denied = await call<{ error: { code: string } }>(server, 'GET', '/v1/livechat/offline-messages', { token: visitor.token });
      assert.equal(denied.body.error.code, 'E_FORBIDDEN');
    });
  });
}
