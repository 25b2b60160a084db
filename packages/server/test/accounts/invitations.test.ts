// Invitations and password resets over real HTTP against a real node, with mail caught on a real SMTP
// server: the link in the mail is followed the way a person would. Passwords are hashed at their real
// cost, so each test keeps its number of sign-ins small.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { hashSecret } from '../../src/auth/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';
import { linkIn, startTestSmtp, type TestSmtp } from '../helpers/smtp.js';
import { call, inviteAndAccept, tokenOf, type AccountBody, type ErrorBody, type InvitedBody, type SignedInBody } from './staff-support.js';

const OWNER = { email: 'owner@invite.test', password: 'plum-orbit-seventeen' };

describe('invitations and resets, with mail', () => {
  let smtp: TestSmtp;
  let t: TestServer;
  let owner: string;

  before(async () => {
    smtp = await startTestSmtp();
    t = await startTestServer({ config: { owner: OWNER, mail: { smtpUrl: smtp.url, from: undefined, timeoutMs: 10_000 }, publicUrl: 'https://chat.example.test' } });
    const login = await call<SignedInBody>(t, 'POST', '/v1/auth/login', { body: OWNER });
    assert.equal(login.status, 200, JSON.stringify(login.body));
    owner = login.body.accessToken;
  });
  after(async () => {
    await t.close();
    await smtp.close();
  });

  it('mails the invitation; the link shows what it is for, sets the password once, and signs in', async () => {
    const dept = await call<{ department: { id: string } }>(t, 'POST', '/v1/livechat/departments', { token: t.adminKey, body: { name: 'Billing' } });
    assert.equal(dept.status, 201, JSON.stringify(dept.body));
    const departmentId = dept.body.department.id;
    const invited = await call<InvitedBody>(t, 'POST', '/v1/admin/invitations', {
      token: owner,
      body: { email: 'Ann@Example.TEST', role: 'agent', name: 'Ann', departments: [departmentId], maxChats: 5 },
    });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    assert.equal(invited.body.mailed, true);
    assert.equal(invited.body.link, undefined, 'with mail set up, the link goes to the mailbox only');
    assert.equal(invited.body.invitation.email, 'ann@example.test');
    assert.equal(invited.body.invitation.expiresAt - invited.body.invitation.createdAt, 7 * 24 * 3600_000);

    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('ann@example.test'));
    assert.match(mail.from, /^Parley <no-reply@chat\.example\.test>$/);
    assert.match(mail.subject, /invited/i);
    const link = linkIn(mail, '#/accept?token=');
    assert.ok(link.startsWith('https://chat.example.test/console/#/accept?token='), link);
    assert.ok(mail.html.includes('Accept the invitation'));
    const token = tokenOf(link);

    const info = await call(t, 'GET', `/v1/auth/links/${encodeURIComponent(token)}`);
    assert.deepEqual(info.body, { purpose: 'invite', email: 'ann@example.test', tenantName: t.server.bootstrap.tenant.name, role: 'agent' });

    const pending = await call<{ accounts: AccountBody[] }>(t, 'GET', '/v1/admin/accounts', { token: owner });
    const ann = pending.body.accounts.find((a) => a.email === 'ann@example.test');
    assert.equal(ann?.status, 'invited');
    assert.deepEqual([ann?.departments, ann?.maxChats, ann?.name], [[departmentId], 5, 'Ann']);
    const listed = await call<{ invitations: { id: string }[] }>(t, 'GET', '/v1/admin/invitations', { token: t.adminKey });
    assert.ok(listed.body.invitations.some((i) => i.id === invited.body.invitation.id));

    // A password the policy refuses does not spend the link.
    const weak = await call<ErrorBody>(t, 'POST', '/v1/auth/accept', { body: { token, password: 'short' } });
    assert.equal(weak.status, 400);
    assert.deepEqual([weak.body.error.code, weak.body.error.path], ['E_VALIDATION', '/password']);

    const accepted = await call<SignedInBody>(t, 'POST', '/v1/auth/accept', { body: { token, password: 'harbour-lantern-42', name: 'Ann Lee' } });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    assert.deepEqual(accepted.body.account, { email: 'ann@example.test', role: 'agent' });
    assert.equal(accepted.body.user.nickname, 'Ann Lee');
    assert.ok(accepted.cookie, 'signed in with a refresh cookie, like login');
    const me = await call<{ account: { role: string } }>(t, 'GET', '/v1/auth/me', { token: accepted.body.accessToken });
    assert.equal(me.status, 200);

    const again = await call<ErrorBody>(t, 'POST', '/v1/auth/accept', { body: { token, password: 'harbour-lantern-42' } });
    assert.deepEqual([again.status, again.body.error.code], [400, 'E_LINK_INVALID']);
    assert.equal((await call<ErrorBody>(t, 'GET', `/v1/auth/links/${encodeURIComponent(token)}`)).body.error.code, 'E_LINK_INVALID');

    const login = await call<SignedInBody>(t, 'POST', '/v1/auth/login', { body: { email: 'ann@example.test', password: 'harbour-lantern-42' } });
    assert.equal(login.status, 200, 'the password set through the link signs in');

    const after = await call<{ accounts: AccountBody[] }>(t, 'GET', '/v1/admin/accounts', { token: owner });
    const active = after.body.accounts.find((a) => a.email === 'ann@example.test');
    assert.equal(active?.status, 'active');
    assert.equal(active?.name, 'Ann Lee');
    assert.ok(active?.lastLoginAt);
    assert.equal((await call<{ invitations: { id: string }[] }>(t, 'GET', '/v1/admin/invitations', { token: owner })).body.invitations.length, 0);

    const audit = await call<{ entries: { action: string; actor: string; detail: Record<string, unknown> }[] }>(t, 'GET', '/v1/admin/audit?limit=100', { token: owner });
    const actions = audit.body.entries.map((e) => e.action);
    assert.ok(actions.includes('account.invited') && actions.includes('account.activated'), actions.join());
    assert.ok(!JSON.stringify(audit.body).includes(token), 'no link secret in the audit log');
  });

  it('an email with an account cannot be invited; a pending one invited again gets a new link and the old one dies', async () => {
    const taken = await call<ErrorBody>(t, 'POST', '/v1/admin/invitations', { token: owner, body: { email: OWNER.email, role: 'agent' } });
    assert.deepEqual([taken.status, taken.body.error.code, taken.body.error.path], [409, 'E_CONFLICT', '/email']);

    const first = await call<InvitedBody>(t, 'POST', '/v1/admin/invitations', { token: owner, body: { email: 'bo@example.test', role: 'agent' } });
    const firstMail = await smtp.waitFor((m) => m.envelopeTo.includes('bo@example.test'));
    const count = smtp.mails.length;
    const second = await call<InvitedBody>(t, 'POST', '/v1/admin/invitations', { token: owner, body: { email: 'bo@example.test', role: 'supervisor' } });
    assert.equal(second.status, 201);
    assert.notEqual(second.body.invitation.id, first.body.invitation.id);
    const secondMail = await smtp.waitFor((m) => smtp.mails.indexOf(m) >= count && m.envelopeTo.includes('bo@example.test'));
    const old = await call<ErrorBody>(t, 'GET', `/v1/auth/links/${encodeURIComponent(tokenOf(linkIn(firstMail, 'token=')))}`);
    assert.equal(old.body.error.code, 'E_LINK_INVALID');
    const fresh = await call<{ role: string }>(t, 'GET', `/v1/auth/links/${encodeURIComponent(tokenOf(linkIn(secondMail, 'token=')))}`);
    assert.equal(fresh.body.role, 'supervisor');
    const invitations = await call<{ invitations: { email: string }[] }>(t, 'GET', '/v1/admin/invitations', { token: owner });
    assert.equal(invitations.body.invitations.filter((i) => i.email === 'bo@example.test').length, 1);

    // Withdrawn: the link stops working and the account that never got a password goes.
    const withdrawn = await call(t, 'DELETE', `/v1/admin/invitations/${second.body.invitation.id}`, { token: owner });
    assert.equal(withdrawn.status, 204);
    assert.equal((await call<ErrorBody>(t, 'GET', `/v1/auth/links/${encodeURIComponent(tokenOf(linkIn(secondMail, 'token=')))}`)).body.error.code, 'E_LINK_INVALID');
    const accounts = await call<{ accounts: AccountBody[] }>(t, 'GET', '/v1/admin/accounts', { token: owner });
    assert.ok(!accounts.body.accounts.some((a) => a.email === 'bo@example.test'));
    const gone = await call<ErrorBody>(t, 'DELETE', `/v1/admin/invitations/${second.body.invitation.id}`, { token: owner });
    assert.deepEqual([gone.status, gone.body.error.code], [404, 'E_INVITATION_NOT_FOUND']);
  });

  it('an expired link is refused, to look at and to use', async () => {
    const invited = await call<InvitedBody>(t, 'POST', '/v1/admin/invitations', { token: owner, body: { email: 'late@example.test', role: 'agent' } });
    const link = (await t.store.accounts.listLinks(t.tenantId, 'invite')).find((l) => l.id === invited.body.invitation.id)!;
    // A second link for the same account, already past its end (as the first will be in 7 days).
    const secret = 'expired-link-secret-0123456789abcdefghijklmnop';
    await t.store.accounts.createLink({ ...link, hash: hashSecret(secret), id: 'expired-link', createdAt: Date.now() - 8 * 24 * 3600_000, expiresAt: Date.now() - 1000 });
    const info = await call<ErrorBody>(t, 'GET', `/v1/auth/links/${secret}`);
    assert.deepEqual([info.status, info.body.error.code], [400, 'E_LINK_INVALID']);
    const accept = await call<ErrorBody>(t, 'POST', '/v1/auth/accept', { body: { token: secret, password: 'harbour-lantern-42' } });
    assert.deepEqual([accept.status, accept.body.error.code], [400, 'E_LINK_INVALID']);
    assert.equal((await t.store.accounts.getAccountByEmail('late@example.test'))?.passwordHash, null, 'nothing was set');
  });

  it('bad input is refused per field and saves nothing', async () => {
    const before = (await call<{ accounts: AccountBody[] }>(t, 'GET', '/v1/admin/accounts', { token: owner })).body.accounts.length;
    const cases: [Record<string, unknown>, string, string][] = [
      [{ email: 'not-an-email', role: 'agent' }, 'E_VALIDATION', '/email'],
      [{ email: 'x@example.test', role: 'emperor' }, 'E_VALIDATION', '/role'],
      [{ email: 'x@example.test', role: 'agent', maxChats: 1000 }, 'E_VALIDATION', '/maxChats'],
      [{ email: 'x@example.test', role: 'agent', name: '' }, 'E_VALIDATION', '/name'],
      [{ email: 'x@example.test', role: 'agent', departments: ['DEPT_nope'] }, 'E_DEPARTMENT_NOT_FOUND', '/departments/0'],
      [{ email: 'x@example.test', role: 'agent', extra: 1 }, 'E_VALIDATION', '/extra'],
    ];
    for (const [body, code, path] of cases) {
      const res = await call<ErrorBody>(t, 'POST', '/v1/admin/invitations', { token: owner, body });
      assert.deepEqual([res.body.error.code, res.body.error.path], [code, path], JSON.stringify(body));
    }
    assert.equal((await call<{ accounts: AccountBody[] }>(t, 'GET', '/v1/admin/accounts', { token: owner })).body.accounts.length, before);
    assert.equal(await t.store.accounts.getAccountByEmail('x@example.test'), null);
    const noToken = await call<ErrorBody>(t, 'POST', '/v1/auth/accept', { body: { password: 'harbour-lantern-42' } });
    assert.equal(noToken.body.error.code, 'E_VALIDATION');
    assert.match(noToken.body.error.message, /token/, 'a missing field is named');
    const badReset = await call<ErrorBody>(t, 'POST', '/v1/auth/reset', { body: { token: 'whatever', password: 'harbour-lantern-42' } });
    assert.equal(badReset.body.error.code, 'E_LINK_INVALID');
    const badForgot = await call<ErrorBody>(t, 'POST', '/v1/auth/forgot', { body: { email: 'nope' } });
    assert.deepEqual([badForgot.body.error.code, badForgot.body.error.path], ['E_VALIDATION', '/email']);
  });

  it('forgot password: 202 for any email, mail only for an account; the reset ends every session', async () => {
    const resets = t.server.services.accounts.resets;
    const mailsBefore = smtp.mails.length;
    const unknown = await call(t, 'POST', '/v1/auth/forgot', { body: { email: 'nobody@example.test' } });
    assert.equal(unknown.status, 202);
    await resets.idle();
    assert.equal(smtp.mails.length, mailsBefore, 'no mail for an unknown email');

    const carl = await inviteAndAccept(t, owner, { email: 'carl@example.test', role: 'agent' }, 'velvet-compass-81', smtp);
    const known = await call(t, 'POST', '/v1/auth/forgot', { body: { email: 'CARL@example.test' } });
    assert.equal(known.status, 202);
    assert.deepEqual(known.body, unknown.body, 'the same answer');
    await resets.idle();
    const mail = await smtp.waitFor((m) => m.envelopeTo.includes('carl@example.test') && m.subject.includes('Reset'));
    const link = linkIn(mail, '#/reset?token=');
    const token = tokenOf(link);
    assert.equal((await call<{ purpose: string }>(t, 'GET', `/v1/auth/links/${encodeURIComponent(token)}`)).body.purpose, 'reset');

    const weak = await call<ErrorBody>(t, 'POST', '/v1/auth/reset', { body: { token, password: 'carl-carl-carl' } });
    assert.deepEqual([weak.body.error.code, weak.body.error.path], ['E_VALIDATION', '/password']);
    const reset = await call(t, 'POST', '/v1/auth/reset', { body: { token, password: 'meadow-quartz-55' } });
    assert.equal(reset.status, 204);
    assert.equal((await call<ErrorBody>(t, 'POST', '/v1/auth/reset', { body: { token, password: 'meadow-quartz-56' } })).body.error.code, 'E_LINK_INVALID');

    // The session of the accepted invitation and its access token are over.
    const refresh = await call<ErrorBody>(t, 'POST', '/v1/auth/refresh', { cookie: carl.cookie });
    assert.deepEqual([refresh.status, refresh.body.error.code], [401, 'E_SESSION_REVOKED']);
    assert.equal((await call(t, 'GET', '/v1/auth/me', { token: carl.body.accessToken })).status, 401);
    assert.equal((await call(t, 'POST', '/v1/auth/login', { body: { email: 'carl@example.test', password: 'velvet-compass-81' } })).status, 401);
    assert.equal((await call(t, 'POST', '/v1/auth/login', { body: { email: 'carl@example.test', password: 'meadow-quartz-55' } })).status, 200);
    const actions = (await call<{ entries: { action: string }[] }>(t, 'GET', '/v1/admin/audit', { token: owner })).body.entries.map((e) => e.action);
    assert.ok(actions.includes('auth.password_reset'));
  });
});

