// Every example message of seed 001 goes through a real server: sent over a real WebSocket by a sender
// of the seed's own kind and id, received by the other members of the chat, and exported back as the
// seed object, field for field (bar `ts` and `room`, which the server sets).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { SEED_001_EXAMPLES, type SeedExample } from '../../../protocol/test/fixtures/seed-001.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { seedRooms, SEED_USERS, type SeedUserId } from './message-types-seed.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TRUSTED_KINDS = new Set(['bot']);

interface Sent {
  example: SeedExample;
  sender: SeedUserId;
  /** The seed's id, or a fresh UUID when the seed's channel id came from an untrusted sender. */
  id: string;
  message: any;
}

describe('seed 001 message types, end to end', () => {
  let t: TestServer;
  const clients = new Map<SeedUserId, RawClient>();
  const sentByRoom = new Map<string, { chatId: string; sent: Sent[] }>();

  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    for (const [id, user] of Object.entries(SEED_USERS) as [SeedUserId, (typeof SEED_USERS)[SeedUserId]][]) {
      const created = await t.admin('POST', '/v1/admin/users', { id, kind: user.kind, nickname: user.nickname });
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const token = await t.admin<{ token: string }>('POST', `/v1/admin/users/${encodeURIComponent(id)}/tokens`, {});
      const c = await RawClient.connect(t.wsUrl, token.body.token);
      // Live from now on (a client that has not resumed has its live events held).
      assert.equal((await c.request('resume', { cursors: {} })).ok, true);
      clients.set(id, c);
    }
  });
  after(async () => {
    for (const c of clients.values()) c.close();
    await t.close();
  });

  it('has a sender and a room for every example of the seed', () => {
    const covered = seedRooms().flatMap((room) => room.messages.map((m) => m.id));
    assert.deepEqual([...covered].sort(), SEED_001_EXAMPLES.map((e) => e.id).sort());
  });

  for (const room of seedRooms()) {
    it(`room ${room.name}: ${room.messages.map((m) => exampleOf(m.id).messageType).join(', ')} reach the other members`, async () => {
      const chat = await t.admin<{ chat: { id: string } }>('POST', '/v1/admin/chats', {
        kind: 'livechat',
        members: room.members.map((userId) => ({ userId })),
      });
      assert.equal(chat.status, 201, JSON.stringify(chat.body));
      const chatId = chat.body.chat.id;
      const sent: Sent[] = [];
      sentByRoom.set(room.name, { chatId, sent });

      for (const setup of room.before ?? []) {
        const ack = await client(setup.sender).request('send', { chatId, ...setup.message });
        assert.equal(ack.ok, true, JSON.stringify(ack.error));
      }
      for (const { id: seedId, sender } of room.messages) {
        const example = exampleOf(seedId);
        const trusted = TRUSTED_KINDS.has(SEED_USERS[sender].kind);
        const id = trusted || UUID.test(seedId) ? seedId : randomUUID();
        const ack = await client(sender).request('send', {
          chatId,
          id,
          messageType: example.messageType,
          content: example.content,
          replyTo: example.replyTo,
        });
        assert.equal(ack.ok, true, `${example.messageType}: ${JSON.stringify(ack.error)}`);
        const message = ack.data as any;
        assert.equal(message.id, id);
        assert.deepEqual(message.content, { ...example.content, user: messageUser(sender) });
        sent.push({ example, sender, id, message });

        for (const member of room.members.filter((m) => m !== sender)) {
          const other = client(member);
          await other.waitFor(() => other.eventsOf('message').some((m) => m.id === id), `${member} receives ${example.messageType}`);
          const received = other.eventsOf('message').find((m) => m.id === id) as any;
          assert.equal(received.chatId, chatId);
          assert.equal(received.seq, message.seq);
          assert.equal(received.messageType, example.messageType);
          assert.equal(received.replyTo, example.replyTo);
          assert.equal(received.senderId, sender);
          assert.deepEqual(received.content, { ...example.content, user: messageUser(sender) });
        }
      }

      if (room.messages.some((m) => exampleOf(m.id).messageType === 'endChat')) {
        for (const member of room.members) {
          const c = client(member);
          await c.waitFor(() => c.eventsOf('chat.updated').some((e) => e.id === chatId && e.state === 'ended'), `${member} hears the end`);
        }
      }
    });
  }

  it('exports every room as the seed objects, field for field, with messageSeen from the watermarks', async () => {
    for (const room of seedRooms()) {
      const entry = sentByRoom.get(room.name);
      assert.ok(entry, `room ${room.name} was sent`);
      const res = await fetch(`${t.url}/v1/admin/chats/${encodeURIComponent(entry.chatId)}/export`, {
        headers: { authorization: `Bearer ${t.adminKey}` },
      });
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /^application\/json/);
      const exported = (await res.json()) as any[];
      assert.deepEqual(
        exported.map((o) => o.data.id),
        [...(room.before ?? []).map((b) => b.message.id), ...entry.sent.map((s) => s.id)],
        'every message, in seq order',
      );
      for (const object of exported) {
        assert.equal(object.room, entry.chatId);
        assert.equal(typeof object.data.ts, 'number');
      }
      for (const [i, s] of entry.sent.entries()) {
        const object = exported.find((o) => o.data.id === s.id);
        const expected: Record<string, unknown> = {
          data: {
            replyTo: s.example.replyTo,
            id: s.id,
            messageType: s.example.messageType,
            content: { ...s.example.content, user: { id: s.sender, isAgent: SEED_USERS[s.sender].isAgent } },
            ts: object.data.ts,
            deliverySuccess: true,
            deliveryErrorReason: '',
            messageSeen: expectedSeen(exported, (room.before ?? []).length + i),
          },
          room: entry.chatId,
        };
        assert.deepEqual(object, expected, `${s.example.messageType} exports as the seed shows it`);
      }
    }
  });

  it('keeps an ended chat readable: history and export answer, sends do not', async () => {
    const ended = [...sentByRoom.values()].find((r) => r.sent.some((s) => s.example.messageType === 'endChat'));
    assert.ok(ended);
    const customer = client('USER_DEFAULT_9a0a411c-f9c7-4af7-9754-024bf157a3ef');
    const history = await customer.request('history', { chatId: ended.chatId });
    assert.equal(history.ok, true);
    assert.equal((history.data as any).messages.at(-1).messageType, 'endChat');
    const refused = await customer.request('send', { chatId: ended.chatId, id: randomUUID(), messageType: 'TEXT', content: { text: 'hello?' } });
    assert.equal(refused.ok, false);
    assert.equal(refused.error?.code, 'E_CHAT_ENDED');
    const chat = await t.admin<{ chat: { state: string; lastSeq: number } }>('GET', `/v1/admin/chats/${encodeURIComponent(ended.chatId)}`);
    assert.equal(chat.body.chat.state, 'ended');
    assert.equal(chat.body.chat.lastSeq, ended.sent.length);
  });

  it('answers 404 for the export of an unknown chat and 403 for a user token', async () => {
    const missing = await t.admin<any>('GET', '/v1/admin/chats/CHAT_DEFAULT_nope/export');
    assert.equal(missing.status, 404);
    assert.equal(missing.body.error.code, 'E_CHAT_NOT_FOUND');
    const entry = [...sentByRoom.values()][0];
    assert.ok(entry);
    const user = await t.createUser('agent');
    const res = await fetch(`${t.url}/v1/admin/chats/${encodeURIComponent(entry.chatId)}/export`, {
      headers: { authorization: `Bearer ${user.token}` },
    });
    assert.equal(res.status, 403);
  });

  function client(id: SeedUserId): RawClient {
    const c = clients.get(id);
    assert.ok(c, `client of ${id}`);
    return c;
  }
});

function exampleOf(id: string): SeedExample {
  const example = SEED_001_EXAMPLES.find((e) => e.id === id);
  assert.ok(example, `seed example ${id}`);
  return example;
}

function messageUser(id: SeedUserId): { id: string; isAgent: boolean; nickname: string } {
  return { id, isAgent: SEED_USERS[id].isAgent, nickname: SEED_USERS[id].nickname };
}

/**
 * What the watermarks make of `messageSeen`: sending moves the sender's seen mark to their message, so
 * a message is first seen when another member sends something after it — the time of the first such
 * message — or null. Later messages never move it.
 */
function expectedSeen(exported: any[], index: number): number | null {
  const sender = exported[index].data.content.user.id;
  const next = exported.slice(index + 1).find((o) => o.data.content.user.id !== sender);
  return next === undefined ? null : (next.data.ts as number);
}
