import type { Kysely, Migration } from 'kysely';
import type { EngineCapabilities } from '../capabilities.js';

/**
 * Webhooks (issue 5, bots and integrations): endpoints, deliveries (one event for one endpoint, the
 * queue and its log at once) and the attempts of each delivery.
 */
export function webhooksMigration(caps: Pick<EngineCapabilities, 'nativeBooleans'>): Migration {
  const bool = caps.nativeBooleans ? 'boolean' : 'integer';
  return {
    async up(db: Kysely<unknown>): Promise<void> {
      await db.schema
        .createTable('wh_endpoints')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull().references('tenants.id'))
        .addColumn('url', 'text', (c) => c.notNull())
        .addColumn('secret', 'text', (c) => c.notNull())
        .addColumn('description', 'text', (c) => c.notNull())
        .addColumn('events', 'text', (c) => c.notNull())
        .addColumn('active', bool, (c) => c.notNull())
        .addColumn('bot_user_id', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('wh_endpoints_tenant').on('wh_endpoints').columns(['tenant_id', 'created_at']).execute();

      await db.schema
        .createTable('wh_deliveries')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('tenant_id', 'text', (c) => c.notNull())
        .addColumn('endpoint_id', 'text', (c) => c.notNull())
        .addColumn('event_id', 'text', (c) => c.notNull())
        .addColumn('event_type', 'text', (c) => c.notNull())
        .addColumn('chat_id', 'text')
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('attempts', 'integer', (c) => c.notNull())
        .addColumn('next_attempt_at', 'bigint')
        .addColumn('lease_until', 'bigint')
        .addColumn('last_status_code', 'integer')
        .addColumn('last_error', 'text')
        .addColumn('replay_of', 'text')
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();
      // The queue (due pending deliveries), the log by tenant and by endpoint, pruning.
      await db.schema.createIndex('wh_deliveries_due').on('wh_deliveries').columns(['status', 'next_attempt_at']).execute();
      await db.schema.createIndex('wh_deliveries_tenant').on('wh_deliveries').columns(['tenant_id', 'created_at']).execute();
      await db.schema.createIndex('wh_deliveries_endpoint').on('wh_deliveries').columns(['endpoint_id', 'status', 'next_attempt_at']).execute();
      await db.schema.createIndex('wh_deliveries_updated').on('wh_deliveries').columns(['status', 'updated_at']).execute();

      await db.schema
        .createTable('wh_attempts')
        .addColumn('delivery_id', 'text', (c) => c.notNull())
        .addColumn('attempt', 'integer', (c) => c.notNull())
        .addColumn('started_at', 'bigint', (c) => c.notNull())
        .addColumn('duration_ms', 'integer', (c) => c.notNull())
        .addColumn('status_code', 'integer')
        .addColumn('error', 'text')
        .addColumn('response_body', 'text', (c) => c.notNull())
        .addPrimaryKeyConstraint('wh_attempts_pk', ['delivery_id', 'attempt'])
        .execute();
    },
  };
}
