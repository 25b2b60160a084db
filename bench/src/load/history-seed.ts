// Set-up of the history scenario, with no server running: fills a Parley node's store directly
// (`Store.appendMessages` in big batches, `Store.createChat`) — the node is built from the same
// configuration as the server under test, but never listens. Only set-up goes this way; everything
// measured goes through the real protocol.
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { buildServer, loadConfig } from '@parley/server';
import type { Store } from '@parley/server';
import type { HistoryState } from './history.js';

type NewMessage = Parameters<Store['appendMessages']>[0][number];
type ChatRow = Parameters<Store['createChat']>[0];

/** Messages per `appendMessages` call: one transaction each. */
const BATCH = 10_000;

function text(tenantId: string, chatId: string, senderId: string, ts: number, n: number): NewMessage {
  return {
    tenantId,
    chatId,
    id: randomUUID(),
    senderId,
    messageType: 'TEXT',
    content: { text: `seeded message ${n}` },
    replyTo: '',
    mentions: [],
    forwardedFrom: null,
    ts,
    bodyHash: `seed-${n}`,
  };
}

async function append(store: Store, batch: NewMessage[]): Promise<void> {
  const results = await store.appendMessages(batch);
  const bad = results.find((r) => r.status !== 'created');
  if (bad) throw new Error(`seeding: appendMessages answered ${bad.status}`);
}

export interface SeedResult {
  seedMs: number;
  messagesMs: number;
  chatsMs: number;
}

export async function seedHistory(env: Record<string, string>, state: HistoryState, messages: number, recentChats: number): Promise<SeedResult> {
  const t0 = performance.now();
  const node = await buildServer(loadConfig({ ...process.env, ...env }));
  try {
    const store = node.internals.store;
    const tenantId = node.bootstrap.tenant.id;
    const start = Date.now() - messages - recentChats - 1000;

    // 1. The big chat: `messages` messages from its two members, oldest first.
    for (let n = 0; n < messages; ) {
      const batch: NewMessage[] = [];
      for (const end = Math.min(messages, n + BATCH); n < end; n++) {
        batch.push(text(tenantId, state.chatId, n % 2 === 0 ? state.readerId : state.otherId, start + n, n));
      }
      await append(store, batch);
    }
    const messagesMs = performance.now() - t0;

    // 2. The busy user's chats, each with one message (so the list shows a last message per chat).
    const t1 = performance.now();
    const ids: string[] = [];
    for (let i = 0; i < recentChats; i++) {
      const id = `GROUP_${randomUUID()}`;
      const at = start + messages + i;
      const row: ChatRow = {
        id, tenantId, kind: 'group', state: 'open', title: `chat ${i}`, directKey: null,
        lastSeq: 0, lastMessageAt: null, createdAt: at, createdBy: state.busyId, meta: {},
      };
      await store.createChat(row, [
        { chatId: id, tenantId, userId: state.busyId, role: 'owner', joinedAt: at },
        { chatId: id, tenantId, userId: state.otherId, role: 'member', joinedAt: at },
      ]);
      ids.push(id);
    }
    for (let i = 0; i < ids.length; i += BATCH) {
      await append(store, ids.slice(i, i + BATCH).map((chatId, k) => text(tenantId, chatId, state.otherId, start + messages + i + k, i + k)));
    }
    return { seedMs: performance.now() - t0, messagesMs, chatsMs: performance.now() - t1 };
  } finally {
    await node.close();
  }
}
