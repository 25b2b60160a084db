import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('admin API keys: list and revoke', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t.close();
  });

  const withKey = async (key: string, method: string, path: string) => {
    const res = await fetch(`${t.url}${path}`, { method, headers: { authorization: `Bearer ${key}` } });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
  };

  it('lists the keys that work by name and date, never a secret, and a revoked key stops working at once', async () => {
    const created = await t.admin<{ id: string; key: string }>('POST', '/v1/admin/api-keys', { name: 'deploy script' });
    assert.equal(created.status, 201);
    assert.equal((await withKey(created.body.key, 'GET', '/v1/admin/api-keys')).status, 200, 'the new key works');

    const listed = await t.admin<{ keys: Array<Record<string, unknown>> }>('GET', '/v1/admin/api-keys');
    assert.equal(listed.status, 200);
    const mine = listed.body.keys.find((k) => k.id === created.body.id);
    assert.ok(mine, 'the new key is listed');
    assert.deepEqual(Object.keys(mine).sort(), ['createdAt', 'id', 'name']);
    assert.equal(mine.name, 'deploy script');
    assert.ok(!JSON.stringify(listed.body).includes(created.body.key), 'no secret in the list');

    const revoked = await t.admin('DELETE', `/v1/admin/api-keys/${created.body.id}`);
    assert.equal(revoked.status, 204);
    const refused = await withKey(created.body.key, 'GET', '/v1/admin/api-keys');
    assert.equal(refused.status, 401);
    assert.equal(refused.body?.error.code, 'E_UNAUTHENTICATED');
    const after = await t.admin<{ keys: Array<{ id: string }> }>('GET', '/v1/admin/api-keys');
    assert.ok(!after.body.keys.some((k) => k.id === created.body.id), 'a revoked key is not listed');
  });

  it('revoking an unknown or already revoked key answers 404 E_API_KEY_NOT_FOUND and leaves the others working', async () => {
    const created = await t.admin<{ id: string; key: string }>('POST', '/v1/admin/api-keys', { name: 'twice' });
    assert.equal((await t.admin('DELETE', `/v1/admin/api-keys/${created.body.id}`)).status, 204);
    const again = await t.admin<{ error: { code: string } }>('DELETE', `/v1/admin/api-keys/${created.body.id}`);
    assert.equal(again.status, 404);
    assert.equal(again.body.error.code, 'E_API_KEY_NOT_FOUND');
    const unknown = await t.admin<{ error: { code: string } }>('DELETE', '/v1/admin/api-keys/no-such-key');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.error.code, 'E_API_KEY_NOT_FOUND');
    assert.equal((await t.admin('GET', '/v1/admin/api-keys')).status, 200, 'the admin key still works');
  });
});
