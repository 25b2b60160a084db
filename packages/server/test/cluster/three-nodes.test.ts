import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { clusterSkipReason, TestCluster } from '../helpers/cluster.js';
import { member, range, seqsIn, text, waitFor, withDeadline, type Member } from '../helpers/cluster-clients.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';

/*
 * Three Parley processes on one PostgreSQL schema and one Redis prefix, SDK clients spread over
 * them. Chat k has six of the nine users, so every chat has members on every node.
 */
const skip = await clusterSkipReason();
const USERS = 9;
const CHATS = 3;
const membersOf = (k: number): number[] => range(0, 5).map((j) => (3 * k + j) % USERS);

describe('cluster: three nodes on PostgreSQL + Redis', { skip: skip ?? false }, () => {
  let cluster: TestCluster | undefined;
  let lb: TcpProxy | undefined;
  const clients: Member[] = [];

  before(async () => {
    cluster = await TestCluster.start({ nodes: 3 });
    lb = await TcpProxy.start(cluster.urls);
  });

  after(async () => {
    for (const c of clients) c.client.disconnect();
    await lb?.close();
    await cluster?.close();
  });

  async function setUp(url: (i: number) => string): Promise<{ members: Member[]; chats: { id: string; members: number[] }[] }> {
    const c = cluster as TestCluster;
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < USERS; i++) users.push(await c.createUser());
    const chats: { id: string; members: number[] }[] = [];
    for (let k = 0; k < CHATS; k++) chats.push({ id: await c.createChat(membersOf(k).map((i) => users[i]!.id)), members: membersOf(k) });
    const members = users.map((u, i) => member(url(i), u));
    clients.push(...members);
    await Promise.all(members.map((m) => m.client.connect()));
    return { members, chats };
  }

  function detail(members: Member[], chats: { id: string }[]): () => string {
    return () =>
      chats
        .map((chat) => `${chat.id}: ${members.map((m) => (m.received.get(chat.id) ?? []).length).join(',')}`)
        .join('\n');
  }

  it('every member receives every message once, in order, whichever node it is on', async () => {
    const c = cluster as TestCluster;
    const { members, chats } = await setUp((i) => c.url(i % 3));
    const SENDS = 10;

    const online = await c.presence((p) => p.online(members[0]!.client.hello!.tenantId, members.map((m) => m.userId), Date.now()));
    assert.equal(online.size, USERS, 'every connected user is online in the cluster presence');
    assert.equal((await c.presence((p) => p.nodes(Date.now()))).length, 3);

    await Promise.all(
      members.flatMap((m, i) =>
        chats
          .filter((chat) => chat.members.includes(i))
          .flatMap((chat) => range(1, SENDS).map((n) => m.client.send(text(chat.id, `${i}:${n}`)))),
      ),
    );
    const perChat = 6 * SENDS;
    await waitFor(
      () => chats.every((chat) => chat.members.every((i) => seqsIn(members[i]!, chat.id).length >= perChat)),
      'every member to receive every message',
      15_000,
      detail(members, chats),
    );
    for (const chat of chats) {
      for (const i of chat.members) assert.deepEqual(seqsIn(members[i]!, chat.id), range(1, perChat), `member ${i} in ${chat.id}`);
    }
    for (const m of members) m.client.disconnect();
  });

  it('a node killed with SIGKILL mid-traffic: its clients resume on the others and no acknowledged message is lost', async () => {
    const c = cluster as TestCluster;
    const proxy = lb as TcpProxy;
    const { members, chats } = await setUp(() => proxy.url);
    // A user on the doomed node only, whose client cannot go elsewhere: it must fade from presence.
    const loner = await c.createUser('loner');
    const lonely = member(c.url(2), loner, { backoff: { minMs: 200, maxMs: 1_000 } });
    clients.push(lonely);
    await lonely.client.connect();
    const tenantId = members[0]!.client.hello!.tenantId;
    assert.equal((await c.presence((p) => p.online(tenantId, [loner.id], Date.now()))).size, 1);
    const onNode2 = proxy.forwarded[2] ?? 0;
    assert.ok(onNode2 >= 2, `the balancer put clients on node 2 (${proxy.forwarded.join(',')})`);

    const SENDS = 30;
    const acked: Message[] = [];
    const failures: unknown[] = [];
    const senders = members.map(async (m, i) => {
      const mine = chats.filter((chat) => chat.members.includes(i));
      for (let n = 0; n < SENDS; n++) {
        try {
          acked.push(await m.client.send(text(mine[n % mine.length]!.id, `${i}:${n}`)));
        } catch (err) {
          failures.push(err);
        }
      }
    });
    await waitFor(() => acked.length >= (USERS * SENDS) / 3, 'a third of the sends', 20_000);
    const killedAt = acked.length;
    await c.kill(2);
    await withDeadline(Promise.all(senders), 40_000, 'the senders to finish');
    assert.deepEqual(failures, [], 'every send was acknowledged in the end');
    assert.equal(acked.length, USERS * SENDS);
    assert.ok(acked.length > killedAt, 'traffic went on after the kill');

    const expected = new Map<string, Set<string>>();
    for (const m of acked) {
      let ids = expected.get(m.chatId);
      if (!ids) expected.set(m.chatId, (ids = new Set()));
      ids.add(m.id);
    }
    await waitFor(
      () => chats.every((chat) => chat.members.every((i) => seqsIn(members[i]!, chat.id).length >= (expected.get(chat.id)?.size ?? 0))),
      'every acknowledged message at every member',
      20_000,
      detail(members, chats),
    );
    for (const chat of chats) {
      const ids = expected.get(chat.id) ?? new Set();
      for (const i of chat.members) {
        const got = members[i]!.received.get(chat.id) ?? [];
        assert.deepEqual(got.map((x) => x.seq), range(1, ids.size), `member ${i} in ${chat.id}: once, in order`);
        assert.deepEqual(new Set(got.map((x) => x.id)), ids, `member ${i} in ${chat.id}: exactly the acknowledged messages`);
      }
    }
    assert.ok(members.some((m) => m.drops > 0), 'clients of the killed node reconnected');

    // The killed node's heartbeat and its users' presence expire (TTL 3 s).
    const deadline = Date.now() + 10_000;
    let stillOnline = true;
    let nodes = 3;
    while (Date.now() < deadline && (stillOnline || nodes !== 2)) {
      stillOnline = (await c.presence((p) => p.online(tenantId, [loner.id], Date.now()))).size > 0;
      nodes = (await c.presence((p) => p.nodes(Date.now()))).length;
      if (stillOnline || nodes !== 2) await new Promise((r) => setTimeout(r, 250));
    }
    assert.equal(stillOnline, false, 'a user of the crashed node goes offline within the TTL');
    assert.equal(nodes, 2, 'the crashed node leaves the node list');
  });
});
