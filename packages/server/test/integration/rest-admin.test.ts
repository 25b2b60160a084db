import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';

describe('admin REST API', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(async () => {
    await t.close();
  });

  const call = async (method: string, path: string, opts: { auth?: string; body?: string; type?: string } = {}) => {
    const res = await fetch(`${t.url}${path}`, {
      method,
      headers: {
        ...(opts.auth ? { authorization: `Bearer ${opts.auth}` } : {}),
        ...(opts.body !== undefined ? { 'content-type': opts.type ?? 'application/json' } : {}),
      },
      body: opts.body,
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as Record<string, any>) : null };
  };

  it('creates a user and issues a token that opens /v1/me', async () => {
    const created = await t.admin<{ user: { id: string; kind: string; nickname: string } }>('POST', '/v1/admin/users', {
      kind: 'agent',
      nickname: 'Gabriele Verde',
      id: 'USER_gverde1@acd.enghouse.com',
    });
    assert.equal(created.status, 201);
    assert.equal(created.body.user.id, 'USER_gverde1@acd.enghouse.com');
    const token = await t.admin<{ token: string; expiresAt: number }>('POST', `/v1/admin/users/${encodeURIComponent(created.body.user.id)}/tokens`, {});
    assert.equal(token.status, 201);
    assert.ok(token.body.expiresAt > Date.now());
    const me = await call('GET', '/v1/me', { auth: token.body.token });
    assert.equal(me.status, 200);
    assert.equal(me.body?.user.nickname, 'Gabriele Verde');
    assert.equal(me.body?.jid, 'USER_gverde1@acd.enghouse.com@DEFAULT');
  });

  it('generates visitor-style ids when none is given', async () => {
    const created = await t.admin<{ user: { id: string } }>('POST', '/v1/admin/users', { kind: 'customer', nickname: 'Chris' });
    assert.match(created.body.user.id, /^USER_DEFAULT_[0-9a-f-]{36}$/);
  });

  it('refuses a duplicate user id with E_CONFLICT and keeps the first', async () => {
    await t.admin('POST', '/v1/admin/users', { kind: 'member', nickname: 'first', id: 'dup-user' });
    const again = await t.admin<{ error: { code: string } }>('POST', '/v1/admin/users', { kind: 'member', nickname: 'second', id: 'dup-user' });
    assert.equal(again.status, 409);
    assert.equal(again.body.error.code, 'E_CONFLICT');
    const user = await t.admin<{ user: { nickname: string } }>('GET', '/v1/admin/users/dup-user');
    assert.equal(user.body.user.nickname, 'first');
  });

  describe('bad input', () => {
    it('no credentials → 401 E_UNAUTHENTICATED', async () => {
      const res = await call('POST', '/v1/admin/users', { body: JSON.stringify({ kind: 'agent', nickname: 'x' }) });
      assert.equal(res.status, 401);
      assert.equal(res.body?.error.code, 'E_UNAUTHENTICATED');
    });
    it('unknown API key → 401', async () => {
      const res = await call('GET', '/v1/admin/users/dup-user', { auth: 'pk_not_a_real_key' });
      assert.equal(res.status, 401);
      assert.equal(res.body?.error.code, 'E_UNAUTHENTICATED');
    });
    it('a user token on an admin route → 403 E_FORBIDDEN', async () => {
      const user = await t.createUser('member');
      const res = await call('POST', '/v1/admin/users', { auth: user.token, body: JSON.stringify({ kind: 'agent', nickname: 'x' }) });
      assert.equal(res.status, 403);
      assert.equal(res.body?.error.code, 'E_FORBIDDEN');
    });
    it('malformed JSON → 400 E_BAD_JSON', async () => {
      const res = await call('POST', '/v1/admin/users', { auth: t.adminKey, body: '{"kind": "agent",' });
      assert.equal(res.status, 400);
      assert.equal(res.body?.error.code, 'E_BAD_JSON');
    });
    it('wrong types → 400 E_VALIDATION naming the field', async () => {
      const res = await call('POST', '/v1/admin/users', { auth: t.adminKey, body: JSON.stringify({ kind: 'wizard', nickname: 'x' }) });
      assert.equal(res.status, 400);
      assert.equal(res.body?.error.code, 'E_VALIDATION');
      assert.equal(res.body?.error.path, '/kind');
    });
    it('unknown fields → 400 E_VALIDATION', async () => {
      const res = await call('POST', '/v1/admin/users', { auth: t.adminKey, body: JSON.stringify({ kind: 'agent', nickname: 'x', isAdmin: true }) });
      assert.equal(res.status, 400);
      assert.equal(res.body?.error.path, '/isAdmin');
    });
    it('missing body → 400', async () => {
      const res = await call('POST', '/v1/admin/users', { auth: t.adminKey });
      assert.equal(res.status, 400);
      assert.equal(res.body?.error.code, 'E_VALIDATION');
    });
    it('oversize body → 413 E_PAYLOAD_TOO_LARGE', async () => {
      const res = await call('POST', '/v1/admin/users', {
        auth: t.adminKey,
        body: JSON.stringify({ kind: 'agent', nickname: 'x'.repeat(2 * 1024 * 1024) }),
      });
      assert.equal(res.status, 413);
      assert.equal(res.body?.error.code, 'E_PAYLOAD_TOO_LARGE');
    });
    it('unsupported content type → 415', async () => {
      const res = await call('POST', '/v1/admin/users', { auth: t.adminKey, body: 'kind=agent', type: 'text/plain' });
      assert.equal(res.status, 415);
      assert.equal(res.body?.error.code, 'E_UNSUPPORTED_MEDIA_TYPE');
    });
    it('unknown user → 404 E_USER_NOT_FOUND', async () => {
      const res = await t.admin<{ error: { code: string } }>('POST', '/v1/admin/users/nobody/tokens', {});
      assert.equal(res.status, 404);
      assert.equal(res.body.error.code, 'E_USER_NOT_FOUND');
    });
    it('unknown route → 404 E_NOT_FOUND', async () => {
      const res = await call('GET', '/v1/nothing-here');
      assert.equal(res.status, 404);
      assert.equal(res.body?.error.code, 'E_NOT_FOUND');
    });
    it('forged and expired tokens → 401 with their codes', async () => {
      const user = await t.createUser('member');
      const [h, p] = user.token.split('.');
      const forged = await call('GET', '/v1/me', { auth: `${h}.${p}.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA` });
      assert.equal(forged.status, 401);
      assert.equal(forged.body?.error.code, 'E_TOKEN_INVALID');
      const none = `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${p}.`;
      const algNone = await call('GET', '/v1/me', { auth: none });
      assert.equal(algNone.status, 401);
      const issued = await t.admin<{ token: string }>('POST', `/v1/admin/users/${user.id}/tokens`, { ttlSeconds: 10 });
      const claims = JSON.parse(Buffer.from(issued.body.token.split('.')[1] as string, 'base64url').toString()) as { exp: number };
      assert.ok(claims.exp - Date.now() / 1000 <= 11);
    });
    it('a revoked user token stops working', async () => {
      const user = await t.createUser('member');
      assert.equal((await call('GET', '/v1/me', { auth: user.token })).status, 200);
      const revoked = await t.admin('POST', `/v1/admin/users/${user.id}/revoke`);
      assert.equal(revoked.status, 204);
      const after = await call('GET', '/v1/me', { auth: user.token });
      assert.equal(after.status, 401);
      assert.equal(after.body?.error.code, 'E_TOKEN_INVALID');
    });
  });

  describe('tenants', () => {
    it('the DEFAULT admin creates a tenant whose data stays its own', async () => {
      const created = await t.admin<{ tenant: { id: string }; adminKey: string }>('POST', '/v1/admin/tenants', { domain: 'acme' });
      assert.equal(created.status, 201);
      const acmeKey = created.body.adminKey;
      const acmeUser = await call('POST', '/v1/admin/users', { auth: acmeKey, body: JSON.stringify({ kind: 'member', nickname: 'a', id: 'dup-user' }) });
      // Same id as a DEFAULT user: ids are per tenant.
      assert.equal(acmeUser.status, 201);
      const viaAcme = await call('GET', '/v1/admin/users/dup-user', { auth: acmeKey });
      assert.equal(viaAcme.body?.user.nickname, 'a');
      assert.equal(viaAcme.body?.user.tenantId, 'acme');
      const acmeMakesTenant = await call('POST', '/v1/admin/tenants', { auth: acmeKey, body: JSON.stringify({ domain: 'evil' }) });
      assert.equal(acmeMakesTenant.status, 403);
    });
    it('refuses a duplicate tenant domain', async () => {
      const again = await t.admin<{ error: { code: string } }>('POST', '/v1/admin/tenants', { domain: 'DEFAULT' });
      assert.equal(again.status, 409);
      assert.equal(again.body.error.code, 'E_CONFLICT');
    });
  });

  it('answers /healthz and /readyz', async () => {
    assert.equal((await call('GET', '/healthz')).status, 200);
    const ready = await call('GET', '/readyz');
    assert.equal(ready.status, 200);
    assert.equal(ready.body?.store, 'sqlite');
  });
});
