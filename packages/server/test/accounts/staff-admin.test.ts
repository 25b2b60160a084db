// The accounts admin over real HTTP and WebSocket against a real node: the list, role rules (admins
// cannot touch owners, nobody deactivates themselves, a tenant keeps an owner), changes checked before
// anything is written, and deactivation: the token is refused at once, the socket closes with 4401, the
// agent's open live chat goes back to the queue. Passwords are hashed at their real cost.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { CLOSE_CODES } from '@parley/protocol';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { testStores } from '../helpers/stores.js';
import { RawClient } from '../helpers/ws-client.js';
import { chatState, eventually, livechatConfig, openChat, visitorSession } from '../livechat/helpers.js';
import { call, inviteAndAccept, type AccountBody, type Answer, type ErrorBody, type SignedInBody } from './staff-support.js';

const OWNER = { email: 'owner@staff.test', password: 'plum-orbit-seventeen' };

for (const backend of await testStores()) {
  describe(`accounts admin: ${backend.name}`, { skip: backend.skip ?? false }, () => {
    let t: TestServer;
    let owner: string;
    let ownerId: string;
    let admin: Answer<SignedInBody>;
    let agent: Answer<SignedInBody>;

    const accounts = async (token: string): Promise<AccountBody[]> => {
      const res = await call<{ accounts: AccountBody[] }>(t, 'GET', '/v1/admin/accounts', { token });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      return res.body.accounts;
    };

    before(async () => {
      t = await startTestServer({ store: backend.name, config: { owner: OWNER, livechat: livechatConfig() } });
      const login = await call<SignedInBody>(t, 'POST', '/v1/auth/login', { body: OWNER });
      owner = login.body.accessToken;
      ownerId = login.body.user.id;
      admin = await inviteAndAccept(t, owner, { email: 'ada@staff.test', role: 'admin', name: 'Ada' }, 'copper-willow-73');
      agent = await inviteAndAccept(t, t.adminKey, { email: 'abe@staff.test', role: 'agent', name: 'Abe' }, 'silver-thistle-28');
    });
    after(() => t.close());

    it('lists the staff with role, status and settings, to owners, admins and admin keys only', async () => {
      const list = await accounts(admin.body.accessToken);
      assert.deepEqual(list.map((a) => [a.email, a.role, a.status]).sort(), [
        ['abe@staff.test', 'agent', 'active'],
        ['ada@staff.test', 'admin', 'active'],
        ['owner@staff.test', 'owner', 'active'],
      ]);
      assert.deepEqual((await accounts(t.adminKey)).length, 3);
      const refused = await call<ErrorBody>(t, 'GET', '/v1/admin/accounts', { token: agent.body.accessToken });
      assert.deepEqual([refused.status, refused.body.error.code], [403, 'E_FORBIDDEN']);
      assert.equal((await call(t, 'GET', '/v1/admin/audit', { token: agent.body.accessToken })).status, 403);
      assert.equal((await call(t, 'POST', '/v1/admin/invitations', { token: agent.body.accessToken, body: { email: 'z@staff.test', role: 'agent' } })).status, 403);
    });

    it('only owners make or touch owners; nobody deactivates themselves; the tenant keeps an owner', async () => {
      const a = admin.body.accessToken;
      const inviteOwner = await call<ErrorBody>(t, 'POST', '/v1/admin/invitations', { token: a, body: { email: 'o2@staff.test', role: 'owner' } });
      assert.deepEqual([inviteOwner.status, inviteOwner.body.error.code], [403, 'E_FORBIDDEN']);
      assert.equal(await t.store.accounts.getAccountByEmail('o2@staff.test'), null);
      assert.equal((await call(t, 'PATCH', `/v1/admin/accounts/${ownerId}`, { token: a, body: { name: 'Boss' } })).status, 403);
      assert.equal((await call(t, 'POST', `/v1/admin/accounts/${ownerId}/deactivate`, { token: a })).status, 403);
      assert.equal((await call(t, 'PATCH', `/v1/admin/accounts/${agent.body.user.id}`, { token: a, body: { role: 'owner' } })).status, 403);
      assert.equal((await call(t, 'POST', `/v1/admin/accounts/${admin.body.user.id}/deactivate`, { token: a })).status, 403, 'not oneself');

      const demote = await call<ErrorBody>(t, 'PATCH', `/v1/admin/accounts/${ownerId}`, { token: owner, body: { role: 'admin' } });
      assert.deepEqual([demote.status, demote.body.error.code], [409, 'E_CONFLICT'], 'the last owner stays');
      const invited = await call(t, 'POST', '/v1/admin/invitations', { token: owner, body: { email: 'o2@staff.test', role: 'owner' } });
      assert.equal(invited.status, 201, 'an owner makes owners');
      assert.equal((await accounts(owner)).find((x) => x.userId === ownerId)?.role, 'owner');
    });

    it('a change is checked whole before anything is written; a role change ends the old tokens', async () => {
      const id = admin.body.user.id;
      const bad = await call<ErrorBody>(t, 'PATCH', `/v1/admin/accounts/${id}`, { token: owner, body: { role: 'supervisor', departments: ['DEPT_nope'] } });
      assert.deepEqual([bad.body.error.code, bad.body.error.path], ['E_DEPARTMENT_NOT_FOUND', '/departments/0']);
      const tooMany = await call<ErrorBody>(t, 'PATCH', `/v1/admin/accounts/${id}`, { token: owner, body: { role: 'supervisor', maxChats: -1 } });
      assert.deepEqual([tooMany.body.error.code, tooMany.body.error.path], ['E_VALIDATION', '/maxChats']);
      assert.equal((await accounts(owner)).find((x) => x.userId === id)?.role, 'admin', 'nothing changed');
      assert.equal((await call<ErrorBody>(t, 'PATCH', '/v1/admin/accounts/AGENT_nobody', { token: owner, body: { name: 'X' } })).body.error.code, 'E_USER_NOT_FOUND');

      const changed = await call<{ account: AccountBody }>(t, 'PATCH', `/v1/admin/accounts/${id}`, { token: owner, body: { role: 'supervisor', maxChats: 7, name: 'Ada L.' } });
      assert.equal(changed.status, 200, JSON.stringify(changed.body));
      assert.deepEqual([changed.body.account.role, changed.body.account.maxChats, changed.body.account.name], ['supervisor', 7, 'Ada L.']);
      assert.equal((await call(t, 'GET', '/v1/auth/me', { token: admin.body.accessToken })).status, 401, 'the admin-era token is over');
      // Their session lives on: a refresh gives a token with the new role.
      const refreshed = await call<SignedInBody>(t, 'POST', '/v1/auth/refresh', { cookie: admin.cookie });
      assert.equal(refreshed.status, 200, JSON.stringify(refreshed.body));
      assert.equal(refreshed.body.account.role, 'supervisor');
      assert.equal((await call(t, 'GET', '/v1/admin/accounts', { token: refreshed.body.accessToken })).status, 403, 'supervisors do not manage accounts');
      const audit = await call<{ entries: { action: string; detail: Record<string, unknown> }[] }>(t, 'GET', '/v1/admin/audit', { token: owner });
      const roleChange = audit.body.entries.find((e) => e.action === 'account.role_changed');
      assert.deepEqual(roleChange?.detail, { from: 'admin', to: 'supervisor' });
    });

    it('deactivation: the token is refused at once, the socket closes 4401, the open chat goes back to the queue', async () => {
      const id = agent.body.user.id;
      const socket = await RawClient.connect(t.wsUrl, agent.body.accessToken);
      await socket.request('resume', { cursors: {} });
      const status = await call(t, 'PUT', `/v1/livechat/agents/${encodeURIComponent(id)}`, { token: agent.body.accessToken, body: { status: 'available' } });
      assert.equal(status.status, 200, JSON.stringify(status.body));
      const visitor = await visitorSession(t, 'Vera');
      const opened = await openChat(t, visitor);
      const assigned = await eventually(() => chatState(t, opened.chat.id), (s) => s.state === 'active', 'the chat assigned');
      assert.equal(assigned.agentId, id);
      assert.equal((await accounts(owner)).find((x) => x.userId === id)?.online, true);

      const res = await call<{ account: AccountBody }>(t, 'POST', `/v1/admin/accounts/${id}/deactivate`, { token: t.adminKey });
      assert.equal(res.status, 200, JSON.stringify(res.body));
      assert.equal(res.body.account.status, 'deactivated');

      const me = await call<ErrorBody>(t, 'GET', '/v1/auth/me', { token: agent.body.accessToken });
      assert.equal(me.status, 401);
      await socket.waitFor(() => socket.closed !== null, 'the socket closed');
      assert.equal(socket.closed?.code, CLOSE_CODES.TOKEN_EXPIRED);
      const state = await chatState(t, opened.chat.id);
      assert.deepEqual([state.state, state.agentId], ['queued', null]);
      const login = await call<ErrorBody>(t, 'POST', '/v1/auth/login', { body: { email: 'abe@staff.test', password: 'silver-thistle-28' } });
      assert.deepEqual([login.status, login.body.error.code], [401, 'E_LOGIN_FAILED']);
      assert.equal((await call(t, 'POST', '/v1/auth/refresh', { cookie: agent.cookie })).status, 401);
      const audit = await call<{ entries: { action: string; actor: string; target: string }[] }>(t, 'GET', '/v1/admin/audit', { token: owner });
      const entry = audit.body.entries.find((e) => e.action === 'account.deactivated');
      assert.equal(entry?.target, `user:${id}`);
      assert.match(entry?.actor ?? '', /^key:/);

      const back = await call<{ account: AccountBody }>(t, 'POST', `/v1/admin/accounts/${id}/reactivate`, { token: owner });
      assert.equal(back.body.account.status, 'active');
      assert.equal((await call(t, 'POST', '/v1/auth/login', { body: { email: 'abe@staff.test', password: 'silver-thistle-28' } })).status, 200);
    });

    it('the audit log pages newest first', async () => {
      const first = await call<{ entries: { id: string; at: number }[]; next?: string }>(t, 'GET', '/v1/admin/audit?limit=2', { token: owner });
      assert.equal(first.body.entries.length, 2);
      assert.ok(first.body.next);
      const second = await call<{ entries: { id: string }[] }>(t, 'GET', `/v1/admin/audit?limit=2&before=${encodeURIComponent(first.body.next)}`, { token: owner });
      assert.equal(second.body.entries.length, 2);
      assert.ok(second.body.entries.every((e) => e.id < first.body.entries[1]!.id));
      assert.equal((await call<ErrorBody>(t, 'GET', '/v1/admin/audit?limit=0', { token: owner })).body.error.path, '/query/limit');
    });
  });
}
