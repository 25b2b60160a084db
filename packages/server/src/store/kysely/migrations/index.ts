import type { Migration, MigrationProvider } from 'kysely';
import type { EngineCapabilities } from '../capabilities.js';
import { initialMigration } from './0001-initial.js';
import { messageLookupsMigration } from './0002-message-lookups.js';
import { mediaMigration } from './0003-media.js';
import { firstSeenMigration } from './0004-first-seen.js';
import { livechatMigration } from './0010-livechat.js';
import { webhooksMigration } from './0020-webhooks.js';
import { messengerMigration } from './0030-messenger.js';
import { webhookHealthMigration } from './0040-webhook-health.js';
import { webhookEventsMigration } from './0050-webhook-events.js';
import { widgetMigration } from './0070-widget.js';
import { cannedMigration } from './0080-canned.js';
import { accountsMigration } from './0060-accounts.js';

/**
 * Every migration, in code (no directory scan, so the bundle and the sources behave alike). Names sort
 * in the order they run; a new migration gets the next number and its own file.
 */
export function migrationProvider(caps: Pick<EngineCapabilities, 'nativeBooleans'>): MigrationProvider {
  const migrations: Record<string, Migration> = {
    '0001-initial': initialMigration(caps),
    '0002-message-lookups': messageLookupsMigration,
    '0003-media': mediaMigration(),
    '0004-first-seen': firstSeenMigration,
    '0010-livechat': livechatMigration(),
    '0020-webhooks': webhooksMigration(caps),
    '0030-messenger': messengerMigration(),
    '0040-webhook-health': webhookHealthMigration(),
    '0050-webhook-events': webhookEventsMigration(),
    '0070-widget': widgetMigration(),
    '0080-canned': cannedMigration(),
    '0060-accounts': accountsMigration(),
  };
  return { getMigrations: () => Promise.resolve(migrations) };
}
