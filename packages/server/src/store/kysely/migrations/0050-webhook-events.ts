import type { Kysely, Migration } from 'kysely';

/**
 * Webhook events stored once each (`wh_events`), whatever the number of endpoints, and a cursor per
 * endpoint (`event_cursor`: the last event it has passed) with a lease (`lease_owner`, `lease_until`:
 * the node working it). Deliveries are made when an endpoint's cursor passes an event, so an endpoint
 * that does not answer costs no row per event. Deliveries pending from before stay and are sent.
 */
export function webhookEventsMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('wh_events')
        .addColumn('seq', 'bigint', (c) => c.primaryKey())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text')
        .addColumn('sender_id', 'text')
        .addColumn('member_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      // An endpoint reads its tenant's events after its cursor; pruning goes by age.
      await db.schema.createIndex('wh_events_tenant').on('wh_events').columns(['tenant_id', 'seq']).execute();
      await db.schema.createIndex('wh_events_created').on('wh_events').columns(['created_at']).execute();
      await db.schema.alterTable('wh_endpoints').addColumn('event_cursor', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('wh_endpoints').addColumn('lease_owner', 'text').execute();
      await db.schema.alterTable('wh_endpoints').addColumn('lease_until', 'bigint').execute();
    },
  };
}
