// The messenger's server features on both surfaces: REST routes and WebSocket ops answer alike, check
// access (a chat one is not in: 403/404, nothing changes) and the tenant's plan (403
// E_FEATURE_UNAVAILABLE), and emit what the other members must see.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import sharp from 'sharp';
import { call, sendMedia, startTestServer, type TestServer, type TestUser } from '../media/media-client.js';
import { RawClient } from '../helpers/ws-client.js';

describe('messenger features over REST and WebSocket', () => {
  let t: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  let direct: string;
  const sockets: RawClient[] = [];
  const ws = async (u: TestUser) => {
    const c = await RawClient.connect(t.wsUrl, u.token);
    sockets.push(c);
    // Events flow once the connection resumed (docs/protocol.md).
    await c.request('resume', { cursors: {} });
    return c;
  };
  const text = async (who: TestUser, chatId: string, s: string) => (await call(t, who, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'TEXT', content: { text: s } })).body.message;

  before(async () => {
    t = await startTestServer();
    [alice, bob, carol] = await Promise.all([t.createUser('member', 'Alice'), t.createUser('member', 'Bob'), t.createUser('member', 'Carol')]);
    direct = (await t.createChat('direct', [alice.id, bob.id])).id;
  });
  after(async () => {
    for (const s of sockets) s.socket.close();
    await t.close();
  });

  it('lists the plan features on both surfaces', async () => {
    const rest = await call(t, alice, 'GET', '/v1/features');
    assert.equal(rest.status, 200);
    assert.equal(rest.body.available.favouriteMessage, true);
    const a = await ws(alice);
    const ack = await a.request('features', {});
    assert.deepEqual(ack.data, rest.body);
  });

  it('favourites over REST and WS; a message of another chat is not found; bad input is E_VALIDATION with a path', async () => {
    const m = await text(bob, direct, 'star me');
    assert.equal((await call(t, alice, 'PUT', `/v1/chats/${direct}/favourites/${m.id}`)).status, 200);
    const list = await call(t, alice, 'GET', '/v1/favourites');
    assert.deepEqual(list.body.favourites.map((f: { messageId: string }) => f.messageId), [m.id]);
    const a = await ws(alice);
    assert.deepEqual((await a.request('favourites.list', {})).data, list.body);
    const bad = await a.request('favourites.set', { chatId: direct, messageId: m.id, favourite: 'yes' });
    assert.equal(bad.error?.code, 'E_VALIDATION');
    assert.equal(bad.error?.path, '/favourite');
    const other = (await t.createChat('direct', [bob.id, carol.id])).id;
    const hidden = await text(bob, other, 'not yours');
    const wrong = await call(t, alice, 'PUT', `/v1/chats/${direct}/favourites/${hidden.id}`);
    assert.equal(wrong.status, 404);
    assert.equal(wrong.body.error.code, 'E_MESSAGE_NOT_FOUND');
    const notMember = await call(t, alice, 'PUT', `/v1/chats/${other}/favourites/${hidden.id}`);
    assert.equal(notMember.status, 403);
    assert.equal(notMember.body.error.code, 'E_NOT_MEMBER');
    assert.equal((await call(t, alice, 'DELETE', '/v1/favourites')).body.removed, 1);
  });

  it('a chat one is not in: clear, delete, mute, archive, delete messages are refused and change nothing', async () => {
    const other = (await t.createChat('direct', [bob.id, carol.id])).id;
    const m = await text(bob, other, 'theirs');
    for (const [method, path, body] of [
      ['POST', `/v1/chats/${other}/clear`, {}],
      ['POST', `/v1/chats/${other}/delete`, {}],
      ['PUT', `/v1/chats/${other}/mute`, { muted: true }],
      ['PUT', `/v1/chats/${other}/archive`, { archived: true }],
      ['POST', `/v1/chats/${other}/messages/delete-for-me`, { messageIds: [m.id] }],
      ['POST', `/v1/chats/${other}/messages/delete-for-everyone`, { messageIds: [m.id] }],
    ] as const) {
      const res = await call(t, alice, method, path, body);
      assert.equal(res.status, 403, path);
      assert.equal(res.body.error.code, 'E_NOT_MEMBER');
    }
    assert.equal((await t.store.getMessage(t.tenantId, m.id))?.deletedAt, null);
    const members = await t.store.listMembers(other);
    assert.ok(members.every((x) => x.clearedSeq === 0 && !x.muted && !x.archived && !x.hidden));
  });

  it('delete for everyone: the others get message.updated with the deleted marker; the media is gone from every route', async () => {
    const b = await ws(bob);
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: { r: 9, g: 9, b: 9 } } }).png().toBuffer();
    const m = await sendMedia(t, alice, direct, 'IMAGE', png, 'pic.png', { caption: 'soon gone' });
    const token = await call(t, bob, 'POST', `/v1/chats/${direct}/messages/${m.id}/media/token`, {});
    assert.equal(token.status, 201);
    const res = await call(t, alice, 'POST', `/v1/chats/${direct}/messages/delete-for-everyone`, { messageIds: [m.id] });
    assert.equal(res.status, 200);
    await b.waitFor(() => b.eventsOf('message.updated').some((e) => e.id === m.id && e.deleted === true), 'message.updated');
    const updated = b.eventsOf('message.updated').find((e) => e.id === m.id) as { content: Record<string, unknown> };
    assert.deepEqual(Object.keys(updated.content).sort(), ['deleted', 'user']);
    const download = await call(t, bob, 'GET', `/v1/media/download?fileToken=${encodeURIComponent(token.body.fileToken)}`);
    assert.equal(download.status, 404);
    assert.equal((await call(t, bob, 'GET', `/v1/chats/${direct}/messages/${m.id}/media`)).status, 404);
    assert.equal((await call(t, bob, 'POST', `/v1/chats/${direct}/messages/${m.id}/media/token`, {})).status, 404);
  });

  it('forward is idempotent by forwardId and never forwards what the caller cannot see', async () => {
    const m = await text(bob, direct, 'pass it on');
    const forwardId = randomUUID();
    const body = { messageIds: [m.id], toUserIds: [carol.id], forwardId };
    const first = await call(t, alice, 'POST', '/v1/forward', body);
    assert.equal(first.status, 201);
    const again = await call(t, alice, 'POST', '/v1/forward', body);
    assert.deepEqual(again.body.messages.map((x: { id: string; seq: number }) => [x.id, x.seq]), first.body.messages.map((x: { id: string; seq: number }) => [x.id, x.seq]));
    assert.deepEqual(first.body.messages[0].forwardedFrom, { chatId: direct, messageId: m.id });
    const carolSees = await call(t, carol, 'POST', '/v1/forward', { messageIds: [m.id], toUserIds: [alice.id] });
    assert.equal(carolSees.status, 404);
    assert.equal(carolSees.body.error.path, '/messageIds/0');
    const none = await call(t, alice, 'POST', '/v1/forward', { messageIds: [m.id] });
    assert.equal(none.body.error.code, 'E_VALIDATION');
  });

  it('groups: create, mentions must be members, admins; others get chat.updated and member.updated', async () => {
    const b = await ws(bob);
    const created = await call(t, alice, 'POST', '/v1/groups', { title: 'G', memberIds: [bob.id] });
    assert.equal(created.status, 201);
    const id = created.body.group.id as string;
    const mention = await call(t, alice, 'POST', `/v1/chats/${id}/messages`, { messageType: 'TEXT', content: { text: 'hi' }, mentions: [carol.id] });
    assert.equal(mention.status, 400);
    assert.equal(mention.body.error.path, '/mentions/0');
    assert.equal((await call(t, alice, 'PATCH', `/v1/groups/${id}`, { title: 'G2', image: 'https://example.com/g.png' })).status, 200);
    await b.waitFor(() => b.eventsOf('chat.updated').some((e) => e.title === 'G2' && e.image === 'https://example.com/g.png'), 'chat.updated');
    assert.equal((await call(t, alice, 'PUT', `/v1/groups/${id}/admins/${bob.id}`)).status, 200);
    await b.waitFor(() => b.eventsOf('member.updated').some((e) => (e.member as { role: string }).role === 'admin'), 'member.updated');
    const carolTries = await call(t, carol, 'GET', `/v1/groups/${id}`);
    assert.equal(carolTries.status, 403);
    assert.equal((await call(t, bob, 'DELETE', `/v1/groups/${id}`)).status, 204);
    await b.waitFor(() => b.eventsOf('member.left').some((e) => e.chatId === id && e.userId === bob.id), 'member.left');
  });

  it('a tenant whose plan lacks a feature gets 403 E_FEATURE_UNAVAILABLE over REST and WebSocket', async () => {
    const created = await t.admin<{ tenant: { id: string }; adminKey: string }>('POST', '/v1/admin/tenants', { domain: 'basic' });
    const tenant = await t.store.getTenant(created.body.tenant.id);
    assert.ok(tenant);
    await t.store.updateTenant(tenant.id, { plan: { ...tenant.plan, name: 'basic', features: [] } });
    const asAdmin = async (path: string, body: unknown) => call(t, created.body.adminKey, 'POST', path, body);
    const u = (await asAdmin('/v1/admin/users', { kind: 'member', nickname: 'U' })).body.user.id as string;
    const v = (await asAdmin('/v1/admin/users', { kind: 'member', nickname: 'V' })).body.user.id as string;
    const token = (await asAdmin(`/v1/admin/users/${u}/tokens`, {})).body.token as string;
    const chat = (await call(t, token, 'POST', '/v1/chats', { kind: 'direct', members: [{ userId: v }] })).body.chat.id as string;
    const m = (await call(t, token, 'POST', `/v1/chats/${chat}/messages`, { messageType: 'TEXT', content: { text: 'x' } })).body.message;
    const rest: [string, string, unknown?][] = [
      ['GET', '/v1/favourites'],
      ['PUT', `/v1/chats/${chat}/favourites/${m.id}`],
      ['POST', `/v1/chats/${chat}/clear`, {}],
      ['POST', `/v1/chats/${chat}/delete`, {}],
      ['POST', '/v1/chats/clear-all', {}],
      ['POST', '/v1/chats/delete-all', {}],
      ['POST', `/v1/chats/${chat}/messages/delete-for-me`, { messageIds: [m.id] }],
      ['POST', `/v1/chats/${chat}/messages/delete-for-everyone`, { messageIds: [m.id] }],
      ['POST', '/v1/groups', { title: 'no', memberIds: [v] }],
      ['POST', '/v1/chats', { kind: 'group', members: [{ userId: v }] }],
      ['GET', `/v1/chats/${chat}/media`],
    ];
    for (const [method, path, body] of rest) {
      const res = await call(t, token, method, path, body);
      assert.equal(res.status, 403, `${method} ${path}`);
      assert.equal(res.body.error.code, 'E_FEATURE_UNAVAILABLE', `${method} ${path}`);
    }
    const sock = await ws({ id: u, token });
    for (const [op, data] of [
      ['favourites.list', {}],
      ['favourites.set', { chatId: chat, messageId: m.id, favourite: true }],
      ['chat.clear', { chatId: chat }],
      ['chat.delete', { chatId: chat }],
      ['messages.deleteForMe', { chatId: chat, messageIds: [m.id] }],
      ['group.create', { title: 'no', memberIds: [] }],
    ] as const) {
      const ack = await sock.request(op, data);
      assert.equal(ack.ok, false, op);
      assert.equal(ack.error?.code, 'E_FEATURE_UNAVAILABLE', op);
    }
    assert.equal((await t.store.getMember(chat, u))?.clearedSeq, 0, 'nothing changed');
    assert.equal((await sock.request('features', {})).data !== undefined, true);
  });
});
