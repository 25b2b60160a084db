import { ParleyError } from '@parley/protocol';
import type { AccountRow, AuthSessionRow, Store, UserRow } from '../../store/index.js';
import type { UserService } from '../users/index.js';
import type { UserActor } from '../../authz/index.js';
import { userRef, type AuditLog } from './audit.js';
import { checkPassword, dummyHash, hashPassword, verifyPassword } from './passwords.js';
import { formatRefreshToken, hashSecret, newSecret, newSessionId, parseRefreshToken } from './refresh-tokens.js';
import type { LoginThrottle } from './throttle.js';

/** Where a request came from, kept with its session and in the audit log. */
export interface ClientInfo {
  ip: string;
  userAgent: string;
}

/** A signed-in person: an access token, and the refresh token of their session when it is new or rotated. */
export interface SignedIn {
  accessToken: string;
  /** Of the access token, ms. */
  expiresAt: number;
  user: UserRow;
  account: AccountRow;
  /** `<sessionId>.<secret>`; absent when a refresh within the grace window kept the current one. */
  refreshToken?: string;
  /** When the session ends whatever its use (the cookie's lifetime), ms. */
  sessionExpiresAt: number;
  sessionId: string;
}

export const SESSION_RULES = {
  /** A session ends this long after sign-in, used or not. */
  absoluteMs: 30 * 24 * 3600_000,
  /** …and this long after its last use. */
  idleMs: 14 * 24 * 3600_000,
  /** The secret before the current one still works this long after a rotation (two tabs refreshing at once). */
  graceMs: 30_000,
} as const;

/** Trimmed and lower-cased: one person, one email, however it is typed. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export interface SignInDeps {
  store: Store;
  users: UserService;
  throttle: LoginThrottle;
  audit: AuditLog;
  now?: () => number;
}

/**
 * Sign-in and its sessions: login with email and password, rotating refresh tokens (reuse of an old
 * one revokes the session), sign-out here or everywhere, the list of one's sessions, the password.
 */
export class SignIn {
  readonly #store: Store;
  readonly #users: UserService;
  readonly #throttle: LoginThrottle;
  readonly #audit: AuditLog;
  readonly #now: () => number;

  constructor(deps: SignInDeps) {
    this.#store = deps.store;
    this.#users = deps.users;
    this.#throttle = deps.throttle;
    this.#audit = deps.audit;
    this.#now = deps.now ?? Date.now;
  }

