import pino from 'pino';
import { buildServer, type ParleyServer } from '../app.js';
import type { Config } from '../config/index.js';
import type { Actor } from '../domain/index.js';
import type { TenantRow } from '../store/index.js';

/**
 * Runs an admin command against a Parley node built from the configuration but not listening: the
 * same store, migrations and services as the server. Logs go to stderr so stdout stays the
 * command's output. A DEFAULT tenant created by this run has its admin key printed once (stderr).
 */
export async function withNode<T>(config: Config, run: (node: ParleyServer) => Promise<T>): Promise<T> {
  const node = await buildServer(config, { logStream: pino.destination(2) });
  try {
    const { tenant, generatedAdminKey } = node.bootstrap;
    if (generatedAdminKey) console.error(`Parley: admin API key of tenant ${tenant.domain} (shown once, keep it): ${generatedAdminKey}`);
    return await run(node);
  } finally {
    await node.close();
  }
}

/** The command line acts as an admin of the tenant. */
export function cliAdmin(tenant: TenantRow): Actor & { type: 'admin' } {
  return { type: 'admin', tenant, keyId: 'cli' };
}
