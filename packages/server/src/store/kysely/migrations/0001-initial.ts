import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';
import type { EngineCapabilities } from '../capabilities.js';

/**
 * The first schema. JSON values are TEXT on both engines, times and seqs are bigint milliseconds /
 * counters, booleans follow the engine (`nativeBooleans`). Every index serves a query of the store.
 */
export function initialMigration(caps: Pick<EngineCapabilities, 'nativeBooleans'>): Migration {
  const bool = caps.nativeBooleans ? 'boolean' : 'integer';
  const no = caps.nativeBooleans ? sql`false` : sql`0`;
  const yes = caps.nativeBooleans ? sql`true` : sql`1`;

  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('settings')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('tenants')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('domain', 'text', (c) => c.notNull().unique())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('contact_center_id', 'text', (c) => c.notNull().unique())
        .addColumn('plan', 'text', (c) => c.notNull())
        .addColumn('allowed_origins', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('api_keys')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('name', 'text', (c) => c.notNull())
        // Looked up on every API request.
        .addColumn('hash', 'text', (c) => c.notNull().unique())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('revoked_at', 'bigint')
        .execute();

      await db.schema
        .createTable('users')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('nickname', 'text', (c) => c.notNull())
        .addColumn('profile', 'text', (c) => c.notNull())
        .addColumn('token_version', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('disabled_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('users_pk', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('chats')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('state', 'text', (c) => c.notNull())
        .addColumn('title', 'text', (c) => c.notNull())
        .addColumn('direct_key', 'text')
        .addColumn('last_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('last_message_at', 'bigint')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('created_by', 'text', (c) => c.notNull())
        .addColumn('meta', 'text', (c) => c.notNull())
        .execute();
      // One direct chat per pair and tenant (NULL keys of group and live chats never collide).
      await db.schema.createIndex('chats_direct_key').unique().on('chats').columns(['tenant_id', 'direct_key']).execute();

      await db.schema
        .createTable('members')
        .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id'))
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('role', 'text', (c) => c.notNull())
        .addColumn('joined_at', 'bigint', (c) => c.notNull())
        .addColumn('left_at', 'bigint')
        .addColumn('delivered_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('delivered_at', 'bigint')
        .addColumn('seen_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('seen_at', 'bigint')
        .addColumn('muted', bool, (c) => c.notNull().defaultTo(no))
        .addColumn('archived', bool, (c) => c.notNull().defaultTo(no))
        .addColumn('cleared_seq', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('hidden', bool, (c) => c.notNull().defaultTo(no))
        .addPrimaryKeyConstraint('members_pk', ['chat_id', 'user_id'])
        .execute();
      // A user's chats: memberships, recent chats.
      await db.schema.createIndex('members_user').on('members').columns(['tenant_id', 'user_id']).execute();

      await db.schema
        .createTable('messages')
        .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('sender_id', 'text', (c) => c.notNull())
        .addColumn('message_type', 'text', (c) => c.notNull())
        .addColumn('content', 'text', (c) => c.notNull())
        .addColumn('reply_to', 'text', (c) => c.notNull())
        .addColumn('mentions', 'text', (c) => c.notNull())
        .addColumn('forwarded_from', 'text')
        .addColumn('ts', 'bigint', (c) => c.notNull())
        .addColumn('body_hash', 'text', (c) => c.notNull())
        .addColumn('delivery_success', bool, (c) => c.notNull().defaultTo(yes))
        .addColumn('delivery_error_reason', 'text', (c) => c.notNull().defaultTo(''))
        .addColumn('deleted_at', 'bigint')
        // History pages and the last message of a chat walk this key.
        .addPrimaryKeyConstraint('messages_pk', ['chat_id', 'seq'])
        // Idempotent sends: a message id is unique in its tenant.
        .addUniqueConstraint('messages_tenant_id', ['tenant_id', 'id'])
        .execute();
    },
  };
}