  /**
   * Checks email and password and opens a session. Every refusal — unknown email, wrong password, no
   * password yet, deactivated — is the same E_LOGIN_FAILED after the same work (a password check
   * against a dummy hash when there is nothing to check), so the answer tells nothing about accounts.
   */
  async login(input: { email: string; password: string }, client: ClientInfo): Promise<SignedIn> {
    const email = normaliseEmail(input.email);
    await this.#throttle.check(email, client.ip);
    const account = await this.#store.accounts.getAccountByEmail(email);
    const matches = await verifyPassword(input.password, account?.passwordHash ?? (await dummyHash()));
    const user = account === null ? null : await this.#store.getUser(account.tenantId, account.userId);
    if (account === null || account.passwordHash === null || !matches || user === null || user.disabledAt !== null) {
      await this.#throttle.failed(email, client.ip);
      if (account !== null) {
        await this.#audit.record({ tenantId: account.tenantId, actor: 'system', action: 'auth.login_failed', target: userRef(account.userId), ip: client.ip });
      }
      throw new ParleyError('E_LOGIN_FAILED');
    }
    await this.#throttle.succeeded(email);
    await this.#store.accounts.recordLogin(account.tenantId, account.userId, this.#now());
    const signedIn = await this.openSession(user, { ...account, lastLoginAt: this.#now() }, client);
    await this.#audit.record({ tenantId: account.tenantId, actor: userRef(user.id), action: 'auth.login', target: userRef(user.id), ip: client.ip });
    return signedIn;
  }

  /** A new session for a user whose credentials were just proven (login, set-up, accepted invitation). */
  async openSession(user: UserRow, account: AccountRow, client: ClientInfo): Promise<SignedIn> {
    const now = this.#now();
    const sessionId = newSessionId();
    const secret = newSecret();
    const row: AuthSessionRow = {
      id: sessionId,
      tenantId: user.tenantId,
      userId: user.id,
      tokenHash: hashSecret(secret),
      previousHash: null,
      rotatedAt: null,
      createdAt: now,
      lastUsedAt: now,
      expiresAt: now + SESSION_RULES.absoluteMs,
      revokedAt: null,
      userAgent: client.userAgent.slice(0, 512),
      ip: client.ip,
    };
    await this.#store.accounts.createSession(row);
    return this.signedIn(user, account, row, formatRefreshToken({ sessionId, secret }));
  }

  /**
   * A new access token for a refresh token, and a new refresh token in place of the one used. The one
   * before the current one, within 30 s of its rotation, gets an access token and no rotation (two
   * tabs refreshing at once); any other old one means the token was copied: the session is revoked.
   * Unknown, expired, idle or revoked sessions are E_SESSION_REVOKED.
   */
  async refresh(token: string, client: ClientInfo): Promise<SignedIn> {
    const parsed = parseRefreshToken(token);
    if (parsed === null) throw revoked();
    const now = this.#now();
    let row = await this.#store.accounts.getSession(parsed.sessionId);
    if (row === null || row.revokedAt !== null || row.expiresAt <= now || row.lastUsedAt + SESSION_RULES.idleMs <= now) throw revoked();
    const hash = hashSecret(parsed.secret);
    let rotatedTo: string | undefined;
    if (hash === row.tokenHash) {
      const secret = newSecret();
      const after = await this.#store.accounts.rotateSession(row.id, { expectedHash: hash, newHash: hashSecret(secret), at: now });
      if (after !== null) {
        row = after;
        rotatedTo = formatRefreshToken({ sessionId: row.id, secret });
      } else {
        // Another refresh with the same secret rotated it a moment ago: this one is the second tab.
        const current = await this.#store.accounts.getSession(row.id);
        if (current === null || !inGrace(current, hash, now)) throw revoked();
        row = current;
      }
    } else if (inGrace(row, hash, now)) {
      await this.#store.accounts.touchSession(row.id, now);
    } else {
      await this.#store.accounts.revokeSession(row.tenantId, row.userId, row.id, now);
      await this.#audit.record({ tenantId: row.tenantId, actor: 'system', action: 'auth.refresh_reuse', target: userRef(row.userId), ip: client.ip, detail: { session: row.id } });
      throw revoked('The refresh token was already used; the session is closed');
    }
    const user = await this.#store.getUser(row.tenantId, row.userId);
    const account = await this.#store.accounts.getAccount(row.tenantId, row.userId);
    if (user === null || account === null || user.disabledAt !== null) {
      await this.#store.accounts.revokeSession(row.tenantId, row.userId, row.id, now);
      throw revoked();
    }
    return this.signedIn(user, account, row, rotatedTo);
  }

  /** A fresh access token for the session's user, with the session's refresh token when it is new. */
  private async signedIn(user: UserRow, account: AccountRow, session: AuthSessionRow, refreshToken?: string): Promise<SignedIn> {
    const access = await this.#users.issueToken(user);
    return {
      accessToken: access.token,
      expiresAt: access.expiresAt,
      user,
      account,
      ...(refreshToken === undefined ? {} : { refreshToken }),
      sessionExpiresAt: session.expiresAt,
      sessionId: session.id,
    };
  }

  /** Ends the session of a refresh token (any of its recent secrets); an unknown one is no error. */
  async logout(token: string | undefined, client: ClientInfo): Promise<void> {
    const parsed = token === undefined ? null : parseRefreshToken(token);
    if (parsed === null) return;
    const row = await this.#store.accounts.getSession(parsed.sessionId);
    if (row === null) return;
    // Only the holder of a current or recent secret may end it (the id alone is not a credential).
    const hash = hashSecret(parsed.secret);
    if (hash !== row.tokenHash && hash !== row.previousHash) return;
    if (await this.#store.accounts.revokeSession(row.tenantId, row.userId, row.id, this.#now())) {
      await this.#audit.record({ tenantId: row.tenantId, actor: userRef(row.userId), action: 'auth.logout', target: userRef(row.userId), ip: client.ip });
    }
  }

  /** Ends every session of the user and every access token and socket (token version bump, all nodes). */
  async logoutAll(actor: UserActor, client: ClientInfo): Promise<void> {
    const { tenant, user } = actor;
    await this.#store.accounts.revokeAllSessions(tenant.id, user.id, this.#now());
    await this.#users.revokeTokens(tenant.id, user.id);
    await this.#audit.record({ tenantId: tenant.id, actor: userRef(user.id), action: 'auth.logout_all', target: userRef(user.id), ip: client.ip });
  }

  /** The user's open sessions; `currentId` (the caller's own, from its cookie) is marked. */
  async sessions(actor: UserActor, currentId?: string): Promise<(AuthSessionRow & { current: boolean })[]> {
    const now = this.#now();
    const rows = await this.#store.accounts.listSessions(actor.tenant.id, actor.user.id, now);
    return rows.filter((r) => r.lastUsedAt + SESSION_RULES.idleMs > now).map((r) => ({ ...r, current: r.id === currentId }));
  }

  /** Ends one of the user's own sessions; E_NOT_FOUND when they have none such open. */
  async revokeSession(actor: UserActor, sessionId: string, client: ClientInfo): Promise<void> {
    const { tenant, user } = actor;
    if (!(await this.#store.accounts.revokeSession(tenant.id, user.id, sessionId, this.#now()))) {
      throw new ParleyError('E_NOT_FOUND', 'No such open session');
    }
    await this.#audit.record({ tenantId: tenant.id, actor: userRef(user.id), action: 'auth.logout', target: userRef(user.id), ip: client.ip, detail: { session: sessionId } });
  }

  /** The caller's account; E_NOT_FOUND for a user without one (a visitor, a token-minted agent). */
  async account(actor: UserActor): Promise<AccountRow> {
    const account = await this.#store.accounts.getAccount(actor.tenant.id, actor.user.id);
    if (account === null) throw new ParleyError('E_NOT_FOUND', 'This user has no account');
    return account;
  }

  /**
   * Changes the caller's password after checking the current one (counted by the sign-in throttle like
   * a login). Every other session of theirs ends; `keepSessionId` (the caller's own) stays.
   */
  async changePassword(actor: UserActor, input: { currentPassword: string; newPassword: string }, client: ClientInfo, keepSessionId?: string): Promise<void> {
    const account = await this.account(actor);
    await this.#throttle.check(account.email, client.ip);
    if (account.passwordHash === null || !(await verifyPassword(input.currentPassword, account.passwordHash))) {
      await this.#throttle.failed(account.email, client.ip);
      throw new ParleyError('E_VALIDATION', 'The current password is not correct', { path: '/currentPassword' });
    }
    await checkPassword(input.newPassword, account.email, '/newPassword');
    const now = this.#now();
    await this.#store.accounts.setPassword(account.tenantId, account.userId, await hashPassword(input.newPassword), now);
    await this.#store.accounts.revokeAllSessions(account.tenantId, account.userId, now, keepSessionId === undefined ? {} : { except: keepSessionId });
    await this.#audit.record({ tenantId: account.tenantId, actor: userRef(account.userId), action: 'auth.password_changed', target: userRef(account.userId), ip: client.ip });
  }
}

function inGrace(row: AuthSessionRow, hash: string, now: number): boolean {
  return row.previousHash === hash && row.rotatedAt !== null && now - row.rotatedAt <= SESSION_RULES.graceMs;
}

function revoked(message?: string): ParleyError {
  return new ParleyError('E_SESSION_REVOKED', message);
}
