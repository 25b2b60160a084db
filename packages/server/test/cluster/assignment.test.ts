// Auto-assignment raced from three nodes at once: every queued chat ends with exactly one agent, and no
// agent goes past their maximum — the database decides, not the nodes.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ADMIN_KEY, clusterSkipReason, TestCluster } from '../helpers/cluster.js';
import { RawClient } from '../helpers/ws-client.js';

const skip = await clusterSkipReason();
const NODES = 3;
const AGENTS = 4;
const MAX_CHATS = 3;
const CHATS = AGENTS * MAX_CHATS;

interface Reply {
  status: number;
  body: any;
}

describe('cluster: concurrent auto-assignment from three nodes', { skip: skip ?? false }, () => {
  let cluster: TestCluster | undefined;
  const sockets: RawClient[] = [];

  before(async () => {
    cluster = await TestCluster.start({ nodes: NODES });
  });
  after(async () => {
    for (const s of sockets) s.close();
    await cluster?.close();
  });

  const call = async (node: number, method: string, path: string, token: string | undefined, body?: unknown): Promise<Reply> => {
    const res = await fetch(`${cluster!.url(node)}${path}`, {
      method,
      headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };

  it('gives every chat exactly one agent, within each agent maximum', async () => {
    const c = cluster as TestCluster;
    const { department } = await c.admin<{ department: { id: string } }>('POST', '/v1/livechat/departments', { name: 'Cluster rush', routing: 'auto' });

    // Visitors open their chats on all three nodes while nobody is available: all queued.
    const chats = await Promise.all(
      Array.from({ length: CHATS }, async (_, i) => {
        const node = i % NODES;
        const session = await call(node, 'POST', '/v1/livechat/sessions', undefined, { domain: 'DEFAULT', nickname: `Visitor ${i}` });
        assert.equal(session.status, 201, JSON.stringify(session.body));
        const opened = await call(node, 'POST', '/v1/livechat/chats', session.body.token, { departmentId: department.id });
        assert.equal(opened.status, 201, JSON.stringify(opened.body));
        return { id: opened.body.chat.chat.id as string, visitorToken: session.body.token as string };
      }),
    );

    // Agents come online on different nodes at the same moment: each node runs its own routing pass.
    const agents = await Promise.all(
      Array.from({ length: AGENTS }, async (_, i) => {
        const { user } = await c.admin<{ user: { id: string } }>('POST', '/v1/admin/users', { kind: 'agent', nickname: `Agent ${i}` });
        const { token } = await c.admin<{ token: string }>('POST', `/v1/admin/users/${encodeURIComponent(user.id)}/tokens`, { ttlSeconds: 3600 });
        const socket = await RawClient.connect(`${c.url(i % NODES).replace('http', 'ws')}/v1/ws`, token);
        sockets.push(socket);
        await socket.request('resume', { cursors: {} });
        return { id: user.id, token, node: i % NODES };
      }),
    );
    const statuses = await Promise.all(
      agents.map((a) => call(a.node, 'PUT', `/v1/livechat/agents/${encodeURIComponent(a.id)}`, a.token, { status: 'available', maxChats: MAX_CHATS, departments: [department.id] })),
    );
    for (const s of statuses) assert.equal(s.status, 200, JSON.stringify(s.body));

    const deadline = Date.now() + 30_000;
    let states: { state: string; agentId: string | null }[] = [];
    for (;;) {
      states = await Promise.all(
        chats.map(async (chat, i) => {
          const res = await call(i % NODES, 'GET', `/v1/livechat/chats/${chat.id}`, ADMIN_KEY);
          return { state: res.body.chat.chat.state as string, agentId: res.body.chat.agentId as string | null };
        }),
      );
      if (states.every((s) => s.state === 'active') || Date.now() > deadline) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    assert.deepEqual(states.map((s) => s.state), chats.map(() => 'active'), 'every chat was assigned');

    const perAgent = new Map<string, number>();
    for (const [i, s] of states.entries()) {
      assert.ok(s.agentId);
      perAgent.set(s.agentId, (perAgent.get(s.agentId) ?? 0) + 1);
      const members = await call(i % NODES, 'GET', `/v1/chats/${chats[i]!.id}/members`, chats[i]!.visitorToken);
      const agentMembers = (members.body.members as { userId: string; role: string; leftAt: number | null }[]).filter((m) => m.role === 'agent');
      assert.deepEqual(agentMembers.map((m) => m.userId), [s.agentId], `chat ${i} has exactly one agent`);
    }
    assert.equal([...perAgent.values()].reduce((a, b) => a + b, 0), CHATS);
    for (const [agentId, n] of perAgent) assert.ok(n <= MAX_CHATS, `${agentId} has ${n} chats, at most ${MAX_CHATS}`);
  });
});
