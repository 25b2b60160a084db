// Suite 3: order. Many concurrent senders in one chat, and many chats in parallel; a history
// checker over the log of every send, ack and receive: seq gap-free and strictly increasing per
// chat, every listening member sees the same order, every acked message received once.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestServer, TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { percentile, report, round } from './support/figures.js';
import { History, type Seen } from './support/history.js';
import { listen, settle } from './support/listener.js';
import { readChat } from './support/read-chat.js';
import { size } from './support/scale.js';
import { startLoadServer } from './support/server.js';

const SENDERS_ONE_CHAT = size(60, 300);
const CHATS = size(12, 100);
const PER_SENDER = size(5, 20);

interface Plan {
  chatId: string;
  senders: TestUser[];
  listeners: TestUser[];
}

describe('order under concurrency', () => {
  let t: TestServer;
  const history = new History();
  const plans: Plan[] = [];
  const clients: RawClient[] = [];
  const ackMs: number[] = [];
  before(async () => {
    t = await startLoadServer();
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  async function makeChat(senders: number, listeners: number): Promise<Plan> {
    const s: TestUser[] = [];
    const l: TestUser[] = [];
    for (let i = 0; i < senders; i++) s.push(await t.createUser('member', `s${i}`));
    for (let i = 0; i < listeners; i++) l.push(await t.createUser('member', `l${i}`));
    const chat = await t.createChat('group', [...s, ...l].map((u) => u.id));
    return { chatId: chat.id, senders: s, listeners: l };
  }

  async function run(plan: Plan): Promise<void> {
    for (const [i, l] of plan.listeners.entries()) clients.push(await listen(t.wsUrl, l, `${plan.chatId}#listener${i}`, history));
    const sockets = await Promise.all(plan.senders.map((s) => RawClient.connect(t.wsUrl, s.token)));
    clients.push(...sockets);
    await Promise.all(
      sockets.map(async (socket) => {
        for (let k = 0; k < PER_SENDER; k++) {
          const id = randomUUID();
          history.send(plan.chatId, id, `m ${k}`);
          const started = performance.now();
          const ack = await socket.request('send', { chatId: plan.chatId, id, messageType: 'TEXT', content: { text: `m ${k}` } }).catch(() => null);
          if (ack?.ok) {
            ackMs.push(performance.now() - started);
            const m = ack.data as Seen;
            history.ack(id, { chatId: plan.chatId, id: m.id, seq: m.seq });
          }
        }
      }),
    );
  }

  it(`${SENDERS_ONE_CHAT} concurrent senders in one chat, and ${CHATS} chats in parallel`, async () => {
    plans.push(await makeChat(SENDERS_ONE_CHAT, 3));
    for (let i = 0; i < CHATS; i++) plans.push(await makeChat(4, 2));
    const started = performance.now();
    await Promise.all(plans.map((p) => run(p)));
    const expected = (p: Plan) => p.senders.length * PER_SENDER;
    await settle(() => plans.every((p) => p.listeners.every((_, i) => history.receivedCount(`${p.chatId}#listener${i}`, p.chatId) >= expected(p))), 20_000);
    const elapsedMs = performance.now() - started;

    const stored = new Map<string, Seen[]>();
    const members = new Map<string, string[]>();
    for (const p of plans) {
      stored.set(p.chatId, await readChat(t.url, p.senders[0]!.token, p.chatId));
      members.set(p.chatId, p.listeners.map((_, i) => `${p.chatId}#listener${i}`));
    }
    const problems = history.check(stored, members);
    assert.deepEqual(problems.slice(0, 20), [], `${problems.length} problems`);
    assert.equal(history.acked, history.sent, 'every send was acknowledged');
    report('order', {
      chats: plans.length,
      sendersInBigChat: SENDERS_ONE_CHAT,
      messages: history.sent,
      listeners: [...members.values()].flat().length,
      msgsPerSec: round(history.sent / (elapsedMs / 1000)),
      ackP50Ms: round(percentile(ackMs, 50)),
      ackP99Ms: round(percentile(ackMs, 99)),
    });
  });
});