describe('invitations without mail', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer();
  });
  after(() => t.close());

  it('answers the link for the admin to pass on; it works once', async () => {
    const invited = await call<InvitedBody>(t, 'POST', '/v1/admin/invitations', { token: t.adminKey, body: { email: 'dee@example.test', role: 'admin' } });
    assert.equal(invited.status, 201, JSON.stringify(invited.body));
    assert.equal(invited.body.mailed, false);
    assert.ok(invited.body.link?.startsWith(`${t.url}/console/#/accept?token=`), invited.body.link);
    const token = tokenOf(invited.body.link ?? '');
    const accepted = await call<SignedInBody>(t, 'POST', '/v1/auth/accept', { body: { token, password: 'granite-harvest-19' } });
    assert.equal(accepted.status, 201, JSON.stringify(accepted.body));
    assert.equal(accepted.body.account.role, 'admin');
    // An admin's account administers the tenant.
    assert.equal((await call(t, 'GET', '/v1/admin/accounts', { token: accepted.body.accessToken })).status, 200);
    assert.equal((await call<ErrorBody>(t, 'POST', '/v1/auth/accept', { body: { token, password: 'granite-harvest-19' } })).body.error.code, 'E_LINK_INVALID');
  });

  it('forgot password answers 202 and sends nothing', async () => {
    const res = await call(t, 'POST', '/v1/auth/forgot', { body: { email: 'dee@example.test' } });
    assert.equal(res.status, 202);
    await t.server.services.accounts.resets.idle();
    assert.equal((await t.store.accounts.listLinks(t.tenantId, 'reset')).length, 0);
  });
});
