import type { AuthResult } from '@parley/protocol/wire';
import { ParleyClientError } from './errors.js';
import type { TokenCache } from './token.js';

/** When a token was issued and when it expires (ms since the epoch, the issuer's clock). */
export interface TokenTimes {
  expiresAt: number;
  issuedAt?: number;
}

/** Renew at most this long before expiry… */
const MAX_LEAD_MS = 60_000;
/** …and, for short tokens, once this share of the lifetime is left (at 80 %). */
const LEAD_SHARE = 0.2;
/** setTimeout's limit (about 24.8 days); a longer wait is planned again when it ends. */
const MAX_DELAY_MS = 2 ** 31 - 1;
/** A failed renewal is not tried again in the token's last second: the reconnect takes over. */
const MIN_RETRY_LEFT_MS = 1_000;

/**
 * The `exp` and `iat` of a JWT, read without verifying it: the server verifies; the client only plans
 * when to ask for the next token. `undefined` for anything that is not a JWT with an `exp`.
 *
 * @example
 * ```ts
 * const times = tokenTimes(token); // { expiresAt: 1700000900000, issuedAt: 1700000000000 }
 * ```
 */
export function tokenTimes(token: string): TokenTimes | undefined {
  const payload = token.split('.')[1];
  if (payload === undefined) return undefined;
  try {
    const base64 = payload.replace(/-/g, '+').replace(/_/g, '/');
    const json = new TextDecoder().decode(Uint8Array.from(atob(base64.padEnd(Math.ceil(base64.length / 4) * 4, '=')), (c) => c.charCodeAt(0)));
    const { exp, iat } = JSON.parse(json) as { exp?: unknown; iat?: unknown };
    if (typeof exp !== 'number' || !Number.isFinite(exp)) return undefined;
    return typeof iat === 'number' && Number.isFinite(iat) ? { expiresAt: exp * 1000, issuedAt: iat * 1000 } : { expiresAt: exp * 1000 };
  } catch {
    return undefined;
  }
}

/**
 * How long to wait before renewing a token: until 60 s before it expires, or until 80 % of its lifetime
 * for tokens shorter than 5 minutes. `skewMs` is the server's clock minus this one (from `hello`).
 *
 * @example
 * ```ts
 * setTimeout(renew, refreshDelay(tokenTimes(token)!, Date.now(), hello.serverTime - helloReceivedAt));
 * ```
 */
export function refreshDelay(times: TokenTimes, now: number, skewMs = 0): number {
  const issuedAt = times.issuedAt ?? now + skewMs;
  const lead = Math.min(MAX_LEAD_MS, Math.max(0, times.expiresAt - issuedAt) * LEAD_SHARE);
  return Math.min(MAX_DELAY_MS, Math.max(0, times.expiresAt - skewMs - lead - now));
}

/**
 * Whether a token should be renewed before it is used: its renewal time has come (or it has expired).
 *
 * @example
 * ```ts
 * const token = expiresSoon(cached, Date.now()) ? await tokens.refresh() : cached;
 * ```
 */
export function expiresSoon(token: string, now: number, skewMs = 0): boolean {
  const times = tokenTimes(token);
  return times !== undefined && refreshDelay(times, now, skewMs) === 0;
}

/** What the refresher needs of the client. */
export interface RefreshHooks {
  /** Sends `auth` with the token on the open connection; rejects when there is none. */
  reauth(token: string): Promise<AuthResult>;
  /** A renewal failed (the client keeps going: it tries again, and a 4401 reconnects with a new token). */
  error(error: Error): void;
  /** The delay before retry `attempt` (0, 1, …) of a failed renewal. */
  backoff(attempt: number): number;
}

/**
 * Keeps an open connection's token fresh: shortly before it expires, fetches a new one from the token
 * function and hands it to the socket in band (`auth`), so the connection never drops for a routine
 * renewal. A renewal that fails is retried with backoff while the token still lives; past that the
 * server closes the socket with 4401 and the client reconnects with a new token.
 *
 * @example
 * ```ts
 * const refresher = new TokenRefresher(tokens, { reauth, error, backoff });
 * refresher.start(token, { expiresAt: hello.tokenExpiresAt }, skew); // after each connect
 * refresher.stop(); // when the connection ends
 * ```
 */
export class TokenRefresher {
  readonly #tokens: TokenCache;
  readonly #hooks: RefreshHooks;
  #timer: ReturnType<typeof setTimeout> | undefined;
  /** Bumped by start/stop: a renewal of an earlier connection drops its result. */
  #generation = 0;
  #times: TokenTimes | undefined;
  #skewMs = 0;
  #attempt = 0;

  constructor(tokens: TokenCache, hooks: RefreshHooks) {
    this.#tokens = tokens;
    this.#hooks = hooks;
  }

  /**
   * A connection is up with `token`: plans its renewal. `fallback` is the deadline the server gave
   * (`hello.tokenExpiresAt`), used when the token is not a JWT the client can read.
   */
  start(token: string, fallback: TokenTimes | undefined, skewMs: number): void {
    this.stop();
    if (!this.#tokens.refreshable) return;
    this.#times = tokenTimes(token) ?? fallback;
    this.#skewMs = skewMs;
    this.#attempt = 0;
    if (this.#times) this.#plan(refreshDelay(this.#times, Date.now(), skewMs));
  }

  stop(): void {
    this.#generation++;
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #plan(delay: number): void {
    const generation = this.#generation;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => {
      if (generation === this.#generation) void this.#renew(generation);
    }, delay);
  }

  async #renew(generation: number): Promise<void> {
    const current = this.#times;
    if (!current) return;
    // A wait longer than setTimeout allows ends early: plan the rest.
    const wait = refreshDelay(current, Date.now(), this.#skewMs);
    if (wait > 0) return this.#plan(wait);
    try {
      const token = await this.#tokens.refresh();
      if (generation !== this.#generation) return;
      const next = tokenTimes(token);
      if (next && next.expiresAt <= current.expiresAt) {
        throw new ParleyClientError('E_TOKEN_STALE', 'the token function returned a token that expires no later than the one in use');
      }
      const { expiresAt } = await this.#hooks.reauth(token);
      if (generation !== this.#generation) return;
      this.#times = next ?? { expiresAt };
      this.#attempt = 0;
      this.#plan(refreshDelay(this.#times, Date.now(), this.#skewMs));
    } catch (error) {
      if (generation !== this.#generation) return;
      this.#hooks.error(error instanceof Error ? error : new Error(String(error)));
      // Try again while the token lives; after that the server's 4401 leads to a reconnect.
      const left = current.expiresAt - this.#skewMs - Date.now();
      if (left > MIN_RETRY_LEFT_MS) this.#plan(Math.min(this.#hooks.backoff(this.#attempt++), left / 2));
    }
  }
}
