import type { Bus } from './types.js';
import { InProcessBus } from './in-process.js';
import { RedisBus } from './redis/index.js';

export interface CreateBusOptions {
  /** `redis://…` selects the Redis bus; unset, the in-process one. */
  redisUrl?: string | undefined;
  /** Prefix of the Redis channel and keys. Default `parley:`. */
  redisPrefix?: string;
  /** Lifetime of heartbeats and presence entries. Default 30 s. */
  presenceTtlMs?: number;
  log?: (message: string, err?: unknown) => void;
}

/**
 * The bus the configuration asks for.
 *
 * @example
 * const bus = await createBus({ redisUrl: process.env.PARLEY_REDIS_URL });
 */
export async function createBus(options: CreateBusOptions): Promise<Bus> {
  const cluster = options.presenceTtlMs === undefined ? {} : { presenceTtlMs: options.presenceTtlMs };
  if (options.redisUrl === undefined) return new InProcessBus(undefined, cluster);
  return RedisBus.connect({
    url: options.redisUrl,
    ...cluster,
    ...(options.redisPrefix === undefined ? {} : { prefix: options.redisPrefix }),
    ...(options.log === undefined ? {} : { log: options.log }),
  });
}
