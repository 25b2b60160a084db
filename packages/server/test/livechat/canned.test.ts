// Canned responses: personal ones belong to their agent, team and department ones are written by
// admins (and supervisors) and read by the agents who serve there; bad input changes nothing.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { CannedResponse } from '@parley/protocol';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';

interface Answer<T> {
  status: number;
  body: T & { error?: { code: string; path?: string } };
}

for (const backend of await testStores()) {
  describe(`canned responses: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let ann: TestUser; // serves every department
    let bob: TestUser; // serves every department
    let cleo: TestUser; // serves "support" only
    let visitor: string;

    before(async () => {
      t = await startTestServer({ store: backend.name });
      [ann, bob, cleo] = [await t.createUser('agent', 'Ann'), await t.createUser('agent', 'Bob'), await t.createUser('agent', 'Cleo')];
      for (const id of ['sales', 'support']) assert.equal((await t.admin('POST', '/v1/livechat/departments', { id, name: id })).status, 201);
      assert.equal((await t.admin('PUT', `/v1/livechat/agents/${cleo.id}`, { departments: ['support'] })).status, 200);
      const session = await fetch(`${t.url}/v1/livechat/sessions`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ domain: 'DEFAULT', nickname: 'V' }) });
      visitor = ((await session.json()) as { token: string }).token;
    });
    after(() => t.close());

    const as = async <T>(token: string, method: string, path: string, body?: unknown): Promise<Answer<T>> => {
      const res = await fetch(`${t.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      return { status: res.status, body: (text ? JSON.parse(text) : {}) as Answer<T>['body'] };
    };
    const create = (token: string, body: unknown) => as<{ cannedResponse: CannedResponse }>(token, 'POST', '/v1/canned-responses', body);
    const shortcuts = async (token: string) => {
      const res = await as<{ cannedResponses: CannedResponse[] }>(token, 'GET', '/v1/canned-responses');
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.cannedResponses.map((c) => `${c.scope}:${c.shortcut}`).sort();
    };

    it("keeps an agent's personal responses to that agent", async () => {
      const mine = await create(ann.token, { shortcut: 'hi', text: 'Hello {{visitor.name}}, I am {{agent.name}}!', scope: 'personal' });
      assert.equal(mine.status, 201, JSON.stringify(mine.body));
      assert.equal(mine.body.cannedResponse.ownerId, ann.id);
      assert.equal(mine.body.cannedResponse.text, 'Hello {{visitor.name}}, I am {{agent.name}}!', 'stored as written: the client fills the variables');
      assert.deepEqual(await shortcuts(ann.token), ['personal:hi']);
      assert.deepEqual(await shortcuts(bob.token), []);

      const id = mine.body.cannedResponse.id;
      assert.equal((await as(bob.token, 'PATCH', `/v1/canned-responses/${id}`, { text: 'Bob was here' })).body.error?.code, 'E_CANNED_NOT_FOUND');
      assert.equal((await as(bob.token, 'DELETE', `/v1/canned-responses/${id}`)).body.error?.code, 'E_CANNED_NOT_FOUND');
      assert.equal((await as(t.adminKey, 'DELETE', `/v1/canned-responses/${id}`)).body.error?.code, 'E_CANNED_NOT_FOUND', "an admin key is no person: personal responses are not its");
      const changed = await as<{ cannedResponse: CannedResponse }>(ann.token, 'PATCH', `/v1/canned-responses/${id}`, { text: 'Hello!' });
      assert.equal(changed.status, 200);
      assert.equal(changed.body.cannedResponse.text, 'Hello!');
      assert.equal(changed.body.cannedResponse.shortcut, 'hi');
    });

    it('lets admins write team and department responses, which agents read where they serve', async () => {
      assert.equal((await create(ann.token, { shortcut: 'bye', text: 'Bye', scope: 'team' })).body.error?.code, 'E_FORBIDDEN');
      assert.equal((await create(t.adminKey, { shortcut: 'bye', text: 'Goodbye!', scope: 'team' })).status, 201);
      assert.equal((await create(t.adminKey, { shortcut: 'price', text: 'Our prices…', scope: 'department', departmentId: 'sales' })).status, 201);
      assert.equal((await create(t.adminKey, { shortcut: 'reset', text: 'To reset…', scope: 'department', departmentId: 'support' })).status, 201);

      assert.deepEqual(await shortcuts(ann.token), ['department:price', 'department:reset', 'personal:hi', 'team:bye']);
      assert.deepEqual(await shortcuts(cleo.token), ['department:reset', 'team:bye'], 'only the departments Cleo serves');
      assert.deepEqual(await shortcuts(t.adminKey), ['department:price', 'department:reset', 'team:bye']);

      const team = (await as<{ cannedResponses: CannedResponse[] }>(ann.token, 'GET', '/v1/canned-responses')).body.cannedResponses.find((c) => c.shortcut === 'bye');
      assert.ok(team);
      assert.equal((await as(ann.token, 'PATCH', `/v1/canned-responses/${team.id}`, { text: 'Ann was here' })).body.error?.code, 'E_FORBIDDEN');
      assert.equal((await as(ann.token, 'DELETE', `/v1/canned-responses/${team.id}`)).body.error?.code, 'E_FORBIDDEN');
      const moved = await as<{ cannedResponse: CannedResponse }>(t.adminKey, 'PATCH', `/v1/canned-responses/${team.id}`, { scope: 'department', departmentId: 'support' });
      assert.equal(moved.status, 200, JSON.stringify(moved.body));
      assert.deepEqual([moved.body.cannedResponse.scope, moved.body.cannedResponse.departmentId], ['department', 'support']);
      assert.equal((await as(t.adminKey, 'DELETE', `/v1/canned-responses/${team.id}`)).status, 204);
      assert.deepEqual(await shortcuts(cleo.token), ['department:reset']);
    });

    it('refuses bad input with its field and stores nothing', async () => {
      const before = await shortcuts(ann.token);
      const cases: Array<[string, unknown, number, string, string]> = [
        [ann.token, { shortcut: 'Bad Shortcut', text: 'x', scope: 'personal' }, 400, 'E_VALIDATION', '/shortcut'],
        [ann.token, { shortcut: 'x'.repeat(33), text: 'x', scope: 'personal' }, 400, 'E_VALIDATION', '/shortcut'],
        [ann.token, { shortcut: 'long', text: 'x'.repeat(2001), scope: 'personal' }, 400, 'E_VALIDATION', '/text'],
        [ann.token, { shortcut: 'empty', text: '', scope: 'personal' }, 400, 'E_VALIDATION', '/text'],
        [ann.token, { shortcut: 'odd', text: 'x', scope: 'everyone' }, 400, 'E_VALIDATION', '/scope'],
        [ann.token, { shortcut: 'mine', text: 'x', scope: 'personal', departmentId: 'sales' }, 400, 'E_VALIDATION', '/departmentId'],
        [t.adminKey, { shortcut: 'dept', text: 'x', scope: 'department' }, 400, 'E_VALIDATION', '/departmentId'],
        [t.adminKey, { shortcut: 'dept', text: 'x', scope: 'department', departmentId: 'nope' }, 404, 'E_DEPARTMENT_NOT_FOUND', '/departmentId'],
        [ann.token, { shortcut: 'hi', text: 'again', scope: 'personal' }, 409, 'E_CONFLICT', '/shortcut'],
        [t.adminKey, { shortcut: 'reset', text: 'again', scope: 'department', departmentId: 'support' }, 409, 'E_CONFLICT', '/shortcut'],
      ];
      for (const [token, body, status, code, path] of cases) {
        const res = await create(token, body);
        assert.deepEqual([res.status, res.body.error?.code, res.body.error?.path], [status, code, path], JSON.stringify(body));
      }
      assert.deepEqual(await shortcuts(ann.token), before);
      // The same shortcut in another set is no conflict: personal "reset" beside the department's.
      assert.equal((await create(ann.token, { shortcut: 'reset', text: 'My reset text', scope: 'personal' })).status, 201);
    });

    it("lets a supervisor write shared responses and read every department's, but not an agent's own", async () => {
      const sam = await t.createUser('agent', 'Sam');
      await t.store.accounts.setRole(t.tenantId, sam.id, 'supervisor');
      await t.admin('PUT', `/v1/livechat/agents/${sam.id}`, { departments: ['support'] });
      const shared = await create(sam.token, { shortcut: 'hold', text: 'Please hold on.', scope: 'team' });
      assert.equal(shared.status, 201, JSON.stringify(shared.body));
      assert.ok((await shortcuts(sam.token)).includes('department:price'), 'a supervisor oversees every department');
      assert.equal((await as(sam.token, 'PATCH', `/v1/canned-responses/${shared.body.cannedResponse.id}`, { text: 'One moment please.' })).status, 200);
      const annOwn = (await as<{ cannedResponses: CannedResponse[] }>(ann.token, 'GET', '/v1/canned-responses')).body.cannedResponses.find((c) => c.scope === 'personal');
      assert.ok(annOwn);
      assert.equal((await as(sam.token, 'DELETE', `/v1/canned-responses/${annOwn.id}`)).body.error?.code, 'E_CANNED_NOT_FOUND');
      assert.equal((await as(sam.token, 'DELETE', `/v1/canned-responses/${shared.body.cannedResponse.id}`)).status, 204);
    });

    it('is for staff: visitors and anonymous callers get nothing', async () => {
      assert.equal((await as(visitor, 'GET', '/v1/canned-responses')).body.error?.code, 'E_FORBIDDEN');
      assert.equal((await create(visitor, { shortcut: 'v', text: 'x', scope: 'personal' })).body.error?.code, 'E_FORBIDDEN');
      assert.equal((await fetch(`${t.url}/v1/canned-responses`)).status, 401);
    });
  });
}
