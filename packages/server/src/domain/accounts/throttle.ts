import { ParleyError } from '@parley/protocol';

/**
 * Sign-in throttling. Failures are counted per account (by email, known or not, so the answer never
 * tells which exist) and per client IP:
 * - an account is locked after 5 failures in a row, for 30 s, then twice as long after each further
 *   failure, up to 15 min; a success clears it;
 * - an IP is refused after 30 failures within 15 min of its first one.
 * A refusal is E_RATE_LIMITED with `retryAfter`. The counts live in a `FailureCounter`: in memory on
 * one node, in Redis for a cluster (bus/redis), beside the rate limiter.
 */

/** What is known of one key's failures. */
export interface FailureState {
  failures: number;
  /** Times of the first and the latest failure counted, ms. */
  firstAt: number;
  lastAt: number;
}

/** Failure counts by key, forgotten `ttlMs` after they were set (a cluster shares them through Redis). */
export interface FailureCounter {
  read(key: string): Promise<FailureState | null>;
  /**
   * Counts one failure at `at`, atomically, and returns the state after. `slide`: the key lives `ttlMs`
   * from this failure; otherwise from the first one (a fixed window).
   */
  fail(key: string, at: number, ttlMs: number, slide: boolean): Promise<FailureState>;
  clear(key: string): Promise<void>;
}

const MAX_KEYS = 100_000;

/** One node's counts. */
export class MemoryFailureCounter implements FailureCounter {
  private readonly entries = new Map<string, FailureState & { expiresAt: number }>();

  constructor(private readonly now: () => number = Date.now) {}

  read(key: string): Promise<FailureState | null> {
    const entry = this.live(key);
    return Promise.resolve(entry === undefined ? null : { failures: entry.failures, firstAt: entry.firstAt, lastAt: entry.lastAt });
  }

  fail(key: string, at: number, ttlMs: number, slide: boolean): Promise<FailureState> {
    let entry = this.live(key);
    if (entry === undefined) {
      if (this.entries.size >= MAX_KEYS) this.sweep();
      entry = { failures: 0, firstAt: at, lastAt: at, expiresAt: at + ttlMs };
      this.entries.set(key, entry);
    }
    entry.failures++;
    entry.lastAt = at;
    if (slide) entry.expiresAt = at + ttlMs;
    return Promise.resolve({ failures: entry.failures, firstAt: entry.firstAt, lastAt: entry.lastAt });
  }

  clear(key: string): Promise<void> {
    this.entries.delete(key);
    return Promise.resolve();
  }

  private live(key: string): (FailureState & { expiresAt: number }) | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined && entry.expiresAt <= this.now()) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }

  private sweep(): void {
    const now = this.now();
    for (const [key, entry] of this.entries) if (entry.expiresAt <= now) this.entries.delete(key);
    if (this.entries.size >= MAX_KEYS) this.entries.clear();
  }
}

export const THROTTLE = {
  /** Failures in a row an account may have before it is locked. */
  accountFreeFailures: 5,
  accountFirstLockMs: 30_000,
  accountMaxLockMs: 15 * 60_000,
  /** An account's count is forgotten a day after its latest failure. */
  accountMemoryMs: 24 * 3600_000,
  ipFailures: 30,
  ipWindowMs: 15 * 60_000,
} as const;

/** How long an account stays locked after its `failures`-th failure in a row (0: not locked). */
export function accountLockMs(failures: number): number {
  if (failures < THROTTLE.accountFreeFailures) return 0;
  const doublings = failures - THROTTLE.accountFreeFailures;
  // 2^doublings overflows nothing: past 5 doublings the cap holds anyway.
  return Math.min(THROTTLE.accountFirstLockMs * 2 ** Math.min(doublings, 30), THROTTLE.accountMaxLockMs);
}

/** The per-account and per-IP sign-in throttle over a `FailureCounter`. */
export class LoginThrottle {
  constructor(
    private readonly counter: FailureCounter,
    private readonly now: () => number = Date.now,
  ) {}

  /** Throws E_RATE_LIMITED while the account or the IP is held back; call before checking the password. */
  async check(email: string, ip: string): Promise<void> {
    const now = this.now();
    const [account, client] = await Promise.all([this.counter.read(accountKey(email)), this.counter.read(ipKey(ip))]);
    let waitMs = 0;
    if (account !== null) waitMs = Math.max(waitMs, account.lastAt + accountLockMs(account.failures) - now);
    if (client !== null && client.failures >= THROTTLE.ipFailures) waitMs = Math.max(waitMs, client.firstAt + THROTTLE.ipWindowMs - now);
    if (waitMs > 0) {
      throw new ParleyError('E_RATE_LIMITED', 'Too many failed sign-ins; try again later', { retryAfter: Math.max(1, Math.ceil(waitMs / 1000)) });
    }
  }

  /** Counts a failed sign-in against the account and the IP. */
  async failed(email: string, ip: string): Promise<void> {
    const now = this.now();
    await Promise.all([
      this.counter.fail(accountKey(email), now, THROTTLE.accountMemoryMs, true),
      this.counter.fail(ipKey(ip), now, THROTTLE.ipWindowMs, false),
    ]);
  }

  /** A success clears the account's count (not the IP's). */
  async succeeded(email: string): Promise<void> {
    await this.counter.clear(accountKey(email));
  }
}

const accountKey = (email: string): string => `login:account:${email}`;
const ipKey = (ip: string): string => `login:ip:${ip}`;
