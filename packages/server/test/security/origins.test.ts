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

// The safe defaults and the widget's allow-list, set through the admin route as an admin would, over
// HTTP (the visitor's session, anonymous widget calls, token calls) and WebSocket alike.
describe('origins: safe defaults and the widget allow-list', () => {
  let t: TestServer;
  let agent: TestUser;
  let visitorToken: string;
  const LISTED = 'https://example.com';
  const LOOK_ALIKES = [
    'https://example.com.evil.net',
    'https://evil-example.com',
    'http://example.com',
    'https://example.com:8443',
    'https://example.com.',
    'https://example.com@evil.net',
    'https://evil.net@example.com',
    'https://EXAMPLE.com/',
    'null',
  ];

  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    agent = await t.createUser('agent', 'Agent');
    const session = await openSession(undefined);
    assert.equal(session.status, 201);
    visitorToken = ((await session.json()) as { token: string }).token;
  });
  after(() => t.close());

  const setOrigins = async (allowedOrigins: string[]) => {
    const res = await t.admin('PATCH', '/v1/admin/widget', { allowedOrigins });
    assert.equal(res.status, 200, JSON.stringify(res.body));
  };
  const withOrigin = (origin: string | undefined): Record<string, string> => (origin === undefined ? {} : { origin });
  function openSession(origin: string | undefined): Promise<Response> {
    return fetch(`${t.url}/v1/livechat/sessions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...withOrigin(origin) },
      body: JSON.stringify({ domain: 'DEFAULT', nickname: 'Visitor' }),
    });
  }
  /** Every way a page reaches the tenant, each answered with its status (101 for an opened socket). */
  const reach = async (origin: string | undefined): Promise<Record<string, number>> => {
    const get = (path: string, token?: string) => fetch(`${t.url}${path}`, { headers: { ...withOrigin(origin), ...(token ? { authorization: `Bearer ${token}` } : {}) } });
    const ws = (token: string) => tryUpgrade(t.wsUrl, ['parley.v1', `bearer.${token}`], origin === undefined ? {} : { origin });
    return {
      session: (await openSession(origin)).status,
      widget: (await get('/v1/livechat/widget?domain=DEFAULT')).status,
      availability: (await get('/v1/livechat/availability?domain=DEFAULT')).status,
      visitorChats: (await get('/v1/livechat/chats', visitorToken)).status,
      agentMe: (await get('/v1/me', agent.token)).status,
      visitorSocket: (await ws(visitorToken)).status,
      agentSocket: (await ws(agent.token)).status,
    };
  };
  const all = (session: number, rest: number, ws: number) => ({
    session,
    widget: rest,
    availability: rest,
    visitorChats: rest,
    agentMe: rest,
    visitorSocket: ws,
    agentSocket: ws,
  });

  it('with no list: calls without an Origin (servers, the Node SDK) and from the server\'s own origin pass, other sites are refused', async () => {
    await setOrigins([]);
    assert.deepEqual(await reach(undefined), all(201, 200, 101));
    assert.deepEqual(await reach(t.url), all(201, 200, 101));
    assert.deepEqual(await reach(LISTED), all(403, 403, 403));
    const refused = (await (await openSession(LISTED)).json()) as { error: { code: string; message: string } };
    assert.equal(refused.error.code, 'E_ORIGIN_FORBIDDEN');
    assert.match(refused.error.message, /allowed origins/);
  });

  it('with a listed origin: that origin passes, in any case and with its default port; every look-alike is refused over HTTP and WebSocket', async () => {
    await setOrigins([LISTED]);
    assert.deepEqual(await reach(LISTED), all(201, 200, 101));
    assert.deepEqual(await reach('https://EXAMPLE.COM:443'), all(201, 200, 101));
    for (const origin of LOOK_ALIKES) assert.deepEqual(await reach(origin), all(403, 403, 403), origin);
    assert.deepEqual(await reach(t.url), all(201, 200, 101), 'the own origin stays allowed');
  });

  it('takes a change at once: a removed origin is refused from the next call', async () => {
    await setOrigins(['https://other.example']);
    assert.deepEqual(await reach(LISTED), all(403, 403, 403));
    assert.deepEqual(await reach('https://other.example'), all(201, 200, 101));
  });

  it('lets any origin in when the list holds * (the development escape)', async () => {
    await setOrigins(['*']);
    assert.deepEqual(await reach('https://anything.example'), all(201, 200, 101));
    assert.deepEqual(await reach('null'), all(201, 200, 101));
    await setOrigins([]);
    assert.deepEqual(await reach('https://anything.example'), all(403, 403, 403));
  });
});
