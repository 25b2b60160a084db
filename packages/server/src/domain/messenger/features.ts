import type { FeatureList } from '@parley/protocol';
import type { TenantRow } from '../../store/index.js';
import { ALL_FEATURES } from '../tenants/index.js';

/**
 * Which plan feature guards which messenger operation (seed 004's cautions). Mute, archive, forward,
 * typing and receipts are part of every plan.
 */
export const MESSENGER_FEATURES = {
  favourites: 'favouriteMessage',
  clearChat: 'clearChat',
  deleteChat: 'deleteChat',
  deleteMessage: 'deleteMessage',
  groups: 'groupChat',
  mediaMessages: 'getMediaMessages',
} as const;

/** The caller's plan: its features, and every known feature with whether it is in. */
export function featureList(tenant: TenantRow): FeatureList {
  const features = [...tenant.plan.features];
  const available: Record<string, boolean> = {};
  for (const f of ALL_FEATURES) available[f] = features.includes(f);
  for (const f of features) available[f] = true;
  return { plan: tenant.plan.name, features, available };
}
