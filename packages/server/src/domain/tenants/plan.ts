import { FEATURES, isFeature, type Feature, type PlanInput, type TenantView } from '@parley/protocol';
import type { Plan, TenantRow } from '../../store/index.js';

export const DEFAULT_PLAN: Plan = {
  name: 'default',
  features: [...FEATURES],
  limits: { maxFileBytes: 25 * 1024 * 1024, maxMessagesPerMinute: 600 },
};

/**
 * The plan after an operator's change: `features` replaces the list (each once, in the order of
 * FEATURES, so equal plans compare equal); what the input leaves out is kept.
 */
export function withPlanInput(plan: Plan, input: PlanInput): Plan {
  const next: Plan = { ...plan };
  if (input.name !== undefined) next.name = input.name;
  if (input.features !== undefined) {
    const wanted = new Set<string>(input.features);
    next.features = FEATURES.filter((f) => wanted.has(f));
  }
  return next;
}

/** Whether a change would leave the plan as it is (then nothing is written, nothing announced). */
export function samePlan(a: Plan, b: Plan): boolean {
  return a.name === b.name && a.features.length === b.features.length && a.features.every((f, i) => b.features[i] === f);
}

/**
 * The features a plan grants. A stored name Parley no longer knows grants nothing (every check names
 * a known feature), so it is left out of what the API shows.
 */
export function planFeatures(plan: Plan): Feature[] {
  return plan.features.filter(isFeature);
}

/** A tenant as the admin API answers it. */
export function toTenantView(row: TenantRow): TenantView {
  const { media, webhooks, limits, name } = row.plan;
  return {
    id: row.id,
    domain: row.domain,
    name: row.name,
    contactCenterId: row.contactCenterId,
    plan: { name, features: planFeatures(row.plan), limits, ...(media ? { media } : {}), ...(webhooks ? { webhooks } : {}) },
    allowedOrigins: row.allowedOrigins,
    createdAt: row.createdAt,
  };
}
