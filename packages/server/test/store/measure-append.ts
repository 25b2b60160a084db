// Throughput of the group-commit path, per backend and batch size. A measuring script, not a test:
//   node --conditions=source --import tsx packages/server/test/store/measure-append.ts
// Batches go one after another (as a single node's commit loop sends them), spread over 10 chats
// and 5 senders, each message a short TEXT.
import { performance } from 'node:perf_hooks';
import type { ChatRow, NewMessage, Store } from '../../src/store/index.js';
import { testStores } from '../helpers/stores.js';
import { chatRow, memberOf, messageTo, tenantRow, userRow } from '../helpers/store-rows.js';

const BATCH_SIZES = [1, 10, 100];
const SECONDS_PER_RUN = 3;

for (const backend of await testStores()) {
  if (backend.skip !== undefined) {
    console.log(`${backend.name}: skipped (${backend.skip})`);
    continue;
  }
  const store = await backend.open();
  try {
    const { chats, senders } = await seed(store);
    for (const size of BATCH_SIZES) {
      const rate = await measure(store, chats, senders, size, 1);
      console.log(`${backend.name}  batch ${String(size).padStart(3)}  ${Math.round(rate).toLocaleString('en')} msgs/s`);
    }
    if (backend.noConcurrentHandles === undefined) {
      const rate = await measure(store, chats, senders, 100, 4);
      console.log(`${backend.name}  batch 100 ×4 in flight  ${Math.round(rate).toLocaleString('en')} msgs/s`);
    }
  } finally {
    await backend.cleanup();
  }
}

async function seed(store: Store): Promise<{ chats: ChatRow[]; senders: string[] }> {
  const tenant = await store.createTenant(tenantRow());
  const senders: string[] = [];
  for (let i = 0; i < 5; i++) senders.push((await store.createUser(userRow(tenant.id))).id);
  const chats: ChatRow[] = [];
  for (let i = 0; i < 10; i++) {
    const chat = chatRow(tenant.id);
    await store.createChat(chat, senders.map((id) => memberOf(chat, id)));
    chats.push(chat);
  }
  return { chats, senders };
}

/** Appends batches for about SECONDS_PER_RUN seconds with `inFlight` commits at a time; msgs/s. */
async function measure(store: Store, chats: ChatRow[], senders: string[], size: number, inFlight: number): Promise<number> {
  let n = 0;
  const batch = (): NewMessage[] =>
    Array.from({ length: size }, () => {
      n++;
      return messageTo(chats[n % chats.length] as ChatRow, senders[n % senders.length] as string, { ts: Date.now() });
    });
  // Warm up statement caches and connections.
  await store.appendMessages(batch());
  let sent = 0;
  const start = performance.now();
  const deadline = start + SECONDS_PER_RUN * 1000;
  await Promise.all(
    Array.from({ length: inFlight }, async () => {
      while (performance.now() < deadline) {
        const results = await store.appendMessages(batch());
        sent += results.length;
      }
    }),
  );
  return sent / ((performance.now() - start) / 1000);
}
