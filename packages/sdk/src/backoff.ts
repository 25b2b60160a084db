/** Bounds of the reconnect and retry delays, in milliseconds. */
export interface BackoffOptions {
  /** The shortest delay, and the base that doubles with each attempt. */
  minMs: number;
  /** The longest delay. */
  maxMs: number;
}

/**
 * The default bounds: 500 ms to 20 s.
 *
 * @example
 * ```ts
 * const delay = backoffDelay(3, DEFAULT_BACKOFF); // somewhere in [500, 4500] ms
 * ```
 */
export const DEFAULT_BACKOFF: Readonly<BackoffOptions> = Object.freeze({ minMs: 500, maxMs: 20_000 });

/**
 * Full-jitter exponential backoff, as a pure function: the delay before attempt `attempt` (0-based) is
 * `minMs` plus a uniformly random share of `min(maxMs, minMs · 2^attempt)`, capped at `maxMs`. The
 * jitter spreads the reconnects of many clients after a server restart; the growth keeps a client that
 * cannot connect from hammering the server.
 *
 * @param attempt How many attempts failed before this one (0 for the first retry).
 * @param options The bounds; defaults to 500 ms → 20 s.
 * @param random A source of numbers in [0, 1), injectable for tests.
 * @returns A whole number of milliseconds in `[minMs, maxMs]`.
 *
 * @example
 * ```ts
 * let attempt = 0;
 * const retry = () => setTimeout(connect, backoffDelay(attempt++));
 * ```
 */
export function backoffDelay(
  attempt: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
  random: () => number = Math.random,
): number {
  const minMs = Math.max(0, options.minMs);
  const maxMs = Math.max(minMs, options.maxMs);
  // 2^31 already dwarfs any sensible maxMs; clamping keeps the power finite.
  const step = Number.isNaN(attempt) ? 0 : Math.min(Math.max(0, Math.floor(attempt)), 31);
  const ceiling = Math.min(maxMs, minMs * 2 ** step);
  return Math.floor(Math.min(maxMs, minMs + random() * ceiling));
}

/**
 * Resolves the caller's partial options against the defaults.
 *
 * @example
 * ```ts
 * resolveBackoff({ maxMs: 5_000 }); // { minMs: 500, maxMs: 5000 }
 * ```
 */
export function resolveBackoff(options: Partial<BackoffOptions> | undefined): BackoffOptions {
  return { minMs: options?.minMs ?? DEFAULT_BACKOFF.minMs, maxMs: options?.maxMs ?? DEFAULT_BACKOFF.maxMs };
}
