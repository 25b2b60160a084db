import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { clusterSkipReason, PrivateRedis, TestCluster } from '../helpers/cluster.js';
import { member, range, seqsIn, sleep, text, waitFor, type Member } from '../helpers/cluster-clients.js';

/*
 * Two nodes on a private Redis (never the machine's: other suites use it), which is killed and
 * started again, empty, while clients on both nodes keep sending. Clients never fill gaps from
 * history here (gapDelayMs: one minute), so what reaches them after the outage is the nodes' own
 * catch-up from the store.
 */
const skip = await clusterSkipReason();
const USERS = 6;
const membersOf = [range(0, 5), [0, 2, 3, 5]];

describe('cluster: Redis restarted mid-traffic', { skip: skip ?? false }, () => {
  let redis: PrivateRedis | undefined;
  let cluster: TestCluster | undefined;
  const clients: Member[] = [];

  before(async () => {
    redis = await PrivateRedis.start();
    cluster = await TestCluster.start({ nodes: 2, redisUrl: redis.url });
  });

  after(async () => {
    for (const c of clients) c.client.disconnect();
    await cluster?.close();
    await redis?.kill();
  });

  it('nodes keep serving, and every message sent during the outage reaches every member once it is back', async () => {
    const c = cluster as TestCluster;
    const r = redis as PrivateRedis;
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < USERS; i++) users.push(await c.createUser());
    const chats: { id: string; members: number[] }[] = [];
    for (const ids of membersOf) chats.push({ id: await c.createChat(ids.map((i) => users[i]!.id)), members: ids });
    const members = users.map((u, i) => member(c.url(i % 2), u, { gapDelayMs: 60_000 }));
    clients.push(...members);
    await Promise.all(members.map((m) => m.client.connect()));

    const acked: Message[] = [];
    const round = async (label: string, perMember: number): Promise<void> => {
      await Promise.all(
        members.flatMap((m, i) =>
          chats
            .filter((chat) => chat.members.includes(i))
            .flatMap((chat) => range(1, perMember).map(async (n) => acked.push(await m.client.send(text(chat.id, `${label} ${i}:${n}`))))),
        ),
      );
    };
    const expect = (): Map<string, number> => {
      const counts = new Map<string, number>();
      for (const m of acked) counts.set(m.chatId, (counts.get(m.chatId) ?? 0) + 1);
      return counts;
    };
    const everyoneHasAll = (): boolean => {
      const counts = expect();
      return chats.every((chat) => chat.members.every((i) => seqsIn(members[i]!, chat.id).length >= (counts.get(chat.id) ?? 0)));
    };
    const detail = (): string =>
      chats.map((chat) => `${chat.id} (${expect().get(chat.id)}): ${chat.members.map((i) => seqsIn(members[i]!, chat.id).length).join(',')}`).join('\n');

    await round('before', 5);
    await waitFor(everyoneHasAll, 'delivery before the outage', 10_000, detail);

    await r.kill();
    await sleep(300);
    // Redis is away: sends still commit (the store is PostgreSQL), local members still hear them.
    await round('during', 5);
    const duringCount = acked.length;
    const health = await Promise.all(c.urls.map(async (url) => (await fetch(`${url}/readyz`)).json() as Promise<{ busConnected?: boolean }>));
    assert.deepEqual(health.map((h) => h.busConnected), [false, false], 'both nodes know they are cut off, and still ready');
    await sleep(500);
    assert.equal(everyoneHasAll(), false, 'messages of the other node cannot arrive while Redis is away');

    await r.restart();
    // No new traffic: only the nodes' catch-up can deliver what was sent during the outage.
    await waitFor(everyoneHasAll, 'the outage messages after Redis returned', 15_000, detail);
    assert.equal(acked.length, duringCount);

    await round('after', 3);
    await waitFor(everyoneHasAll, 'live delivery after the outage', 10_000, detail);
    const counts = expect();
    for (const chat of chats) {
      for (const i of chat.members) assert.deepEqual(seqsIn(members[i]!, chat.id), range(1, counts.get(chat.id) ?? 0), `member ${i} in ${chat.id}`);
    }
    assert.ok(members.every((m) => m.drops === 0), 'no client had to reconnect');
  });
});
