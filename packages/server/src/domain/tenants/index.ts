import { randomUUID } from 'node:crypto';
import { ParleyError, UpdateTenantSchema, validator, type Feature, type PlanInput, type UpdateTenantInput } from '@parley/protocol';
import type { Plan, Store, TenantRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import { generateApiKey, hashSecret } from '../../auth/secrets.js';
import { checkOperator, DEFAULT_TENANT } from './operator.js';
import { DEFAULT_PLAN, samePlan, withPlanInput } from './plan.js';
import { requireCapability, requireFeature } from '../../authz/index.js';
import { WidgetSettingsService } from './widget.js';

export { checkOperator, DEFAULT_TENANT } from './operator.js';
export { DEFAULT_PLAN, planFeatures, toTenantView } from './plan.js';
export { DEFAULT_WIDGET, WidgetSettingsService } from './widget.js';

const updateInput = validator(UpdateTenantSchema);

/** Tenants, their admin keys and plans. */
export class TenantService {
  /** The tenant's website widget: appearance and allowed origins. */
  readonly widget: WidgetSettingsService;

  constructor(
    private readonly store: Store,
    /** Announces changes to every node; absent where the service only checks features. */
    private readonly events?: EventDispatcher,
  ) {
    this.widget = new WidgetSettingsService(store, events);
  }

  async get(id: string): Promise<TenantRow> {
    const tenant = await this.store.getTenant(id);
    if (!tenant) throw new ParleyError('E_TENANT_NOT_FOUND');
    return tenant;
  }

  /** The tenant named by its domain, or E_TENANT_NOT_FOUND. */
  async byDomain(domain: string): Promise<TenantRow> {
    const tenant = await this.store.getTenantByDomain(domain);
    if (!tenant) throw new ParleyError('E_TENANT_NOT_FOUND', `Tenant ${domain} not found`);
    return tenant;
  }

  /** A tenant as an admin may see it: the operator sees every tenant, a tenant's admin only its own. */
  async view(actor: Actor, domain: string): Promise<TenantRow> {
    requireCapability(actor, 'manageTenant');
    if (actor.tenant.domain === domain) return this.get(actor.tenant.id);
    checkOperator(actor);
    return this.byDomain(domain);
  }

  /** A new tenant; `plan` is a whole plan, or an operator's input applied to the default plan. */
  async create(input: { domain: string; name?: string; contactCenterId?: string; plan?: Plan | PlanInput }): Promise<TenantRow> {
    return this.store.createTenant({
      id: input.domain,
      domain: input.domain,
      name: input.name ?? input.domain,
      contactCenterId: input.contactCenterId ?? randomUUID(),
      plan: input.plan === undefined ? DEFAULT_PLAN : 'limits' in input.plan ? input.plan : withPlanInput(DEFAULT_PLAN, input.plan),
      allowedOrigins: [],
      createdAt: Date.now(),
    });
  }

  /**
   * Changes a tenant's name or plan: the operator only; `raw` is validated, and an unknown feature is
   * E_VALIDATION listing the known ones. Every node hears of it at once: open connections and caches
   * take the new plan, so `features` and every feature check answer the new way from the next call.
   */
  async update(actor: Actor, domain: string, raw: unknown): Promise<TenantRow> {
    checkOperator(actor);
    const input = updateInput.parse(raw ?? {});
    return this.change(await this.byDomain(domain), input);
  }

  /**
   * The config file's `tenants` section, applied at start-up: missing tenants are created, the named
   * ones take the configured name and plan. Running it again with the same file writes nothing.
   */
  async configure(tenants: Readonly<Record<string, UpdateTenantInput>>): Promise<{ created: string[]; updated: string[] }> {
    const report = { created: [] as string[], updated: [] as string[] };
    for (const [domain, input] of Object.entries(tenants)) {
      let tenant = await this.store.getTenantByDomain(domain);
      if (!tenant) {
        try {
          await this.create({ domain, name: input.name, plan: input.plan });
          report.created.push(domain);
          continue;
        } catch (err) {
          // Another node of the cluster created it at the same moment: configure that one.
          if (!(err instanceof ParleyError && err.code === 'E_CONFLICT')) throw err;
          tenant = await this.byDomain(domain);
        }
      }
      if ((await this.change(tenant, input)) !== tenant) report.updated.push(domain);
    }
    return report;
  }

  /** Writes a validated change if it changes anything, then tells every node. */
  private async change(tenant: TenantRow, input: UpdateTenantInput): Promise<TenantRow> {
    const plan = input.plan ? withPlanInput(tenant.plan, input.plan) : tenant.plan;
    const name = input.name ?? tenant.name;
    if (name === tenant.name && samePlan(plan, tenant.plan)) return tenant;
    await this.store.updateTenant(tenant.id, { name, plan });
    const updated = { ...tenant, name, plan };
    this.events?.tenant(updated);
    return updated;
  }

  /** Creates an admin API key; the secret is returned once and only its hash is kept. */
  async createApiKey(tenantId: string, name: string, secret = generateApiKey()): Promise<{ id: string; key: string }> {
    const id = randomUUID();
    await this.store.createApiKey({ id, tenantId, name, hash: hashSecret(secret), createdAt: Date.now(), revokedAt: null });
    return { id, key: secret };
  }

  /** The tenant's admin API keys that still work, oldest first: name and dates, never the secret or its hash. */
  async apiKeys(tenantId: string): Promise<Array<{ id: string; name: string; createdAt: number }>> {
    return (await this.store.listApiKeys(tenantId)).map(({ id, name, createdAt }) => ({ id, name, createdAt }));
  }

  /** Revokes one of the tenant's keys at once; E_API_KEY_NOT_FOUND for a key it does not have (or revoked already). */
  async revokeApiKey(tenantId: string, id: string): Promise<void> {
    if (!(await this.store.listApiKeys(tenantId)).some((k) => k.id === id)) throw new ParleyError('E_API_KEY_NOT_FOUND');
    await this.store.revokeApiKey(tenantId, id, Date.now());
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
  requireFeature(tenant: TenantRow, feature: Feature): void {
    requireFeature(tenant, feature);
  }
}

// The feature check is part of the authorisation policy; re-exported for existing importers.
export { requireFeature };
