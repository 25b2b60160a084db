import { randomBytes, randomUUID } from 'node:crypto';
import { ParleyError } from '@parley/protocol';
import type { AccountRow, Store, TenantRow, UserRow } from '../../store/index.js';
import { DEFAULT_TENANT } from '../../authz/index.js';
import { userRef, type AuditLog } from './audit.js';
import { checkPassword, hashPassword } from './passwords.js';
import { hashSecret } from './refresh-tokens.js';
import { normaliseEmail, type ClientInfo, type SignIn, type SignedIn } from './sign-in.js';

/** A set-up link works for a day. */
export const SETUP_LINK_TTL_MS = 24 * 3600_000;

export interface SetupDeps {
  store: Store;
  signIn: SignIn;
  audit: AuditLog;
  now?: () => number;
}

/**
 * The owner of the DEFAULT tenant: created at start from the environment (automation), or through the
 * one-time set-up link printed at start while there is none. One owner only: the seat is claimed in
 * the transaction that creates them, so nodes starting together (or two set-up forms) cannot make two.
 */
export class OwnerSetup {
  readonly #store: Store;
  readonly #signIn: SignIn;
  readonly #audit: AuditLog;
  readonly #now: () => number;

  constructor(deps: SetupDeps) {
    this.#store = deps.store;
    this.#signIn = deps.signIn;
    this.#audit = deps.audit;
    this.#now = deps.now ?? Date.now;
  }

  /** Whether the DEFAULT tenant still needs its owner. */
  async needed(): Promise<boolean> {
    return (await this.#store.accounts.findOwner(DEFAULT_TENANT)) === null;
  }

  /**
   * At start, with the owner from the environment: makes sure that account exists as the owner —
   * idempotent, and safe with several nodes starting at once. Nothing happens when the email already
   * has an account or the tenant already has an owner. The password must meet the policy (a weak one
   * stops the start). Returns whether this call created the owner.
   */
  async ensureOwner(tenant: TenantRow, owner: { email: string; password: string; name?: string }): Promise<boolean> {
    const email = normaliseEmail(owner.email);
    if ((await this.#store.accounts.getAccountByEmail(email)) !== null) return false;
    if (!(await this.needed())) return false;
    try {
      await checkPassword(owner.password, email, '/PARLEY_OWNER_PASSWORD');
    } catch (err) {
      throw new Error(`PARLEY_OWNER_PASSWORD: ${err instanceof Error ? err.message : 'refused'}`);
    }
    try {
      await this.#createOwner(tenant, { email, password: owner.password, name: owner.name ?? email.split('@')[0] ?? 'Owner' }, 'system', '');
      return true;
    } catch (err) {
      // Another node created the owner (or this account) at the same moment.
      if (err instanceof ParleyError && err.code === 'E_CONFLICT') return false;
      throw err;
    }
  }

  /**
   * While the tenant has no owner, a new one-time set-up link (valid 24 h) under `baseUrl` (the public
   * URL) for `parley start` to print; null once there is an owner. Only the hash of its secret is kept.
   */
  async issueSetupLink(tenant: TenantRow, baseUrl: string): Promise<string | null> {
    if (!(await this.needed())) return null;
    const secret = randomBytes(32).toString('base64url');
    const now = this.#now();
    await this.#store.accounts.createLink({
      hash: hashSecret(secret),
      id: randomUUID(),
      purpose: 'setup',
      tenantId: tenant.id,
      userId: null,
      email: '',
      role: 'owner',
      createdBy: 'system',
      createdAt: now,
      expiresAt: now + SETUP_LINK_TTL_MS,
      usedAt: null,
    });
    return `${baseUrl.replace(/\/+$/, '')}/console/#/setup?token=${secret}`;
  }

  /**
   * The set-up form: creates the owner with the link's token and signs them in. A weak password is
   * refused before the link is used; an existing owner is E_CONFLICT; a wrong, used or expired token
   * E_LINK_INVALID.
   */
  async complete(input: { token: string; email: string; password: string; name: string }, client: ClientInfo): Promise<SignedIn> {
    const email = normaliseEmail(input.email);
    await checkPassword(input.password, email);
    if (!(await this.needed())) throw new ParleyError('E_CONFLICT', 'The owner account already exists; sign in instead');
    if ((await this.#store.accounts.getAccountByEmail(email)) !== null) throw new ParleyError('E_CONFLICT', 'An account with this email exists', { path: '/email' });
    const link = await this.#store.accounts.consumeLink(hashSecret(input.token), 'setup', this.#now());
    if (link === null) throw new ParleyError('E_LINK_INVALID');
    const tenant = await this.#store.getTenant(link.tenantId);
    if (tenant === null) throw new ParleyError('E_LINK_INVALID');
    const { user, account } = await this.#createOwner(tenant, { email, password: input.password, name: input.name }, 'system', client.ip);
    return this.#signIn.openSession(user, account, client);
  }

  async #createOwner(tenant: TenantRow, input: { email: string; password: string; name: string }, actor: string, ip: string): Promise<{ user: UserRow; account: AccountRow }> {
    const now = this.#now();
    const user: UserRow = {
      tenantId: tenant.id,
      id: `AGENT_${tenant.domain}_${randomUUID()}`,
      kind: 'agent',
      nickname: input.name.trim() || input.email,
      profile: {},
      tokenVersion: 0,
      disabledAt: null,
      createdAt: now,
      role: 'owner',
    };
    const account: AccountRow = {
      tenantId: tenant.id,
      userId: user.id,
      email: input.email,
      passwordHash: await hashPassword(input.password),
      totpSecret: null,
      createdAt: now,
      passwordChangedAt: now,
      lastLoginAt: null,
    };
    await this.#store.accounts.createAccount(user, account, { claimOwner: true });
    await this.#audit.record({ tenantId: tenant.id, actor, action: 'setup.owner_created', target: userRef(user.id), ip, detail: { email: input.email } });
    return { user, account };
  }
}
