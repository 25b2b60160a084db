import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Message } from '@parley/protocol';
import { buildServer, type ParleyServer } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { clusterSkipReason, TEST_REDIS_URL } from '../helpers/cluster.js';
import { member, seqsIn, waitFor, type Member } from '../helpers/cluster-clients.js';
import { testStores, type TestStore } from '../helpers/stores.js';
import { TcpProxy } from '../helpers/tcp-proxy.js';
import { opCounter } from '../helpers/op-counter.js';
import { RawClient } from '../helpers/ws-client.js';

/*
 * The catch-up after a bus outage reads the log through the same finder as history and resume.
 * Two nodes in this process share one PostgreSQL schema and one Redis prefix; node 0 reaches Redis
 * through a proxy that is cut, so it hears nothing of what node 1 commits meanwhile. When the link
 * is back, node 0 catches its live connections up from the store: what their users hid while the
 * link was down must not be replayed, and must not leave the SDK refetching a gap.
 */
const skip = await clusterSkipReason();
const ADMIN_KEY = 'pk_catch_up_test_admin_key_000000';

interface Rule {
  name: string;
  chatId: string;
  /** Seqs the member's connection on node 0 must get after its mark, in order, and the deleted ones. */
  visible: number[];
  deleted: number[];
  /** A live message sent after the outage (none in an ended chat). */
  live?: Message;
}

