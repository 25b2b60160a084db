import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { code, sortById } from './support.js';

/** Settings, tenants, API keys and users. */
export function accountsConformance(ctx: ConformanceContext): void {
  describe('settings', () => {
    it('creates a setting once and returns it ever after', async () => {
      const key = `secret-${randomUUID()}`;
      let calls = 0;
      const first = await ctx.store.getOrCreateSetting(key, () => `value-${++calls}`);
      const second = await ctx.store.getOrCreateSetting(key, () => `value-${++calls}`);
      assert.equal(first, 'value-1');
      assert.equal(second, 'value-1');
      assert.equal(calls, 1);
    });

    it('agrees on one value when created concurrently', async () => {
      const key = `epoch-${randomUUID()}`;
      const values = await Promise.all([1, 2, 3, 4].map((n) => ctx.store.getOrCreateSetting(key, () => `v${n}`)));
      assert.equal(new Set(values).size, 1);
    });
  });

  describe('tenants', () => {
    it('finds a tenant by id, domain and contact center id', async () => {
      const tenant = tenantRow();
      assert.deepEqual(await ctx.store.createTenant(tenant), tenant);
      assert.deepEqual(await ctx.store.getTenant(tenant.id), tenant);
      assert.deepEqual(await ctx.store.getTenantByDomain(tenant.domain), tenant);
      assert.deepEqual(await ctx.store.getTenantByContactCenterId(tenant.contactCenterId), tenant);
      assert.equal(await ctx.store.getTenant(randomUUID()), null);
      assert.equal(await ctx.store.getTenantByDomain('no-such-domain'), null);
      assert.equal(await ctx.store.getTenantByContactCenterId(randomUUID()), null);
    });

    it('refuses a taken domain or contact center id with E_CONFLICT', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      await assert.rejects(ctx.store.createTenant(tenantRow({ domain: tenant.domain })), code('E_CONFLICT'));
      await assert.rejects(
        ctx.store.createTenant(tenantRow({ contactCenterId: tenant.contactCenterId })),
        code('E_CONFLICT'),
      );
      await assert.rejects(ctx.store.createTenant(tenantRow({ id: tenant.id })), code('E_CONFLICT'));
    });

    it('updates name, plan and allowed origins', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const plan = { name: 'pro', features: ['media', 'groups'], limits: { maxFileBytes: 5, maxMessagesPerMinute: 6 } };
      await ctx.store.updateTenant(tenant.id, { name: 'Renamed', plan, allowedOrigins: [] });
      assert.deepEqual(await ctx.store.getTenant(tenant.id), { ...tenant, name: 'Renamed', plan, allowedOrigins: [] });
      await ctx.store.updateTenant(tenant.id, {});
      assert.equal((await ctx.store.getTenant(tenant.id))?.name, 'Renamed');
    });
  });

  describe('api keys', () => {
    it('finds a key by hash until it is revoked', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const key = { id: randomUUID(), tenantId: tenant.id, name: 'admin', hash: randomUUID(), createdAt: 1, revokedAt: null };
      await ctx.store.createApiKey(key);
      assert.deepEqual(await ctx.store.getApiKeyByHash(key.hash), key);
      assert.equal(await ctx.store.getApiKeyByHash('unknown'), null);

      await ctx.store.revokeApiKey('another-tenant', key.id, 5);
      assert.deepEqual(await ctx.store.getApiKeyByHash(key.hash), key, 'another tenant cannot revoke it');
      await ctx.store.revokeApiKey(tenant.id, key.id, 5);
      assert.equal(await ctx.store.getApiKeyByHash(key.hash), null);
    });

    it('lists a tenant\'s keys that are not revoked, oldest first', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const other = await ctx.store.createTenant(tenantRow());
      const key = (name: string, createdAt: number, tenantId = tenant.id) => ({ id: randomUUID(), tenantId, name, hash: randomUUID(), createdAt, revokedAt: null });
      const [b, a, gone, theirs] = [key('b', 2), key('a', 1), key('gone', 3), key('theirs', 1, other.id)];
      for (const k of [b, a, gone, theirs]) await ctx.store.createApiKey(k);
      await ctx.store.revokeApiKey(tenant.id, gone.id, 4);
      assert.deepEqual(await ctx.store.listApiKeys(tenant.id), [a, b]);
      assert.deepEqual(await ctx.store.listApiKeys(other.id), [theirs]);
    });

    it('refuses a duplicate hash with E_CONFLICT', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const key = { id: randomUUID(), tenantId: tenant.id, name: 'a', hash: randomUUID(), createdAt: 1, revokedAt: null };
      await ctx.store.createApiKey(key);
      await assert.rejects(ctx.store.createApiKey({ ...key, id: randomUUID() }), code('E_CONFLICT'));
    });
  });

  describe('users', () => {
    it('creates, reads and updates users', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const user = userRow(tenant.id, { kind: 'customer', profile: { userAgent: 'UA', firstIP: '10.0.0.1' } });
      assert.deepEqual(await ctx.store.createUser(user), user);
      assert.deepEqual(await ctx.store.getUser(tenant.id, user.id), user);
      assert.equal(await ctx.store.getUser('another-tenant', user.id), null);

      await ctx.store.updateUser(tenant.id, user.id, { nickname: 'Nick', profile: { email: 'a@b.c' }, disabledAt: 9 });
      assert.deepEqual(await ctx.store.getUser(tenant.id, user.id), {
        ...user,
        nickname: 'Nick',
        profile: { email: 'a@b.c' },
        disabledAt: 9,
      });
      await ctx.store.updateUser(tenant.id, user.id, { disabledAt: null });
      assert.equal((await ctx.store.getUser(tenant.id, user.id))?.disabledAt, null);
    });

    it('gets several users at once, ignoring unknown ids', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const a = await ctx.store.createUser(userRow(tenant.id));
      const b = await ctx.store.createUser(userRow(tenant.id));
      await ctx.store.createUser(userRow(tenant.id));
      const found = await ctx.store.getUsers(tenant.id, [b.id, a.id, 'nobody', a.id]);
      assert.deepEqual(sortById(found), sortById([a, b]));
      assert.deepEqual(await ctx.store.getUsers(tenant.id, []), []);
      assert.deepEqual(await ctx.store.getUsers('another-tenant', [a.id]), []);
    });

    it('refuses an id taken in the tenant with E_CONFLICT, allows it in another tenant', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const other = await ctx.store.createTenant(tenantRow());
      const user = await ctx.store.createUser(userRow(tenant.id));
      await assert.rejects(ctx.store.createUser({ ...user, nickname: 'Twin' }), code('E_CONFLICT'));
      await ctx.store.createUser({ ...user, tenantId: other.id });
      assert.equal((await ctx.store.getUser(tenant.id, user.id))?.nickname, user.nickname);
    });

    it('bumps the token version', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const user = await ctx.store.createUser(userRow(tenant.id));
      assert.equal(await ctx.store.bumpTokenVersion(tenant.id, user.id), 1);
      assert.equal(await ctx.store.bumpTokenVersion(tenant.id, user.id), 2);
      assert.equal((await ctx.store.getUser(tenant.id, user.id))?.tokenVersion, 2);
    });
  });
}
