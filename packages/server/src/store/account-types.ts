import type { LinkPurpose, StaffRole } from '@parley/protocol';
import type { UserRow } from './types.js';

/**
 * Staff accounts, their sign-in sessions, single-use links and the audit log (`store.accounts`).
 * An account is a user row of kind `agent` (its role on `users.role`) plus the sign-in facts here.
 * Secrets are never stored: passwords as scrypt hashes, refresh secrets and link secrets as sha-256.
 */

export interface AccountRow {
  tenantId: string;
  userId: string;
  /** Trimmed and lower-cased by the caller; unique across the installation. */
  email: string;
  /** `scrypt$N$r$p$salt$hash`; null until the person sets one (an invitation not yet accepted). */
  passwordHash: string | null;
  totpSecret: string | null;
  createdAt: number;
  passwordChangedAt: number | null;
  lastLoginAt: number | null;
}

/** A sign-in session: one family of rotating refresh secrets. */
export interface AuthSessionRow {
  /** Random; the public half of the refresh token (`<id>.<secret>`). */
  id: string;
  tenantId: string;
  userId: string;
  /** sha-256 hex of the current refresh secret. */
  tokenHash: string;
  /** sha-256 hex of the secret before the current one, honoured for a short grace after `rotatedAt`. */
  previousHash: string | null;
  rotatedAt: number | null;
  createdAt: number;
  lastUsedAt: number;
  /** Absolute end of the session, whatever its use. */
  expiresAt: number;
  revokedAt: number | null;
  userAgent: string;
  ip: string;
}

/** A single-use link (set-up, invitation, reset): its secret travels in the link, its hash is here. */
export interface AuthLinkRow {
  /** sha-256 hex of the link's secret. */
  hash: string;
  /** Random public id (lists and deletes name a link by it; the hash never leaves the server). */
  id: string;
  purpose: LinkPurpose;
  tenantId: string;
  /** The account the link acts on; null for the set-up link (the owner does not exist yet). */
  userId: string | null;
  email: string;
  role: StaffRole | null;
  /** `user:<id>`, `key:<id>` or `system`. */
  createdBy: string;
  createdAt: number;
  expiresAt: number;
  usedAt: number | null;
}

/** One entry of a tenant's audit log. Never a password, token or secret in it. */
export interface AuditRow {
  /** Sorts by time (the caller makes it so: see domain/accounts/audit.ts); the log pages by it. */
  id: string;
  tenantId: string;
  at: number;
  /** `user:<id>`, `key:<id>` or `system`. */
  actor: string;
  /** `auth.login`, `account.invited`, … (docs/accounts.md lists them). */
  action: string;
  /** What the action was done to, e.g. `user:<id>`; empty when nothing in particular. */
  target: string;
  ip: string;
  detail: Record<string, unknown>;
}

/** `store.accounts`. Every method is scoped by tenant, except lookups by an installation-wide key (email, hash, session id). */
export interface AccountStore {
  /**
   * Creates a staff member in one transaction: the user row (with its `role`) and its account. With
   * `claimOwner`, the tenant's one owner seat is taken in the same transaction, so of several callers at
   * once (two nodes starting, two set-up forms) one wins. E_CONFLICT when the email, the user id or the
   * owner seat is taken; E_TENANT_NOT_FOUND for an unknown tenant. Nothing is written on failure.
   */
  createAccount(user: UserRow, account: AccountRow, opts?: { claimOwner?: boolean }): Promise<AccountRow>;
  /** By email (trimmed, lower-cased), across tenants. */
  getAccountByEmail(email: string): Promise<AccountRow | null>;
  getAccount(tenantId: string, userId: string): Promise<AccountRow | null>;
  /** Every account of the tenant, oldest first. */
  listAccounts(tenantId: string): Promise<AccountRow[]>;
  /** Sets the password hash and `passwordChangedAt`; false for an unknown account. */
  setPassword(tenantId: string, userId: string, passwordHash: string, at: number): Promise<boolean>;
  recordLogin(tenantId: string, userId: string, at: number): Promise<void>;
  /** Removes an account (an invitation withdrawn); its user row stays. Returns whether there was one. */
  deleteAccount(tenantId: string, userId: string): Promise<boolean>;
  /** Sets or clears a user's staff role (`users.role`); false for an unknown user. */
  setRole(tenantId: string, userId: string, role: StaffRole | null): Promise<boolean>;
  /** The tenant's owner, or null before the first-run set-up. */
  findOwner(tenantId: string): Promise<UserRow | null>;

  createSession(row: AuthSessionRow): Promise<void>;
  getSession(id: string): Promise<AuthSessionRow | null>;
  /**
   * Replaces the session's refresh secret when its current hash is still `expectedHash` and it is not
   * revoked (compare-and-set: of two refreshes with the same secret, one rotates). The old hash becomes
   * `previousHash`. Returns the row after, or null when it did not match.
   */
  rotateSession(id: string, rotation: { expectedHash: string; newHash: string; at: number; expiresAt?: number }): Promise<AuthSessionRow | null>;
  /** Records a use without rotating (the grace window). */
  touchSession(id: string, at: number): Promise<void>;
  /** Revokes one session of the user; false when it is not theirs or already revoked. */
  revokeSession(tenantId: string, userId: string, id: string, at: number): Promise<boolean>;
  /** Revokes every live session of the user, but `except`. Returns how many. */
  revokeAllSessions(tenantId: string, userId: string, at: number, opts?: { except?: string }): Promise<number>;
  /** The user's sessions neither revoked nor expired at `now`, most recently used first. */
  listSessions(tenantId: string, userId: string, now: number): Promise<AuthSessionRow[]>;

  /** E_CONFLICT when the hash or id is taken. */
  createLink(row: AuthLinkRow): Promise<void>;
  /** A link by the hash of its secret, used or not (the caller judges it). */
  getLink(hash: string): Promise<AuthLinkRow | null>;
  /**
   * Uses a link once: marks it used at `at` when it has the purpose, is unused and has not expired, in
   * one statement. Returns the row after, or null (unknown, other purpose, used, expired, or lost a race).
   */
  consumeLink(hash: string, purpose: LinkPurpose, at: number): Promise<AuthLinkRow | null>;
  /** The tenant's links of a purpose, newest first; with `pendingAt`, only those unused and unexpired then. */
  listLinks(tenantId: string, purpose: LinkPurpose, opts?: { pendingAt?: number }): Promise<AuthLinkRow[]>;
  /** Deletes a link by its id; false when the tenant has none such. */
  deleteLink(tenantId: string, id: string): Promise<boolean>;
  /** Deletes the unused links of a purpose for an account (a new reset replaces the old). Returns how many. */
  deleteLinksFor(tenantId: string, userId: string, purpose: LinkPurpose): Promise<number>;

  appendAudit(row: AuditRow): Promise<void>;
  /** Newest first, ids below `before` when given. */
  listAudit(tenantId: string, query: { before?: string; limit: number }): Promise<AuditRow[]>;
}
