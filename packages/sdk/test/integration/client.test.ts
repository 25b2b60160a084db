import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../../server/test/helpers/server.js';
import { ParleyClientError } from '../../src/index.js';
import { range, recordedClient, seqsOf, sleep, text, waitUntil, type Recorded } from '../helpers/sdk.js';

describe('ParleyClient against a real server', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let direct: string;
  const open: Recorded[] = [];

  const client = (user: TestUser, extra = {}) => {
    const rec = recordedClient(server.url, user.token, extra);
    open.push(rec);
    return rec;
  };

  before(async () => {
    server = await startTestServer();
    [alice, bob, carol] = await Promise.all([server.createUser('member', 'Alice'), server.createUser('member', 'Bob'), server.createUser('member', 'Carol')]);
    direct = (await server.createChat('direct', [alice.id, bob.id])).id;
  });

  after(async () => {
    for (const rec of open) rec.client.disconnect();
    await server.close();
  });

  test('connects, gets hello, and reports every state transition with a code', async () => {
    const a = client(alice);
    assert.equal(a.client.state, 'disconnected');
    await a.client.connect();
    assert.equal(a.client.state, 'connected');
    assert.equal(a.client.hello?.userId, alice.id);
    assert.equal(typeof a.client.epoch, 'string');
    a.client.disconnect();
    assert.deepEqual(
      a.states.map((s) => [s.previous, s.state, s.code]),
      [
        ['disconnected', 'connecting', 0],
        ['connecting', 'connected', 0],
        ['connected', 'disconnected', 1000],
      ],
    );
    await assert.rejects(a.client.history({ chatId: direct }), (e: unknown) => e instanceof ParleyClientError && e.code === 'E_DISCONNECTED');
    await a.client.connect();
    assert.equal(a.client.state, 'connected');
    assert.equal(a.states.length, 5);
    a.client.disconnect();
  });

  test('two clients exchange messages in a direct chat; each message is emitted once', async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([a.client.connect(), b.client.connect()]);
    const sent = await a.client.send(text(direct, 'hello bob'));
    assert.equal(sent.chatId, direct);
    assert.equal(sent.senderId, alice.id);
    assert.equal(sent.content.text, 'hello bob');
    await waitUntil(() => b.of(direct).length === 1, 'bob receives');
    assert.equal(b.of(direct)[0]?.id, sent.id);
    const reply = await b.client.send(text(direct, 'hi alice'));
    assert.equal(reply.seq, sent.seq + 1);
    await waitUntil(() => a.of(direct).length === 2, 'alice receives the reply');
    await sleep(100);
    // The sender sees its own message once (from its ack) and the reply once.
    assert.deepEqual(a.of(direct).map((m) => m.id), [sent.id, reply.id]);
    assert.deepEqual(b.of(direct).map((m) => m.id), [sent.id, reply.id]);
    assert.deepEqual(a.client.cursors()[direct], reply.seq);
    a.client.disconnect();
    b.client.disconnect();
  });

  test('a retried send with the same id returns the original message and is stored once', async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([a.client.connect(), b.client.connect()]);
    const id = crypto.randomUUID();
    const first = await a.client.send(text(direct, 'once', id));
    const again = await a.client.send(text(direct, 'once', id));
    assert.equal(again.seq, first.seq);
    assert.equal(again.id, id);
    // Two sends with one id in flight at once share one ack.
    const id2 = crypto.randomUUID();
    const [x, y] = await Promise.all([a.client.send(text(direct, 'twin', id2)), a.client.send(text(direct, 'twin', id2))]);
    assert.equal(x.seq, y.seq);
    // After a reconnect the server still knows the id.
    a.client.disconnect();
    await a.client.connect();
    const third = await a.client.send(text(direct, 'once', id));
    assert.equal(third.seq, first.seq);
    await waitUntil(() => b.messages.some((m) => m.id === id2), 'bob gets the twin');
    await sleep(100);
    assert.equal(b.messages.filter((m) => m.id === id).length, 1);
    assert.equal(b.messages.filter((m) => m.id === id2).length, 1);
    assert.equal(a.messages.filter((m) => m.id === id).length, 1);
    const page = await a.client.history({ chatId: direct, position: 'up', limit: 100 });
    assert.equal(page.messages.filter((m) => m.id === id).length, 1);
    // The same id with another body is a conflict.
    await assert.rejects(a.client.send(text(direct, 'different', id)), (e: unknown) => e instanceof ParleyError && e.code === 'E_IDEMPOTENCY_CONFLICT');
    a.client.disconnect();
    b.client.disconnect();
  });

  test('bad input is rejected with its code and the connection stays up', async () => {
    const a = client(alice);
    await a.client.connect();
    const statesBefore = a.states.length;
    const code = (expected: string, path?: string) => (e: unknown) => {
      assert.ok(e instanceof ParleyError, `expected a ParleyError, got ${String(e)}`);
      assert.equal(e.code, expected);
      if (path !== undefined) assert.equal(e.path, path);
      return true;
    };
    await assert.rejects(a.client.send(text(direct, '')), code('E_VALIDATION', '/content/text'));
    await assert.rejects(a.client.send({ chatId: direct, messageType: 'NOPE', content: {} } as never), code('E_VALIDATION'));
    await assert.rejects(a.client.send(text('CHAT_nope', 'x')), code('E_CHAT_NOT_FOUND'));
    const theirs = await server.createChat('direct', [bob.id, carol.id]);
    await assert.rejects(a.client.send(text(theirs.id, 'intrude')), code('E_NOT_MEMBER'));
    await assert.rejects(a.client.receipt(direct, 'seen', 1_000_000), code('E_VALIDATION', '/seq'));
    await assert.rejects(a.client.history({ chatId: direct, limit: 1_000 }), code('E_VALIDATION'));
    await assert.rejects(a.client.request('typing', { chatId: direct, state: 'shouting' } as never), code('E_VALIDATION'));
    // A frame over 64 KiB is refused by the SDK before it reaches the wire (the server would close 1009).
    await assert.rejects(a.client.send(text(direct, 'x'.repeat(70_000))), code('E_PAYLOAD_TOO_LARGE'));
    await assert.rejects(a.client.request('resume', { cursors: {} }), (e: unknown) => e instanceof ParleyClientError && e.code === 'E_PROTOCOL');
    assert.equal(a.client.state, 'connected');
    assert.equal(a.states.length, statesBefore, 'no state change');
    assert.equal(a.client.pendingSends, 0);
    const ok = await a.client.send(text(direct, 'still here'));
    assert.ok(ok.seq > 0);
    a.client.disconnect();
  });

  test('typing notices and receipts reach the other member', async () => {
    const a = client(alice);
    const b = client(bob);
    await Promise.all([a.client.connect(), b.client.connect()]);
    await a.client.typing(direct, 'composing');
    await waitUntil(() => b.events.some((e) => e.name === 'typing'), 'typing event');
    const typing = b.events.find((e) => e.name === 'typing')?.data as { chatId: string; userId: string; state: string; expiresAt: number };
    assert.equal(typing.chatId, direct);
    assert.equal(typing.userId, alice.id);
    assert.equal(typing.state, 'composing');
    assert.ok(typing.expiresAt > Date.now());
    const m = await a.client.send(text(direct, 'read me'));
    const mark = await b.client.receipt(direct, 'seen', m.seq);
    assert.equal(mark, m.seq);
    const seenByBob = () =>
      a.events.find((e) => e.name === 'receipt' && (e.data as { userId: string; kind: string }).userId === bob.id && (e.data as { kind: string }).kind === 'seen')
        ?.data as { chatId: string; seq: number } | undefined;
    await waitUntil(() => seenByBob() !== undefined, 'seen receipt event');
    assert.deepEqual([seenByBob()?.chatId, seenByBob()?.seq], [direct, m.seq]);
    // A watermark never moves down.
    assert.equal(await b.client.receipt(direct, 'seen', 1), m.seq);
    const summary = (await b.client.chats()).find((c) => c.id === direct);
    assert.equal(summary?.unreadCount, 0);
    a.client.disconnect();
    b.client.disconnect();
  });

  test('history pages up and down', async () => {
    const group = (await server.createChat('group', [alice.id, carol.id])).id;
    const a = client(alice);
    await a.client.connect();
    for (let i = 1; i <= 25; i++) await a.client.send(text(group, `m${i}`));
    const newest = await a.client.history({ chatId: group, position: 'up', limit: 10 });
    assert.deepEqual(seqsOf(newest.messages), range(16, 25));
    assert.equal(newest.hasMore, true);
    const older = await a.client.history({ chatId: group, position: 'up', fromSeq: 16, limit: 10 });
    assert.deepEqual(seqsOf(older.messages), range(6, 15));
    const oldest = await a.client.history({ chatId: group, position: 'up', fromSeq: 6, limit: 10 });
    assert.deepEqual(seqsOf(oldest.messages), range(1, 5));
    assert.equal(oldest.hasMore, false);
    const down = await a.client.history({ chatId: group, position: 'down', fromSeq: 20 });
    assert.deepEqual(seqsOf(down.messages), range(21, 25));
    assert.equal(down.hasMore, false);
    const byId = await a.client.history({ chatId: group, position: 'down', lastRowId: down.messages[0]!.id, limit: 2 });
    assert.deepEqual(seqsOf(byId.messages), [22, 23]);
    a.client.disconnect();
  });

  test('a send made while disconnected waits for the connection', async () => {
    const a = client(alice);
    const pending = a.client.send(text(direct, 'queued'));
    await sleep(50);
    assert.equal(a.client.pendingSends, 1);
    await a.client.connect();
    const m = await pending;
    assert.equal(m.content.text, 'queued');
    assert.equal(a.client.pendingSends, 0);
    a.client.disconnect();
  });

  test('a chat that appeared while offline is fetched from its start; on a first resume it is not', async () => {
    const b = client(bob);
    await b.client.connect();
    b.client.disconnect();
    const group = (await server.createChat('group', [alice.id, bob.id])).id;
    const a = client(alice);
    await a.client.connect();
    const sent = [];
    for (let i = 1; i <= 3; i++) sent.push(await a.client.send(text(group, `while you were away ${i}`)));
    await b.client.connect();
    await waitUntil(() => b.of(group).length === 3, 'bob fetches the new chat');
    assert.deepEqual(b.of(group).map((m) => m.id), sent.map((m) => m.id));
    // A fresh client instance takes the chat as it is: the app loads the history it wants.
    const fresh = client(bob);
    await fresh.client.connect();
    await sleep(100);
    assert.equal(fresh.of(group).length, 0);
    assert.equal(fresh.client.cursors()[group], 3);
    await a.client.send(text(group, 'live'));
    await waitUntil(() => fresh.of(group).length === 1 && b.of(group).length === 4, 'live message');
    for (const rec of [a, b, fresh]) rec.client.disconnect();
  });

  test('a member added while connected hears the chat from the join on', async () => {
    const a = client(alice);
    const c = client(carol);
    await Promise.all([a.client.connect(), c.client.connect()]);
    const created = await server.admin<{ chat: { id: string } }>('POST', '/v1/admin/chats', { kind: 'group', members: [{ userId: alice.id, role: 'owner' }] });
    const group = created.body.chat.id;
    await a.client.send(text(group, 'before carol'));
    const added = await a.client.rest.request<{ member: unknown }>(`/v1/chats/${group}/members`, { method: 'POST', body: { userId: carol.id } });
    assert.ok(added.member);
    await waitUntil(() => c.events.some((e) => e.name === 'member.joined'), 'member.joined');
    const m = await a.client.send(text(group, 'welcome carol'));
    await waitUntil(() => c.of(group).some((x) => x.id === m.id), 'carol receives');
    await sleep(100);
    // The cursor starts at the chat's lastSeq in member.joined; what lies below is history, fetched
    // only to close a gap, and never emitted twice or out of order.
    const seqs = seqsOf(c.of(group));
    assert.deepEqual(seqs, range(seqs[0]!, m.seq));
    a.client.disconnect();
    c.client.disconnect();
  });

  test('REST errors become ParleyError with the server code', async () => {
    const a = client(alice);
    await assert.rejects(a.client.rest.request('/v1/chats/CHAT_missing'), (e: unknown) => e instanceof ParleyError && e.code === 'E_CHAT_NOT_FOUND' && e.status === 404);
    const me = await a.client.rest.request<{ user: { id: string } }>('/v1/me');
    assert.equal(me.user.id, alice.id);
  });
});
