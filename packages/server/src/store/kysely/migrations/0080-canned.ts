import type { Kysely, Migration } from 'kysely';

/**
 * Canned responses. `bucket` names the set a shortcut is unique in — `personal:<userId>`, `team`,
 * `department:<id>` — so one unique index holds on both engines (a NULL owner or department would
 * never collide in a plain unique index). Listed per tenant, small (bounded by the domain).
 */
export function cannedMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('canned_responses')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('scope', 'text', (c) => c.notNull())
        .addColumn('owner_id', 'text')
        .addColumn('department_id', 'text')
        .addColumn('bucket', 'text', (c) => c.notNull())
        .addColumn('shortcut', 'text', (c) => c.notNull())
        .addColumn('text', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('canned_responses_shortcut').unique().on('canned_responses').columns(['tenant_id', 'bucket', 'shortcut']).execute();
    },
  };
}
