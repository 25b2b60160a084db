import type { PresenceBackend, UserRef } from './presence-backend.js';
import type { NodeInfo, Presence } from './types.js';

/**
 * This node's side of presence: counts its own connections per user and tells the backend when a
 * user comes online here, goes offline here, and (at every heartbeat) is still here. Lookups ask the
 * backend, so they see every node.
 */
export class PresenceTracker implements Presence {
  /** user key → open connections on this node */
  private readonly local = new Map<string, { user: UserRef; count: number }>();
  private readonly startedAt = Date.now();

  constructor(
    private readonly nodeId: string,
    private readonly backend: PresenceBackend,
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Open connections on this node. */
  get connections(): number {
    let n = 0;
    for (const entry of this.local.values()) n += entry.count;
    return n;
  }

  connected(tenantId: string, userId: string): void {
    const key = userKey(tenantId, userId);
    const entry = this.local.get(key);
    if (entry) {
      entry.count++;
      return;
    }
    const user = { tenantId, userId };
    this.local.set(key, { user, count: 1 });
    // Best effort: while the backend is unreachable the next heartbeat writes it.
    this.backend.add(this.nodeId, user, this.ttlMs, this.now()).catch(() => {});
  }

  disconnected(tenantId: string, userId: string): void {
    const key = userKey(tenantId, userId);
    const entry = this.local.get(key);
    if (!entry) return;
    if (--entry.count > 0) return;
    this.local.delete(key);
    this.backend.remove(this.nodeId, entry.user).catch(() => {});
  }

  online(tenantId: string, userIds: readonly string[]): Promise<Set<string>> {
    return this.backend.online(tenantId, userIds, this.now());
  }

  nodes(): Promise<NodeInfo[]> {
    return this.backend.nodes(this.now());
  }

  /** The heartbeat: this node and all its users, renewed for another TTL. */
  heartbeat(): Promise<void> {
    const info: NodeInfo = { nodeId: this.nodeId, startedAt: this.startedAt, connections: this.connections };
    return this.backend.refresh(info, [...this.local.values()].map((e) => e.user), this.ttlMs, this.now());
  }

  /** Graceful leave: the node and its users disappear now rather than after the TTL. */
  leave(): Promise<void> {
    return this.backend.leave(this.nodeId, [...this.local.values()].map((e) => e.user));
  }
}

function userKey(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}
