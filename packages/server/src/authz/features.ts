import { ParleyError, type Feature } from '@parley/protocol';
import type { TenantRow } from '../store/index.js';

export type { Feature } from '@parley/protocol';

/** Throws E_FEATURE_UNAVAILABLE (403) when the feature is not in the tenant's plan (seed 004). */
export function requireFeature(tenant: TenantRow, feature: Feature): void {
  if (!hasFeature(tenant, feature)) {
    throw new ParleyError('E_FEATURE_UNAVAILABLE', `The feature "${feature}" is not in the plan of tenant ${tenant.domain}`);
  }
}

export function hasFeature(tenant: TenantRow, feature: Feature): boolean {
  return tenant.plan.features.includes(feature);
}
