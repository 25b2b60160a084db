import { FEATURES, type Feature, type FeatureList } from '@parley/protocol';
import type { TenantRow } from '../../store/index.js';
import { planFeatures } from '../tenants/index.js';

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
  const features = planFeatures(tenant.plan);
  const available = Object.fromEntries(FEATURES.map((f) => [f, features.includes(f)])) as Record<Feature, boolean>;
  return { plan: tenant.plan.name, features, available };
}
