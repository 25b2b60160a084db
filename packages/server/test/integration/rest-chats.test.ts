import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';

describe('chats and messages over REST', () => {
  let t: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let direct: string;

  const as = async (user: TestUser | string, method: string, path: string, body?: unknown) => {
    const token = typeof user === 'string' ? user : user.token;
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
  };
  const text = (s: string, id: string = randomUUID()) => ({ id, messageType: 'TEXT', content: { text: s } });

  before(async () => {
    t = await startTestServer();
    alice = await t.createUser('member', 'Alice');
    bob = await t.createUser('member', 'Bob');
    carol = await t.createUser('member', 'Carol');
    const res = await as(alice, 'POST', '/v1/chats', { kind: 'direct', members: [{ userId: bob.id }] });
    assert.equal(res.status, 201);
    direct = res.body?.chat.id;
  });
  after(async () => {
    await t.close();
  });

  it('a second direct chat between the same two users is the same chat', async () => {
    const again = await as(bob, 'POST', '/v1/chats', { kind: 'direct', members: [{ userId: alice.id }] });
    assert.equal(again.body?.chat.id, direct);
  });

  it('sends TEXT and returns the seed 001 envelope with a per-chat seq', async () => {
    const res = await as(alice, 'POST', `/v1/chats/${direct}/messages`, text('Buongiorno'));
    assert.equal(res.status, 201);
    const m = res.body?.message;
    assert.equal(m.seq, 1);
    assert.equal(m.messageType, 'TEXT');
    assert.equal(m.content.text, 'Buongiorno');
    assert.deepEqual(m.content.user, { id: alice.id, isAgent: false, nickname: 'Alice' });
    assert.equal(m.replyTo, '');
    assert.equal(m.deliverySuccess, true);
    assert.equal(m.deliveryErrorReason, '');
    assert.ok(Math.abs(m.ts - Date.now()) < 60_000);
    const second = await as(bob, 'POST', `/v1/chats/${direct}/messages`, { ...text('Ciao'), replyTo: m.id });
    assert.equal(second.body?.message.seq, 2);
    assert.equal(second.body?.message.replyTo, m.id);
  });

  it('a retried send returns the original and stores nothing new', async () => {
    const id = randomUUID();
    const first = await as(alice, 'POST', `/v1/chats/${direct}/messages`, text('once', id));
    const retry = await as(alice, 'POST', `/v1/chats/${direct}/messages`, text('once', id));
    assert.equal(retry.body?.message.id, id);
    assert.equal(retry.body?.message.seq, first.body?.message.seq);
    const conflict = await as(alice, 'POST', `/v1/chats/${direct}/messages`, text('twice', id));
    assert.equal(conflict.status, 409);
    assert.equal(conflict.body?.error.code, 'E_IDEMPOTENCY_CONFLICT');
    const history = await as(alice, 'GET', `/v1/chats/${direct}/messages?limit=100`);
    assert.equal(history.body?.messages.filter((m: { id: string }) => m.id === id).length, 1);
  });

  it('pages history both ways from any message', async () => {
    const group = await as(alice, 'POST', '/v1/chats', { kind: 'group', title: 'Paging', members: [{ userId: bob.id }] });
    const chatId = group.body?.chat.id as string;
    const ids: string[] = [];
    for (let i = 1; i <= 25; i++) ids.push((await as(alice, 'POST', `/v1/chats/${chatId}/messages`, text(`m${i}`))).body?.message.id);
    const newest = await as(bob, 'GET', `/v1/chats/${chatId}/messages?limit=10`);
    assert.deepEqual(newest.body?.messages.map((m: { seq: number }) => m.seq), [16, 17, 18, 19, 20, 21, 22, 23, 24, 25]);
    assert.equal(newest.body?.hasMore, true);
    const older = await as(bob, 'GET', `/v1/chats/${chatId}/messages?position=up&fromSeq=16&limit=10`);
    assert.deepEqual(older.body?.messages.map((m: { seq: number }) => m.seq), [6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    const oldest = await as(bob, 'GET', `/v1/chats/${chatId}/messages?position=up&fromSeq=6&limit=10`);
    assert.deepEqual(oldest.body?.messages.map((m: { seq: number }) => m.seq), [1, 2, 3, 4, 5]);
    assert.equal(oldest.body?.hasMore, false);
    const down = await as(bob, 'GET', `/v1/chats/${chatId}/messages?position=down&lastRowId=${ids[19]}&limit=3`);
    assert.deepEqual(down.body?.messages.map((m: { seq: number }) => m.seq), [21, 22, 23]);
    assert.equal(down.body?.hasMore, true);
    const tail = await as(bob, 'GET', `/v1/chats/${chatId}/messages?position=down&fromSeq=23&limit=10`);
    assert.deepEqual(tail.body?.messages.map((m: { seq: number }) => m.seq), [24, 25]);
    assert.equal(tail.body?.hasMore, false);
  });

  it('receipts are watermarks that drive unread counts and messageSeen', async () => {
    const group = await as(alice, 'POST', '/v1/chats', { kind: 'group', title: 'Receipts', members: [{ userId: bob.id }] });
    const chatId = group.body?.chat.id as string;
    for (let i = 0; i < 3; i++) await as(alice, 'POST', `/v1/chats/${chatId}/messages`, text(`r${i}`));
    const unread = (await as(bob, 'GET', '/v1/chats')).body?.chats.find((c: { id: string }) => c.id === chatId);
    assert.equal(unread.unreadCount, 3);
    assert.equal(unread.lastMessage.content.text, 'r2');
    const seen = await as(bob, 'POST', `/v1/chats/${chatId}/receipts`, { kind: 'seen', seq: 2 });
    assert.equal(seen.status, 200);
    assert.equal(seen.body?.seq, 2);
    const lower = await as(bob, 'POST', `/v1/chats/${chatId}/receipts`, { kind: 'seen', seq: 1 });
    assert.equal(lower.body?.seq, 2, 'a watermark never moves down');
    const after = (await as(bob, 'GET', '/v1/chats')).body?.chats.find((c: { id: string }) => c.id === chatId);
    assert.equal(after.unreadCount, 1);
    const members = (await as(alice, 'GET', `/v1/chats/${chatId}/members`)).body?.members;
    const bobMember = members.find((m: { userId: string }) => m.userId === bob.id);
    assert.equal(bobMember.seenSeq, 2);
    assert.equal(bobMember.deliveredSeq, 2, 'seen implies delivered');
    const history = (await as(alice, 'GET', `/v1/chats/${chatId}/messages`)).body?.messages;
    assert.equal(typeof history[1].messageSeen, 'number');
    assert.equal(history[2].messageSeen, null);
    const past = await as(bob, 'POST', `/v1/chats/${chatId}/receipts`, { kind: 'seen', seq: 99 });
    assert.equal(past.status, 400);
    assert.equal(past.body?.error.path, '/seq');
  });

  describe('bad input and access', () => {
    it('rejects invalid sends with the field path and stores nothing', async () => {
      const before = (await as(alice, 'GET', `/v1/chats/${direct}`)).body?.chat.lastSeq;
      const cases: [unknown, string][] = [
        [{ messageType: 'TEXT', content: { text: '' } }, '/content/text'],
        [{ messageType: 'TEXT', content: { text: 5 } }, '/content/text'],
        [{ messageType: 'TEXT', content: { text: 'x'.repeat(5000) } }, '/content/text'],
        [{ messageType: 'TEXT', content: { text: 'hi', user: { id: 'x', isAgent: true } } }, '/content/user'],
        [{ messageType: 'SHOUT', content: { text: 'hi' } }, '/messageType'],
        [{ messageType: 'TEXT', content: { text: 'hi' }, id: 'not a uuid' }, '/id'],
        [{ messageType: 'TEXT', content: { text: 'hi' }, ts: 5 }, '/ts'],
        [{ messageType: 'TEXT', content: { text: 'hi' }, replyTo: 'no-such-message' }, '/replyTo'],
      ];
      for (const [body, path] of cases) {
        const res = await as(alice, 'POST', `/v1/chats/${direct}/messages`, body);
        assert.equal(res.status, 400, JSON.stringify(body));
        assert.equal(res.body?.error.code, 'E_VALIDATION');
        assert.equal(res.body?.error.path, path, JSON.stringify(body));
      }
      const afterSeq = (await as(alice, 'GET', `/v1/chats/${direct}`)).body?.chat.lastSeq;
      assert.equal(afterSeq, before);
    });

    it('a non-member gets 403 E_NOT_MEMBER on every chat route', async () => {
      for (const [method, path, body] of [
        ['GET', `/v1/chats/${direct}`],
        ['GET', `/v1/chats/${direct}/messages`],
        ['POST', `/v1/chats/${direct}/messages`, text('intrusion')],
        ['POST', `/v1/chats/${direct}/receipts`, { kind: 'seen', seq: 1 }],
        ['POST', `/v1/chats/${direct}/typing`, { state: 'composing' }],
        ['GET', `/v1/chats/${direct}/members`],
      ] as [string, string, unknown?][]) {
        const res = await as(carol, method, path, body);
        assert.equal(res.status, 403, `${method} ${path}`);
        assert.equal(res.body?.error.code, 'E_NOT_MEMBER');
      }
    });

    it('another tenant sees "not found", never the chat', async () => {
      const tenant = await t.admin<{ adminKey: string }>('POST', '/v1/admin/tenants', { domain: 'other' });
      const user = await fetch(`${t.url}/v1/admin/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.body.adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'member', nickname: 'Mallory', id: alice.id }),
      }).then((r) => r.json() as Promise<{ user: { id: string } }>);
      const token = await fetch(`${t.url}/v1/admin/users/${encodeURIComponent(user.user.id)}/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${tenant.body.adminKey}`, 'content-type': 'application/json' },
        body: '{}',
      }).then((r) => r.json() as Promise<{ token: string }>);
      const read = await as(token.token, 'GET', `/v1/chats/${direct}/messages`);
      assert.equal(read.status, 404);
      assert.equal(read.body?.error.code, 'E_CHAT_NOT_FOUND');
      const adminRead = await fetch(`${t.url}/v1/admin/chats/${direct}`, { headers: { authorization: `Bearer ${tenant.body.adminKey}` } });
      assert.equal(adminRead.status, 404);
    });

    it('unknown chats are 404 and bad query values are 400', async () => {
      const missing = await as(alice, 'GET', '/v1/chats/NOPE/messages');
      assert.equal(missing.status, 404);
      assert.equal(missing.body?.error.code, 'E_CHAT_NOT_FOUND');
      const badLimit = await as(alice, 'GET', `/v1/chats/${direct}/messages?limit=1000`);
      assert.equal(badLimit.status, 400);
      assert.equal(badLimit.body?.error.path, '/query/limit');
      const badPos = await as(alice, 'GET', `/v1/chats/${direct}/messages?position=sideways`);
      assert.equal(badPos.body?.error.path, '/query/position');
    });

    it('direct chats need exactly two members, and members must exist', async () => {
      const three = await as(alice, 'POST', '/v1/chats', { kind: 'direct', members: [{ userId: bob.id }, { userId: carol.id }] });
      assert.equal(three.status, 400);
      const ghost = await as(alice, 'POST', '/v1/chats', { kind: 'group', members: [{ userId: 'ghost' }] });
      assert.equal(ghost.status, 404);
      assert.equal(ghost.body?.error.code, 'E_USER_NOT_FOUND');
    });

    it('members leave and lose access; members who are not managers cannot remove others', async () => {
      const group = await as(alice, 'POST', '/v1/chats', { kind: 'group', members: [{ userId: bob.id }, { userId: carol.id }] });
      const chatId = group.body?.chat.id as string;
      const kick = await as(bob, 'DELETE', `/v1/chats/${chatId}/members/${carol.id}`);
      assert.equal(kick.status, 403);
      const leave = await as(carol, 'DELETE', `/v1/chats/${chatId}/members/${carol.id}`);
      assert.equal(leave.status, 204);
      const read = await as(carol, 'GET', `/v1/chats/${chatId}/messages`);
      assert.equal(read.status, 403);
      const back = await as(alice, 'POST', `/v1/chats/${chatId}/members`, { userId: carol.id });
      assert.equal(back.status, 201);
      assert.equal((await as(carol, 'GET', `/v1/chats/${chatId}/messages`)).status, 200);
    });
  });
});
