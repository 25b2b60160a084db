import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Message } from '@parley/protocol';
import { ParleyClient } from '@parley/sdk';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';

// `messageSeen` is the time a message was first seen: reading on never moves it, wherever it is read.
for (const backend of await testStores()) {
  describe(`messageSeen is the first time a message was seen: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let agent: TestUser;
    let visitor: TestUser;
    let client: ParleyClient;
    let chatId: string;

    const as = async <T>(user: TestUser, method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
      const res = await fetch(`${t.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${user.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      return { status: res.status, body: (await res.json()) as T };
    };
    const send = async (text: string): Promise<Message> => {
      const res = await as<{ message: Message }>(agent, 'POST', `/v1/chats/${encodeURIComponent(chatId)}/messages`, { id: randomUUID(), messageType: 'TEXT', content: { text } });
      assert.equal(res.status, 201);
      return res.body.message;
    };
    /** The visitor reads up to `seq` through the SDK; resolves to the time their seen mark took. */
    const read = async (seq: number, after: number): Promise<number> => {
      // Two reads in the same millisecond could not tell first from latest.
      while (Date.now() <= after) await sleep(1);
      assert.equal(await client.receipt(chatId, 'seen', seq), seq);
      const { body } = await as<{ members: { userId: string; seenSeq: number; seenAt: number | null }[] }>(agent, 'GET', `/v1/chats/${encodeURIComponent(chatId)}/members`);
      const mark = body.members.find((m) => m.userId === visitor.id);
      assert.equal(mark?.seenSeq, seq);
      const at = mark?.seenAt;
      assert.equal(typeof at, 'number');
      return at as number;
    };

    before(async () => {
      t = await startTestServer({ store: backend.name });
      agent = await t.createUser('agent', 'Ann');
      visitor = await t.createUser('customer', 'Vic');
      chatId = (await t.createChat('livechat', [agent.id, visitor.id])).id;
      client = new ParleyClient({ url: t.url, token: visitor.token });
      await client.connect();
    });
    after(async () => {
      client.disconnect();
      await t.close();
    });

    it('stays the time of the first read in history (REST and SDK), the export, the transcript and events', async () => {
      const first = await send('one');
      const t1 = await read(first.seq, 0);
      const second = await send('two');
      const t2 = await read(second.seq, t1);
      assert.ok(t2 > t1);

      const rest = await as<{ messages: Message[] }>(agent, 'GET', `/v1/chats/${encodeURIComponent(chatId)}/messages`);
      assert.deepEqual(
        rest.body.messages.map((m) => [m.id, m.messageSeen]),
        [
          [first.id, t1],
          [second.id, t2],
        ],
      );
      const sdk = await client.history({ chatId, position: 'down', fromSeq: 0 });
      assert.deepEqual(
        sdk.messages.map((m) => [m.id, m.messageSeen]),
        [
          [first.id, t1],
          [second.id, t2],
        ],
      );
      const exported = await t.admin<{ data: { id: string; messageSeen: number | null } }[]>('GET', `/v1/admin/chats/${encodeURIComponent(chatId)}/export`);
      assert.deepEqual(
        exported.body.map((o) => [o.data.id, o.data.messageSeen]),
        [
          [first.id, t1],
          [second.id, t2],
        ],
      );
      const transcript = await as<{ messages: { data: { id: string; messageSeen: number | null } }[] }>(
        agent,
        'GET',
        `/v1/livechat/chats/${encodeURIComponent(chatId)}/transcript`,
      );
      assert.equal(transcript.status, 200);
      assert.deepEqual(
        transcript.body.messages.map((o) => [o.data.id, o.data.messageSeen]),
        [
          [first.id, t1],
          [second.id, t2],
        ],
      );
      // One message asked for alone answers the same.
      const one = await as<{ message: Message }>(agent, 'GET', `/v1/chats/${encodeURIComponent(chatId)}/messages/${encodeURIComponent(first.id)}`);
      assert.equal(one.body.message.messageSeen, t1);

      // So does the event of a later change to the message.
      const updated = new Promise<Message>((resolve) => {
        const off = client.on('message.updated', (m) => {
          if (m.id !== first.id) return;
          off();
          resolve(m);
        });
      });
      const deleted = await as<{ messages: Message[] }>(agent, 'POST', `/v1/chats/${encodeURIComponent(chatId)}/messages/delete-for-everyone`, { messageIds: [first.id] });
      assert.equal(deleted.status, 200, JSON.stringify(deleted.body));
      assert.equal(deleted.body.messages[0]?.messageSeen, t1);
      const event = await updated;
      assert.equal(event.deleted, true);
      assert.equal(event.messageSeen, t1);
    });
  });
}
