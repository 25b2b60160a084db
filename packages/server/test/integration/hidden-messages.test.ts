// Every way of reading a chat's messages after a seq — history over REST and WebSocket, the resume
// replay (raw and through the SDK) and the customer chat API — shows one viewer the same messages:
// nothing they cleared or deleted for themselves, deleted messages as the deleted marker, an ended
// chat to its end. A hidden message still moves the reader's cursor. (The catch-up after a bus
// outage reads through the same finder: test/cluster/catch-up-hidden.test.ts.)
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Message } from '@parley/protocol';
import { ParleyClient } from '@parley/sdk';
import type { TestServer, TestUser } from '../helpers/server.js';
import { opCounter } from '../helpers/op-counter.js';
import { testStores } from '../helpers/stores.js';
import { RawClient } from '../helpers/ws-client.js';
import { call, eventually, genesys, startLivechatServer, type Entry } from '../livechat/helpers.js';

/** One rule set up in a chat: who reads it, from which cursor, and what they must see after it. */
interface World {
  chatId: string;
  viewer: TestUser;
  /** The seq the viewer's client holds (it went offline there). */
  cursor: number;
  lastSeq: number;
  /** Seqs after the cursor the viewer must see, in order, and those of them shown as deleted. */
  visible: number[];
  deleted: number[];
  /** Someone who can still write to the chat (none once it ended). */
  writer?: TestUser;
  /** The customer chat API's key, when the viewer is the chat's visitor. */
  secureKey?: string;
}

interface Seen {
  seq: number;
  deleted: boolean;
}

const seen = (messages: readonly Pick<Message, 'seq' | 'deleted' | 'content'>[]): Seen[] =>
  messages.map((m) => {
    // The marker replaces the content: nothing of what was said is left.
    if (m.deleted) assert.deepEqual(Object.keys(m.content).sort(), ['deleted', 'user']);
    return { seq: m.seq, deleted: m.deleted };
  });

