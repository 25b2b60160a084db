import type { Redis } from 'ioredis';

/** The answer of a rate limiter (structurally the `RateLimiter` of domain/livechat). */
export interface RateDecision {
  allowed: boolean;
  retryAfterMs: number;
}

interface Limiter {
  hit(key: string, limit: number, windowMs: number): Promise<RateDecision>;
}

/**
 * Fixed-window counters in Redis, so a limit holds across every node of a cluster: one
 * `INCR` + `PEXPIRE` per hit on `<prefix>rate:<key>:<window number>`. While Redis is away the
 * per-node `fallback` counts instead (limits then hold per node, never not at all).
 */
export class RedisRateLimiter implements Limiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly fallback: Limiter,
    private readonly now: () => number = Date.now,
  ) {}

  async hit(key: string, limit: number, windowMs: number): Promise<RateDecision> {
    const now = this.now();
    const window = Math.floor(now / windowMs);
    const redisKey = `${this.prefix}rate:${key}:${window}`;
    try {
      const results = await this.redis.multi().incr(redisKey).pexpire(redisKey, windowMs).exec();
      const count = Number(results?.[0]?.[1]);
      if (!Number.isFinite(count)) throw new Error('no count');
      return { allowed: count <= limit, retryAfterMs: Math.max(0, (window + 1) * windowMs - now) };
    } catch {
      return this.fallback.hit(key, limit, windowMs);
    }
  }
}
