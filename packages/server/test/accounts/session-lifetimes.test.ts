// Session lifetimes on a clock the test moves, over a real store: the grace window of the previous
// refresh secret, idle and absolute expiry. One password hash in all (the owner), no login.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { TokenService } from '../../src/auth/index.js';
import { createBus, type Bus } from '../../src/bus/index.js';
import { EventDispatcher } from '../../src/events/dispatcher.js';
import { UserService } from '../../src/domain/users/index.js';
import { createAccounts, MemoryFailureCounter, SESSION_RULES, type AccountService, type SignedIn } from '../../src/domain/accounts/index.js';
import type { Store, TenantRow, UserRow } from '../../src/store/index.js';
import { tenantRow } from '../helpers/store-rows.js';
import { testStores, type TestStore } from '../helpers/stores.js';

const client = { ip: '127.0.0.1', userAgent: 'test' };

describe('session lifetimes', () => {
  let backend: TestStore;
  let store: Store;
  let bus: Bus;
  let accounts: AccountService;
  let tenant: TenantRow;
  let owner: UserRow;
  let now = 1_800_000_000_000;

  before(async () => {
    backend = (await testStores())[0]!;
    store = await backend.open();
    bus = await createBus({});
    const users = new UserService(store, new TokenService('s'.repeat(32), 900), new EventDispatcher(bus));
    accounts = createAccounts({ store, users, failures: new MemoryFailureCounter(() => now), publicUrl: () => 'http://parley.test', now: () => now });
    tenant = await store.createTenant(tenantRow({ id: 'DEFAULT', domain: 'DEFAULT' }));
    assert.equal(await accounts.setup.ensureOwner(tenant, { email: 'boss@example.test', password: 'granite-lantern-42' }), true);
    owner = (await store.accounts.findOwner(tenant.id))!;
  });
  after(async () => {
    await bus.close();
    await backend.cleanup();
  });

  const open = async (): Promise<SignedIn> => accounts.signIn.openSession(owner, (await store.accounts.getAccount(tenant.id, owner.id))!, client);
  const refresh = (token: string) => accounts.signIn.refresh(token, client);
  const revoked = (err: unknown) => (err as { code?: string }).code === 'E_SESSION_REVOKED';

  it('honours the previous secret for 30 s after a rotation, and then treats it as reuse', async () => {
    const first = await open();
    const second = await refresh(first.refreshToken!);
    now += SESSION_RULES.graceMs;
    const grace = await refresh(first.refreshToken!);
    assert.equal(grace.refreshToken, undefined, 'an access token, no rotation');
    now += 1;
    await assert.rejects(refresh(first.refreshToken!), revoked, 'past the grace: reuse');
    await assert.rejects(refresh(second.refreshToken!), revoked, 'and the session is gone');
    const audit = await store.accounts.listAudit(tenant.id, { limit: 5 });
    assert.equal(audit[0]?.action, 'auth.refresh_reuse');
  });

  it('ends a session unused for 14 days', async () => {
    const session = await open();
    now += SESSION_RULES.idleMs - 1;
    const kept = await refresh(session.refreshToken!);
    now += SESSION_RULES.idleMs;
    await assert.rejects(refresh(kept.refreshToken!), revoked);
    assert.deepEqual((await accounts.signIn.sessions({ type: 'user', tenant, user: owner })).map((s) => s.id).includes(session.sessionId), false);
  });

  it('ends a session 30 days after sign-in however much it is used', async () => {
    const session = await open();
    let token = session.refreshToken!;
    for (let day = 0; day < 29; day++) {
      now += 24 * 3600_000;
      token = (await refresh(token)).refreshToken!;
    }
    now += 24 * 3600_000;
    await assert.rejects(refresh(token), revoked);
  });

  it('refuses tokens that are not ours, and a session of a deactivated user', async () => {
    for (const junk of ['', 'abc', 'a.b', `${'x'.repeat(22)}.${'y'.repeat(43)}`]) await assert.rejects(refresh(junk), revoked, junk);
    const session = await open();
    await store.updateUser(tenant.id, owner.id, { disabledAt: now });
    await assert.rejects(refresh(session.refreshToken!), revoked);
    await store.updateUser(tenant.id, owner.id, { disabledAt: null });
    await assert.rejects(refresh(session.refreshToken!), revoked, 'its session was revoked with it');
  });
});
