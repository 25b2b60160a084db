import type { Redis } from 'ioredis';
import type { PresenceBackend, UserRef } from '../presence-backend.js';
import type { NodeInfo } from '../types.js';

/** Users per pipeline, so a big node's heartbeat never builds one huge command batch. */
const CHUNK = 500;

/**
 * Presence and heartbeats as expiring Redis keys:
 * - `<prefix>node:<nodeId>`: the node's heartbeat (JSON), expiring after the TTL;
 * - `<prefix>nodes`: a sorted set of node ids scored by their heartbeat's expiry (to list them);
 * - `<prefix>presence:<tenantId>:<userId>`: a sorted set of the nodes where the user is online,
 *   scored by expiry; the key itself expires after the TTL, so a crashed node's users fade out.
 * Scores are compared with the nodes' clocks: keep them in sync (NTP) well within the TTL.
 */
export class RedisPresenceBackend implements PresenceBackend {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
  ) {}

  async refresh(node: NodeInfo, users: readonly UserRef[], ttlMs: number, now: number): Promise<void> {
    const expiresAt = now + ttlMs;
    const nodes = `${this.prefix}nodes`;
    const head = this.redis
      .pipeline()
      .set(`${this.prefix}node:${node.nodeId}`, JSON.stringify(node), 'PX', ttlMs)
      .zadd(nodes, expiresAt, node.nodeId)
      .zremrangebyscore(nodes, '-inf', now)
      .pexpire(nodes, ttlMs);
    await run(head);
    for (let i = 0; i < users.length; i += CHUNK) {
      const pipeline = this.redis.pipeline();
      for (const user of users.slice(i, i + CHUNK)) this.write(pipeline, node.nodeId, user, ttlMs, expiresAt);
      await run(pipeline);
    }
  }

  async add(nodeId: string, user: UserRef, ttlMs: number, now: number): Promise<void> {
    const pipeline = this.redis.pipeline();
    this.write(pipeline, nodeId, user, ttlMs, now + ttlMs);
    await run(pipeline);
  }

  async remove(nodeId: string, user: UserRef): Promise<void> {
    await this.redis.zrem(this.userKey(user), nodeId);
  }

  async online(tenantId: string, userIds: readonly string[], now: number): Promise<Set<string>> {
    const result = new Set<string>();
    for (let i = 0; i < userIds.length; i += CHUNK) {
      const chunk = userIds.slice(i, i + CHUNK);
      const pipeline = this.redis.pipeline();
      for (const userId of chunk) pipeline.zcount(this.userKey({ tenantId, userId }), `(${now}`, '+inf');
      const counts = await run(pipeline);
      chunk.forEach((userId, j) => {
        if (Number(counts[j]) > 0) result.add(userId);
      });
    }
    return result;
  }

  async nodes(now: number): Promise<NodeInfo[]> {
    const ids = await this.redis.zrangebyscore(`${this.prefix}nodes`, `(${now}`, '+inf');
    if (ids.length === 0) return [];
    const beats = await this.redis.mget(ids.map((id) => `${this.prefix}node:${id}`));
    const nodes: NodeInfo[] = [];
    for (const beat of beats) {
      if (beat === null) continue;
      try {
        nodes.push(JSON.parse(beat) as NodeInfo);
      } catch {
        // a foreign or damaged entry: not a live node
      }
    }
    return nodes;
  }

  async leave(nodeId: string, users: readonly UserRef[]): Promise<void> {
    const head = this.redis.pipeline().del(`${this.prefix}node:${nodeId}`).zrem(`${this.prefix}nodes`, nodeId);
    await run(head);
    for (let i = 0; i < users.length; i += CHUNK) {
      const pipeline = this.redis.pipeline();
      for (const user of users.slice(i, i + CHUNK)) pipeline.zrem(this.userKey(user), nodeId);
      await run(pipeline);
    }
  }

  private write(pipeline: ReturnType<Redis['pipeline']>, nodeId: string, user: UserRef, ttlMs: number, expiresAt: number): void {
    const key = this.userKey(user);
    pipeline.zadd(key, expiresAt, nodeId).pexpire(key, ttlMs);
  }

  private userKey(user: UserRef): string {
    return `${this.prefix}presence:${user.tenantId}:${user.userId}`;
  }
}

/** Runs a pipeline; the first failed command fails the whole call. Resolves to the replies. */
async function run(pipeline: ReturnType<Redis['pipeline']>): Promise<unknown[]> {
  const results = (await pipeline.exec()) ?? [];
  const replies: unknown[] = [];
  for (const [err, reply] of results) {
    if (err) throw err;
    replies.push(reply);
  }
  return replies;
}
