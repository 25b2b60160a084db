// The store conformance suite: one suite, run against every backend (SQLite, PostgreSQL). It asserts
// what a caller of the `Store` interface sees, never how a backend does it. The parts live in
// ./conformance/, one concern each.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store } from '../../src/store/index.js';
import type { TestStore } from '../helpers/stores.js';
import { testStores } from '../helpers/stores.js';
import { accountsConformance } from './conformance/accounts.js';
import { chatsConformance } from './conformance/chats.js';
import type { ConformanceContext } from './conformance/context.js';
import { firstSeenConformance } from './conformance/first-seen.js';
import { lifecycleConformance } from './conformance/lifecycle.js';
import { livechatConformance } from './conformance/livechat.js';
import { messageLookupsConformance } from './conformance/message-lookups.js';
import { messagesConformance } from './conformance/messages.js';
import { messengerConformance } from './conformance/messenger.js';
import { recentChatsConformance } from './conformance/recent-chats.js';
import { staffAccountsConformance } from './conformance/staff-accounts.js';
import { webhooksConformance } from './conformance/webhooks.js';

for (const backend of await testStores()) conformance(backend);

function conformance(backend: TestStore): void {
  describe(`store conformance: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    const ctx: ConformanceContext = { backend, store: undefined as unknown as Store };

    before(async () => {
      ctx.store = await backend.open();
    });
    after(() => backend.cleanup());

    it('names its dialect and answers ping', async () => {
      assert.equal(ctx.store.dialect, backend.name);
      await ctx.store.ping();
    });

    accountsConformance(ctx);
    staffAccountsConformance(ctx);
    chatsConformance(ctx);
    messagesConformance(ctx);
    messageLookupsConformance(ctx);
    firstSeenConformance(ctx);
    recentChatsConformance(ctx);
    messengerConformance(ctx);
    webhooksConformance(ctx);
    livechatConformance(ctx);
    lifecycleConformance(ctx);
  });
}
