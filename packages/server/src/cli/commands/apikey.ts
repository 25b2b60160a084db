import type { Config } from '../../config/index.js';
import { withNode } from '../context.js';

/** `parley apikey create --tenant D`: a new admin API key of the tenant, shown once. */
export async function createApiKey(config: Config, domain: string, name: string): Promise<void> {
  await withNode(config, async (node) => {
    const tenant = await node.services.tenants.byDomain(domain);
    const created = await node.services.tenants.createApiKey(tenant.id, name);
    console.log(JSON.stringify({ tenant: tenant.domain, ...created }, null, 2));
  });
}
