import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { AccountRow, AuthLinkRow, AuthSessionRow, UserRow } from '../../../src/store/index.js';
import { tenantRow, userRow } from '../../helpers/store-rows.js';
import type { ConformanceContext } from './context.js';
import { code } from './support.js';

const T0 = 1_700_000_000_000;

function staff(tenantId: string, overrides: Partial<UserRow> = {}): { user: UserRow; account: AccountRow } {
  const user = userRow(tenantId, { kind: 'agent', role: 'agent', ...overrides });
  const account: AccountRow = {
    tenantId,
    userId: user.id,
    email: `${randomUUID()}@example.test`,
    passwordHash: 'scrypt$131072$8$1$c2FsdA$aGFzaA',
    totpSecret: null,
    createdAt: T0,
    passwordChangedAt: T0,
    lastLoginAt: null,
  };
  return { user, account };
}

function session(tenantId: string, userId: string, overrides: Partial<AuthSessionRow> = {}): AuthSessionRow {
  return {
    id: randomUUID(),
    tenantId,
    userId,
    tokenHash: `h-${randomUUID()}`,
    previousHash: null,
    rotatedAt: null,
    createdAt: T0,
    lastUsedAt: T0,
    expiresAt: T0 + 30 * 86_400_000,
    revokedAt: null,
    userAgent: 'test-agent/1',
    ip: '127.0.0.1',
    ...overrides,
  };
}

function link(tenantId: string, overrides: Partial<AuthLinkRow> = {}): AuthLinkRow {
  return {
    hash: `l-${randomUUID()}`,
    id: randomUUID(),
    purpose: 'invite',
    tenantId,
    userId: null,
    email: `${randomUUID()}@example.test`,
    role: 'agent',
    createdBy: 'system',
    createdAt: T0,
    expiresAt: T0 + 3_600_000,
    usedAt: null,
    ...overrides,
  };
}

