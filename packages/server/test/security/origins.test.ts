// Suite 10: WebSocket upgrades from an Origin outside the tenant's allow-list are refused.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { tryUpgrade } from './support/upgrade.js';

describe('origins', () => {
  let t: TestServer;
  let alice: TestUser;
  let other: { token: string };
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    alice = await t.createUser('agent', 'Alice');
    const tenant = await t.admin<{ tenant: { id: string }; adminKey: string }>('POST', '/v1/admin/tenants', { domain: 'OTHERCO' });
    const user = await fetch(`${t.url}/v1/admin/users`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.body.adminKey}`, 'content-type': 'application/json' },
      body: JSON.stringify({ kind: 'agent', nickname: 'Other' }),
    }).then((r) => r.json() as Promise<{ user: { id: string } }>);
    const token = await fetch(`${t.url}/v1/admin/users/${user.user.id}/tokens`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tenant.body.adminKey}`, 'content-type': 'application/json' },
      body: '{}',
    }).then((r) => r.json() as Promise<{ token: string }>);
    other = token;
    await t.store.updateTenant(t.tenantId, { allowedOrigins: ['https://shop.example', 'http://localhost:5173'] });
    await t.store.updateTenant(tenant.body.tenant.id, { allowedOrigins: ['https://evil.example'] });
  });
  after(() => t.close());

  const upgrade = (token: string, origin: string) => tryUpgrade(t.wsUrl, ['parley.v1', `bearer.${token}`], { origin });

  it('accepts the origins on the list, exactly', async () => {
    assert.equal((await upgrade(alice.token, 'https://shop.example')).status, 101);
    assert.equal((await upgrade(alice.token, 'http://localhost:5173')).status, 101);
  });

  it('refuses look-alikes before the upgrade with 403 E_ORIGIN_FORBIDDEN', async () => {
    const lookAlikes = [
      'https://evil.example',
      'https://shop.example.evil.example',
      'https://evilshop.example',
      'http://shop.example',
      'https://shop.example:8443',
      'https://shop.example/',
      'https://SHOP.EXAMPLE.evil',
      'http://localhost:5174',
      'null',
      'file://',
      'https://shop.example\u0000.evil',
    ];
    for (const origin of lookAlikes) {
      let res;
      try {
        res = await upgrade(alice.token, origin);
      } catch {
        continue; // the client library itself refused to send this header: nothing reached the server
      }
      assert.equal(res.status, 403, origin);
      assert.equal(res.body?.error?.code, 'E_ORIGIN_FORBIDDEN', origin);
    }
  });

  it("uses the caller's own tenant list: another tenant's allowed origin does not open this one", async () => {
    assert.equal((await upgrade(alice.token, 'https://evil.example')).status, 403);
    assert.equal((await upgrade(other.token, 'https://shop.example')).status, 403);
    assert.equal((await upgrade(other.token, 'https://evil.example')).status, 101);
  });
});
