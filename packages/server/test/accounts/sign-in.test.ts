// Sign-in over real HTTP against a real node: login, the refresh cookie and its rotation, reuse
// detection, logout here and everywhere, sessions, password change, the set-up link, roles. Passwords
// are hashed at their real cost, so each test keeps its number of logins small.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

const OWNER = { email: 'Owner@Example.test', password: 'plum-orbit-seventeen' };

interface Answer<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
  cookie?: string;
  setCookie: string[];
}

async function call<T = Record<string, unknown>>(
  url: string,
  method: string,
  path: string,
  opts: { body?: unknown; token?: string; cookie?: string; headers?: Record<string, string> } = {},
): Promise<Answer<T>> {
  const headers: Record<string, string> = { ...opts.headers };
  if (opts.body !== undefined) headers['content-type'] = 'application/json';
  if (opts.token !== undefined) headers.authorization = `Bearer ${opts.token}`;
  if (opts.cookie !== undefined) headers.cookie = `parley_refresh=${opts.cookie}`;
  const res = await fetch(`${url}${path}`, { method, headers, body: opts.body === undefined ? undefined : JSON.stringify(opts.body) });
  const text = await res.text();
  const setCookie = res.headers.getSetCookie();
  const refresh = setCookie.find((c) => c.startsWith('parley_refresh='));
  const value = refresh?.slice('parley_refresh='.length).split(';')[0];
  return { status: res.status, body: (text ? JSON.parse(text) : null) as T, headers: res.headers, setCookie, ...(value ? { cookie: value } : {}) };
}

interface SignedInBody {
  accessToken: string;
  expiresAt: number;
  user: { id: string; kind: string };
  account: { email: string; role: string };
  refreshToken?: string;
}