/** `store.accounts`: staff accounts, sign-in sessions, single-use links, the audit log, `users.role`. */
export function staffAccountsConformance(ctx: ConformanceContext): void {
  describe('staff accounts', () => {
    it('creates a user with its role and its account together, found by email and by user', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const { user, account } = staff(tenant.id, { role: 'supervisor' });
      assert.deepEqual(await ctx.store.accounts.createAccount(user, account), account);
      assert.deepEqual(await ctx.store.getUser(tenant.id, user.id), user);
      assert.deepEqual(await ctx.store.accounts.getAccountByEmail(account.email), account);
      assert.deepEqual(await ctx.store.accounts.getAccount(tenant.id, user.id), account);
      assert.equal(await ctx.store.accounts.getAccountByEmail('nobody@example.test'), null);
      assert.equal(await ctx.store.accounts.getAccount('other-tenant', user.id), null);
      const plain = await ctx.store.createUser(userRow(tenant.id));
      assert.equal((await ctx.store.getUser(tenant.id, plain.id))?.role, undefined, 'a user without an account has no role');
    });

    it('refuses a taken email across tenants, writing nothing', async () => {
      const a = await ctx.store.createTenant(tenantRow());
      const b = await ctx.store.createTenant(tenantRow());
      const first = staff(a.id);
      await ctx.store.accounts.createAccount(first.user, first.account);
      const second = staff(b.id);
      await assert.rejects(ctx.store.accounts.createAccount(second.user, { ...second.account, email: first.account.email }), code('E_CONFLICT'));
      assert.equal(await ctx.store.getUser(b.id, second.user.id), null, 'the user row rolled back with the account');
      await assert.rejects(ctx.store.accounts.createAccount(staff('no-such-tenant').user, staff('no-such-tenant').account), code('E_TENANT_NOT_FOUND'));
    });

    it('seats one owner per tenant, even when claimed at once', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      assert.equal(await ctx.store.accounts.findOwner(tenant.id), null);
      const candidates = [1, 2, 3].map(() => staff(tenant.id, { role: 'owner' }));
      const results = await Promise.allSettled(candidates.map((c) => ctx.store.accounts.createAccount(c.user, c.account, { claimOwner: true })));
      assert.equal(results.filter((r) => r.status === 'fulfilled').length, 1);
      for (const r of results) if (r.status === 'rejected') assert.equal((r.reason as { code?: string }).code, 'E_CONFLICT');
      const winner = candidates[results.findIndex((r) => r.status === 'fulfilled')]!;
      assert.equal((await ctx.store.accounts.findOwner(tenant.id))?.id, winner.user.id);
      for (const c of candidates) if (c !== winner) assert.equal(await ctx.store.accounts.getAccountByEmail(c.account.email), null);
    });

    it('sets passwords, logins and roles; lists and deletes accounts', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const one = staff(tenant.id, { createdAt: T0 });
      const two = staff(tenant.id, { role: 'admin' });
      await ctx.store.accounts.createAccount(one.user, { ...one.account, passwordHash: null, passwordChangedAt: null });
      await ctx.store.accounts.createAccount(two.user, { ...two.account, createdAt: T0 + 1 });
      assert.equal(await ctx.store.accounts.setPassword(tenant.id, one.user.id, 'scrypt$new', T0 + 5), true);
      assert.equal(await ctx.store.accounts.setPassword(tenant.id, 'nobody', 'scrypt$new', T0 + 5), false);
      await ctx.store.accounts.recordLogin(tenant.id, one.user.id, T0 + 9);
      const got = await ctx.store.accounts.getAccount(tenant.id, one.user.id);
      assert.deepEqual([got?.passwordHash, got?.passwordChangedAt, got?.lastLoginAt], ['scrypt$new', T0 + 5, T0 + 9]);
      assert.deepEqual((await ctx.store.accounts.listAccounts(tenant.id)).map((a) => a.userId), [one.user.id, two.user.id]);
      assert.equal(await ctx.store.accounts.setRole(tenant.id, two.user.id, 'supervisor'), true);
      assert.equal((await ctx.store.getUser(tenant.id, two.user.id))?.role, 'supervisor');
      assert.equal(await ctx.store.accounts.setRole(tenant.id, two.user.id, null), true);
      assert.equal((await ctx.store.getUser(tenant.id, two.user.id))?.role, undefined);
      assert.equal(await ctx.store.accounts.setRole(tenant.id, 'nobody', 'agent'), false);
      assert.equal(await ctx.store.accounts.deleteAccount(tenant.id, one.user.id), true);
      assert.equal(await ctx.store.accounts.deleteAccount(tenant.id, one.user.id), false);
      assert.equal(await ctx.store.accounts.getAccountByEmail(one.account.email), null);
      assert.notEqual(await ctx.store.getUser(tenant.id, one.user.id), null, 'the user row stays');
    });
  });

  describe('sign-in sessions', () => {
    const setup = async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const { user, account } = staff(tenant.id);
      await ctx.store.accounts.createAccount(user, account);
      return { tenant, user };
    };

    it('rotates a secret only from the current one (compare-and-set)', async () => {
      const { tenant, user } = await setup();
      const row = session(tenant.id, user.id);
      await ctx.store.accounts.createSession(row);
      assert.deepEqual(await ctx.store.accounts.getSession(row.id), row);
      const rotated = await ctx.store.accounts.rotateSession(row.id, { expectedHash: row.tokenHash, newHash: 'second', at: T0 + 10 });
      assert.deepEqual(rotated, { ...row, tokenHash: 'second', previousHash: row.tokenHash, rotatedAt: T0 + 10, lastUsedAt: T0 + 10 });
      assert.equal(await ctx.store.accounts.rotateSession(row.id, { expectedHash: row.tokenHash, newHash: 'other', at: T0 + 11 }), null);
      const both = await Promise.all(
        ['x', 'y'].map((n) => ctx.store.accounts.rotateSession(row.id, { expectedHash: 'second', newHash: n, at: T0 + 12 })),
      );
      assert.equal(both.filter((r) => r !== null).length, 1, 'one of two concurrent rotations wins');
      await ctx.store.accounts.touchSession(row.id, T0 + 20);
      assert.equal((await ctx.store.accounts.getSession(row.id))?.lastUsedAt, T0 + 20);
      assert.equal(await ctx.store.accounts.getSession('nope'), null);
    });

    it('revokes one, all but one, and lists the live ones most recently used first', async () => {
      const { tenant, user } = await setup();
      const a = session(tenant.id, user.id, { lastUsedAt: T0 + 1 });
      const b = session(tenant.id, user.id, { lastUsedAt: T0 + 3 });
      const c = session(tenant.id, user.id, { lastUsedAt: T0 + 2 });
      const old = session(tenant.id, user.id, { expiresAt: T0 + 5 });
      for (const s of [a, b, c, old]) await ctx.store.accounts.createSession(s);
      const ids = async (now = T0 + 100) => (await ctx.store.accounts.listSessions(tenant.id, user.id, now)).map((s) => s.id);
      assert.deepEqual(await ids(), [b.id, c.id, a.id], 'the expired one is left out');
      assert.equal(await ctx.store.accounts.revokeSession(tenant.id, 'someone-else', a.id, T0 + 50), false);
      assert.equal(await ctx.store.accounts.revokeSession(tenant.id, user.id, a.id, T0 + 50), true);
      assert.equal(await ctx.store.accounts.revokeSession(tenant.id, user.id, a.id, T0 + 51), false);
      assert.equal(await ctx.store.accounts.rotateSession(a.id, { expectedHash: a.tokenHash, newHash: 'n', at: T0 + 52 }), null, 'a revoked session never rotates');
      assert.deepEqual(await ids(), [b.id, c.id]);
      assert.equal(await ctx.store.accounts.revokeAllSessions(tenant.id, user.id, T0 + 60, { except: c.id }), 2, 'b and the expired one');
      assert.deepEqual(await ids(), [c.id]);
      assert.equal(await ctx.store.accounts.revokeAllSessions(tenant.id, user.id, T0 + 61), 1);
      assert.deepEqual(await ids(), []);
      assert.equal((await ctx.store.accounts.getSession(b.id))?.revokedAt, T0 + 60);
    });
  });

  describe('single-use links', () => {
    it('uses a link once, and never when expired or of another purpose', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const row = link(tenant.id);
      await ctx.store.accounts.createLink(row);
      await assert.rejects(ctx.store.accounts.createLink({ ...row, hash: 'another' }), code('E_CONFLICT'), 'ids are unique');
      assert.deepEqual(await ctx.store.accounts.getLink(row.hash), row);
      assert.equal(await ctx.store.accounts.consumeLink(row.hash, 'reset', T0 + 1), null);
      assert.equal(await ctx.store.accounts.consumeLink(row.hash, 'invite', row.expiresAt), null, 'expired at its expiry');
      const uses = await Promise.all([1, 2, 3].map(() => ctx.store.accounts.consumeLink(row.hash, 'invite', T0 + 2)));
      assert.deepEqual(uses.filter((u) => u !== null), [{ ...row, usedAt: T0 + 2 }]);
      assert.equal(await ctx.store.accounts.consumeLink(row.hash, 'invite', T0 + 3), null);
      assert.equal(await ctx.store.accounts.consumeLink('unknown', 'invite', T0 + 3), null);
    });

    it('lists pending links newest first, deletes by id and by account', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const { user, account } = staff(tenant.id);
      await ctx.store.accounts.createAccount(user, account);
      const older = link(tenant.id, { createdAt: T0 });
      const newer = link(tenant.id, { createdAt: T0 + 5 });
      const expired = link(tenant.id, { createdAt: T0 + 6, expiresAt: T0 + 7 });
      const reset = link(tenant.id, { purpose: 'reset', userId: user.id, email: account.email, role: null });
      const usedReset = link(tenant.id, { purpose: 'reset', userId: user.id, email: account.email, role: null });
      for (const l of [older, newer, expired, reset, usedReset]) await ctx.store.accounts.createLink(l);
      await ctx.store.accounts.consumeLink(usedReset.hash, 'reset', T0 + 1);
      const list = async (opts?: { pendingAt?: number }) => (await ctx.store.accounts.listLinks(tenant.id, 'invite', opts)).map((l) => l.id);
      assert.deepEqual(await list(), [expired.id, newer.id, older.id]);
      assert.deepEqual(await list({ pendingAt: T0 + 10 }), [newer.id, older.id]);
      assert.deepEqual(await ctx.store.accounts.listLinks('other', 'invite'), []);
      assert.equal(await ctx.store.accounts.deleteLink('other', older.id), false);
      assert.equal(await ctx.store.accounts.deleteLink(tenant.id, older.id), true);
      assert.deepEqual(await list({ pendingAt: T0 + 10 }), [newer.id]);
      assert.equal(await ctx.store.accounts.deleteLinksFor(tenant.id, user.id, 'reset'), 1, 'only the unused one');
      assert.deepEqual((await ctx.store.accounts.listLinks(tenant.id, 'reset')).map((l) => l.id), [usedReset.id]);
    });
  });

  describe('audit log', () => {
    it('appends entries and pages them newest first by id', async () => {
      const tenant = await ctx.store.createTenant(tenantRow());
      const entries = [1, 2, 3, 4, 5].map((i) => ({
        id: `0000${i}-${randomUUID()}`,
        tenantId: tenant.id,
        at: T0 + i,
        actor: 'system',
        action: 'auth.login',
        target: `user:u${i}`,
        ip: '10.0.0.1',
        detail: { n: i, nested: { ok: true } },
      }));
      for (const e of entries) await ctx.store.accounts.appendAudit(e);
      await ctx.store.accounts.appendAudit({ ...entries[0]!, id: `x-${randomUUID()}`, tenantId: 'another-tenant' });
      const first = await ctx.store.accounts.listAudit(tenant.id, { limit: 2 });
      assert.deepEqual(first, [entries[4], entries[3]]);
      const next = await ctx.store.accounts.listAudit(tenant.id, { limit: 10, before: first[1]!.id });
      assert.deepEqual(next, [entries[2], entries[1], entries[0]]);
    });
  });
}
