// A socket lives no longer than its token: it is closed 4401 when the token expires, unless the client
// hands it a fresh token of the same user in band (op `auth`).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { CLOSE_CODES } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

const text = (chatId: string, s: string) => ({ chatId, id: randomUUID(), messageType: 'TEXT', content: { text: s } });
/** How a socket closed (a call, so an earlier `closed === null` check does not narrow it). */
const closeOf = (c: RawClient) => c.closed;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, Math.max(0, ms)));

describe('WebSocket: the token decides how long a socket lives', () => {
  let t: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  let chatId: string;
  const clients: RawClient[] = [];

  /** A token of `user` living `ttlSeconds` (the admin route's minimum is 10). */
  const token = async (user: TestUser, ttlSeconds: number) => {
    const res = await t.admin<{ token: string; expiresAt: number }>('POST', `/v1/admin/users/${user.id}/tokens`, { ttlSeconds });
    assert.equal(res.status, 201);
    return res.body;
  };
  /** A raw socket, with the moment its close arrived. */
  const connect = async (tok: string) => {
    const c = await RawClient.connect(t.wsUrl, tok);
    clients.push(c);
    const closedAt = { at: 0 };
    c.socket.on('close', () => (closedAt.at = Date.now()));
    return Object.assign(c, { closedAt });
  };

  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    alice = await t.createUser('member', 'Alice');
    bob = await t.createUser('member', 'Bob');
    chatId = (await t.createChat('group', [alice.id, bob.id])).id;
  });
  after(async () => {
    for (const c of clients) c.close();
    await t.close();
  });

  it('closes the socket 4401 once its token has expired, not before; a refused auth changes nothing', async () => {
    const short = await token(alice, 10);
    const a = await connect(short.token);
    assert.equal(a.hello.tokenExpiresAt, short.expiresAt, 'hello tells the deadline');
    assert.equal((await a.request('resume', { cursors: {} })).ok, true);

    // Refused: another user's valid token, a forged one, bad data. Each an error ack; the socket stays.
    const other = await a.request('auth', { token: (await token(bob, 600)).token });
    assert.equal(other.ok, false);
    assert.equal(other.error?.code, 'E_TOKEN_INVALID');
    const forged = await a.request('auth', { token: `${short.token.slice(0, -4)}AAAA` });
    assert.equal(forged.error?.code, 'E_TOKEN_INVALID');
    assert.equal((await a.request('auth', { token: '' })).error?.code, 'E_VALIDATION');
    assert.equal((await a.request('auth', {})).error?.code, 'E_VALIDATION');
    assert.equal(a.closed, null);

    // Still served shortly before the deadline…
    await sleep(short.expiresAt - Date.now() - 1500);
    assert.equal((await a.request('history', { chatId })).ok, true);
    assert.equal(a.closed, null);
    // …and closed after it, with the deadline of the first token (the refused ones moved nothing).
    await a.waitFor(() => a.closed !== null, 'the close at expiry', short.expiresAt - Date.now() + 5_000);
    assert.equal(closeOf(a)?.code, CLOSE_CODES.TOKEN_EXPIRED);
    assert.equal(closeOf(a)?.reason, 'token expired');
    assert.ok(a.closedAt.at >= short.expiresAt, `closed ${short.expiresAt - a.closedAt.at} ms before the token expired`);
  });

  it('auth with a fresh token moves the deadline: the socket outlives its first token and still hears messages', async () => {
    const first = await token(alice, 10);
    const a = await connect(first.token);
    assert.equal((await a.request('resume', { cursors: {} })).ok, true);
    const second = await token(alice, 20);
    const ack = await a.request('auth', { token: second.token });
    assert.equal(ack.ok, true, JSON.stringify(ack));
    assert.deepEqual(ack.data, { expiresAt: second.expiresAt });

    // Past the first token's deadline (and its sweep): open, and live.
    await sleep(first.expiresAt - Date.now() + 2_000);
    assert.equal(a.closed, null, 'the socket outlived its first token');
    const b = await connect((await token(bob, 600)).token);
    const sent = await b.request('send', text(chatId, 'after the first expiry'));
    assert.equal(sent.ok, true);
    await a.waitFor(() => a.eventsOf('message').some((m) => m.id === (sent.data as { id: string }).id), 'the message');
    // The expired first token is refused in band too, and changes nothing.
    const stale = await a.request('auth', { token: first.token });
    assert.equal(stale.error?.code, 'E_TOKEN_EXPIRED');
    assert.equal(a.closed, null);

    // The second token's deadline holds in its turn.
    await a.waitFor(() => a.closed !== null, 'the close at the second expiry', second.expiresAt - Date.now() + 5_000);
    assert.equal(closeOf(a)?.code, CLOSE_CODES.TOKEN_EXPIRED);
    assert.ok(a.closedAt.at >= second.expiresAt, `closed ${second.expiresAt - a.closedAt.at} ms before the second token expired`);
  });

  it('a revoked user is still cut at once (4401), whatever the token deadline', async () => {
    const carol = await t.createUser('member', 'Carol');
    const c = await connect((await token(carol, 600)).token);
    await t.admin('POST', `/v1/admin/users/${carol.id}/revoke`);
    await c.waitFor(() => c.closed !== null, 'the close on revoke');
    assert.equal(closeOf(c)?.code, CLOSE_CODES.TOKEN_EXPIRED);
    assert.equal(closeOf(c)?.reason, 'token revoked');
  });
});
