import type { Store, TenantRow, WebhookEndpointRow } from '../../store/index.js';

interface Entry<T> {
  value: Promise<T>;
  at: number;
}

/**
 * A tenant's active endpoints, which of them are paused, and its row (for its plan), kept for
 * `ttlMs`: the intake asks for them on every event. Changes through this node's admin API clear the tenant at once; another
 * node's changes show within `ttlMs`.
 */
export class EndpointCache {
  private readonly endpoints = new Map<string, Entry<WebhookEndpointRow[]>>();
  private readonly tenants = new Map<string, Entry<TenantRow | null>>();
  private readonly pausedIds = new Map<string, Entry<Set<string>>>();

  constructor(
    private readonly store: Store,
    private readonly ttlMs = 2_000,
  ) {}

  active(tenantId: string): Promise<WebhookEndpointRow[]> {
    return this.cached(this.endpoints, tenantId, async () => (await this.store.webhooks.listEndpoints(tenantId)).filter((e) => e.active));
  }

  /** The tenant's active endpoints that are paused (circuit open): the intake skips them. */
  paused(tenantId: string): Promise<Set<string>> {
    return this.cached(this.pausedIds, tenantId, async () => {
      const ids = (await this.active(tenantId)).map((e) => e.id);
      const health = await this.store.webhooks.getEndpointHealth(ids);
      return new Set(health.filter((h) => h.pausedAt !== null).map((h) => h.endpointId));
    });
  }

  /** A circuit opened or closed on this node: which endpoints are paused is read again. */
  forgetPaused(): void {
    this.pausedIds.clear();
  }

  tenant(tenantId: string): Promise<TenantRow | null> {
    return this.cached(this.tenants, tenantId, () => this.store.getTenant(tenantId));
  }

  invalidate(tenantId: string): void {
    this.endpoints.delete(tenantId);
    this.tenants.delete(tenantId);
    this.pausedIds.delete(tenantId);
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
