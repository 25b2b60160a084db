import type { LivechatDeps } from './deps.js';
import type { LivechatService } from './livechat-service.js';

/**
 * Periodic work of every node: a routing pass for each tenant with queued chats (an agent may have
 * become free, or connected, since the last event), and the absent-agent check — an agent with chats
 * whose last socket has been gone (cluster-wide presence) longer than the grace period has them
 * re-queued. Several nodes may sweep at once: re-queueing is the store's conditional update, so a
 * chat moves once. When an agent was first seen absent is this node's memory; after a restart the
 * grace starts again.
 */
export class LivechatSweeper {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private readonly absentSince = new Map<string, number>();

  constructor(
    private readonly deps: LivechatDeps,
    private readonly livechat: LivechatService,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweep()
        .catch((err: unknown) => this.deps.logError(err, { what: 'livechat sweep' }))
        .finally(() => (this.running = undefined));
    }, this.deps.config.sweepMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  /** One sweep (tests call it directly to avoid waiting for the timer). */
  async sweep(now = Date.now()): Promise<void> {
    const { store, bus, config } = this.deps;
    const busy = await store.livechat.listBusyAgents();
    const seen = new Set<string>();
    const byTenant = new Map<string, string[]>();
    for (const a of busy) byTenant.set(a.tenantId, [...(byTenant.get(a.tenantId) ?? []), a.userId]);
    for (const [tenantId, userIds] of byTenant) {
      const online = await bus.presence.online(tenantId, userIds);
      for (const userId of userIds) {
        const key = `${tenantId}\u0000${userId}`;
        seen.add(key);
        if (online.has(userId)) {
          this.absentSince.delete(key);
          continue;
        }
        const since = this.absentSince.get(key);
        if (since === undefined) this.absentSince.set(key, now);
        if (now - (since ?? now) >= config.agentGraceMs) {
          this.absentSince.delete(key);
          await this.livechat.requeueAgent(tenantId, userId, 'disconnected');
        }
      }
    }
    for (const key of this.absentSince.keys()) if (!seen.has(key)) this.absentSince.delete(key);
    for (const tenantId of await store.livechat.listQueuedTenants()) await this.livechat.router.route(tenantId);
  }
}
