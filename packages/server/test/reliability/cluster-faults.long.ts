// Suite 2c: faults across two nodes. Two Parley processes on a private PostgreSQL and a private Redis
// (never the machine's: other suites use them), push clients on both nodes. Redis restarted during a
// burst, the store's PostgreSQL stopped and started again, a node SIGKILLed while its clients resume.
// After each run: every acknowledged message stored once at its acked seq, every stored message
// received by every member, whose client never fills a gap from history, and none resent below the
// cursor a connection resumed from (docs/reliability.md).
// Long form only (`npm run reliability -- --only cluster-faults`): starting the two nodes alone takes
// longer than a short form may; test/cluster/ covers one outage of each kind in `npm test`.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { clusterSkipReason, PrivateRedis, TestCluster } from '../helpers/cluster.js';
import { report } from './support/figures.js';
import { History, type Seen } from './support/history.js';
import { settle } from './support/listener.js';
import { PrivatePostgres, privatePostgresMissing } from './support/private-postgres.js';
import { account, PushClient } from './support/push-client.js';
import { readChat } from './support/read-chat.js';
import { size } from './support/scale.js';
import { random } from './support/server.js';

const CHATS = size(2, 4);
const MEMBERS = size(4, 6);
const REDIS_RESTARTS = size(1, 10);
const PG_RESTARTS = size(1, 10);
const NODE_KILLS = size(1, 10);
/** Sends each client keeps in flight. */
const IN_FLIGHT = 4;
/** Messages sent while the resuming clients are away: their resume replays this many (window 1,000). */
const BACKLOG = size(150, 400);

const skip = await skipReason();

async function skipReason(): Promise<string | false> {
  const services = await clusterSkipReason();
  const postgres = privatePostgresMissing();
  if (postgres && (process.env.CI || process.env.PARLEY_REQUIRE_SERVICES)) throw new Error(postgres);
  return services ?? postgres ?? false;
}

interface Population {
  clients: PushClient[];
  chats: { id: string; reader: string }[];
  history: History;
}

