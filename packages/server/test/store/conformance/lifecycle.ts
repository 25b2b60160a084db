import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Store, UserRow } from '../../../src/store/index.js';
import { messageTo, seedChat, tenantRow } from '../../helpers/store-rows.js';
import { testStores } from '../../helpers/stores.js';
import type { ConformanceContext } from './context.js';
import { appendOk } from './support.js';

/** Migrations, close and reopen. */
export function lifecycleConformance(ctx: ConformanceContext): void {
  describe('lifecycle', () => {
    it('treats a second migrate() as a no-op', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      await ctx.store.migrate();
      await ctx.store.migrate();
      assert.deepEqual(await ctx.store.getTenant(tenant.id), tenant);
    });

    it('migrates safely from several nodes at once', { skip: ctx.backend.noConcurrentHandles ?? false }, async () => {
      const [fresh] = (await testStores()).filter((b) => b.name === ctx.backend.name);
      assert.ok(fresh);
      try {
        const nodes = await Promise.all([1, 2, 3].map(() => fresh.open({ migrate: false })));
        await Promise.all(nodes.map((node) => node.migrate()));
        const tenant = await (nodes[0] as Store).createTenant(tenantRow());
        assert.deepEqual(await (nodes[2] as Store).getTenant(tenant.id), tenant);
      } finally {
        await fresh.cleanup();
      }
    });

    it('keeps everything across close and reopen', async () => {
      const { tenant, users, chat } = await seedChat(ctx.store);
      const [sent] = await appendOk(ctx.store, [messageTo(chat, (users[0] as UserRow).id)]);
      await ctx.store.close();
      await ctx.store.close();

      ctx.store = await ctx.backend.open();
      assert.deepEqual(await ctx.store.getTenant(tenant.id), tenant);
      assert.deepEqual(await ctx.store.getChat(chat.id), { ...chat, lastSeq: 1, lastMessageAt: sent?.ts ?? null });
      assert.deepEqual(await ctx.store.getMessageBySeq(chat.id, 1), sent);
      const [next] = await appendOk(ctx.store, [messageTo(chat, (users[0] as UserRow).id)]);
      assert.equal(next?.seq, 2);
    });
  });
}
