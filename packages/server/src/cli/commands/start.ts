import { buildServer } from '../../app.js';
import type { Config } from '../../config/index.js';

/**
 * Runs one node until SIGTERM / SIGINT, then stops gracefully: no new connections, running
 * operations answered, sockets closed with 1001 (clients reconnect elsewhere and resume), queued
 * commits finished. Exits 0 when that is done, 1 when it takes longer than `shutdownTimeoutMs`.
 */
export async function start(config: Config): Promise<void> {
  const server = await buildServer(config);
  const { tenant, generatedAdminKey } = server.bootstrap;
  if (generatedAdminKey) {
    // Printed once, on the start that created it; only its hash is stored.
    console.log(`Parley: admin API key of tenant ${tenant.domain} (shown once, keep it): ${generatedAdminKey}`);
  }
  if (!config.contactCenterId) console.log(`Parley: ContactCenterId of tenant ${tenant.domain}: ${tenant.contactCenterId}`);
  const url = await server.listen();
  console.log(`Parley listening on ${url} (store: ${server.internals.store.dialect}, bus: ${server.internals.bus.name}, data: ${config.dataDir})`);
  if (server.bootstrap.ownerCreated) console.log(`Parley: owner account ${config.owner?.email ?? ''} created from PARLEY_OWNER_EMAIL`);
  // No owner yet and none configured: a one-time link to create one (a new link at every such start).
  const setupLink = config.owner === undefined ? await server.services.accounts.setup.issueSetupLink(tenant, server.services.accounts.publicUrl()) : null;
  if (setupLink !== null) console.log(`Parley: no owner account yet. Create it within 24 hours at ${setupLink}`);

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    server.app.log.info({ signal, timeoutMs: config.shutdownTimeoutMs }, 'shutting down');
    console.log(`Parley: ${signal}, shutting down`);
    const force = setTimeout(() => {
      console.error(`Parley: shutdown took longer than ${config.shutdownTimeoutMs} ms, exiting`);
      process.exit(1);
    }, config.shutdownTimeoutMs);
    force.unref();
    server.close().then(
      () => {
        console.log('Parley: stopped');
        process.exit(0);
      },
      (err: unknown) => {
        console.error(err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}
