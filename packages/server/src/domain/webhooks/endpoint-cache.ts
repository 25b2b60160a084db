import type { Store, TenantRow, WebhookEndpointRow } from '../../store/index.js';

interface Entry<T> {
  value: Promise<T>;
  at: number;
}

/** The event types some active endpoint of a tenant subscribed to. */
export interface Subscriptions {
  has(type: string): boolean;
}

const EVERY_TYPE: Subscriptions = { has: () => true };

/**
 * A tenant's active endpoints, the event types they subscribed to, and its row (for its plan), kept
 * for `ttlMs`: the intake asks on every event. Changes through this node's admin API clear the tenant
 * at once; another node's changes show within `ttlMs`.
 */
export class EndpointCache {
  private readonly endpoints = new Map<string, Entry<WebhookEndpointRow[]>>();
  private readonly tenants = new Map<string, Entry<TenantRow | null>>();
  private readonly subscriptions = new Map<string, Entry<Subscriptions>>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 2_000,
  ) {}

  active(tenantId: string): Promise<WebhookEndpointRow[]> {
    return this.cached(this.endpoints, tenantId, async () => (await this.store.webhooks.listEndpoints(tenantId)).filter((e) => e.active));
  }

  /** The types the tenant's active endpoints want (paused ones too: they catch up when resumed). */
  subscribed(tenantId: string): Promise<Subscriptions> {
    return this.cached(this.subscriptions, tenantId, async () => {
      const types = (await this.active(tenantId)).flatMap((e) => e.events);
      return types.includes('*') ? EVERY_TYPE : new Set(types);
    });
  }

  tenant(tenantId: string): Promise<TenantRow | null> {
    return this.cached(this.tenants, tenantId, () => this.store.getTenant(tenantId));
  }

  invalidate(tenantId: string): void {
    this.endpoints.delete(tenantId);
    this.tenants.delete(tenantId);
    this.subscriptions.delete(tenantId);
  }

  private cached<T>(map: Map<string, Entry<T>>, key: string, load: () => Promise<T>): Promise<T> {
    const now = Date.now();
    const hit = map.get(key);
    if (hit && now - hit.at < this.ttlMs) return hit.value;
    const value = load();
    map.set(key, { value, at: now });
    // A failed load is not kept.
    value.catch(() => {
      if (map.get(key)?.value === value) map.delete(key);
    });
    if (map.size > 10_000) map.delete(map.keys().next().value as string);
    return value;
  }
}
