import type { Redis } from 'ioredis';

/** What is known of one key's failures (structurally the `FailureState` of domain/accounts). */
export interface FailureState {
  failures: number;
  firstAt: number;
  lastAt: number;
}

interface Counter {
  read(key: string): Promise<FailureState | null>;
  fail(key: string, at: number, ttlMs: number, slide: boolean): Promise<FailureState>;
  clear(key: string): Promise<void>;
}

/**
 * One failure counted in one round trip and atomically (several nodes count the same account): the
 * hash `<prefix>fail:<key>` holds the count and the first and latest times; its expiry is set on the
 * first failure, or on each with `slide`.
 */
const FAIL_SCRIPT = `
local n = redis.call('HINCRBY', KEYS[1], 'f', 1)
if n == 1 then redis.call('HSET', KEYS[1], 'first', ARGV[1]) end
redis.call('HSET', KEYS[1], 'last', ARGV[1])
if n == 1 or ARGV[3] == '1' then redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return {n, redis.call('HGET', KEYS[1], 'first')}
`;

/**
 * Sign-in failure counts shared by every node on this Redis (the sign-in throttle). While Redis is
 * away the per-node `fallback` counts instead: the throttle then holds per node, never not at all.
 */
export class RedisFailureCounter implements Counter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly fallback: Counter,
  ) {}

  async read(key: string): Promise<FailureState | null> {
    try {
      const h = await this.redis.hgetall(this.#key(key));
      if (h.f === undefined) return null;
      return { failures: Number(h.f), firstAt: Number(h.first), lastAt: Number(h.last) };
    } catch {
      return this.fallback.read(key);
    }
  }

  async fail(key: string, at: number, ttlMs: number, slide: boolean): Promise<FailureState> {
    try {
      const [n, first] = (await this.redis.eval(FAIL_SCRIPT, 1, this.#key(key), String(at), String(ttlMs), slide ? '1' : '0')) as [number, string];
      return { failures: Number(n), firstAt: Number(first), lastAt: at };
    } catch {
      return this.fallback.fail(key, at, ttlMs, slide);
    }
  }

  async clear(key: string): Promise<void> {
    await this.fallback.clear(key);
    try {
      await this.redis.del(this.#key(key));
    } catch {
      // Redis away: the count ends with its expiry.
    }
  }

  #key(key: string): string {
    return `${this.prefix}fail:${key}`;
  }
}
