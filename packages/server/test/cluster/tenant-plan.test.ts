import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FeatureList, TenantView } from '@parley/protocol';
import { MessengerError, MessengerSDK } from '@parley/sdk';
import { runParley } from '../helpers/cli.js';
import { ADMIN_KEY, clusterSkipReason, TEST_REDIS_URL, TestCluster } from '../helpers/cluster.js';
import { TEST_DATABASE_URL } from '../helpers/stores.js';
import { sleep } from '../helpers/cluster-clients.js';

/*
 * Two Parley processes on one PostgreSQL schema and one Redis prefix. The operator changes a tenant's
 * plan on node 0, then with `parley tenant update`; a user whose SDK is connected to node 1 sees it
 * without reconnecting: the available-features call, REST and the feature checks of the open connection.
 */
const skip = await clusterSkipReason();

describe('cluster: a plan change reaches every node', { skip: skip ?? false }, () => {
  let cluster: TestCluster | undefined;
  let sdk: MessengerSDK | undefined;

  before(async () => {
    cluster = await TestCluster.start({ nodes: 2 });
  });
  after(async () => {
    sdk?.disconnect();
    await cluster?.close();
  });

  it('the SDK connected to another node, REST there and its checks follow the new plan', async () => {
    const c = cluster as TestCluster;
    const { adminKey } = await c.admin<{ tenant: TenantView; adminKey: string }>('POST', '/v1/admin/tenants', {
      domain: 'acme',
      plan: { name: 'team', features: ['livechat', 'groupChat'] },
    });
    const asAcme = async <T>(path: string, body: unknown): Promise<T> => {
      const res = await fetch(`${c.url(0)}${path}`, {
        method: 'POST',
        headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      assert.ok(res.ok, `${path}: ${res.status}`);
      return (await res.json()) as T;
    };
    const user = async (nickname: string) => {
      const { user: u } = await asAcme<{ user: { id: string } }>('/v1/admin/users', { kind: 'member', nickname });
      const { token } = await asAcme<{ token: string }>(`/v1/admin/users/${u.id}/tokens`, {});
      return { id: u.id, token };
    };
    const alice = await user('Alice');
    const bob = await user('Bob');

    // Alice's SDK and REST calls go to node 1; the operator talks to node 0.
    sdk = new MessengerSDK({ url: c.url(1), token: alice.token });
    assert.equal((await sdk.connect()).statusCode, 200);
    const viaSdk = async (): Promise<FeatureList> => (await (sdk as MessengerSDK).getAvailableFeatures()).data;
    const viaRest = async (): Promise<FeatureList> =>
      (await (await fetch(`${c.url(1)}/v1/features`, { headers: { authorization: `Bearer ${alice.token}` } })).json()) as FeatureList;
    assert.deepEqual((await viaSdk()).features, ['groupChat', 'livechat']);
    assert.equal((await sdk.createGroup('Before', [sdk.getJid(bob.id)])).statusCode, 200);

    const changed = await c.admin<{ tenant: TenantView }>('PATCH', '/v1/admin/tenants/acme', { plan: { name: 'basic', features: ['livechat'] } });
    assert.deepEqual(changed.tenant.plan.features, ['livechat']);

    // Node 1 hears of it over Redis; the open connection never reconnects.
    const seen = await until(viaSdk, (f) => f.plan === 'basic');
    assert.deepEqual([seen.plan, seen.features, seen.available.groupChat], ['basic', ['livechat'], false]);
    assert.deepEqual((await viaRest()).features, ['livechat']);
    await assert.rejects(sdk.createGroup('After', [sdk.getJid(bob.id)]), (err: unknown) => err instanceof MessengerError && err.code === 'E_FEATURE_UNAVAILABLE');

    await c.admin('PATCH', '/v1/admin/tenants/acme', { plan: { features: ['livechat', 'groupChat'] } });
    await until(viaSdk, (f) => f.available.groupChat);
    assert.equal((await sdk.createGroup('Again', [sdk.getJid(bob.id)])).statusCode, 200);

    // `parley tenant update`, run on the same PostgreSQL and Redis, reaches the running nodes too.
    const cli = await runParley(['tenant', 'update', 'acme', '--plan', 'from-cli', '--features', 'livechat,favouriteMessage'], {
      PARLEY_DATABASE_URL: `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${c.schema}`)}`,
      PARLEY_REDIS_URL: TEST_REDIS_URL,
      PARLEY_REDIS_PREFIX: c.prefix,
      PARLEY_ADMIN_KEY: ADMIN_KEY,
    }, { fromSource: true, timeoutMs: 120_000 });
    assert.equal(cli.code, 0, cli.stderr);
    const fromCli = await until(viaSdk, (f) => f.plan === 'from-cli');
    assert.deepEqual([fromCli.plan, fromCli.features], ['from-cli', ['favouriteMessage', 'livechat']]);
  });
});

/** Asks again until the answer is `ok`, for at most 10 s (the bus is asynchronous); then the last answer. */
async function until<T>(probe: () => Promise<T>, ok: (value: T) => boolean): Promise<T> {
  const deadline = Date.now() + 10_000;
  let value = await probe();
  while (!ok(value) && Date.now() < deadline) {
    await sleep(20);
    value = await probe();
  }
  return value;
}
