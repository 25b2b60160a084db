// Suite 8 (REST): every route, called by every attacker, against the victims' data. Refused, and
// not one byte of the victims' secrets in any answer; the victims' state unchanged afterwards.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { errorCode, looksLikeStackTrace, send, type RawReply } from './support/http.js';
import { listRoutes } from './support/routes.js';
import { ROUTE_TABLE, type RouteSpec } from './support/route-table.js';
import { PERSONAS, buildWorld, type Persona, type World } from './support/world.js';

/** Codes that show the probe never reached the access check (a bad probe, not a refusal). */
const NOT_AN_ACCESS_ANSWER = new Set(['E_VALIDATION', 'E_BAD_JSON', 'E_UNSUPPORTED_MEDIA_TYPE', 'E_NOT_FOUND']);

function expectation(spec: RouteSpec, persona: Persona): 'refused' | 'own' | 'trusted' {
  if (spec.trusted?.[persona] !== undefined) return 'trusted';
  if (spec.allow?.[persona] !== undefined) return 'own';
  switch (spec.scope) {
    case 'public':
      return 'own';
    case 'self':
      return persona === 'anonymous' ? 'refused' : 'own';
    case 'admin':
      // Another tenant's admin key or owner administers that tenant only.
      return persona === 'otherTenantAdmin' || persona === 'otherTenantOwner' ? 'own' : 'refused';
    case 'victim':
      return 'refused';
  }
}

/** What the victims can see of their own data, to compare before and after the attacks. */
async function victimState(w: World): Promise<unknown> {
  const get = async (path: string, token: string, headers: Record<string, string> = {}) => {
    const r = await send(w.t.url, { method: 'GET', path, headers: { authorization: `Bearer ${token}`, ...headers } });
    return { status: r.status, body: r.json };
  };
  // What moves by itself is left out: presence, and a webhook endpoint's delivery health (its attempts go on).
  const strip = (value: unknown): unknown => JSON.parse(JSON.stringify(value, (k, v: unknown) => (k === 'lastActivityAt' || k === 'isOnline' || k === 'health' ? undefined : v)));
  return strip({
    group: await get(`/v1/groups/${w.group.id}`, w.alice.token),
    groupHistory: await get(`/v1/chats/${w.group.id}/messages?limit=100`, w.alice.token),
    directHistory: await get(`/v1/chats/${w.direct.id}/messages?limit=100`, w.bob.token),
    members: await get(`/v1/chats/${w.group.id}/members`, w.alice.token),
    bobStillSignedIn: (await get('/v1/me', w.bob.token)).status,
    webhook: await get(`/v1/admin/webhooks/${w.webhook.id}`, w.t.adminKey),
    department: await get('/v1/livechat/departments', w.t.adminKey),
    customer: await get(`/api/v2/chats/${w.customer.id}/messages?index=0`, '', { ContactCenterId: w.tenantA.ccid, SecureKey: w.customer.secureKey }),
    tenants: await get(`/v1/admin/users/${w.bob.id}`, w.t.adminKey),
    canned: await get('/v1/canned-responses', w.alice.token),
    widget: await get('/v1/admin/widget', w.t.adminKey),
    accounts: await get('/v1/admin/accounts', w.t.adminKey),
    invitations: await get('/v1/admin/invitations', w.t.adminKey),
  });
}

describe('access matrix: every REST route × every attacker', () => {
  let t: TestServer;
  let w: World;
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000 } });
    w = await buildWorld(t);
  });
  after(() => t.close());

  it('classifies every route the server serves, and only those', () => {
    const served = listRoutes(t.server.app);
    assert.ok(served.length > 50, `found ${served.length} routes`);
    const missing = served.filter((r) => ROUTE_TABLE[r] === undefined);
    const stale = Object.keys(ROUTE_TABLE).filter((r) => !served.includes(r as (typeof served)[number]));
    assert.deepEqual(missing, [], 'routes without an entry in test/security/support/route-table.ts: say who may call them there');
    assert.deepEqual(stale, [], 'entries of route-table.ts for routes that no longer exist');
  });

  it('refuses every attacker, leaks nothing, changes nothing', async () => {
    const before = await victimState(w);
    const problems: string[] = [];
    let calls = 0;
    for (const [route, spec] of Object.entries(ROUTE_TABLE)) {
      const method = route.split(' ')[0] as string;
      if (route === 'GET /v1/ws') continue;
      // The attackers of one route go at once; routes go one after the other.
      await Promise.all(
        PERSONAS.map(async (persona) => {
          const probe = spec.probe(w, persona);
          const credential = w.credentials[persona];
          const reply: RawReply = await send(t.url, {
            method,
            path: probe.path,
            headers: { ...(credential ? { authorization: `Bearer ${credential}` } : {}), ...(probe.headers ?? {}) },
            body: probe.body,
            raw: probe.raw,
          });
          calls++;
          const where = `${route} as ${persona} → ${reply.status} ${errorCode(reply) ?? ''}`;
          const expected = expectation(spec, persona);
          if (expected !== 'trusted' && reply.text.includes(w.marker)) problems.push(`${where}: LEAKED the victims' data: ${reply.text.slice(0, 300)}`);
          if (reply.status >= 500) problems.push(`${where}: server error ${reply.text.slice(0, 200)}`);
          if (looksLikeStackTrace(reply.text)) problems.push(`${where}: a stack trace in the answer`);
          if (expected === 'refused') {
            if (reply.status < 400) problems.push(`${where}: NOT REFUSED: ${reply.text.slice(0, 300)}`);
            else if (NOT_AN_ACCESS_ANSWER.has(errorCode(reply) ?? '')) problems.push(`${where}: the probe did not reach the access check (${reply.text.slice(0, 200)}); fix its probe in route-table.ts`);
          }
        }),
      );
    }
    assert.deepEqual(problems, [], `${problems.length} problems in ${calls} calls`);
    assert.deepEqual(await victimState(w), before, "the victims' data is as it was");
  });
});
