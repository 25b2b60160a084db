import type { Kysely, Selectable } from 'kysely';
import type { LinkPurpose, StaffRole } from '@parley/protocol';
import { ParleyError } from '@parley/protocol';
import type { AccountRow, AccountStore, AuditRow, AuthLinkRow, AuthSessionRow } from '../account-types.js';
import type { UserRow } from '../types.js';
import type { AccountsTable, AuditLogTable, AuthLinksTable, AuthSessionsTable, Database } from './db-types.js';
import { fromUserRow, toUserRow } from './row-mapping.js';
import { mapWriteErrors } from './write-errors.js';

/** The settings key holding a tenant's owner seat: one row, so claiming it is atomic on every engine. */
const ownerSeat = (tenantId: string): string => `owner-seat:${tenantId}`;

/** `store.accounts` on any Kysely dialect. */
export class KyselyAccountStore implements AccountStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createAccount(user: UserRow, account: AccountRow, opts: { claimOwner?: boolean } = {}): Promise<AccountRow> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT', references: [['tenants', user.tenantId]] }, () =>
      this.#db.transaction().execute(async (trx) => {
        if (opts.claimOwner === true) {
          // The seat is a unique key: of two concurrent claims, the second insert conflicts and its
          // whole transaction (user and account too) rolls back.
          const claimed = await trx
            .insertInto('settings')
            .values({ key: ownerSeat(user.tenantId), value: user.id })
            .onConflict((oc) => oc.column('key').doNothing())
            .executeTakeFirst();
          if ((claimed.numInsertedOrUpdatedRows ?? 0n) === 0n) throw new ParleyError('E_CONFLICT', 'The tenant already has an owner');
        }
        await trx.insertInto('users').values(fromUserRow(user)).execute();
        await trx.insertInto('accounts').values(fromAccountRow(account)).execute();
      }),
    );
    return account;
  }

  async getAccountByEmail(email: string): Promise<AccountRow | null> {
    const row = await this.#db.selectFrom('accounts').selectAll().where('email', '=', email).executeTakeFirst();
    return row === undefined ? null : toAccountRow(row);
  }

  async getAccount(tenantId: string, userId: string): Promise<AccountRow | null> {
    const row = await this.#db
      .selectFrom('accounts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row === undefined ? null : toAccountRow(row);
  }

  async listAccounts(tenantId: string): Promise<AccountRow[]> {
    const rows = await this.#db
      .selectFrom('accounts')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .orderBy('created_at')
      .orderBy('user_id')
      .execute();
    return rows.map(toAccountRow);
  }

  async setPassword(tenantId: string, userId: string, passwordHash: string, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('accounts')
      .set({ password_hash: passwordHash, password_changed_at: at })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async recordLogin(tenantId: string, userId: string, at: number): Promise<void> {
    await this.#db
      .updateTable('accounts')
      .set({ last_login_at: at })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .execute();
  }

  async deleteAccount(tenantId: string, userId: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('accounts').where('tenant_id', '=', tenantId).where('user_id', '=', userId).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async setRole(tenantId: string, userId: string, role: StaffRole | null): Promise<boolean> {
    const result = await this.#db
      .updateTable('users')
      .set({ role })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async findOwner(tenantId: string): Promise<UserRow | null> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('role', '=', 'owner')
      .orderBy('created_at')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toUserRow(row);
  }

  async createSession(row: AuthSessionRow): Promise<void> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT' }, () => this.#db.insertInto('auth_sessions').values(fromSessionRow(row)).execute());
  }

  async getSession(id: string): Promise<AuthSessionRow | null> {
    const row = await this.#db.selectFrom('auth_sessions').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toSessionRow(row);
  }

  async rotateSession(
    id: string,
    rotation: { expectedHash: string; newHash: string; at: number; expiresAt?: number },
  ): Promise<AuthSessionRow | null> {
    const row = await this.#db
      .updateTable('auth_sessions')
      .set({
        previous_hash: rotation.expectedHash,
        token_hash: rotation.newHash,
        rotated_at: rotation.at,
        last_used_at: rotation.at,
        ...(rotation.expiresAt === undefined ? {} : { expires_at: rotation.expiresAt }),
      })
      .where('id', '=', id)
      .where('token_hash', '=', rotation.expectedHash)
      .where('revoked_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toSessionRow(row);
  }

  async touchSession(id: string, at: number): Promise<void> {
    await this.#db.updateTable('auth_sessions').set({ last_used_at: at }).where('id', '=', id).where('last_used_at', '<', at).execute();
  }

  async revokeSession(tenantId: string, userId: string, id: string, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('auth_sessions')
      .set({ revoked_at: at })
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async revokeAllSessions(tenantId: string, userId: string, at: number, opts: { except?: string } = {}): Promise<number> {
    let q = this.#db
      .updateTable('auth_sessions')
      .set({ revoked_at: at })
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null);
    if (opts.except !== undefined) q = q.where('id', '!=', opts.except);
    const result = await q.executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async listSessions(tenantId: string, userId: string, now: number): Promise<AuthSessionRow[]> {
    const rows = await this.#db
      .selectFrom('auth_sessions')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('revoked_at', 'is', null)
      .where('expires_at', '>', now)
      .orderBy('last_used_at', 'desc')
      .orderBy('id')
      .execute();
    return rows.map(toSessionRow);
  }

  async createLink(row: AuthLinkRow): Promise<void> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT' }, () => this.#db.insertInto('auth_links').values(fromLinkRow(row)).execute());
  }

  async getLink(hash: string): Promise<AuthLinkRow | null> {
    const row = await this.#db.selectFrom('auth_links').selectAll().where('hash', '=', hash).executeTakeFirst();
    return row === undefined ? null : toLinkRow(row);
  }

  async consumeLink(hash: string, purpose: LinkPurpose, at: number): Promise<AuthLinkRow | null> {
    // One statement decides: of two uses at once, only one finds `used_at` still null.
    const row = await this.#db
      .updateTable('auth_links')
      .set({ used_at: at })
      .where('hash', '=', hash)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .where('expires_at', '>', at)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toLinkRow(row);
  }

  async listLinks(tenantId: string, purpose: LinkPurpose, opts: { pendingAt?: number } = {}): Promise<AuthLinkRow[]> {
    let q = this.#db.selectFrom('auth_links').selectAll().where('tenant_id', '=', tenantId).where('purpose', '=', purpose);
    if (opts.pendingAt !== undefined) q = q.where('used_at', 'is', null).where('expires_at', '>', opts.pendingAt);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id').execute();
    return rows.map(toLinkRow);
  }

  async deleteLink(tenantId: string, id: string): Promise<boolean> {
    const result = await this.#db.deleteFrom('auth_links').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async deleteLinksFor(tenantId: string, userId: string, purpose: LinkPurpose): Promise<number> {
    const result = await this.#db
      .deleteFrom('auth_links')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('purpose', '=', purpose)
      .where('used_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async appendAudit(row: AuditRow): Promise<void> {
    await this.#db
      .insertInto('audit_log')
      .values({
        id: row.id,
        tenant_id: row.tenantId,
        at: row.at,
        actor: row.actor,
        action: row.action,
        target: row.target,
        ip: row.ip,
        detail: JSON.stringify(row.detail),
      })
      .execute();
  }

  async listAudit(tenantId: string, query: { before?: string; limit: number }): Promise<AuditRow[]> {
    let q = this.#db.selectFrom('audit_log').selectAll().where('tenant_id', '=', tenantId);
    if (query.before !== undefined) q = q.where('id', '<', query.before);
    const rows = await q.orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toAuditRow);
  }
}

// Rows ↔ tables. Times come back as numbers on both engines (bigint columns are parsed as numbers).

function toAccountRow(r: Selectable<AccountsTable>): AccountRow {
  return {
    tenantId: r.tenant_id,
    userId: r.user_id,
    email: r.email,
    passwordHash: r.password_hash,
    totpSecret: r.totp_secret,
    createdAt: Number(r.created_at),
    passwordChangedAt: nullableNumber(r.password_changed_at),
    lastLoginAt: nullableNumber(r.last_login_at),
  };
}

function fromAccountRow(a: AccountRow): AccountsTable {
  return {
    tenant_id: a.tenantId,
    user_id: a.userId,
    email: a.email,
    password_hash: a.passwordHash,
    totp_secret: a.totpSecret,
    created_at: a.createdAt,
    password_changed_at: a.passwordChangedAt,
    last_login_at: a.lastLoginAt,
  };
}

function toSessionRow(r: Selectable<AuthSessionsTable>): AuthSessionRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    userId: r.user_id,
    tokenHash: r.token_hash,
    previousHash: r.previous_hash,
    rotatedAt: nullableNumber(r.rotated_at),
    createdAt: Number(r.created_at),
    lastUsedAt: Number(r.last_used_at),
    expiresAt: Number(r.expires_at),
    revokedAt: nullableNumber(r.revoked_at),
    userAgent: r.user_agent,
    ip: r.ip,
  };
}

