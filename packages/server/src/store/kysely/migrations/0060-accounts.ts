import type { Kysely, Migration } from 'kysely';

/**
 * Staff accounts (agents and admins sign in with email and password): the role on the user row, the
 * account's sign-in facts, sessions of rotating refresh secrets, single-use links (set-up, invitation,
 * reset) and the audit log. Secrets are stored only as hashes.
 */
export function accountsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('users').addColumn('role', 'text').execute();
      // The owner of a tenant is looked up at every start.
      await db.schema.createIndex('users_role').on('users').columns(['tenant_id', 'role']).execute();

      await db.schema
        .createTable('accounts')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('password_hash', 'text')
        .addColumn('totp_secret', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('password_changed_at', 'bigint')
        .addColumn('last_login_at', 'bigint')
        .addPrimaryKeyConstraint('accounts_pk', ['tenant_id', 'user_id'])
        .addForeignKeyConstraint('accounts_user_fk', ['tenant_id', 'user_id'], 'users', ['tenant_id', 'id'])
        .execute();
      // One person, one sign-in across the installation: the email finds the tenant.
      await db.schema.createIndex('accounts_email').on('accounts').column('email').unique().execute();

      await db.schema
        .createTable('auth_sessions')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('token_hash', 'text', (c) => c.notNull())
        .addColumn('previous_hash', 'text')
        .addColumn('rotated_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('last_used_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .addColumn('user_agent', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('auth_sessions_user').on('auth_sessions').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('auth_links')
        .addColumn('hash', 'text', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text')
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('role', 'text')
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('auth_links_id').on('auth_links').column('id').unique().execute();
      await db.schema.createIndex('auth_links_tenant').on('auth_links').columns(['tenant_id', 'purpose', 'created_at']).execute();

      await db.schema
        .createTable('audit_log')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .addColumn('actor', 'text', (c) => c.notNull())
        .addColumn('action', 'text', (c) => c.notNull())
        .addColumn('target', 'text', (c) => c.notNull())
        .addColumn('ip', 'text', (c) => c.notNull())
        .addColumn('detail', 'text', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('audit_log_tenant').on('audit_log').columns(['tenant_id', 'id']).execute();
    },
  };
}
