import type { Kysely, Migration } from 'kysely';

/**
 * Webhook endpoint health, shared by every node: consecutive failures, the endpoint's own backoff
 * (`retry_at`), the circuit (`paused_at`: open since then) and the events dropped because the
 * endpoint's backlog was full. On the endpoint row, so the worker's due query reads it with the endpoint.
 */
export function webhookHealthMigration(): Migration {
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema.alterTable('wh_endpoints').addColumn('consecutive_failures', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('wh_endpoints').addColumn('retry_at', 'bigint').execute();
      await db.schema.alterTable('wh_endpoints').addColumn('paused_at', 'bigint').execute();
      await db.schema.alterTable('wh_endpoints').addColumn('last_error', 'text').execute();
      await db.schema.alterTable('wh_endpoints').addColumn('last_failure_at', 'bigint').execute();
      await db.schema.alterTable('wh_endpoints').addColumn('dropped', 'bigint', (c) => c.notNull().defaultTo(0)).execute();
      // The worker now finds due work endpoint by endpoint (`wh_deliveries_endpoint`); the queue-wide
      // index is no longer read, and every delivery row paid for it.
      await db.schema.dropIndex('wh_deliveries_due').execute();
    },
  };
}
