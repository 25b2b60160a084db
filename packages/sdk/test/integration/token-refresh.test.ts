// The client keeps its connection across token lifetimes: `getToken` is called before each token
// expires and the new token goes to the open socket in band (`auth`); when that cannot work, the
// server's 4401 leads to a reconnect with a new token and a resume. A fixed token stops at its expiry.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../../server/test/helpers/server.js';
import { ParleyClientError } from '../../src/index.js';
import { range, recordedClient, seqsOf, sleep, text, waitUntil, type Recorded } from '../helpers/sdk.js';

describe('ParleyClient renews its token', () => {
  let server: TestServer;
  let alice: TestUser;
  let bob: TestUser;
  const open: Recorded[] = [];

  /** A fresh token of `user` living `ttlSeconds` (10 is the admin route's minimum). */
  const issue = async (user: TestUser, ttlSeconds: number) => {
    const res = await server.admin<{ token: string; expiresAt: number }>('POST', `/v1/admin/users/${user.id}/tokens`, { ttlSeconds });
    assert.equal(res.status, 201);
    return res.body;
  };
  const track = (rec: Recorded) => {
    open.push(rec);
    return rec;
  };
  /** Bob sends `count` messages, one every `everyMs`, each awaited (its ack is its commit). */
  const sendSlowly = async (sender: Recorded, chatId: string, count: number, everyMs: number) => {
    for (let i = 1; i <= count; i++) {
      await sender.client.send(text(chatId, `m${i}`));
      await sleep(everyMs);
    }
  };

  before(async () => {
    server = await startTestServer();
    [alice, bob] = await Promise.all([server.createUser('member', 'Alice'), server.createUser('member', 'Bob')]);
  });
  after(async () => {
    for (const rec of open) rec.client.disconnect();
    await server.close();
  });

  test('with getToken the connection stays up across two token lifetimes and misses nothing', async () => {
    const chatId = (await server.createChat('group', [alice.id, bob.id])).id;
    const issued: number[] = [];
    const getToken = async () => {
      const t = await issue(alice, 10);
      issued.push(t.expiresAt);
      return t.token;
    };
    const a = track(recordedClient(server.url, undefined, { getToken }));
    const b = track(recordedClient(server.url, (await issue(bob, 600)).token));
    await Promise.all([a.client.connect(), b.client.connect()]);
    const firstDeadline = issued[0]!;

    // Messages keep coming until the second token has expired too.
    const count = 40;
    const sending = sendSlowly(b, chatId, count, 550);
    await waitUntil(() => issued.length >= 3 && Date.now() > issued[1]! + 1_500, 'two token lifetimes', 40_000);
    await sending;
    await waitUntil(() => a.of(chatId).length >= count, `${count} messages`, 10_000);

    assert.deepEqual(seqsOf(a.of(chatId)), range(1, count), 'every message once, in order');
    assert.deepEqual(a.of(chatId).map((m) => ('text' in m.content ? m.content.text : '')), range(1, count).map((i) => `m${i}`));
    assert.ok(Date.now() > firstDeadline + 10_000, 'ran past the first two deadlines');
    assert.deepEqual(a.states.map((s) => s.state), ['connecting', 'connected'], 'never reconnected: the token was renewed in band');
    assert.equal(a.client.state, 'connected');
    assert.deepEqual(a.errors, []);
    // Still authorised by the newest token: a request after the old ones expired is served.
    assert.ok((await a.client.chats()).some((c) => c.id === chatId));
  });

  test('a token function that cannot renew in band is called again after the 4401, and the client resumes', async () => {
    const chatId = (await server.createChat('group', [alice.id, bob.id])).id;
    const first = await issue(alice, 10);
    let calls = 0;
    // Hands out the same token until it has expired (a cache held too long), a fresh one after.
    const getToken = async () => {
      calls++;
      return Date.now() < first.expiresAt ? first.token : (await issue(alice, 600)).token;
    };
    const a = track(recordedClient(server.url, undefined, { getToken }));
    const b = track(recordedClient(server.url, (await issue(bob, 600)).token));
    await Promise.all([a.client.connect(), b.client.connect()]);

    const count = 30;
    const sending = sendSlowly(b, chatId, count, 500);
    await waitUntil(() => a.states.some((s) => s.code === CLOSE_CODES.TOKEN_EXPIRED), 'the 4401 at expiry', 20_000);
    await sending;
    await waitUntil(() => a.client.state === 'connected' && a.of(chatId).length >= count, 'reconnected with every message', 10_000);

    assert.deepEqual(seqsOf(a.of(chatId)), range(1, count), 'every message once, in order, across the reconnect');
    const stale = a.errors.filter((e) => e.during === 'auth');
    assert.ok(stale.length >= 1, 'the failed renewal was reported');
    assert.ok(stale.every((e) => e.error instanceof ParleyClientError && e.error.code === 'E_TOKEN_STALE'), JSON.stringify(stale.map((e) => e.error.message)));
    assert.ok(calls >= 3, `getToken called ${calls} times`);
  });

  test('a fixed token string is not renewed: at expiry the client stops with 4401 and says so', async () => {
    const chatId = (await server.createChat('group', [alice.id, bob.id])).id;
    const a = track(recordedClient(server.url, (await issue(alice, 10)).token));
    await a.client.connect();
    await waitUntil(() => a.client.state === 'disconnected', 'the stop at expiry', 20_000);
    assert.equal(a.states.at(-1)?.code, CLOSE_CODES.TOKEN_EXPIRED);
    assert.ok(a.errors.some((e) => e.during === 'auth' && e.error instanceof ParleyClientError && e.error.code === 'E_STOPPED'));
    await assert.rejects(a.client.history({ chatId }), (e: unknown) => e instanceof ParleyClientError && e.code === 'E_DISCONNECTED');
  });
});

