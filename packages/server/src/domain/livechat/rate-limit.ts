import { ParleyError } from '@parley/protocol';

/**
 * Counts requests per key in fixed windows. The embedded default keeps counts in this process; a
 * cluster can put the same interface over Redis (`INCR` + `PEXPIRE`) so limits hold across nodes.
 */
export interface RateLimiter {
  /** Counts one request for `key`; `allowed` false once more than `limit` came within the window. */
  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

const MAX_KEYS = 100_000;

/** The in-process limiter: one counter per key and window, forgotten when its window is over. */
export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  hit(key: string, limit: number, windowMs: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const now = this.now();
    let entry = this.windows.get(key);
    if (!entry || now - entry.start >= windowMs) {
      if (this.windows.size >= MAX_KEYS) this.sweep(now, windowMs);
      entry = { start: now, count: 0 };
      this.windows.set(key, entry);
    }
    entry.count++;
    return Promise.resolve({ allowed: entry.count <= limit, retryAfterMs: Math.max(0, entry.start + windowMs - now) });
  }

  private sweep(now: number, windowMs: number): void {
    for (const [key, entry] of this.windows) if (now - entry.start >= windowMs) this.windows.delete(key);
    if (this.windows.size >= MAX_KEYS) this.windows.clear();
  }
}

/** Throws E_RATE_LIMITED (429, `retryAfter` in seconds) when any of the keys is over its limit. */
export async function enforceLimits(limiter: RateLimiter, checks: readonly { key: string; limit: number }[], windowMs: number): Promise<void> {
  for (const check of checks) {
    const { allowed, retryAfterMs } = await limiter.hit(check.key, check.limit, windowMs);
    if (!allowed) {
      throw new ParleyError('E_RATE_LIMITED', 'Too many requests; try again later', { retryAfter: Math.max(1, Math.ceil(retryAfterMs / 1000)) });
    }
  }
}
