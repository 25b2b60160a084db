import type { Config } from '../../config/index.js';
import { withNode } from '../context.js';

/** `parley tenant create <domain>`: the tenant and its first admin API key. */
export async function createTenant(config: Config, domain: string, name: string | undefined): Promise<void> {
  await withNode(config, async ({ services }) => {
    const tenant = await services.tenants.create({ domain, name });
    const { key } = await services.tenants.createApiKey(tenant.id, 'bootstrap');
    console.log(JSON.stringify({ tenant, adminKey: key }, null, 2));
  });
}