describe('ParleyClient with getToken over POST /v1/auth/refresh (the README’s Node example)', () => {
  const OWNER = { email: 'owner@renewal.example', password: 'Tall ships sail at dawn 42' };
  const TTL_SECONDS = 10;
  let server: TestServer;
  const open: Recorded[] = [];

  before(async () => {
    server = await startTestServer({ config: { owner: OWNER, tokenTtlSeconds: TTL_SECONDS } });
  });
  after(async () => {
    for (const rec of open) rec.client.disconnect();
    await server.close();
  });

  test('signed in with session: token, it renews with the rotating refresh token and stays connected', async () => {
    const post = async (path: string, body: unknown) => {
      const res = await fetch(server.url + path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { accessToken: string; refreshToken: string; expiresAt: number; user: { id: string } };
    };
    const login = await post('/v1/auth/login', { email: OWNER.email, password: OWNER.password, session: 'token' });
    let { refreshToken } = login;
    const deadlines: number[] = [];
    const getToken = async () => {
      const answer = await post('/v1/auth/refresh', { refreshToken });
      refreshToken = answer.refreshToken;
      deadlines.push(answer.expiresAt);
      return answer.accessToken;
    };
    const owner = recordedClient(server.url, undefined, { getToken });
    open.push(owner);

    const bobId = (await server.createUser('member', 'Bob')).id;
    const bobToken = (await server.admin<{ token: string }>('POST', `/v1/admin/users/${bobId}/tokens`, { ttlSeconds: 600 })).body.token;
    const bob = recordedClient(server.url, bobToken);
    open.push(bob);
    const chatId = (await server.createChat('group', [login.user.id, bobId])).id;
    await Promise.all([owner.client.connect(), bob.client.connect()]);

    let sent = 0;
    while (deadlines.length < 3 || Date.now() < deadlines[1]! + 1_500) {
      await bob.client.send(text(chatId, `b${++sent}`));
      await sleep(500);
      if (sent > 80) assert.fail(`no third renewal after ${sent} messages: ${deadlines.length} tokens`);
    }
    await waitUntil(() => owner.of(chatId).length >= sent, `${sent} messages`, 10_000);
    assert.deepEqual(seqsOf(owner.of(chatId)), range(1, sent));
    assert.deepEqual(owner.states.map((s) => s.state), ['connecting', 'connected'], 'one connection throughout');
    assert.deepEqual(owner.errors, []);
  });
});
