import type { Kysely, Migration } from 'kysely';

/**
 * Live chat (issue 5): departments, agents' routing records, the routing row of each visitor's chat
 * (its state stays `chats.state`), offline messages and per-tenant live-chat settings.
 */
export function livechatMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('lc_departments')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('routing', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('lc_departments_pk', ['tenant_id', 'id'])
        .execute();

      await db.schema
        .createTable('lc_agents')
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('max_chats', 'integer', (c) => c.notNull())
        .addColumn('active_chats', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('departments', 'text', (c) => c.notNull())
        .addColumn('status_at', 'bigint', (c) => c.notNull())
        .addColumn('last_assigned_at', 'bigint')
        .addPrimaryKeyConstraint('lc_agents_pk', ['tenant_id', 'user_id'])
        .execute();

      await db.schema
        .createTable('lc_chats')
        .addColumn('chat_id', 'text', (c) => c.primaryKey().references('chats.id'))
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('visitor_id', 'text', (c) => c.notNull())
        .addColumn('department_id', 'text')
        .addColumn('agent_id', 'text')
        .addColumn('subject', 'text', (c) => c.notNull())
        .addColumn('queued_at', 'bigint')
        .addColumn('assigned_at', 'bigint')
        .addColumn('ended_at', 'bigint')
        .addColumn('secure_key_hash', 'text')
        .addColumn('api_cursor', 'bigint', (c) => c.notNull().defaultTo(0))
        .addColumn('transcript_saved_at', 'bigint')
        .addColumn('transcript', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // The queue (by tenant, oldest first), a visitor's chats, an agent's chats.
      await db.schema.createIndex('lc_chats_queue').on('lc_chats').columns(['tenant_id', 'queued_at']).execute();
      await db.schema.createIndex('lc_chats_visitor').on('lc_chats').columns(['tenant_id', 'visitor_id']).execute();
      await db.schema.createIndex('lc_chats_agent').on('lc_chats').columns(['tenant_id', 'agent_id']).execute();

      await db.schema
        .createTable('lc_offline_messages')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('department_id', 'text')
        .addColumn('visitor_id', 'text')
        .addColumn('name', 'text', (c) => c.notNull())
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('lc_offline_messages_tenant').on('lc_offline_messages').columns(['tenant_id', 'created_at']).execute();

      await db.schema
        .createTable('lc_settings')
        .addColumn('tenant_id', 'text', (c) => c.primaryKey().references('tenants.id'))
        .addColumn('entry_bot_id', 'text')
        .execute();
    },
  };
}