describe('catch-up after a bus outage does not replay what a member hid', { skip: skip ?? false }, () => {
  let backend: TestStore;
  let proxy: TcpProxy;
  let dataDir: string;
  const nodes: ParleyServer[] = [];
  const urls: string[] = [];
  const sockets: RawClient[] = [];
  const sdks: Member[] = [];
  const history = opCounter('history');
  const rules: Rule[] = [];
  let bob: { id: string; token: string };
  let bobSocket: RawClient;
  let bobSdk: Member;
  let visitorSocket: RawClient;

  const http = async <T = Record<string, unknown>>(node: number, token: string, method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${urls[node]}${path}`, {
      method,
      headers: { ...(token === '' ? {} : { authorization: `Bearer ${token}` }), ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    assert.ok(res.ok, `${method} ${path}: ${res.status} ${text}`);
    return (text ? JSON.parse(text) : null) as T;
  };
  const user = async (kind: 'member' | 'agent', nickname: string) => {
    const { user: u } = await http<{ user: { id: string } }>(0, ADMIN_KEY, 'POST', '/v1/admin/users', { kind, nickname });
    const { token } = await http<{ token: string }>(0, ADMIN_KEY, 'POST', `/v1/admin/users/${encodeURIComponent(u.id)}/tokens`, {});
    return { id: u.id, token };
  };
  const say = async (node: number, who: { token: string }, chatId: string, text: string, messageType = 'TEXT'): Promise<Message> =>
    (await http<{ message: Message }>(node, who.token, 'POST', `/v1/chats/${chatId}/messages`, { messageType, content: messageType === 'TEXT' ? { text } : {} })).message;
  const lastSeq = async (chatId: string): Promise<number> => (await nodes[0]?.internals.store.getChat(chatId))?.lastSeq ?? 0;
  const until = async (probe: () => Promise<boolean>, what: string): Promise<void> => {
    const deadline = Date.now() + 10_000;
    while (!(await probe())) {
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  };
  const after0 = (c: RawClient, chatId: string, from: number): { seq: number; deleted: boolean }[] =>
    c
      .eventsOf('message')
      .filter((m) => m.chatId === chatId && (m.seq as number) > from)
      .map((m) => ({ seq: m.seq as number, deleted: m.deleted as boolean }));

  before(async () => {
    const pg = (await testStores()).find((s) => s.name === 'postgres');
    if (!pg) throw new Error('no PostgreSQL test store');
    backend = pg;
    dataDir = await mkdtemp(join(tmpdir(), 'parley-catch-up-'));
    proxy = await TcpProxy.start([TEST_REDIS_URL]);
    const prefix = `parley-test-${randomBytes(5).toString('hex')}:`;
    for (const [i, redisUrl] of [`redis://127.0.0.1:${proxy.port}`, TEST_REDIS_URL].entries()) {
      const config = loadConfig({
        PORT: '0',
        HOST: '127.0.0.1',
        PARLEY_DATA_DIR: join(dataDir, `node-${i}`),
        PARLEY_ADMIN_KEY: ADMIN_KEY,
        PARLEY_TOKEN_SECRET: 'catch-up-test-token-secret-0123456789abcdef',
        PARLEY_REDIS_URL: redisUrl,
        PARLEY_REDIS_PREFIX: prefix,
        PARLEY_LOG_LEVEL: 'error',
      });
      // The first node migrates and bootstraps the tenant; the second finds it.
      const node = await buildServer(config, { store: await backend.open() });
      nodes.push(node);
      urls.push(await node.listen());
    }
  });

  after(async () => {
    for (const m of sdks) m.client.disconnect();
    for (const s of sockets) s.close();
    for (const node of nodes) await node.close();
    await proxy?.close();
    await backend?.cleanup();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  });

  it('replays, once the bus is back, only what each member may see', async () => {
    const alice = await user('member', 'Alice');
    bob = await user('member', 'Bob');
    const groups: Record<'cleared' | 'forMe' | 'forEveryone', string> = { cleared: '', forMe: '', forEveryone: '' };
    for (const key of Object.keys(groups) as (keyof typeof groups)[]) {
      groups[key] = (await http<{ chat: { id: string } }>(0, ADMIN_KEY, 'POST', '/v1/admin/chats', { kind: 'group', members: [{ userId: alice.id }, { userId: bob.id }] })).chat.id;
      await say(0, alice, groups[key], 'before the outage');
    }
    // A visitor on node 0 in a live chat that will end during the outage.
    const session = await http<{ token: string; visitor: { id: string } }>(0, '', 'POST', '/v1/livechat/sessions', { domain: 'DEFAULT', nickname: 'Vera' });
    const visitor = { id: session.visitor.id, token: session.token };
    const livechat = (await http<{ chat: { chat: { id: string } } }>(0, visitor.token, 'POST', '/v1/livechat/chats', {})).chat.chat.id;

    bobSocket = await RawClient.connect(`${urls[0]?.replace(/^http/, 'ws')}/v1/ws`, bob.token);
    visitorSocket = await RawClient.connect(`${urls[0]?.replace(/^http/, 'ws')}/v1/ws`, visitor.token);
    sockets.push(bobSocket, visitorSocket);
    await bobSocket.request('resume', { cursors: {} });
    await visitorSocket.request('resume', { cursors: {} });
    // Bob's second device: the SDK, filling gaps from history as it does by default.
    bobSdk = member(urls[0] as string, bob, { WebSocket: history.WebSocket });
    sdks.push(bobSdk);
    await bobSdk.client.connect();
    const marks = new Map<string, number>();
    for (const chatId of [...Object.values(groups), livechat]) marks.set(chatId, await lastSeq(chatId));

    proxy.cut();
    await waitFor(() => nodes[0]?.internals.bus.connected === false, 'node 0 cut off from Redis', 10_000);
    // Everything below happens on node 1: node 0 hears none of it until the link is back.
    const sent: Record<keyof typeof groups, Message[]> = { cleared: [], forMe: [], forEveryone: [] };
    for (const key of Object.keys(groups) as (keyof typeof groups)[]) {
      for (let i = 1; i <= 4; i++) sent[key].push(await say(1, alice, groups[key], `during ${i}`));
    }
    await http(1, bob.token, 'POST', `/v1/chats/${groups.cleared}/clear`, { upToMessageId: sent.cleared[1]?.id });
    await http(1, bob.token, 'POST', `/v1/chats/${groups.forMe}/messages/delete-for-me`, { messageIds: [sent.forMe[1]?.id, sent.forMe[3]?.id] });
    await http(1, alice.token, 'POST', `/v1/chats/${groups.forEveryone}/messages/delete-for-everyone`, { messageIds: [sent.forEveryone[0]?.id, sent.forEveryone[3]?.id] });
    const hidden = await say(1, visitor, livechat, 'forget I said this');
    const kept = await say(1, visitor, livechat, 'thanks, bye');
    await http(1, visitor.token, 'POST', `/v1/chats/${livechat}/messages/delete-for-me`, { messageIds: [hidden.id] });
    const end = await say(1, visitor, livechat, '', 'endChat');
    // endChat, then the transcriptSaved notice node 1 writes after the end.
    const transcriptSeq = end.seq + 1;
    await until(async () => (await lastSeq(livechat)) === transcriptSeq, 'the transcript notice after the end');
    assert.deepEqual(after0(bobSocket, groups.cleared, marks.get(groups.cleared) ?? 0), [], 'node 0 heard nothing meanwhile');

    proxy.restore();
    const seqs = (ms: readonly (Message | undefined)[]) => ms.map((m) => (m as Message).seq);
    rules.push(
      { name: 'cleared', chatId: groups.cleared, visible: seqs(sent.cleared.slice(2)), deleted: [] },
      { name: 'deleted for me', chatId: groups.forMe, visible: seqs([sent.forMe[0], sent.forMe[2]]), deleted: [] },
      { name: 'deleted for everyone', chatId: groups.forEveryone, visible: seqs(sent.forEveryone), deleted: seqs([sent.forEveryone[0], sent.forEveryone[3]]) },
      { name: "a visitor's view of a chat that ended", chatId: livechat, visible: [kept.seq, end.seq, transcriptSeq], deleted: [] },
    );
    // The replay is in seq order: once the newest visible message is there, the catch-up of that chat is done.
    const arrived = (c: RawClient, r: Rule) => after0(c, r.chatId, marks.get(r.chatId) ?? 0).some((m) => m.seq === r.visible.at(-1));
    await waitFor(() => rules.every((r) => arrived(r.chatId === livechat ? visitorSocket : bobSocket, r)), 'the catch-up on node 0', 20_000);
    for (const r of rules.filter((x) => x.chatId !== livechat)) r.live = await say(0, alice, r.chatId, 'after the outage');
    await waitFor(() => rules.every((r) => !r.live || bobSocket.eventsOf('message').some((m) => m.id === r.live?.id)), 'live messages after the catch-up', 10_000);

    for (const r of rules) {
      const socket = r.chatId === livechat ? visitorSocket : bobSocket;
      const expected = [...r.visible.map((seq) => ({ seq, deleted: r.deleted.includes(seq) })), ...(r.live ? [{ seq: r.live.seq, deleted: false }] : [])];
      assert.deepEqual(after0(socket, r.chatId, marks.get(r.chatId) ?? 0), expected, r.name);
    }
  });

  it('the SDK ends up with exactly what the member may see, and stops asking for the hidden seqs', async () => {
    const groupRules = rules.filter((r) => r.live !== undefined);
    assert.equal(groupRules.length, 3);
    const expectedOf = (r: Rule) => [...r.visible, (r.live as Message).seq];
    await waitFor(
      () => groupRules.every((r) => seqsIn(bobSdk, r.chatId).join() === expectedOf(r).join()),
      'the SDK delivered every visible message',
      10_000,
      () => groupRules.map((r) => `${r.name}: ${seqsIn(bobSdk, r.chatId).join(',')}`).join('\n'),
    );
    for (const r of groupRules) assert.equal(bobSdk.client.cursors()[r.chatId], (r.live as Message).seq, r.name);
    // A gap the catch-up left (a hidden seq between two replayed ones) costs at most one history page.
    const calls = history.frames.length;
    assert.ok(calls <= groupRules.length, `${calls} history requests`);
    // No gap is left open: a new message is delivered at once, with no further history request.
    const next = await say(0, bob, groupRules[1]?.chatId as string, 'bob again');
    await waitFor(() => seqsIn(bobSdk, next.chatId).includes(next.seq), 'the next message', 10_000);
    assert.equal(history.frames.length, calls);
  });

  it('catch-up replays a gap in a busy chat, however many messages followed it (never skips it in silence)', async () => {
    // A raw client that trusts the server's push and never fills gaps from history itself.
    const alice = await user('member', 'Alice');
    const carol = await user('member', 'Carol');
    const dave = await user('member', 'Dave');
    const chatId = (await http<{ chat: { id: string } }>(0, ADMIN_KEY, 'POST', '/v1/admin/chats', { kind: 'group', members: [alice, carol, dave].map((u) => ({ userId: u.id })) })).chat.id;
    await say(0, carol, chatId, 'before the outage');
    const daveSocket = await RawClient.connect(`${urls[0]?.replace(/^http/, 'ws')}/v1/ws`, dave.token);
    sockets.push(daveSocket);
    await daveSocket.request('resume', { cursors: {} });

    proxy.cut();
    await waitFor(() => nodes[0]?.internals.bus.connected === false, 'node 0 cut off from Redis', 10_000);
    // Node 0 misses these (committed on node 1)...
    for (let i = 0; i < 3; i++) await say(1, alice, chatId, `missed ${i}`);
    // ...while its own keep reaching Dave live, far past the gap.
    const PAST_THE_GAP = 400;
    for (let i = 0; i < PAST_THE_GAP; i++) await say(0, carol, chatId, `live ${i}`);
    const last = await lastSeq(chatId);
    await waitFor(() => daveSocket.eventsOf('message').some((m) => m.chatId === chatId && m.seq === last), 'the live messages on node 0', 20_000);

    proxy.restore();
    const seqs = (): number[] => daveSocket.eventsOf('message').filter((m) => m.chatId === chatId).map((m) => m.seq as number);
    await waitFor(() => new Set(seqs()).size >= last - 1 || daveSocket.closed !== null, 'the catch-up: a replay or a close', 20_000);
    if (daveSocket.closed !== null) {
      // Closing is the other honest answer: the client resumes from its cursors.
      assert.equal(daveSocket.closed.code, 1001);
    } else {
      const got = seqs();
      assert.equal(got.length, new Set(got).size, 'no message twice');
      assert.deepEqual([...got].sort((a, b) => a - b), Array.from({ length: last - 1 }, (_, i) => i + 2), 'every message after the first, including the gap');
    }
  });
});