describe('faults across two nodes: 0 lost, 0 duplicated', { skip }, () => {
  let postgres: PrivatePostgres | undefined;
  let redis: PrivateRedis | undefined;
  let cluster: TestCluster | undefined;
  const everyone: PushClient[] = [];
  const rnd = random(14);

  before(async () => {
    postgres = await PrivatePostgres.create();
    redis = await PrivateRedis.start();
    cluster = await TestCluster.start({
      nodes: 2,
      redisUrl: redis.url,
      databaseUrl: postgres.url,
      env: { PARLEY_RATE_HTTP_PER_IP: '0', PARLEY_RATE_HTTP_PER_USER: '0', PARLEY_RATE_WS_FRAMES: '0', PARLEY_DATABASE_TIMEOUT_MS: '2000' },
    });
  });

  after(async () => {
    for (const c of everyone) c.close();
    await cluster?.close();
    await redis?.kill();
    await postgres?.remove();
  });

  /** `CHATS` group chats of `MEMBERS` users each, one push client per user, spread over the nodes. */
  async function populate(label: string): Promise<Population> {
    const c = cluster as TestCluster;
    const history = new History();
    const clients: PushClient[] = [];
    const chats: Population['chats'] = [];
    for (let k = 0; k < CHATS; k++) {
      const users = [];
      for (let i = 0; i < MEMBERS; i++) users.push(await c.createUser(`${label} ${k}.${i}`));
      const chatId = await c.createChat(users.map((u) => u.id));
      chats.push({ id: chatId, reader: users[0]!.token });
      users.forEach((u, i) => clients.push(new PushClient(() => c.urls, u, `${label}:${k}#${i}`, [chatId], history, i % 2)));
    }
    everyone.push(...clients);
    await Promise.all(clients.map((client) => client.connect()));
    return { clients, chats, history };
  }

  /** Every client keeps `IN_FLIGHT` sends going until `running()` turns false. */
  async function traffic(clients: readonly PushClient[], running: () => boolean): Promise<void> {
    let n = 0;
    const loops = clients.flatMap((client) =>
      Array.from({ length: IN_FLIGHT }, async () => {
        while (running()) await client.send(client.chats[0] as string, `${client.name} ${n++}`);
      }),
    );
    await Promise.all(loops);
  }

  async function bothNodesUp(): Promise<void> {
    const c = cluster as TestCluster;
    for (const [i, node] of c.nodes.entries()) if (node === undefined || node.child.exitCode !== null) await c.startNode(i);
  }

  /** Waits for every client to hold the store's every message, then checks and reports the run. */
  async function verify(suite: string, { clients, chats, history }: Population, figures: Record<string, number | string>): Promise<void> {
    const c = cluster as TestCluster;
    const live = c.nodes.findIndex((n) => n !== undefined && n.child.exitCode === null);
    const stored = new Map<string, Seen[]>();
    for (const chat of chats) stored.set(chat.id, await readChat(c.url(live), chat.reader, chat.id));
    await settle(() => clients.every((client) => client.chats.every((chatId) => client.missing(chatId, stored.get(chatId) ?? []).length === 0)), 30_000);
    const storeProblems = history.check(stored);
    const { lost, duplicated, problems } = account(clients, stored);
    const storedCount = [...stored.values()].reduce((n, list) => n + list.length, 0);
    const closes = new Map<number, number>();
    for (const client of clients) for (const [code, count] of client.closes) closes.set(code, (closes.get(code) ?? 0) + count);
    const sum = (key: keyof PushClient['stats']) => clients.reduce((n, client) => n + client.stats[key], 0);
    report(suite, {
      ...figures,
      clients: clients.length,
      sent: history.sent,
      acked: history.acked,
      stored: storedCount,
      lost,
      duplicated,
      closes: [...closes].map(([code, count]) => `${code}×${count}`).join(' ') || 'none',
      resumes: sum('resumes'),
      resumesCut: sum('resumesCut'),
      lateArrivals: sum('lateArrivals'),
      wireDuplicates: sum('wireDuplicates'),
      resentPastGap: sum('resentPastGap'),
      sendsRetried: sum('retried'),
    });
    assert.deepEqual([...storeProblems, ...problems].slice(0, 20), [], `${storeProblems.length + problems.length} problems\n${c.output().slice(-4000)}`);
    assert.equal(history.acked, history.sent, 'every send was acknowledged in the end');
    assert.equal(storedCount, history.sent, 'each send stored exactly once');
  }

  it(`Redis restarted during a burst across two nodes (${REDIS_RESTARTS}×)`, async () => {
    const r = redis as PrivateRedis;
    const population = await populate('redis');
    let outageMs = 0;
    for (let k = 0; k < REDIS_RESTARTS; k++) {
      let running = true;
      const burst = traffic(population.clients, () => running);
      await sleep(200 + rnd() * 600);
      const down = Date.now();
      await r.kill();
      await sleep(300 + rnd() * 2_000);
      await r.restart();
      outageMs += Date.now() - down;
      await sleep(300 + rnd() * 700);
      running = false;
      await burst;
    }
    const c = cluster as TestCluster;
    assert.ok(c.nodes.every((n) => n !== undefined && n.child.exitCode === null), `no node crashed\n${c.output()}`);
    await verify('cluster-faults-redis', population, { redisRestarts: REDIS_RESTARTS, outageMsTotal: outageMs });
  });

  it(`the store's PostgreSQL stopped and started again during a burst (${PG_RESTARTS}×)`, async () => {
    const db = postgres as PrivatePostgres;
    const population = await populate('postgres');
    let outageMs = 0;
    for (let k = 0; k < PG_RESTARTS; k++) {
      let running = true;
      const burst = traffic(population.clients, () => running);
      await sleep(200 + rnd() * 600);
      const down = Date.now();
      // A crash (every backend killed, WAL replayed) or an orderly shutdown: both cut every connection.
      await db.stop(k % 2 === 0 ? 'immediate' : 'fast');
      await sleep(300 + rnd() * 2_000);
      await db.start();
      outageMs += Date.now() - down;
      await sleep(500 + rnd() * 700);
      running = false;
      await burst;
    }
    const c = cluster as TestCluster;
    assert.ok(c.nodes.every((n) => n !== undefined && n.child.exitCode === null), `no node crashed\n${c.output()}`);
    await verify('cluster-faults-postgres', population, { pgRestarts: PG_RESTARTS, outageMsTotal: outageMs });
  });

  it(`a node SIGKILLed while its clients resume, the clients resuming on the other (${NODE_KILLS}×)`, async () => {
    const c = cluster as TestCluster;
    await bothNodesUp();
    const population = await populate('kill');
    // Per chat, member 0 sends; the others go away, and resume on the doomed node.
    const senders = population.clients.filter((client) => client.name.endsWith('#0'));
    const resumers = population.clients.filter((client) => !senders.includes(client));
    const held = () => resumers.reduce((n, client) => n + [...client.held.values()].reduce((m, seqs) => m + seqs.size, 0), 0);
    for (let k = 0; k < NODE_KILLS; k++) {
      const doomed = k % 2;
      const other = 1 - doomed;
      await bothNodesUp();
      await Promise.all(senders.filter((s) => s.node !== other).map((s) => s.moveTo(other)));
      await Promise.all(resumers.map((client) => client.leave()));
      let sent = 0;
      await traffic(senders, () => sent++ < BACKLOG * senders.length);
      // Live traffic goes on through the resume and the kill.
      let running = true;
      const live = traffic(senders, () => running);
      const before = held();
      const resuming = resumers.map((client) => {
        client.preferred = doomed;
        return client.connect();
      });
      // The replay is under way (some of it has arrived) when the node dies.
      await settle(() => held() > before, 30_000);
      await sleep(rnd() * 20);
      await c.kill(doomed);
      await Promise.all(resuming);
      await sleep(300);
      running = false;
      await live;
    }
    assert.ok(resumers.every((client) => client.node === 1 - ((NODE_KILLS - 1) % 2)), 'the resumers ended on the surviving node');
    await verify('cluster-faults-node-kill', population, { nodeKills: NODE_KILLS, backlogPerChat: BACKLOG });
  });
});

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