describe('sign-in', () => {
  let t: TestServer;
  const post = <T = Record<string, unknown>>(path: string, opts: Parameters<typeof call>[3] = {}) => call<T>(t.url, 'POST', path, opts);
  const get = <T = Record<string, unknown>>(path: string, opts: Parameters<typeof call>[3] = {}) => call<T>(t.url, 'GET', path, opts);
  const login = (session?: 'cookie' | 'token', password = OWNER.password) =>
    post<SignedInBody>('/v1/auth/login', { body: { email: ` ${OWNER.email.toUpperCase()} `, password, ...(session ? { session } : {}) }, headers: { 'user-agent': `test-${session ?? 'cookie'}` } });

  before(async () => {
    t = await startTestServer({ config: { owner: OWNER } });
  });
  after(() => t.close());

  it('creates the owner from the environment, once, with a lower-cased email', async () => {
    assert.equal(t.server.bootstrap.ownerCreated, true);
    const owner = await t.store.accounts.findOwner(t.tenantId);
    assert.equal(owner?.role, 'owner');
    assert.equal(owner?.kind, 'agent');
    assert.deepEqual((await t.store.accounts.listAccounts(t.tenantId)).map((a) => a.email), ['owner@example.test']);
    assert.equal(await t.server.services.accounts.setup.ensureOwner(t.server.bootstrap.tenant, OWNER), false, 'a second start changes nothing');
    assert.deepEqual(await get('/v1/auth/setup').then((r) => r.body), { needed: false });
  });

  it('signs in with a refresh cookie by default, and the access token works', async () => {
    const res = await login();
    assert.equal(res.status, 200);
    assert.equal(res.body.account.email, 'owner@example.test');
    assert.equal(res.body.account.role, 'owner');
    assert.equal(res.body.refreshToken, undefined, 'the cookie carries it');
    const cookie = res.setCookie.find((c) => c.startsWith('parley_refresh='))!;
    assert.match(cookie, /; HttpOnly/);
    assert.match(cookie, /; SameSite=Strict/);
    assert.match(cookie, /; Path=\/v1\/auth/);
    assert.match(cookie, /; Max-Age=(\d+)/);
    assert.ok(Number(/Max-Age=(\d+)/.exec(cookie)![1]) > 29 * 86_400, 'the session lives 30 days');
    assert.doesNotMatch(cookie, /Secure/, 'plain http');
    const me = await get<{ user: { id: string }; account: { role: string } }>('/v1/auth/me', { token: res.body.accessToken });
    assert.equal(me.status, 200);
    assert.equal(me.body.user.id, res.body.user.id);
    assert.equal(me.body.account.role, 'owner');
    const behindProxy = await post('/v1/auth/refresh', { cookie: res.cookie!, headers: { 'x-forwarded-proto': 'https' } });
    assert.doesNotMatch(behindProxy.setCookie.join(), /Secure/, 'X-Forwarded-Proto counts only from a trusted proxy');
  });

  it('answers unknown email, wrong password and a deactivated account alike', async () => {
    const wrong = await login('token', 'not-the-password-1');
    const unknown = await post('/v1/auth/login', { body: { email: 'nobody@example.test', password: OWNER.password } });
    const agent = await t.createUser('agent');
    await t.store.accounts.createAccount(
      { tenantId: t.tenantId, id: `${agent.id}-staff`, kind: 'agent', role: 'agent', nickname: 'Gone', profile: {}, tokenVersion: 0, disabledAt: 1, createdAt: 1 },
      { tenantId: t.tenantId, userId: `${agent.id}-staff`, email: 'gone@example.test', passwordHash: null, totpSecret: null, createdAt: 1, passwordChangedAt: null, lastLoginAt: null },
    );
    const deactivated = await post('/v1/auth/login', { body: { email: 'gone@example.test', password: OWNER.password } });
    for (const res of [wrong, unknown, deactivated]) {
      assert.equal(res.status, 401);
      assert.deepEqual(res.body, { error: { code: 'E_LOGIN_FAILED', message: 'Email or password is incorrect' } });
      assert.deepEqual(res.setCookie, []);
    }
    const audit = await t.store.accounts.listAudit(t.tenantId, { limit: 20 });
    assert.ok(audit.some((e) => e.action === 'auth.login_failed'));
    assert.ok(audit.every((e) => !JSON.stringify(e).includes(OWNER.password)), 'no password in the audit log');
  });

  it('holds back an account after 5 failures with 429 and Retry-After, leaving others alone', async () => {
    const email = 'locked@example.test';
    for (let i = 0; i < 5; i++) {
      const res = await post('/v1/auth/login', { body: { email, password: `wrong-password-${i}` } });
      assert.equal(res.status, 401);
    }
    const held = await post('/v1/auth/login', { body: { email, password: 'wrong-password-5' } });
    assert.equal(held.status, 429);
    assert.equal((held.body as { error: { code: string } }).error.code, 'E_RATE_LIMITED');
    const retryAfter = Number(held.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 30, `Retry-After ${retryAfter}`);
    assert.equal((await login('token')).status, 200, 'another account signs in');
  });

  it('rotates the refresh token, honours the previous one briefly, and revokes the session on reuse', async () => {
    const first = await login('token');
    const r1 = first.body.refreshToken!;
    assert.match(r1, /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    assert.deepEqual(first.setCookie, [], 'no cookie in token mode');
    const second = await post<SignedInBody>('/v1/auth/refresh', { body: { refreshToken: r1 } });
    assert.equal(second.status, 200);
    const r2 = second.body.refreshToken!;
    assert.notEqual(r2, r1);
    assert.equal(r2.split('.')[0], r1.split('.')[0], 'the same session');
    const me = await get('/v1/auth/me', { token: second.body.accessToken });
    assert.equal(me.status, 200);
    const grace = await post<SignedInBody>('/v1/auth/refresh', { body: { refreshToken: r1 } });
    assert.equal(grace.status, 200, 'the previous secret within 30 s: a second tab');
    assert.equal(grace.body.refreshToken, undefined, 'no rotation');
    const third = await post<SignedInBody>('/v1/auth/refresh', { body: { refreshToken: r2 } });
    const r3 = third.body.refreshToken!;
    const reuse = await post('/v1/auth/refresh', { body: { refreshToken: r1 } });
    assert.equal(reuse.status, 401);
    assert.equal((reuse.body as { error: { code: string } }).error.code, 'E_SESSION_REVOKED');
    const after = await post('/v1/auth/refresh', { body: { refreshToken: r3 } });
    assert.equal(after.status, 401, 'the whole session is gone');
    const audit = await t.store.accounts.listAudit(t.tenantId, { limit: 50 });
    assert.ok(audit.some((e) => e.action === 'auth.refresh_reuse'));
  });

  it('refreshes by cookie: two tabs at once both get an access token', async () => {
    const res = await login();
    const [a, b] = await Promise.all([post<SignedInBody>('/v1/auth/refresh', { cookie: res.cookie! }), post<SignedInBody>('/v1/auth/refresh', { cookie: res.cookie! })]);
    assert.deepEqual([a.status, b.status], [200, 200]);
    const rotated = [a, b].filter((r) => r.cookie !== undefined);
    assert.equal(rotated.length, 1, 'one of them rotated the cookie');
    assert.notEqual(rotated[0]!.cookie, res.cookie);
    assert.equal(a.body.refreshToken, undefined);
    const none = await post('/v1/auth/refresh');
    assert.equal(none.status, 401);
    const junk = await post('/v1/auth/refresh', { cookie: 'junk' });
    assert.equal(junk.status, 401);
    assert.match(junk.setCookie.join(), /parley_refresh=;/, 'a dead cookie is cleared');
  });

  it('logs out one session, lists and revokes sessions', async () => {
    const here = await login();
    const there = await login('token');
    const list = await get<{ sessions: { id: string; current: boolean; userAgent: string }[] }>('/v1/auth/sessions', { token: here.body.accessToken, cookie: here.cookie! });
    assert.equal(list.status, 200);
    const mine = list.body.sessions.find((s) => s.current);
    assert.equal(mine?.id, here.cookie!.split('.')[0]);
    assert.equal(mine?.userAgent, 'test-cookie');
    const otherId = there.body.refreshToken!.split('.')[0]!;
    assert.ok(list.body.sessions.some((s) => s.id === otherId && !s.current));
    assert.equal((await call(t.url, 'DELETE', `/v1/auth/sessions/${otherId}`, { token: here.body.accessToken })).status, 204);
    assert.equal((await call(t.url, 'DELETE', `/v1/auth/sessions/${otherId}`, { token: here.body.accessToken })).status, 404);
    assert.equal((await post('/v1/auth/refresh', { body: { refreshToken: there.body.refreshToken } })).status, 401);
    const out = await post('/v1/auth/logout', { cookie: here.cookie! });
    assert.equal(out.status, 204);
    assert.match(out.setCookie.join(), /parley_refresh=;/);
    assert.equal((await post('/v1/auth/refresh', { cookie: here.cookie! })).status, 401);
  });

  it('logout-all ends every session, every access token and every socket of the user', async () => {
    const a = await login('token');
    const b = await login('token');
    const socket = await RawClient.connect(t.wsUrl, b.body.accessToken);
    assert.equal((await socket.request('ping')).ok, true, 'a signed-in person connects with their access token');
    assert.equal((await post('/v1/auth/logout-all', { token: a.body.accessToken })).status, 204);
    await socket.waitFor(() => socket.closed !== null, 'the socket to close');
    assert.equal(socket.closed?.code, 4401);
    for (const token of [a.body.accessToken, b.body.accessToken]) {
      const me = await get('/v1/auth/me', { token });
      assert.equal(me.status, 401);
      assert.equal((me.body as { error: { code: string } }).error.code, 'E_TOKEN_INVALID');
    }
    assert.equal((await post('/v1/auth/refresh', { body: { refreshToken: b.body.refreshToken } })).status, 401);
  });

  it('changes the password: checks the current one and the policy, ends the other sessions', async () => {
    const here = await login();
    const other = await login('token');
    const token = here.body.accessToken;
    const wrong = await post('/v1/auth/password', { token, body: { currentPassword: 'not-it-at-all', newPassword: 'violet-tram-ninety-4' } });
    assert.equal(wrong.status, 400);
    assert.equal((wrong.body as { error: { path: string } }).error.path, '/currentPassword');
    const weak = await post('/v1/auth/password', { token, body: { currentPassword: OWNER.password, newPassword: 'password12' } });
    assert.equal((weak.body as { error: { code: string; path: string } }).error.path, '/newPassword');
    const ok = await post('/v1/auth/password', { token, cookie: here.cookie!, body: { currentPassword: OWNER.password, newPassword: 'violet-tram-ninety-4' } });
    assert.equal(ok.status, 204);
    assert.equal((await post('/v1/auth/refresh', { body: { refreshToken: other.body.refreshToken } })).status, 401, 'other sessions ended');
    assert.equal((await post('/v1/auth/refresh', { cookie: here.cookie! })).status, 200, 'this one stays');
    // Back to the known password for the other tests (one more hash pair).
    assert.equal((await post('/v1/auth/password', { token, body: { currentPassword: 'violet-tram-ninety-4', newPassword: OWNER.password } })).status, 204);
  });

  it('lets an admin account use the admin routes, and not a supervisor', async () => {
    const staff = await t.createUser('agent');
    await t.store.accounts.setRole(t.tenantId, staff.id, 'admin');
    assert.equal((await get('/v1/admin/webhooks', { token: staff.token })).status, 200, 'the admin key’s routes take an admin’s token');
    const owner = (await t.store.accounts.findOwner(t.tenantId))!;
    const borrow = await post(`/v1/admin/users/${owner.id}/tokens`, { token: staff.token, body: {} });
    assert.equal(borrow.status, 403, 'an admin cannot mint a token for the owner');
    assert.equal((await post(`/v1/admin/users/${owner.id}/revoke`, { token: staff.token })).status, 403);
    assert.equal((await t.admin('POST', `/v1/admin/users/${staff.id}/tokens`, {})).status, 201, 'the operator’s key still mints tokens');
    await t.store.accounts.setRole(t.tenantId, staff.id, 'supervisor');
    const refused = await get('/v1/admin/webhooks', { token: staff.token });
    assert.equal(refused.status, 403);
    await t.store.accounts.setRole(t.tenantId, staff.id, null);
    assert.equal((await get('/v1/admin/webhooks', { token: staff.token })).status, 403);
    assert.equal((await get('/v1/auth/me', { token: staff.token })).status, 404, 'a token-minted agent has no account');
  });
});

describe('first-run set-up', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('creates the owner through a one-time link, once', async () => {
    assert.deepEqual((await call(t.url, 'GET', '/v1/auth/setup')).body, { needed: true });
    const link = await t.server.services.accounts.setup.issueSetupLink(t.server.bootstrap.tenant, t.server.services.accounts.publicUrl());
    assert.ok(link !== null);
    assert.ok(link.startsWith(`${t.url}/console/#/setup?token=`), link);
    const token = new URL(link.replace('#/setup', 'setup')).searchParams.get('token')!;
    const form = { email: 'first@example.test', password: 'maple-quartz-engine', name: 'First Owner' };
    const wrong = await call(t.url, 'POST', '/v1/auth/setup', { body: { ...form, token: 'x'.repeat(43) } });
    assert.equal(wrong.status, 400);
    assert.equal((wrong.body as { error: { code: string } }).error.code, 'E_LINK_INVALID');
    const weak = await call(t.url, 'POST', '/v1/auth/setup', { body: { ...form, password: 'qwertyuiop', token } });
    assert.equal((weak.body as { error: { code: string } }).error.code, 'E_VALIDATION', 'refused before the link is used');
    const done = await call<SignedInBody>(t.url, 'POST', '/v1/auth/setup', { body: { ...form, token } });
    assert.equal(done.status, 201);
    assert.equal(done.body.account.role, 'owner');
    assert.ok(done.cookie, 'signed in with a cookie');
    assert.equal((await call(t.url, 'POST', '/v1/auth/setup', { body: { ...form, email: 'second@example.test', token } })).status, 409);
    assert.deepEqual((await call(t.url, 'GET', '/v1/auth/setup')).body, { needed: false });
    assert.equal(await t.server.services.accounts.setup.issueSetupLink(t.server.bootstrap.tenant, t.url), null, 'no link once there is an owner');
    const audit = await t.store.accounts.listAudit(t.tenantId, { limit: 10 });
    assert.ok(audit.some((e) => e.action === 'setup.owner_created'));
    assert.ok(audit.every((e) => !JSON.stringify(e).includes(token)), 'no link secret in the audit log');
  });
});
