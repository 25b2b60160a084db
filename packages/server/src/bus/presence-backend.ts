import type { NodeInfo } from './types.js';

/** A user of a tenant. */
export interface UserRef {
  tenantId: string;
  userId: string;
}

/**
 * Where a cluster keeps its expiring facts: node heartbeats and which node has which user online.
 * Every entry expires by itself after `ttlMs`, so a crashed node's heartbeat and users fade out.
 * `now` comes from the caller so the memory backend and tests share one clock with the tracker.
 */
export interface PresenceBackend {
  /** Writes this node's heartbeat and renews its users' presence. */
  refresh(node: NodeInfo, users: readonly UserRef[], ttlMs: number, now: number): Promise<void>;
  /** The user came online on this node: written at once, not at the next heartbeat. */
  add(nodeId: string, user: UserRef, ttlMs: number, now: number): Promise<void>;
  /** The user's last connection on this node closed. */
  remove(nodeId: string, user: UserRef): Promise<void>;
  /** Users among `userIds` online on some node whose entry has not expired. */
  online(tenantId: string, userIds: readonly string[], now: number): Promise<Set<string>>;
  /** Nodes whose heartbeat has not expired. */
  nodes(now: number): Promise<NodeInfo[]>;
  /** This node leaves: its heartbeat and its users' entries go at once (graceful shutdown). */
  leave(nodeId: string, users: readonly UserRef[]): Promise<void>;
}

/** Presence for one process: maps with expiry times. Several in-process nodes may share one. */
export class MemoryPresenceBackend implements PresenceBackend {
  private readonly heartbeats = new Map<string, { info: NodeInfo; expiresAt: number }>();
  /** user key → nodeId → expiry */
  private readonly users = new Map<string, Map<string, number>>();

  refresh(node: NodeInfo, users: readonly UserRef[], ttlMs: number, now: number): Promise<void> {
    this.heartbeats.set(node.nodeId, { info: node, expiresAt: now + ttlMs });
    for (const user of users) this.set(node.nodeId, user, now + ttlMs);
    return Promise.resolve();
  }

  add(nodeId: string, user: UserRef, ttlMs: number, now: number): Promise<void> {
    this.set(nodeId, user, now + ttlMs);
    return Promise.resolve();
  }

  remove(nodeId: string, user: UserRef): Promise<void> {
    const key = userKey(user.tenantId, user.userId);
    const entry = this.users.get(key);
    entry?.delete(nodeId);
    if (entry?.size === 0) this.users.delete(key);
    return Promise.resolve();
  }

  online(tenantId: string, userIds: readonly string[], now: number): Promise<Set<string>> {
    const result = new Set<string>();
    for (const userId of userIds) {
      const entry = this.users.get(userKey(tenantId, userId));
      if (!entry) continue;
      for (const [nodeId, expiresAt] of entry) {
        if (expiresAt > now) {
          result.add(userId);
          break;
        }
        entry.delete(nodeId);
      }
    }
    return Promise.resolve(result);
  }

  nodes(now: number): Promise<NodeInfo[]> {
    const live: NodeInfo[] = [];
    for (const [nodeId, beat] of this.heartbeats) {
      if (beat.expiresAt > now) live.push(beat.info);
      else this.heartbeats.delete(nodeId);
    }
    return Promise.resolve(live);
  }

  async leave(nodeId: string, users: readonly UserRef[]): Promise<void> {
    this.heartbeats.delete(nodeId);
    for (const user of users) await this.remove(nodeId, user);
  }

  private set(nodeId: string, user: UserRef, expiresAt: number): void {
    const key = userKey(user.tenantId, user.userId);
    let entry = this.users.get(key);
    if (!entry) this.users.set(key, (entry = new Map<string, number>()));
    entry.set(nodeId, expiresAt);
  }
}

function userKey(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}