for (const backend of await testStores()) {
  describe(`resume does not replay what a member hid (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let api: ReturnType<typeof genesys>;
    let alice: TestUser;
    const sockets: RawClient[] = [];
    const clients: ParleyClient[] = [];

    const as = async <T = Record<string, unknown>>(who: TestUser, method: string, path: string, body?: unknown): Promise<T> => {
      const res = await call<T>(t, method, path, { token: who.token, ...(body === undefined ? {} : { body }) });
      assert.ok(res.status < 300, `${method} ${path}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const say = async (who: TestUser, chatId: string, text: string): Promise<Message> =>
      (await as<{ message: Message }>(who, 'POST', `/v1/chats/${chatId}/messages`, { messageType: 'TEXT', content: { text } })).message;
    const lastSeq = async (chatId: string): Promise<number> => (await t.store.getChat(chatId))?.lastSeq ?? 0;
    const expected = (w: World): Seen[] => w.visible.map((seq) => ({ seq, deleted: w.deleted.includes(seq) }));

    /** A group chat of alice and a fresh member who reads it; `hide` runs while the reader is away. */
    const groupWorld = async (hide: (bob: TestUser, chatId: string, sent: Message[]) => Promise<void>, visibleOf: (sent: Message[]) => Message[], deletedOf: (sent: Message[]) => Message[] = () => []): Promise<World> => {
      const bob = await t.createUser('member', 'Bob');
      const chatId = (await t.createChat('group', [alice.id, bob.id])).id;
      await say(alice, chatId, 'before bob went away');
      const cursor = await lastSeq(chatId);
      const sent: Message[] = [];
      for (let i = 1; i <= 4; i++) sent.push(await say(alice, chatId, `while away ${i}`));
      await hide(bob, chatId, sent);
      return { chatId, viewer: bob, cursor, lastSeq: await lastSeq(chatId), visible: visibleOf(sent).map((m) => m.seq), deleted: deletedOf(sent).map((m) => m.seq), writer: alice };
    };

    /** A live chat requested through the customer chat API; its visitor reads it (with a token for REST and WebSocket). */
    const visitorWorld = async (): Promise<{ chatId: string; visitor: TestUser; secureKey: string; cursor: number }> => {
      const requested = await api.request({ nickname: 'Vera' });
      assert.equal(requested.body.statusCode, 0, JSON.stringify(requested.body));
      const chatId = requested.body.id as string;
      const secureKey = requested.body.secureKey as string;
      const visitorId = requested.body.userId as string;
      const token = await t.admin<{ token: string }>('POST', `/v1/admin/users/${encodeURIComponent(visitorId)}/tokens`, {});
      const visitor = { id: visitorId, token: token.body.token };
      // The visitor's poller has everything so far: its cursor is where the other readers start too.
      await api.messages(chatId, secureKey);
      return { chatId, visitor, secureKey, cursor: await lastSeq(chatId) };
    };

    const ways: { name: string; visitorOnly?: true; read: (w: World) => Promise<Seen[]> }[] = [
      {
        name: 'history over REST',
        read: async (w) => {
          const page = await as<{ messages: Message[]; hasMore: boolean }>(w.viewer, 'GET', `/v1/chats/${w.chatId}/messages?position=down&fromSeq=${w.cursor}&limit=100`);
          assert.equal(page.hasMore, false);
          return seen(page.messages);
        },
      },
      {
        name: 'history over WebSocket',
        read: async (w) => {
          const c = await RawClient.connect(t.wsUrl, w.viewer.token);
          sockets.push(c);
          const ack = await c.request('history', { chatId: w.chatId, position: 'down', fromSeq: w.cursor, limit: 100 });
          assert.equal(ack.ok, true, JSON.stringify(ack.error));
          return seen((ack.data as { messages: Message[] }).messages);
        },
      },
      {
        name: 'resume replay over WebSocket: the ack covers the hidden seqs',
        read: async (w) => {
          const c = await RawClient.connect(t.wsUrl, w.viewer.token);
          sockets.push(c);
          const ack = await c.request('resume', { cursors: { [w.chatId]: w.cursor }, epoch: c.hello.epoch });
          const status = (ack.data as { chats: { chatId: string; status: string; lastSeq: number }[] }).chats.find((s) => s.chatId === w.chatId);
          assert.deepEqual(status, { chatId: w.chatId, status: 'recovered', lastSeq: w.lastSeq });
          const ackAt = c.frames.findIndex((f) => f.t === 'ack');
          const replayed = c.frames.slice(0, ackAt).filter((f) => f.t === 'event' && f.event === 'message') as unknown as { data: Message }[];
          const mine = replayed.map((f) => f.data).filter((m) => m.chatId === w.chatId);
          assert.equal((ack.data as { replayed: number }).replayed, replayed.length);
          if (w.writer) {
            // Live traffic after the ack: the next message, once, right behind the replay.
            const live = await say(w.writer, w.chatId, 'live after the resume');
            await c.waitFor(() => c.eventsOf('message').some((m) => m.id === live.id), 'the live message');
            assert.equal(c.eventsOf('message').filter((m) => m.id === live.id).length, 1);
          }
          return seen(mine);
        },
      },
      {
        name: 'resume through the SDK: the cursor moves past hidden seqs, no history is fetched',
        read: async (w) => {
          const history = opCounter('history');
          // A gap would wait a minute for history: only the resume ack can close one here.
          const client = new ParleyClient({ url: t.url, token: w.viewer.token, WebSocket: history.WebSocket, cursors: { [w.chatId]: w.cursor }, gapDelayMs: 60_000 });
          clients.push(client);
          const got: Message[] = [];
          client.on('message', (m) => {
            if (m.chatId === w.chatId) got.push(m);
          });
          await client.connect();
          assert.equal(client.cursors()[w.chatId], w.lastSeq, 'the cursor covers what is hidden');
          const replayed = seen(got);
          if (w.writer) {
            const live = await say(w.writer, w.chatId, 'live after the SDK resumed');
            await eventually(() => Promise.resolve(got.map((m) => m.id)), (ids) => ids.includes(live.id), 'the live message delivered without a gap');
            assert.equal(got.at(-1)?.seq, live.seq);
          }
          assert.deepEqual(history.frames, []);
          client.disconnect();
          return replayed;
        },
      },
      {
        name: 'the customer chat API: GetMessages shows the visitor their view and moves the cursor past the rest',
        visitorOnly: true,
        read: async (w) => {
          const key = w.secureKey as string;
          const fresh = await api.messages(w.chatId, key);
          assert.equal(fresh.body.statusCode, 0, JSON.stringify(fresh.body));
          const fromIndex = await api.messages(w.chatId, key, w.cursor + 1);
          assert.deepEqual(fromIndex.body.messages, fresh.body.messages, 'with an index: the same entries');
          assert.equal((await t.store.livechat.getLivechat(w.chatId))?.apiCursor, w.lastSeq, 'the cursor moved past the hidden entries');
          assert.deepEqual((await api.messages(w.chatId, key)).body.messages, [], 'nothing new for this client');
          return fresh.body.messages.map((e: Entry) => ({ seq: e.index, deleted: e.type === 'Notice' && e.text === '(deleted)' }));
        },
      },
    ];

    const rules: { name: string; visitor?: true; world: () => Promise<World> }[] = [
      {
        name: 'cleared (clearChat up to a message)',
        world: () =>
          groupWorld(
            async (bob, chatId, sent) => {
              await as(bob, 'POST', `/v1/chats/${chatId}/clear`, { upToMessageId: sent[1]?.id });
            },
            (sent) => sent.slice(2),
          ),
      },
      {
        name: 'deleted for me (one in the middle, one at the end)',
        world: () =>
          groupWorld(
            async (bob, chatId, sent) => {
              await as(bob, 'POST', `/v1/chats/${chatId}/messages/delete-for-me`, { messageIds: [sent[1]?.id, sent[3]?.id] });
            },
            (sent) => [sent[0], sent[2]] as Message[],
          ),
      },
      {
        name: 'deleted for everyone (the deleted marker)',
        world: () =>
          groupWorld(
            async (_bob, chatId, sent) => {
              await as(alice, 'POST', `/v1/chats/${chatId}/messages/delete-for-everyone`, { messageIds: [sent[0]?.id, sent[3]?.id] });
            },
            (sent) => sent,
            (sent) => [sent[0], sent[3]] as Message[],
          ),
      },
      {
        name: "a visitor's view (their clear, their delete for me, a deleted message)",
        visitor: true,
        world: async () => {
          const { chatId, visitor, secureKey, cursor } = await visitorWorld();
          const sent: Message[] = [];
          for (let i = 1; i <= 5; i++) sent.push(await say(visitor, chatId, `visitor says ${i}`));
          await as(visitor, 'POST', `/v1/chats/${chatId}/clear`, { upToMessageId: sent[0]?.id });
          await as(visitor, 'POST', `/v1/chats/${chatId}/messages/delete-for-me`, { messageIds: [sent[2]?.id, sent[4]?.id] });
          await as(visitor, 'POST', `/v1/chats/${chatId}/messages/delete-for-everyone`, { messageIds: [sent[3]?.id] });
          return { chatId, viewer: visitor, cursor, lastSeq: await lastSeq(chatId), visible: [sent[1], sent[3]].map((m) => (m as Message).seq), deleted: [(sent[3] as Message).seq], writer: visitor, secureKey };
        },
      },
      {
        name: 'an ended chat (readable to its end: endChat and the transcript notice)',
        visitor: true,
        world: async () => {
          const { chatId, visitor, secureKey, cursor } = await visitorWorld();
          const hidden = await say(visitor, chatId, 'forget I said this');
          const kept = await say(visitor, chatId, 'thanks, bye');
          await as(visitor, 'POST', `/v1/chats/${chatId}/messages/delete-for-me`, { messageIds: [hidden.id] });
          assert.equal((await api.op(chatId, secureKey, { operationName: 'Complete' })).body.statusCode, 0);
          // endChat, then the transcriptSaved notice, written after the end.
          const end = await eventually(() => lastSeq(chatId), (seq) => seq === kept.seq + 2, 'the transcript notice');
          return { chatId, viewer: visitor, cursor, lastSeq: end, visible: [kept.seq, kept.seq + 1, kept.seq + 2], deleted: [], secureKey };
        },
      },
    ];

    before(async () => {
      t = await startLivechatServer({ store: backend.name });
      api = genesys(t);
      alice = await t.createUser('member', 'Alice');
    });
    after(async () => {
      for (const c of clients) c.disconnect();
      for (const s of sockets) s.close();
      await t.close();
    });

    for (const rule of rules) {
      describe(rule.name, () => {
        for (const way of ways) {
          if (way.visitorOnly && !rule.visitor) continue;
          it(way.name, async () => {
            // A fresh chat per way: a live message one way sends must not change what the next one reads.
            const w = await rule.world();
            assert.ok(w.lastSeq > w.cursor);
            assert.deepEqual(await way.read(w), expected(w));
          });
        }
      });
    }

    it('an ended chat: the customer API reads it once Idle, and a resume reports it like any other', async () => {
      const w = await (rules.at(-1) as { world: () => Promise<World> }).world();
      const state = await api.op(w.chatId, w.secureKey as string, { operationName: 'GetChat' });
      assert.equal((state.body.chat as { state: string }).state, 'Idle');
      const entries = (await api.messages(w.chatId, w.secureKey as string, 0)).body.messages.map((e: Entry) => e.type);
      assert.deepEqual(entries.slice(-3), ['Text', 'Notice', 'TranscriptSaveDone']);
      assert.equal(entries.length, w.lastSeq - 1, 'everything but the message the visitor deleted for themselves');
    });
  });
}
