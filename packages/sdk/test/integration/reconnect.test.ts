import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { ParleyError } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../../../server/test/helpers/server.js';
import { loadConfig } from '../../../server/src/config/index.js';
import { ParleyClientError } from '../../src/index.js';
import { ChaosProxy } from '../helpers/chaos-proxy.js';
import { range, recordedClient, seqsOf, sleep, text, waitUntil, type Recorded } from '../helpers/sdk.js';

const RESUME_MAX = 20;

describe('ParleyClient reconnects and resumes', () => {
  let server: TestServer;
  let proxy: ChaosProxy;
  let alice: TestUser;
  let bob: TestUser;
  const open: Recorded[] = [];

  const client = (user: TestUser, extra = {}) => {
    const rec = recordedClient(proxy.url, user.token, extra);
    open.push(rec);
    return rec;
  };
  const chat = async (...users: TestUser[]) => (await server.createChat('group', users.map((u) => u.id))).id;

  before(async () => {
    const defaults = loadConfig({});
    server = await startTestServer({ config: { limits: { ...defaults.limits, resumeMaxMessages: RESUME_MAX } } });
    proxy = await ChaosProxy.start(server.url);
    [alice, bob] = await Promise.all([server.createUser('member', 'Alice'), server.createUser('member', 'Bob')]);
  });

  after(async () => {
    for (const rec of open) rec.client.disconnect();
    await proxy.close();
    await server.close();
  });

  test('a dropped connection reconnects and replays what was missed, in order, once', async () => {
    const group = await chat(alice, bob);
    const a = recordedClient(server.url, alice.token); // alice talks to the server directly
    open.push(a);
    const b = client(bob);
    await Promise.all([a.client.connect(), b.client.connect()]);
    const first = await a.client.send(text(group, 'before'));
    await waitUntil(() => b.of(group).length === 1, 'first message');
    proxy.refusing = true;
    proxy.killAll();
    await waitUntil(() => b.client.state === 'connecting', 'bob notices');
    const missed = [];
    for (let i = 0; i < 5; i++) missed.push(await a.client.send(text(group, `missed ${i}`)));
    proxy.refusing = false;
    await waitUntil(() => b.client.state === 'connected', 'bob reconnects');
    await waitUntil(() => b.of(group).length === 6, 'bob catches up');
    assert.deepEqual(b.of(group).map((m) => m.id), [first, ...missed].map((m) => m.id));
    const drop = b.states.find((s) => s.previous === 'connected' && s.state === 'connecting');
    assert.equal(drop?.code, 1006);
    assert.match(b.states.at(-1)?.reason ?? '', /resumed, 5 replayed/);
    assert.deepEqual(b.unrecoverable, []);
  });

  test('sends in flight when the connection drops are re-sent with their ids and stored once', async () => {
    const group = await chat(alice, bob);
    const a = client(alice);
    const b = recordedClient(server.url, bob.token);
    open.push(b);
    await Promise.all([a.client.connect(), b.client.connect()]);
    const sends = range(1, 30).map((i) => a.client.send(text(group, `burst ${i}`)));
    const historyDuringKill = a.client.history({ chatId: group }).then(
      () => 'answered',
      (e: unknown) => (e instanceof ParleyClientError ? e.code : String(e)),
    );
    proxy.killAll();
    const acked = await Promise.all(sends);
    assert.deepEqual(acked.map((m) => m.seq).sort((x, y) => x - y), range(1, 30));
    // A request other than a send is not retried: it fails with a clear code.
    assert.equal(await historyDuringKill, 'E_DISCONNECTED');
    await waitUntil(() => b.of(group).length === 30 && a.of(group).length === 30, 'everyone has 30');
    await sleep(100);
    assert.deepEqual(seqsOf(b.of(group)), range(1, 30));
    assert.deepEqual(seqsOf(a.of(group)), range(1, 30));
    const page = await b.client.history({ chatId: group, position: 'up', limit: 100 });
    assert.equal(page.messages.length, 30);
  });

  test('a chat too far behind is unrecoverable: the newest page is fetched and the app is told', async () => {
    const group = await chat(alice, bob);
    const a = recordedClient(server.url, alice.token);
    open.push(a);
    const b = client(bob);
    await Promise.all([a.client.connect(), b.client.connect()]);
    await a.client.send(text(group, 'seen live'));
    await waitUntil(() => b.of(group).length === 1, 'first');
    b.client.disconnect();
    const total = 150;
    for (let i = 2; i <= total; i++) await a.client.send(text(group, `m${i}`));
    await b.client.connect();
    await waitUntil(() => b.unrecoverable.includes(group), 'unrecoverable event');
    // The newest page (100) follows the message seen live; the 49 between are left to the app.
    assert.deepEqual(seqsOf(b.of(group)), [1, ...range(total - 99, total)]);
    assert.equal(b.client.cursors()[group], total);
    const live = await a.client.send(text(group, 'after'));
    await waitUntil(() => b.of(group).at(-1)?.id === live.id, 'live after unrecoverable');
  });

  test('cursors persisted under another epoch are unrecoverable and replaced', async () => {
    const group = await chat(alice, bob);
    const a = recordedClient(server.url, alice.token);
    open.push(a);
    await a.client.connect();
    for (let i = 1; i <= 3; i++) await a.client.send(text(group, `m${i}`));
    const b = client(bob, { cursors: { [group]: 2 }, epoch: 'some-other-server' });
    await b.client.connect();
    await waitUntil(() => b.unrecoverable.includes(group), 'unrecoverable');
    assert.deepEqual(seqsOf(b.of(group)), [1, 2, 3], 'a new epoch forgets the old seqs');
    assert.equal(b.client.epoch, a.client.epoch);
    // With the right epoch, a persisted cursor resumes exactly.
    const c = client(bob, { cursors: { [group]: 1 }, epoch: a.client.epoch });
    await c.client.connect();
    await waitUntil(() => c.of(group).length === 2, 'replay from cursor');
    assert.deepEqual(seqsOf(c.of(group)), [2, 3]);
    assert.deepEqual(c.unrecoverable, []);
  });

  test('a silent connection is declared dead after two heartbeats and replaced (4009)', async () => {
    const b = client(bob, { heartbeatMs: 150 });
    await b.client.connect();
    const before = proxy.accepted;
    proxy.freezeAll();
    await waitUntil(() => b.states.some((s) => s.code === 4009), 'heartbeat timeout', 3_000);
    await waitUntil(() => b.client.state === 'connected' && proxy.accepted > before, 'reconnected');
  });

  test('a request with no ack times out with E_TIMEOUT', async () => {
    const b = client(bob, { requestTimeoutMs: 200, heartbeatMs: 60_000 });
    await b.client.connect();
    proxy.freezeAll();
    await assert.rejects(b.client.chats(), (e: unknown) => e instanceof ParleyClientError && e.code === 'E_TIMEOUT');
    proxy.killAll();
  });

  test('a revoked token (4401) is replaced through the token function', async () => {
    const carol = await server.createUser('member', 'Carol');
    let issued = 0;
    const token = async () => {
      issued++;
      const res = await server.admin<{ token: string }>('POST', `/v1/admin/users/${carol.id}/tokens`, {});
      return res.body.token;
    };
    const c = client(carol, { token });
    await c.client.connect();
    assert.equal(issued, 1);
    await server.admin('POST', `/v1/admin/users/${carol.id}/revoke`);
    await waitUntil(() => c.states.some((s) => s.code === 4401), '4401');
    await waitUntil(() => c.client.state === 'connected', 'reconnected with a new token');
    assert.ok(issued >= 2);
    const group = await chat(carol, alice);
    assert.ok((await c.client.send(text(group, 'back'))).seq === 1);
  });

  test('a fixed token that is revoked stops the client and fails its pending sends', async () => {
    const dave = await server.createUser('member', 'Dave');
    const group = await chat(dave, alice);
    const d = client(dave);
    await d.client.connect();
    proxy.refusing = true;
    proxy.killAll();
    await waitUntil(() => d.client.state === 'connecting', 'dropped');
    const pending = d.client.send(text(group, 'never'));
    await server.admin('POST', `/v1/admin/users/${dave.id}/revoke`);
    proxy.refusing = false;
    await assert.rejects(pending, (e: unknown) => e instanceof ParleyClientError && e.code === 'E_STOPPED');
    assert.equal(d.client.state, 'disconnected');
    assert.equal(d.states.at(-1)?.code, 4401);
  });

  test('server errors keep their code through the proxy too', async () => {
    const b = client(bob);
    await b.client.connect();
    await assert.rejects(b.client.send(text('CHAT_nowhere', 'x')), (e: unknown) => e instanceof ParleyError && e.code === 'E_CHAT_NOT_FOUND');
    assert.equal(b.client.state, 'connected');
  });
});
