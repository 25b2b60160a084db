// Suite 1: idempotent sends. Every send is retried until the client hears an answer, with 20% of
// answers dropped on the way back, some retries fired concurrently, some ids reused with another
// body. Exactly one stored message per client id; every answer carries the original id and seq.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { TestServer, TestUser } from '../helpers/server.js';
import { RawClient, type Ack } from '../helpers/ws-client.js';
import { report } from './support/figures.js';
import { History, type Seen } from './support/history.js';
import { readChat } from './support/read-chat.js';
import { size } from './support/scale.js';
import { pool, random, startLoadServer } from './support/server.js';

const DROP = 0.2;
const SENDS = size(1000, 10_000);

interface Outcome {
  attempts: number;
  dropped: number;
  concurrent: number;
}

describe('idempotent send storm with dropped answers', () => {
  let t: TestServer;
  let users: TestUser[];
  let chatId: string;
  const history = new History();
  const rnd = random(1);
  const totals: Outcome = { attempts: 0, dropped: 0, concurrent: 0 };
  let conflicts = 0;
  before(async () => {
    t = await startLoadServer();
    users = [];
    for (let i = 0; i < 4; i++) users.push(await t.createUser('member', `u${i}`));
    chatId = (await t.createChat('group', users.map((u) => u.id))).id;
  });
  after(() => t.close());

  /** Sends until an answer gets through (each is dropped with p=0.2); the first try may go twice at once. */
  async function untilAnswered(attempt: () => Promise<Seen | null>): Promise<Seen> {
    for (let i = 0; i < 20; i++) {
      const copies = i === 0 && rnd() < 0.3 ? 2 + Math.floor(rnd() * 2) : 1;
      if (copies > 1) totals.concurrent++;
      totals.attempts += copies;
      const answers = await Promise.all(Array.from({ length: copies }, attempt));
      const heard = answers.filter((a): a is Seen => a !== null).filter(() => {
        const dropped = rnd() < DROP;
        if (dropped) totals.dropped++;
        return !dropped;
      });
      if (heard.length > 0) return heard[0] as Seen;
    }
    throw new Error('no answer got through 20 tries');
  }

  async function conflict(who: TestUser, id: string, send: (text: string) => Promise<{ ok: boolean; code?: string }>): Promise<void> {
    const res = await send(`another body ${randomUUID()}`);
    assert.equal(res.ok, false, `${id}: same id, other body was accepted`);
    assert.equal(res.code, 'E_IDEMPOTENCY_CONFLICT', `${id} by ${who.id}`);
    conflicts++;
  }

  it('over REST', async () => {
    await pool(Array.from({ length: SENDS }, (_, i) => i), 16, async (i) => {
      const who = users[i % users.length] as TestUser;
      const id = randomUUID();
      const text = `rest ${i}`;
      history.send(chatId, id, text);
      const post = async (body: string) => {
        const res = await fetch(`${t.url}/v1/chats/${chatId}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id, messageType: 'TEXT', content: { text: body } }),
        });
        return { status: res.status, body: (await res.json()) as { message?: Seen; error?: { code: string } } };
      };
      const seen = await untilAnswered(async () => {
        const res = await post(text);
        assert.equal(res.status, 201, JSON.stringify(res.body));
        const m = res.body.message as Seen;
        history.ack(id, { chatId, id: m.id, seq: m.seq });
        return m;
      });
      assert.equal(seen.id, id);
      if (rnd() < 0.05) await conflict(who, id, async (body) => {
        const res = await post(body);
        return { ok: res.status < 300, code: res.body.error?.code };
      });
    });
  });

  it('over WebSocket, retries on the same socket and on a new one', async () => {
    const sockets = await Promise.all(users.map((u) => RawClient.connect(t.wsUrl, u.token)));
    try {
      await pool(Array.from({ length: SENDS }, (_, i) => i), 16, async (i) => {
        const k = i % users.length;
        const who = users[k] as TestUser;
        const id = randomUUID();
        const text = `ws ${i}`;
        history.send(chatId, id, text);
        const sendOnce = async (body: string): Promise<Ack> => {
          // Now and then the retry goes over a fresh connection, as after a reconnect.
          const socket = rnd() < 0.1 ? await RawClient.connect(t.wsUrl, who.token) : (sockets[k] as RawClient);
          const ack = await socket.request('send', { chatId, id, messageType: 'TEXT', content: { text: body } });
          if (socket !== sockets[k]) socket.close();
          return ack;
        };
        const seen = await untilAnswered(async () => {
          const ack = await sendOnce(text);
          assert.equal(ack.ok, true, JSON.stringify(ack));
          const m = ack.data as Seen;
          history.ack(id, { chatId, id: m.id, seq: m.seq });
          return m;
        });
        assert.equal(seen.id, id);
        if (rnd() < 0.05) await conflict(who, id, async (body) => {
          const ack = await sendOnce(body);
          return { ok: ack.ok, code: ack.error?.code };
        });
      });
    } finally {
      for (const s of sockets) s.close();
    }
  });

  it('stores exactly one message per client id, at the seq every answer gave', async () => {
    const stored = await readChat(t.url, users[0]!.token, chatId);
    const problems = history.check(new Map([[chatId, stored]]));
    assert.deepEqual(problems.slice(0, 20), []);
    assert.equal(stored.length, history.sent, 'one stored message per client id');
    assert.equal(history.acked, history.sent);
    report('idempotent-send', { sends: history.sent, attempts: totals.attempts, droppedAnswers: totals.dropped, concurrentDuplicates: totals.concurrent, conflictsRefused: conflicts, stored: stored.length });
  });
});
