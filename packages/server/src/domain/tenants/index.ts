import { randomUUID } from 'node:crypto';
import { ParleyError } from '@parley/protocol';
import type { Plan, Store, TenantRow } from '../../store/index.js';
import { generateApiKey, hashSecret } from '../../auth/secrets.js';

export const DEFAULT_TENANT = 'DEFAULT';

/** Every feature Parley knows; a plan lists the ones a tenant may use. */
export const ALL_FEATURES = [
  'imageAttachment',
  'audioAttachment',
  'videoAttachment',
  'documentAttachment',
  'getMediaMessages',
  'favouriteMessage',
  'clearChat',
  'deleteChat',
  'deleteMessage',
  'groupChat',
  'livechat',
] as const;

export const DEFAULT_PLAN: Plan = {
  name: 'default',
  features: [...ALL_FEATURES],
  limits: { maxFileBytes: 25 * 1024 * 1024, maxMessagesPerMinute: 600 },
};

/** Tenants, their admin keys and plans. */
export class TenantService {
  constructor(private readonly store: Store) {}

  async get(id: string): Promise<TenantRow> {
    const tenant = await this.store.getTenant(id);
    if (!tenant) throw new ParleyError('E_TENANT_NOT_FOUND');
    return tenant;
  }

  async create(input: { domain: string; name?: string; contactCenterId?: string; plan?: Plan }): Promise<TenantRow> {
    return this.store.createTenant({
      id: input.domain,
      domain: input.domain,
      name: input.name ?? input.domain,
      contactCenterId: input.contactCenterId ?? randomUUID(),
      plan: input.plan ?? DEFAULT_PLAN,
      allowedOrigins: [],
      createdAt: Date.now(),
    });
  }

  /** Creates an admin API key; the secret is returned once and only its hash is kept. */
  async createApiKey(tenantId: string, name: string, secret = generateApiKey()): Promise<{ id: string; key: string }> {
    const id = randomUUID();
    await this.store.createApiKey({ id, tenantId, name, hash: hashSecret(secret), createdAt: Date.now(), revokedAt: null });
    return { id, key: secret };
  }

  /**
   * Makes sure the DEFAULT tenant exists with an admin key and a ContactCenterId. Returns the secrets
   * that were generated (to print once) — nothing when they came from the configuration or existed.
   */
  async bootstrap(opts: { adminKey?: string; contactCenterId?: string }): Promise<{
    tenant: TenantRow;
    generatedAdminKey?: string;
    generatedContactCenterId?: boolean;
  }> {
    let tenant = await this.store.getTenant(DEFAULT_TENANT);
    let generatedAdminKey: string | undefined;
    let generatedContactCenterId = false;
    if (!tenant) {
      generatedContactCenterId = !opts.contactCenterId;
      try {
        tenant = await this.create({ domain: DEFAULT_TENANT, name: 'Default', contactCenterId: opts.contactCenterId });
      } catch (err) {
        // Another node created it at the same moment.
        if (!(err instanceof ParleyError && err.code === 'E_CONFLICT')) throw err;
        tenant = await this.get(DEFAULT_TENANT);
        generatedContactCenterId = false;
      }
      if (!opts.adminKey) generatedAdminKey = (await this.createApiKey(tenant.id, 'bootstrap')).key;
    }
    if (opts.adminKey && !(await this.store.getApiKeyByHash(hashSecret(opts.adminKey)))) {
      try {
        await this.createApiKey(tenant.id, 'PARLEY_ADMIN_KEY', opts.adminKey);
      } catch (err) {
        // Another node stored the same key at the same moment.
        if (!(err instanceof ParleyError && err.code === 'E_CONFLICT')) throw err;
      }
    }
    return { tenant, generatedAdminKey, generatedContactCenterId };
  }

  /** Throws E_FEATURE_UNAVAILABLE (403) when the feature is not in the tenant's plan. */
  requireFeature(tenant: TenantRow, feature: string): void {
    requireFeature(tenant, feature);
  }
}

/** Throws E_FEATURE_UNAVAILABLE (403) when the feature is not in the tenant's plan (seed 004). */
export function requireFeature(tenant: TenantRow, feature: string): void {
  if (!tenant.plan.features.includes(feature)) {
    throw new ParleyError('E_FEATURE_UNAVAILABLE', `The feature "${feature}" is not in the plan of tenant ${tenant.domain}`);
  }
}
