import type { Kysely, Migration } from 'kysely';

/**
 * Seed 004's per-user message facts: favourites, and messages deleted for one user only. Both are
 * keyed so that the user's own queries walk the primary key.
 */
export function messengerMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('favourites')
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id'))
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('favourites_pk', ['tenant_id', 'user_id', 'message_id'])
        .execute();
      // Deleting a message for everyone drops every user's favourite of it.
      await db.schema.createIndex('favourites_message').on('favourites').columns(['tenant_id', 'message_id']).execute();

      await db.schema
        .createTable('hidden_messages')
        .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id'))
        .addColumn('user_id', 'text', (c) => c.notNull())
        .addColumn('seq', 'bigint', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('message_id', 'text', (c) => c.notNull())
        .addColumn('hidden_at', 'bigint', (c) => c.notNull())
        .addPrimaryKeyConstraint('hidden_messages_pk', ['chat_id', 'user_id', 'seq'])
        .execute();
    },
  };
}
