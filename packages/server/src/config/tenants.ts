import { DomainSchema, ParleyError, UpdateTenantSchema, validator, type UpdateTenantInput } from '@parley/protocol';

/** The config file key of the tenants section (not an environment variable: it is structured). */
export const TENANTS_KEY = 'tenants';

/** Tenants the config file names, by domain: created if missing, given this name and plan at every start. */
export type ConfiguredTenants = Record<string, UpdateTenantInput>;

const domain = validator(DomainSchema);
const tenant = validator(UpdateTenantSchema);

/**
 * Reads the config file's `tenants` section, `{"<domain>": {"name"?, "plan": {"name"?, "features"?}}}`,
 * with the admin API's own schema: an unknown feature is reported with the list of known ones.
 * Problems are added to `problems`, one per bad tenant.
 *
 * @example
 * readTenantsSection({ acme: { plan: { features: ['livechat'] } } }, 'parley.json', problems);
 */
export function readTenantsSection(value: unknown, file: string, problems: string[]): ConfiguredTenants {
  const out: ConfiguredTenants = {};
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    problems.push(`${TENANTS_KEY} (in ${file}): expected an object of tenants by domain`);
    return out;
  }
  for (const [name, entry] of Object.entries(value)) {
    const where = `${TENANTS_KEY}.${name} (in ${file})`;
    if (!domain.check(name)) {
      problems.push(`${where}: not a tenant domain (letters, digits, _ . -, at most 64)`);
      continue;
    }
    try {
      out[name] = tenant.parse(entry);
    } catch (err) {
      if (!(err instanceof ParleyError)) throw err;
      problems.push(`${where}: ${err.message}`);
    }
  }
  return out;
}
