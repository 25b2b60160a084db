import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { Message } from '@parley/protocol';
import { clusterSkipReason, TestCluster } from '../helpers/cluster.js';
import { member, range, seqsIn, sleep, text, waitFor, withDeadline, type Member } from '../helpers/cluster-clients.js';
import { TEST_DATABASE_URL } from '../helpers/stores.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { RawClient } from '../helpers/ws-client.js';

/*
 * Two nodes reach PostgreSQL through a TCP proxy (never by stopping the machine's server): the proxy
 * resets every connection and refuses new ones for a while, mid-traffic.
 */
const skip = await clusterSkipReason();
const USERS = 4;
const SENDS = 25;

describe('cluster: PostgreSQL unreachable mid-traffic', { skip: skip ?? false }, () => {
  let db: TcpProxy | undefined;
  let cluster: TestCluster | undefined;
  const clients: Member[] = [];
  let probe: RawClient | undefined;

  before(async () => {
    db = await TcpProxy.start([TEST_DATABASE_URL]);
    const target = new URL(TEST_DATABASE_URL);
    target.host = `127.0.0.1:${db.port}`;
    cluster = await TestCluster.start({ nodes: 2, databaseUrl: target.toString() });
  });

  after(async () => {
    for (const c of clients) c.client.disconnect();
    probe?.close();
    await cluster?.close();
    await db?.close();
  });

  it('sends fail with E_UNAVAILABLE while it is away, nothing crashes, and afterwards no acknowledged message is missing or doubled', async () => {
    const c = cluster as TestCluster;
    const proxy = db as TcpProxy;
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < USERS; i++) users.push(await c.createUser());
    const chatId = await c.createChat(users.map((u) => u.id));
    const prober = await c.createUser('prober');
    const probeChat = await c.createChat([prober.id]);
    probe = await RawClient.connect(`${c.url(0).replace('http', 'ws')}/v1/ws`, prober.token);
    const members = users.map((u, i) => member(c.url(i % 2), u));
    clients.push(...members);
    await Promise.all(members.map((m) => m.client.connect()));

    const acked: Message[] = [];
    const failures: unknown[] = [];
    const senders = members.map(async (m, i) => {
      for (let n = 0; n < SENDS; n++) {
        try {
          acked.push(await m.client.send(text(chatId, `${i}:${n}`)));
        } catch (err) {
          failures.push(err);
        }
      }
    });
    await waitFor(() => acked.length >= USERS * 5, 'traffic before the outage', 15_000);

    proxy.cut();
    const during = acked.length;
    // The writer's next transaction meets the dead connection or the refused new one.
    let code: string | undefined;
    for (let attempt = 0; attempt < 20 && code !== 'E_UNAVAILABLE'; attempt++) {
      const ack = await probe.request('send', text(probeChat, `probe ${attempt}`, randomUUID()));
      code = ack.ok ? 'ok' : ack.error?.code;
      if (code !== 'E_UNAVAILABLE') await sleep(100);
    }
    assert.equal(code, 'E_UNAVAILABLE', 'a send while the database is away fails with the retriable E_UNAVAILABLE');
    const ready = await Promise.all(c.urls.map(async (url) => (await fetch(`${url}/readyz`)).status));
    assert.deepEqual(ready, [503, 503], 'the nodes report themselves unready');
    await sleep(1_500);
    assert.ok(acked.length - during <= USERS, 'almost nothing is acknowledged while the database is away');
    proxy.restore();

    await withDeadline(Promise.all(senders), 45_000, 'the senders to finish');
    assert.deepEqual(failures, [], 'every send was acknowledged in the end (retried with its id)');
    assert.ok(c.nodes.every((n) => n !== undefined && n.child.exitCode === null), `no node crashed\n${c.output()}`);

    const ids = new Set(acked.map((m) => m.id));
    assert.equal(ids.size, USERS * SENDS);
    assert.deepEqual(new Set(acked.map((m) => m.seq)).size, USERS * SENDS, 'each acknowledged message has its own seq');
    await waitFor(() => members.every((m) => seqsIn(m, chatId).length >= ids.size), 'every member to have every message', 15_000, () =>
      members.map((m) => seqsIn(m, chatId).length).join(','),
    );
    for (const [i, m] of members.entries()) {
      const got = m.received.get(chatId) ?? [];
      assert.deepEqual(got.map((x) => x.seq), range(1, ids.size), `member ${i}: no gap, no duplicate`);
      assert.deepEqual(new Set(got.map((x) => x.id)), ids, `member ${i}: exactly the acknowledged messages`);
    }
  });
});

