import { sql } from 'kysely';
import type { Kysely, Migration } from 'kysely';

/**
 * `messageSeen` as the time a message was first seen. `seen_moves` keeps every move of a member's seen
 * watermark made by a receipt (a send's move is its message row), keyed so that one member's moves walk
 * the primary key. Each member's current watermark becomes one move, so existing messages keep a time.
 * `messages.imported_seen` holds an imported message's own `messageSeen` (JSON `number | null`; SQL NULL
 * for every message that was sent here).
 */
export const firstSeenMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema
      .createTable('seen_moves')
      .addColumn('chat_id', 'text', (c) => c.notNull().references('chats.id'))
      .addColumn('user_id', 'text', (c) => c.notNull())
      .addColumn('seq', 'bigint', (c) => c.notNull())
      .addColumn('at', 'bigint', (c) => c.notNull())
      .addPrimaryKeyConstraint('seen_moves_pk', ['chat_id', 'user_id', 'seq'])
      .execute();
    await sql`insert into seen_moves (chat_id, user_id, seq, at)
      select chat_id, user_id, seen_seq, seen_at from members where seen_seq > 0 and seen_at is not null`.execute(db);
    await db.schema.alterTable('messages').addColumn('imported_seen', 'text').execute();
  },
};
