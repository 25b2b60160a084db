import type { Kysely, Migration } from 'kysely';

/**
 * Indexes for the message rules: the latest message of a type in a chat (the FORM a FORM_RESPONSE
 * answers), and the current reactions on a page of messages (per target and user, the newest
 * REACTION). Plain indexes on both engines: a partial index on `message_type = 'REACTION'` would not
 * serve SQLite's bound-parameter queries.
 */
export const messageLookupsMigration: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.createIndex('messages_chat_type').on('messages').columns(['chat_id', 'message_type', 'seq']).execute();
    await db.schema
      .createIndex('messages_chat_reply')
      .on('messages')
      .columns(['chat_id', 'reply_to', 'message_type', 'sender_id', 'seq'])
      .execute();
  },
};
