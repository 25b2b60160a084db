import { CreateTenantSchema, validator, type PlanInput } from '@parley/protocol';
import type { Config } from '../../config/index.js';
import { DEFAULT_TENANT, toTenantView } from '../../domain/tenants/index.js';
import { cliAdmin, withNode } from '../context.js';

const createInput = validator(CreateTenantSchema);

/** What `--name`, `--plan` and `--features` ask for; unset flags change nothing. */
export interface TenantFlags {
  name?: string;
  plan?: string;
  /** Comma-separated feature names; an empty string is a plan with no features. */
  features?: string;
}

/** The plan part of the flags, or undefined when neither --plan nor --features is given. */
function planOf(flags: TenantFlags): PlanInput | undefined {
  if (flags.plan === undefined && flags.features === undefined) return undefined;
  const features = flags.features?.split(',').map((f) => f.trim()).filter((f) => f !== '');
  return { ...(flags.plan === undefined ? {} : { name: flags.plan }), ...(features === undefined ? {} : { features: features as PlanInput['features'] }) };
}

/** `parley tenant create <domain>`: the tenant (with the plan asked for) and its first admin API key. */
export async function createTenant(config: Config, domain: string, flags: TenantFlags): Promise<void> {
  // Validated as the admin API validates it: an unknown feature is refused with the known ones.
  const input = createInput.parse({ domain, ...(flags.name === undefined ? {} : { name: flags.name }), ...withPlan(flags) });
  await withNode(config, async ({ services }) => {
    const tenant = await services.tenants.create(input);
    const { key } = await services.tenants.createApiKey(tenant.id, 'bootstrap');
    console.log(JSON.stringify({ tenant: toTenantView(tenant), adminKey: key }, null, 2));
  });
}

/**
 * `parley tenant update <domain>`: a new name, plan name or feature list, as the operator. The change
 * reaches running nodes through the bus they share (Redis); see docs/configuration.md.
 */
export async function updateTenant(config: Config, domain: string, flags: TenantFlags): Promise<void> {
  await withNode(config, async (node) => {
    const operator = cliAdmin(await node.services.tenants.byDomain(DEFAULT_TENANT));
    const input = { ...(flags.name === undefined ? {} : { name: flags.name }), ...withPlan(flags) };
    const tenant = await node.services.tenants.update(operator, domain, input);
    console.log(JSON.stringify({ tenant: toTenantView(tenant) }, null, 2));
  });
}

/** `parley tenant show <domain>`: the tenant and its plan. */
export async function showTenant(config: Config, domain: string): Promise<void> {
  await withNode(config, async (node) => {
    console.log(JSON.stringify({ tenant: toTenantView(await node.services.tenants.byDomain(domain)) }, null, 2));
  });
}

function withPlan(flags: TenantFlags): { plan?: PlanInput } {
  const plan = planOf(flags);
  return plan === undefined ? {} : { plan };
}