/*
 * A partition rather than a refusal: the proxy stops passing bytes both ways and accepts new
 * connections without connecting them through, as a network that drops packets does. Nothing errors
 * on its own; only the node's own time limits can answer.
 */
describe('cluster: PostgreSQL partitioned (packets held, nothing refused)', { skip: skip ?? false }, () => {
  let db: TcpProxy | undefined;
  let cluster: TestCluster | undefined;
  const sockets: RawClient[] = [];

  before(async () => {
    db = await TcpProxy.start([TEST_DATABASE_URL]);
    const target = new URL(TEST_DATABASE_URL);
    target.host = `127.0.0.1:${db.port}`;
    cluster = await TestCluster.start({ nodes: 1, databaseUrl: target.toString(), env: { PARLEY_DATABASE_TIMEOUT_MS: '1000' } });
  });

  after(async () => {
    for (const s of sockets) s.close();
    db?.heal();
    await cluster?.close();
    await db?.close();
  });

  it('answers instead of hanging: sends get E_UNAVAILABLE, /readyz 503, and all works again once it heals', async () => {
    const c = cluster as TestCluster;
    const proxy = db as TcpProxy;
    const user = await c.createUser('partitioned');
    const chatId = await c.createChat([user.id]);
    const wsUrl = `${c.url(0).replace('http', 'ws')}/v1/ws`;
    const socket = await RawClient.connect(wsUrl, user.token);
    sockets.push(socket);
    assert.equal((await socket.request('send', text(chatId, 'before', randomUUID()))).ok, true);

    proxy.partition();
    // Without time limits each of these waits for TCP to give up, minutes later.
    const during = await withDeadline(socket.request('send', text(chatId, 'during', randomUUID())), 15_000, 'an answer to a send');
    assert.equal(during.ok, false);
    assert.equal(during.error?.code, 'E_UNAVAILABLE');
    const again = await withDeadline(socket.request('send', text(chatId, 'during again', randomUUID())), 15_000, 'a second answer');
    assert.equal(again.error?.code, 'E_UNAVAILABLE', 'once the database is known unreachable, sends fail at once');
    const ready = await withDeadline(fetch(`${c.url(0)}/readyz`), 5_000, '/readyz');
    assert.equal(ready.status, 503);
    assert.equal((await withDeadline(fetch(`${c.url(0)}/healthz`), 5_000, '/healthz')).status, 200);
    // A new socket is answered too: refused with a retriable error, or opened (its token needs no store).
    const opened = await withDeadline(
      RawClient.connect(wsUrl, user.token).then(
        (s) => (sockets.push(s), 'opened'),
        (err: { statusCode?: number }) => `refused ${err.statusCode}`,
      ),
      15_000,
      'an answer to a new WebSocket',
    );
    assert.ok(opened === 'opened' || opened === 'refused 503', opened);

    proxy.heal();
    let code: string | undefined;
    for (let attempt = 0; attempt < 50 && code !== 'ok'; attempt++) {
      const ack = await socket.request('send', text(chatId, `after ${attempt}`, randomUUID()));
      code = ack.ok ? 'ok' : ack.error?.code;
      if (code !== 'ok') await sleep(200);
    }
    assert.equal(code, 'ok', 'sends work again after the partition heals');
    assert.equal((await fetch(`${c.url(0)}/readyz`)).status, 200);
    assert.ok(c.nodes[0]?.child.exitCode === null, `the node did not crash\n${c.output()}`);
  });
});
