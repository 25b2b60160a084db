import type { Kysely, Migration } from 'kysely';

/**
 * A tenant's widget settings (colours, title, greeting, pre-chat fields) beside its other live-chat
 * settings, as one JSON document: the widget reads it whole and it is small and bounded. Null until
 * an admin saves them; the defaults live in the code. The allowed origins stay on the tenant row,
 * where every connection's checks read them.
 */
export function widgetMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('lc_settings').addColumn('widget', 'text').execute();
    },
  };
}