function fromSessionRow(s: AuthSessionRow): AuthSessionsTable {
  return {
    id: s.id,
    tenant_id: s.tenantId,
    user_id: s.userId,
    token_hash: s.tokenHash,
    previous_hash: s.previousHash,
    rotated_at: s.rotatedAt,
    created_at: s.createdAt,
    last_used_at: s.lastUsedAt,
    expires_at: s.expiresAt,
    revoked_at: s.revokedAt,
    user_agent: s.userAgent,
    ip: s.ip,
  };
}

function toLinkRow(r: Selectable<AuthLinksTable>): AuthLinkRow {
  return {
    hash: r.hash,
    id: r.id,
    purpose: r.purpose as LinkPurpose,
    tenantId: r.tenant_id,
    userId: r.user_id,
    email: r.email,
    role: r.role as StaffRole | null,
    createdBy: r.created_by,
    createdAt: Number(r.created_at),
    expiresAt: Number(r.expires_at),
    usedAt: nullableNumber(r.used_at),
  };
}

function fromLinkRow(l: AuthLinkRow): AuthLinksTable {
  return {
    hash: l.hash,
    id: l.id,
    purpose: l.purpose,
    tenant_id: l.tenantId,
    user_id: l.userId,
    email: l.email,
    role: l.role,
    created_by: l.createdBy,
    created_at: l.createdAt,
    expires_at: l.expiresAt,
    used_at: l.usedAt,
  };
}

function toAuditRow(r: Selectable<AuditLogTable>): AuditRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    at: Number(r.at),
    actor: r.actor,
    action: r.action,
    target: r.target,
    ip: r.ip,
    detail: JSON.parse(r.detail) as Record<string, unknown>,
  };
}

function nullableNumber(value: number | null): number | null {
  return value === null ? null : Number(value);
}
