// A tenant's plan set through the admin API (the operator only) and the config file, and seen at
// once by GET /v1/features, the SDK's available-features call on an open connection, and every check.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FEATURES, type FeatureList, type TenantView } from '@parley/protocol';
import { MessengerError, MessengerSDK } from '@parley/sdk';
import { buildServer } from '../../src/app.js';
import { loadConfig, type ConfiguredTenants } from '../../src/config/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

interface Reply<T> {
  status: number;
  body: T;
}
interface ErrorReply {
  error: { code: string; message: string; path?: string; details?: { path: string; message: string }[] };
}

async function call<T>(t: TestServer, key: string, method: string, path: string, body?: unknown): Promise<Reply<T>> {
  const res = await fetch(`${t.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
}

describe('tenant plans through the admin API (sqlite)', () => {
  let t: TestServer;
  let acmeKey: string;
  let alice: { id: string; token: string };
  let bob: { id: string; token: string };
  let sdk: MessengerSDK;

  before(async () => {
    t = await startTestServer();
    const created = await call<{ tenant: TenantView; adminKey: string }>(t, t.adminKey, 'POST', '/v1/admin/tenants', {
      domain: 'acme',
      name: 'Acme',
      plan: { name: 'starter', features: ['livechat', 'groupChat'] },
    });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.tenant.plan.name, created.body.tenant.plan.features], ['starter', ['groupChat', 'livechat']]);
    acmeKey = created.body.adminKey;
    const user = async (nickname: string) => {
      const u = await call<{ user: { id: string } }>(t, acmeKey, 'POST', '/v1/admin/users', { kind: 'member', nickname });
      const token = await call<{ token: string }>(t, acmeKey, 'POST', `/v1/admin/users/${u.body.user.id}/tokens`, {});
      return { id: u.body.user.id, token: token.body.token };
    };
    alice = await user('Alice');
    bob = await user('Bob');
    sdk = new MessengerSDK({ url: t.url, token: alice.token });
    assert.equal((await sdk.connect()).statusCode, 200);
  });
  after(async () => {
    sdk.disconnect();
    await t.close();
  });

  const features = async (): Promise<FeatureList> => (await call<FeatureList>(t, alice.token, 'GET', '/v1/features')).body;
  const sdkFeatures = async (): Promise<FeatureList> => (await sdk.getAvailableFeatures()).data;

  it('the operator changes a plan; REST, the open SDK connection and the checks see it at once', async () => {
    assert.deepEqual((await sdkFeatures()).features, ['groupChat', 'livechat']);
    const group = await sdk.createGroup('Before', [sdk.getJid(bob.id)]);
    assert.equal(group.statusCode, 200);

    const changed = await call<{ tenant: TenantView }>(t, t.adminKey, 'PATCH', '/v1/admin/tenants/acme', { plan: { name: 'basic', features: ['livechat', 'favouriteMessage'] } });
    assert.equal(changed.status, 200, JSON.stringify(changed.body));
    assert.deepEqual([changed.body.tenant.plan.name, changed.body.tenant.plan.features], ['basic', ['favouriteMessage', 'livechat']]);
    assert.equal(changed.body.tenant.name, 'Acme', 'what the change leaves out is kept');

    for (const list of [await features(), await sdkFeatures()]) {
      assert.equal(list.plan, 'basic');
      assert.deepEqual(list.features, ['favouriteMessage', 'livechat']);
      assert.equal(list.available.groupChat, false);
      assert.equal(list.available.favouriteMessage, true);
      assert.deepEqual(Object.keys(list.available).sort(), [...FEATURES].sort());
    }
    // The open connection's checks follow the new plan too (seed 004's 403).
    await assert.rejects(sdk.createGroup('After', [sdk.getJid(bob.id)]), (err: unknown) => err instanceof MessengerError && err.code === 'E_FEATURE_UNAVAILABLE');
    const rest = await call<ErrorReply>(t, alice.token, 'POST', '/v1/chats', { kind: 'group', members: [{ userId: bob.id }] });
    assert.deepEqual([rest.status, rest.body.error.code], [403, 'E_FEATURE_UNAVAILABLE']);

    // And back: the feature works again without a reconnect.
    const restored = await call<{ tenant: TenantView }>(t, t.adminKey, 'PATCH', '/v1/admin/tenants/acme', { plan: { features: [...FEATURES] } });
    assert.equal(restored.body.tenant.plan.name, 'basic');
    assert.equal((await sdk.createGroup('Again', [sdk.getJid(bob.id)])).statusCode, 200);
  });

  it('an unknown feature is E_VALIDATION naming the known ones, and changes nothing', async () => {
    const before = (await call<{ tenant: TenantView }>(t, t.adminKey, 'GET', '/v1/admin/tenants/acme')).body.tenant;
    const refused = await call<ErrorReply>(t, t.adminKey, 'PATCH', '/v1/admin/tenants/acme', { plan: { features: ['livechat', 'teleport'] } });
    assert.equal(refused.status, 400);
    assert.equal(refused.body.error.code, 'E_VALIDATION');
    assert.equal(refused.body.error.path, '/plan/features/1');
    for (const f of FEATURES) assert.ok(refused.body.error.message.includes(f), `the message lists ${f}: ${refused.body.error.message}`);
    assert.deepEqual(refused.body.error.details?.[0]?.path, '/plan/features/1');
    const createRefused = await call<ErrorReply>(t, t.adminKey, 'POST', '/v1/admin/tenants', { domain: 'nope', plan: { features: ['x'] } });
    assert.deepEqual([createRefused.status, createRefused.body.error.code], [400, 'E_VALIDATION']);
    assert.equal((await call<ErrorReply>(t, t.adminKey, 'GET', '/v1/admin/tenants/nope')).body.error.code, 'E_TENANT_NOT_FOUND');
    const extra = await call<ErrorReply>(t, t.adminKey, 'PATCH', '/v1/admin/tenants/acme', { plan: { limits: { maxFileBytes: 1 } } });
    assert.deepEqual([extra.status, extra.body.error.code, extra.body.error.path], [400, 'E_VALIDATION', '/plan/limits']);
    assert.deepEqual((await call<{ tenant: TenantView }>(t, t.adminKey, 'GET', '/v1/admin/tenants/acme')).body.tenant, before);
  });

  it("only the operator changes plans: a tenant's own key reads its tenant and nothing else", async () => {
    const own = await call<{ tenant: TenantView }>(t, acmeKey, 'GET', '/v1/admin/tenants/acme');
    assert.equal(own.status, 200);
    assert.equal(own.body.tenant.domain, 'acme');
    const before = own.body.tenant;
    const selfGrant = await call<ErrorReply>(t, acmeKey, 'PATCH', '/v1/admin/tenants/acme', { plan: { features: [] } });
    assert.deepEqual([selfGrant.status, selfGrant.body.error.code], [403, 'E_FORBIDDEN']);
    assert.equal((await call<ErrorReply>(t, acmeKey, 'GET', '/v1/admin/tenants/DEFAULT')).body.error.code, 'E_FORBIDDEN');
    assert.equal((await call<ErrorReply>(t, acmeKey, 'POST', '/v1/admin/tenants', { domain: 'other' })).body.error.code, 'E_FORBIDDEN');
    assert.equal((await call<ErrorReply>(t, alice.token, 'PATCH', '/v1/admin/tenants/acme', { plan: { features: [] } })).body.error.code, 'E_FORBIDDEN');
    assert.deepEqual((await call<{ tenant: TenantView }>(t, t.adminKey, 'GET', '/v1/admin/tenants/acme')).body.tenant, before);
  });

  it('/openapi.json documents the body and the response of the tenant routes', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: any }> }; responses: Record<string, { content?: Record<string, { schema: any }> }> }>>;
    };
    const patch = doc.paths['/v1/admin/tenants/{domain}']?.patch;
    assert.ok(patch, 'PATCH is documented');
    const body = patch.requestBody?.content['application/json']?.schema;
    const featureItems = body?.properties?.plan?.properties?.features?.items;
    // The document writes each literal as a one-value enum.
    assert.deepEqual(featureItems?.anyOf?.map((s: { const?: string; enum?: string[] }) => s.const ?? s.enum?.[0]), [...FEATURES]);
    const response = patch.responses['200']?.content?.['application/json']?.schema;
    assert.deepEqual(Object.keys(response?.properties?.tenant?.properties ?? {}).sort(), ['allowedOrigins', 'contactCenterId', 'createdAt', 'domain', 'id', 'name', 'plan']);
    assert.ok(doc.paths['/v1/admin/tenants/{domain}']?.get?.responses['200']?.content, 'GET answers a documented tenant');
    assert.ok(doc.paths['/v1/admin/tenants']?.post?.responses['201']?.content, 'POST answers a documented tenant and key');
  });
});

describe('tenant plans from the config file (sqlite)', () => {
  it('creates and configures the named tenants at start-up, and a second start writes nothing', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-plans-'));
    const tenants: ConfiguredTenants = { DEFAULT: { plan: { name: 'house', features: ['livechat', 'groupChat'] } }, shop: { name: 'Shop', plan: { features: ['livechat'] } } };
    const config = loadConfig({ PORT: '0', PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'error', PARLEY_ADMIN_KEY: 'pk_config_plans_admin_key_0123' }, { tenants });
    try {
      const first = await buildServer(config);
      try {
        const shop = await first.internals.store.getTenantByDomain('shop');
        assert.deepEqual([shop?.name, shop?.plan.name, shop?.plan.features], ['Shop', 'default', ['livechat']]);
        const house = await first.internals.store.getTenant('DEFAULT');
        assert.deepEqual([house?.plan.name, house?.plan.features], ['house', ['groupChat', 'livechat']]);
        assert.deepEqual(await first.services.tenants.configure(tenants), { created: [], updated: [] });
        // A change made by REST meanwhile is put back by the file at the next start.
        await first.internals.store.updateTenant('shop', { plan: { ...shop!.plan, features: [] } });
      } finally {
        await first.close();
      }
      const second = await buildServer(config);
      try {
        assert.deepEqual((await second.internals.store.getTenantByDomain('shop'))?.plan.features, ['livechat']);
        assert.deepEqual(await second.services.tenants.configure(tenants), { created: [], updated: [] });
      } finally {
        await second.close();
      }
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
