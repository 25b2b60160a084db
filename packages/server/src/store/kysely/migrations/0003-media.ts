import type { Kysely, Migration } from 'kysely';

/**
 * Media files (issue 4): one row per upload or fetched URL, pointing at a content-addressed blob. A
 * chat's media messages are found through `messages_chat_type` (0002).
 */
export function mediaMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('media')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('uploader_id', 'text', (c) => c.notNull())
        .addColumn('blob_key', 'text', (c) => c.notNull())
        .addColumn('size', 'bigint', (c) => c.notNull())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('ext', 'text', (c) => c.notNull())
        .addColumn('mime_type', 'text', (c) => c.notNull())
        .addColumn('file_name', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('width', 'integer')
        .addColumn('height', 'integer')
        .addColumn('duration', 'double precision')
        .addColumn('thumbnail_key', 'text')
        .addColumn('preview', 'text')
        .addColumn('fullsize_key', 'text')
        .addColumn('fullsize_size', 'bigint')
        .addColumn('fullsize_width', 'integer')
        .addColumn('fullsize_height', 'integer')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('processed_at', 'bigint')
        .execute();
    },
  };
}
