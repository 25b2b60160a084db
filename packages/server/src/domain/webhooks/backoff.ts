/**
 * The delay before attempt `attempt + 1` after `attempt` failed: exponential (base × 2^(attempt−1)),
 * capped at `max`, with "equal jitter" (half fixed, half random) so retries of many deliveries spread
 * out but each still waits longer than the one before on average.
 *
 * @example
 * retryDelay(1, 10_000, 3_600_000) // between 5 s and 10 s
 */
export function retryDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const exp = Math.min(maxMs, baseMs * 2 ** Math.max(0, Math.min(attempt - 1, 30)));
  return Math.round(exp / 2 + random() * (exp / 2));
}
