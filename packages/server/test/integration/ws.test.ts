import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

const text = (chatId: string, s: string, id: string = randomUUID()) => ({ chatId, id, messageType: 'TEXT', content: { text: s } });

/** The HTTP status of a refused upgrade. */
async function upgradeStatus(url: string, protocols: string[], headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, protocols, { headers });
    ws.once('open', () => {
      ws.close();
      resolve({ status: 101, body: null });
    });
    ws.once('unexpected-response', (_req, res) => {
      let data = '';
      res.on('data', (c: Buffer) => (data += c.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data ? JSON.parse(data) : null }));
    });
    ws.once('error', reject);
  });
}

describe('WebSocket protocol', () => {
  let t: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let chatId: string;
  const clients: RawClient[] = [];
  const connect = async (user: TestUser, opts?: { origin?: string; headerAuth?: boolean }) => {
    const c = await RawClient.connect(t.wsUrl, user.token, opts);
    clients.push(c);
    return c;
  };

  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    alice = await t.createUser('agent', 'Alice');
    bob = await t.createUser('customer', 'Bob');
    chatId = (await t.createChat('group', [alice.id, bob.id])).id;
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  describe('upgrade', () => {
    it('says hello with the protocol version and epoch, by subprotocol or Authorization header', async () => {
      const a = await connect(alice);
      assert.equal(a.socket.protocol, 'parley.v1');
      assert.equal(a.hello.protocol, 1);
      assert.equal(a.hello.userId, alice.id);
      assert.ok(a.hello.epoch.length > 0);
      const b = await connect(alice, { headerAuth: true });
      assert.equal(b.hello.userId, alice.id);
    });
    it('refuses a missing, forged or expired token before the upgrade', async () => {
      const none = await upgradeStatus(t.wsUrl, ['parley.v1']);
      assert.equal(none.status, 401);
      assert.equal(none.body.error.code, 'E_UNAUTHENTICATED');
      const forged = await upgradeStatus(t.wsUrl, ['parley.v1', `bearer.${alice.token.slice(0, -4)}AAAA`]);
      assert.equal(forged.status, 401);
      assert.equal(forged.body.error.code, 'E_TOKEN_INVALID');
      const { server } = t;
      const expired = await server.services.users.issueToken(await server.services.users.get(t.tenantId, alice.id), -30);
      const res = await upgradeStatus(t.wsUrl, ['parley.v1', `bearer.${expired.token}`]);
      assert.equal(res.status, 401);
      assert.equal(res.body.error.code, 'E_TOKEN_EXPIRED');
      const apiKey = await upgradeStatus(t.wsUrl, ['parley.v1', `bearer.${t.adminKey}`]);
      assert.equal(apiKey.status, 401);
    });
    it('refuses an Origin outside the tenant allow-list', async () => {
      await t.store.updateTenant(t.tenantId, { allowedOrigins: ['https://shop.example'] });
      try {
        const bad = await upgradeStatus(t.wsUrl, ['parley.v1', `bearer.${alice.token}`], { origin: 'https://evil.example' });
        assert.equal(bad.status, 403);
        assert.equal(bad.body.error.code, 'E_ORIGIN_FORBIDDEN');
        const good = await upgradeStatus(t.wsUrl, ['parley.v1', `bearer.${alice.token}`], { origin: 'https://shop.example' });
        assert.equal(good.status, 101);
      } finally {
        await t.store.updateTenant(t.tenantId, { allowedOrigins: [] });
      }
    });
  });

  describe('messages', () => {
    it('acks a send after commit and delivers the same message to the other member once', async () => {
      const a = await connect(alice);
      const b = await connect(bob);
      await a.request('resume', { cursors: {} });
      await b.request('resume', { cursors: {} });
      const ack = await a.request('send', text(chatId, 'hello Bob'));
      assert.equal(ack.ok, true);
      const sent = ack.data as { id: string; seq: number };
      await b.waitFor(() => b.eventsOf('message').some((m) => m.id === sent.id), 'message at bob');
      const got = b.eventsOf('message').filter((m) => m.id === sent.id);
      assert.equal(got.length, 1);
      assert.equal(got[0]?.seq, sent.seq);
      assert.deepEqual((got[0]?.content as Record<string, unknown>).user, { id: alice.id, isAgent: true, nickname: 'Alice' });
      // The sending connection has the ack; it does not also get the event.
      assert.equal(a.eventsOf('message').filter((m) => m.id === sent.id).length, 0);
      const stored = await t.store.getMessage(t.tenantId, sent.id);
      assert.equal(stored?.seq, sent.seq);
    });

    it('concurrent sends share commits and keep per-chat seq gap-free', async () => {
      const a = await connect(alice);
      await a.request('resume', { cursors: {} });
      const acks = await Promise.all(Array.from({ length: 200 }, (_, i) => a.request('send', text(chatId, `burst ${i}`))));
      const seqs = acks.map((ack) => (ack.data as { seq: number }).seq).sort((x, y) => x - y);
      for (let i = 1; i < seqs.length; i++) assert.equal(seqs[i], (seqs[i - 1] as number) + 1);
    });

    it('a retried send returns the original; the same id with another body is refused', async () => {
      const a = await connect(alice);
      const id = randomUUID();
      const first = await a.request('send', text(chatId, 'once', id));
      const again = await a.request('send', text(chatId, 'once', id));
      assert.deepEqual((again.data as { seq: number }).seq, (first.data as { seq: number }).seq);
      const other = await a.request('send', text(chatId, 'different', id));
      assert.equal(other.ok, false);
      assert.equal(other.error?.code, 'E_IDEMPOTENCY_CONFLICT');
    });

    it('relays typing without storing it, and receipts as watermarks', async () => {
      const a = await connect(alice);
      const b = await connect(bob);
      await a.request('resume', { cursors: {} });
      await b.request('resume', { cursors: {} });
      const before = (await t.store.getChat(chatId))?.lastSeq;
      assert.equal((await a.request('typing', { chatId, state: 'composing' })).ok, true);
      await b.waitFor(() => b.eventsOf('typing').length > 0, 'typing');
      const typing = b.eventsOf('typing')[0] as { userId: string; state: string; expiresAt: number };
      assert.equal(typing.userId, alice.id);
      assert.equal(typing.state, 'composing');
      assert.ok(typing.expiresAt > Date.now());
      assert.equal((await t.store.getChat(chatId))?.lastSeq, before, 'typing is not a message');
      const seq = before as number;
      const receipt = await b.request('receipt', { chatId, kind: 'seen', seq });
      assert.equal(receipt.ok, true);
      await a.waitFor(() => a.eventsOf('receipt').some((r) => r.kind === 'seen' && r.userId === bob.id), 'receipt');
    });

    it('pages history over the socket', async () => {
      const a = await connect(alice);
      const page = await a.request('history', { chatId, limit: 5 });
      assert.equal(page.ok, true);
      const { messages, hasMore } = page.data as { messages: { seq: number }[]; hasMore: boolean };
      assert.equal(messages.length, 5);
      assert.equal(hasMore, true);
      assert.ok((messages[0]?.seq ?? 0) < (messages[4]?.seq ?? 0));
    });
  });

  describe('bad frames: an error for the request, the connection stays up', () => {
    it('answers each bad frame with its code and keeps serving', async () => {
      const a = await connect(alice);
      a.sendRaw('{not json');
      await a.waitFor(() => a.frames.some((f) => f.t === 'error'), 'error frame');
      assert.equal((a.frames.find((f) => f.t === 'error') as any).error.code, 'E_BAD_JSON');
      a.sendRaw(JSON.stringify({ op: 'send' }));
      await a.waitFor(() => a.frames.filter((f) => f.t === 'error').length >= 2, 'second error');
      assert.equal((a.frames.filter((f) => f.t === 'error')[1] as any).error.code, 'E_VALIDATION');
      a.sendRaw(Buffer.from([0xff, 0xfe, 0x00]));
      await a.waitFor(() => a.frames.filter((f) => f.t === 'error').length >= 3, 'binary error');

      const cases: [string, unknown, string, string?][] = [
        ['explode', {}, 'E_UNKNOWN_OP', '/op'],
        ['send', { chatId, messageType: 'TEXT', content: { text: 42 } }, 'E_VALIDATION', '/content/text'],
        ['send', { chatId, messageType: 'TEXT', content: { text: 'x'.repeat(4097) } }, 'E_VALIDATION', '/content/text'],
        ['send', { chatId: 'CHAT_DEFAULT_nope', messageType: 'TEXT', content: { text: 'x' } }, 'E_CHAT_NOT_FOUND'],
        ['send', { chatId, messageType: 'TEXT', content: { text: 'x' }, extra: 1 }, 'E_VALIDATION', '/extra'],
        ['send', 'a string', 'E_VALIDATION'],
        ['receipt', { chatId, kind: 'read', seq: 1 }, 'E_VALIDATION', '/kind'],
        ['receipt', { chatId, kind: 'seen', seq: -1 }, 'E_VALIDATION', '/seq'],
        ['typing', { chatId, state: 'shouting' }, 'E_VALIDATION', '/state'],
        ['history', { chatId, limit: 0 }, 'E_VALIDATION', '/limit'],
        ['resume', { cursors: { [chatId]: 'x' } }, 'E_VALIDATION'],
        ['ping', { unexpected: true }, 'E_VALIDATION'],
      ];
      for (const [op, data, code, path] of cases) {
        const ack = await a.request(op, data);
        assert.equal(ack.ok, false, op);
        assert.equal(ack.error?.code, code, `${op} ${JSON.stringify(data).slice(0, 80)}`);
        if (path) assert.equal(ack.error?.path, path, `${op} path`);
      }
      const ping = await a.request('ping', {});
      assert.equal(ping.ok, true);
      assert.equal(a.closed, null);
    });

    it('a non-member cannot send, read or type in a chat', async () => {
      const carol = await t.createUser('member', 'Carol');
      const c = await connect(carol);
      for (const [op, data] of [
        ['send', text(chatId, 'intrusion')],
        ['history', { chatId }],
        ['typing', { chatId, state: 'composing' }],
        ['receipt', { chatId, kind: 'seen', seq: 1 }],
      ] as [string, unknown][]) {
        const ack = await c.request(op, data);
        assert.equal(ack.error?.code, 'E_NOT_MEMBER', op);
      }
    });

    it('closes with 1009 on a frame over the size limit', async () => {
      const a = await connect(alice);
      a.sendRaw(JSON.stringify(text(chatId, 'x'.repeat(70 * 1024))));
      await a.waitFor(() => a.closed !== null, 'close');
      assert.equal(a.closed?.code, 1009);
    });
  });

  describe('resume', () => {
    it('replays what was missed, in order, before the ack and before live traffic', async () => {
      const b = await connect(bob);
      const first = await b.request('resume', { cursors: {} });
      const status = (first.data as any).chats.find((c: { chatId: string }) => c.chatId === chatId);
      assert.equal(status.status, 'new');
      const cursor = status.lastSeq as number;
      b.close();
      const a = await connect(alice);
      for (let i = 0; i < 20; i++) assert.equal((await a.request('send', text(chatId, `missed ${i}`))).ok, true);

      const back = await connect(bob);
      const ack = await back.request('resume', { cursors: { [chatId]: cursor, GONE_CHAT: 3 }, epoch: back.hello.epoch });
      const result = ack.data as { replayed: number; chats: { chatId: string; status: string }[] };
      assert.equal(result.replayed, 20);
      assert.equal(result.chats.find((c) => c.chatId === chatId)?.status, 'recovered');
      assert.equal(result.chats.find((c) => c.chatId === 'GONE_CHAT')?.status, 'gone');
      const ackIndex = back.frames.findIndex((f) => f.t === 'ack');
      const replayed = back.frames.slice(0, ackIndex).filter((f) => f.t === 'event') as { data: { seq: number } }[];
      assert.deepEqual(
        replayed.map((f) => f.data.seq),
        Array.from({ length: 20 }, (_, i) => cursor + 1 + i),
      );
      const live = await a.request('send', text(chatId, 'live'));
      await back.waitFor(() => back.eventsOf('message').some((m) => m.id === (live.data as { id: string }).id), 'live');
    });

    it('answers unrecoverable for another epoch or a cursor too far behind', async () => {
      const b = await connect(bob);
      const other = await b.request('resume', { cursors: { [chatId]: 0 }, epoch: 'another-epoch' });
      assert.equal((other.data as any).chats.find((c: { chatId: string }) => c.chatId === chatId).status, 'unrecoverable');
      assert.equal((other.data as any).replayed, 0);
    });

    it('holds live events while resuming and drops the ones the replay covered', async () => {
      const b = await connect(bob);
      const a = await connect(alice);
      await a.request('resume', { cursors: {} });
      const lastSeq = (await t.store.getChat(chatId))?.lastSeq as number;
      // Sent before bob resumes: bob must get each exactly once, through replay or held events.
      const sent = await Promise.all(Array.from({ length: 10 }, (_, i) => a.request('send', text(chatId, `during ${i}`))));
      await b.request('resume', { cursors: { [chatId]: lastSeq } });
      const more = await a.request('send', text(chatId, 'after'));
      const ids = [...sent, more].map((s) => (s.data as { id: string }).id);
      await b.waitFor(() => ids.every((id) => b.eventsOf('message').some((m) => m.id === id)), 'all messages');
      const seqs = b.eventsOf('message').map((m) => m.seq as number);
      assert.equal(new Set(seqs).size, seqs.length, 'no duplicates');
      assert.deepEqual(seqs, [...seqs].sort((x, y) => x - y), 'in order');
    });
  });

  it('a member added to a chat starts hearing it at once; a member who leaves stops', async () => {
    const dave = await t.createUser('member', 'Dave');
    const d = await connect(dave);
    await d.request('resume', { cursors: {} });
    const a = await connect(alice);
    const group = await t.createChat('group', [alice.id]);
    const res = await fetch(`${t.url}/v1/chats/${group.id}/members`, {
      method: 'POST',
      headers: { authorization: `Bearer ${alice.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: dave.id }),
    });
    assert.equal(res.status, 201);
    await d.waitFor(() => d.eventsOf('member.joined').some((e) => (e.chat as { id: string }).id === group.id), 'joined');
    const sent = await a.request('send', text(group.id, 'welcome'));
    await d.waitFor(() => d.eventsOf('message').some((m) => m.id === (sent.data as { id: string }).id), 'message after join');
    const left = await fetch(`${t.url}/v1/chats/${group.id}/members/${dave.id}`, { method: 'DELETE', headers: { authorization: `Bearer ${dave.token}` } });
    assert.equal(left.status, 204);
    await d.waitFor(() => d.eventsOf('member.left').length > 0, 'left');
    const after = await a.request('send', text(group.id, 'not for dave'));
    const probe = await a.request('send', text(chatId, 'probe'));
    assert.equal(probe.ok, true);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(d.eventsOf('message').some((m) => m.id === (after.data as { id: string }).id), false);
  });

  it('revoking a user closes their sockets with 4401', async () => {
    const eve = await t.createUser('member', 'Eve');
    const e = await connect(eve);
    await t.admin('POST', `/v1/admin/users/${eve.id}/revoke`);
    await e.waitFor(() => e.closed !== null, 'close');
    assert.equal(e.closed?.code, 4401);
  });

  it('cuts a consumer that stops reading with 4008 and keeps serving others', async () => {
    const small = await startTestServer({ config: { limits: { ...t.server.config.limits, socketBufferBytes: 64 * 1024 } } });
    try {
      const sender = await small.createUser('member', 'S');
      const reader = await small.createUser('member', 'R');
      const room = await small.createChat('group', [sender.id, reader.id]);
      const slow = await RawClient.connect(small.wsUrl, reader.token);
      await slow.request('resume', { cursors: {} });
      // Stop reading: the kernel buffers fill, then the server's bound trips.
      (slow.socket as unknown as { _socket: { pause(): void } })._socket.pause();
      const fast = await RawClient.connect(small.wsUrl, sender.token);
      const big = 'y'.repeat(4000);
      let cut = false;
      for (let i = 0; i < 3000 && !cut; i++) {
        const ack = await fast.request('send', text(room.id, big));
        assert.equal(ack.ok, true);
        if (i % 20 === 0) cut = small.server.gateway.connectionCount === 1;
      }
      assert.ok(cut, 'the slow consumer was disconnected');
      (slow.socket as unknown as { _socket: { resume(): void } })._socket.resume();
      await slow.waitFor(() => slow.closed !== null, 'slow close', 10_000);
      assert.equal(slow.closed?.code, 4008);
      assert.equal((await fast.request('ping', {})).ok, true);
      fast.close();
    } finally {
      await small.close();
    }
  });
});
