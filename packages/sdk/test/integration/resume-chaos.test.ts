import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../../server/test/helpers/server.js';
import { ChaosProxy } from '../helpers/chaos-proxy.js';
import { range, recordedClient, sleep, text, waitUntil, withDeadline, type Recorded } from '../helpers/sdk.js';

/*
 * THE resume test: 12 clients in 4 group chats send for a while through a TCP proxy that kills their
 * connections at random, several times each. Afterwards every send resolved exactly once, every chat
 * holds each send exactly once (seqs 1..n), and every member received every message exactly once,
 * in seq order.
 */
const CLIENTS = 12;
const CHATS = 4;
const SENDS_PER_CLIENT = 40;
const MIN_DROPS_PER_CLIENT = 3;
const CHAOS_DEADLINE_MS = 20_000;

let server: TestServer;
let proxy: ChaosProxy;

before(async () => {
  server = await startTestServer();
  proxy = await ChaosProxy.start(server.url);
});

after(async () => {
  await proxy.close();
  await server.close();
});

test('resume under chaos: nothing acknowledged is lost or duplicated, every send settles once', async (t) => {
  const users: TestUser[] = [];
  for (let i = 0; i < CLIENTS; i++) users.push(await server.createUser('member', `user ${i}`));
  // Chat k: users 3k…3k+5 (mod 12): six members per chat, every user in two chats.
  const chats: { id: string; members: number[] }[] = [];
  for (let k = 0; k < CHATS; k++) {
    const members = range(0, 5).map((j) => (3 * k + j) % CLIENTS);
    chats.push({ id: (await server.createChat('group', members.map((i) => users[i]!.id))).id, members });
  }
  const chatsOf = (i: number) => chats.filter((c) => c.members.includes(i));

  const clients: Recorded[] = users.map((u) => recordedClient(proxy.url, u.token, { backoff: { minMs: 10, maxMs: 200 } }));
  const drops = () => clients.map((c) => c.states.filter((s) => s.previous === 'connected' && s.state === 'connecting').length);
  await Promise.all(clients.map((c) => c.client.connect()));

  // Every send's promise is watched: how often it settled, and how.
  const settles: number[] = [];
  const acked: Message[] = [];
  const failures: unknown[] = [];
  const sendsTo = new Map<string, number>();
  const settled: Promise<void>[] = [];
  const senders = clients.map(async (c, i) => {
    const mine = chatsOf(i);
    for (let n = 0; n < SENDS_PER_CLIENT; n++) {
      const chat = mine[n % mine.length]!;
      const index = settles.push(0) - 1;
      sendsTo.set(chat.id, (sendsTo.get(chat.id) ?? 0) + 1);
      settled.push(
        c.client.send(text(chat.id, `client ${i} message ${n}`)).then(
          (m) => {
            settles[index]!++;
            acked.push(m);
          },
          (e: unknown) => {
            settles[index]!++;
            failures.push(e);
          },
        ),
      );
      await sleep(20 + Math.random() * 60);
    }
  });

  // Chaos: random kills every 80–200 ms, now and then all at once or a short refusal, until the
  // senders are done and every client lost its connection several times.
  let sendersDone = false;
  const sending = Promise.all(senders).then(() => (sendersDone = true));
  const started = Date.now();
  let rounds = 0;
  while (!(sendersDone && Math.min(...drops()) >= MIN_DROPS_PER_CLIENT) && Date.now() - started < CHAOS_DEADLINE_MS) {
    await sleep(80 + Math.random() * 120);
    rounds++;
    if (rounds % 7 === 0) proxy.killAll();
    else proxy.killRandom(0.4);
    if (rounds % 11 === 0) {
      proxy.refusing = true;
      await sleep(150);
      proxy.refusing = false;
    }
  }
  await sending;
  proxy.refusing = false;
  const chaosMs = Date.now() - started;

  // Every send settles, exactly once, successfully.
  await withDeadline(Promise.all(settled), 30_000, () => `sends still pending: ${clients.map((c) => c.client.pendingSends).join(',')}`);
  assert.deepEqual(failures, []);
  assert.equal(settles.length, CLIENTS * SENDS_PER_CLIENT);
  assert.ok(settles.every((n) => n === 1), 'every send promise settled exactly once');

  // Each chat stored each send once: seqs 1..n with n = sends to the chat, one id per seq.
  const expected = new Map<string, Message[]>();
  for (const chat of chats) {
    const inChat = acked.filter((m) => m.chatId === chat.id).sort((a, b) => a.seq - b.seq);
    assert.deepEqual(
      inChat.map((m) => m.seq),
      range(1, sendsTo.get(chat.id)!),
      `chat ${chat.id}: every send stored once`,
    );
    assert.equal(new Set(inChat.map((m) => m.id)).size, inChat.length);
    expected.set(chat.id, inChat);
  }

  // Every member receives every message of its chats exactly once, in seq order.
  const complete = () =>
    chats.every((chat) => chat.members.every((i) => clients[i]!.of(chat.id).length >= expected.get(chat.id)!.length));
  await waitUntil(complete, 'every member has every message', 20_000).catch((e: unknown) => {
    const counts = chats.map((chat) => chat.members.map((i) => `${i}:${clients[i]!.of(chat.id).length}/${expected.get(chat.id)!.length}`).join(' '));
    throw new Error(`${String(e)}\n${counts.join('\n')}`);
  });
  await sleep(300); // a duplicate would show up here
  for (const chat of chats) {
    const want = expected.get(chat.id)!.map((m) => m.id);
    for (const i of chat.members) {
      assert.deepEqual(clients[i]!.of(chat.id).map((m) => m.id), want, `client ${i} in chat ${chat.id}`);
    }
  }
  for (let i = 0; i < CLIENTS; i++) {
    const mine = new Set(chatsOf(i).map((c) => c.id));
    assert.ok(clients[i]!.messages.every((m) => mine.has(m.chatId)), `client ${i} heard only its chats`);
  }

  const perClient = drops();
  t.diagnostic(
    `chaos ${chaosMs} ms, ${rounds} rounds, ${proxy.kills} connections killed, drops per client ${perClient.join(',')}, ` +
      `${acked.length} messages, unrecoverable ${clients.reduce((n, c) => n + c.unrecoverable.length, 0)}`,
  );
  assert.ok(Math.min(...perClient) >= MIN_DROPS_PER_CLIENT, `every client lost its connection several times: ${perClient.join(',')}`);
  for (const c of clients) c.client.disconnect();
});
