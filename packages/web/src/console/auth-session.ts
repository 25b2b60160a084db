import { AuthError, type AuthApi, type SignedIn } from './auth-api.js';

/** Refresh this long before the access token expires (when it lives long enough for that). */
export const REFRESH_AHEAD_MS = 60_000;
/** After a refresh that could not reach the server, try again after this long. */
const RETRY_MS = 5_000;

/**
 * When to refresh a token that lives `lifetimeMs`: a minute before its end, or half-way through a
 * token shorter than two minutes (a test server's 10 s token is renewed after 5 s).
 */
export function refreshDelay(lifetimeMs: number): number {
  if (lifetimeMs > 2 * REFRESH_AHEAD_MS) return lifetimeMs - REFRESH_AHEAD_MS;
  return Math.max(1_000, Math.floor(lifetimeMs / 2));
}

/**
 * How long an access token lives, from its own `iat` and `exp` (so a browser clock that is off does
 * not matter), else from the server's `expiresAt` against this clock.
 */
export function tokenLifetime(token: string, expiresAt: number, now = Date.now()): number {
  try {
    const part = token.split('.')[1] ?? '';
    const claims = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/'))) as { iat?: unknown; exp?: unknown };
    if (typeof claims.iat === 'number' && typeof claims.exp === 'number' && claims.exp > claims.iat) return (claims.exp - claims.iat) * 1000;
  } catch {
    // not a JWT we can read: use expiresAt
  }
  // Seconds or milliseconds since the epoch.
  const end = expiresAt < 1e12 ? expiresAt * 1000 : expiresAt;
  return Math.max(0, end - now);
}

/** The server said the session is over (revoked, expired, signed out elsewhere): sign in again. */
export const SESSION_ENDED = 'Your session has ended. Please sign in again.';

/**
 * The signed-in person's access token, kept in memory only. A session from the sign-in page renews
 * itself through `POST /v1/auth/refresh` (the HttpOnly cookie) before the token expires, and again
 * whenever the SDK asks for a new one (after a 401 or a socket closed with 4401). When the server
 * refuses to renew it, `onEnded` listeners hear why. A pasted access token (automation) is fixed: it
 * is never renewed.
 */
export class AuthSession {
  readonly #api: AuthApi | null;
  #signed: SignedIn | null;
  #token: string;
  /** When the current token expires on this clock. */
  #expiresAt = Infinity;
  /** The token last given to the SDK: when it asks again, it wants a newer one. */
  #handedOut: string | undefined;
  #refreshing: Promise<string> | null = null;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #ended = false;
  readonly #endListeners = new Set<(message: string) => void>();
  readonly #renewListeners = new Set<(signed: SignedIn) => void>();

  private constructor(api: AuthApi | null, token: string, signed: SignedIn | null) {
    this.#api = api;
    this.#token = token;
    this.#signed = signed;
  }

  /** A pasted access token: used as it is until the server refuses it. */
  static fixed(token: string): AuthSession {
    return new AuthSession(null, token, null);
  }

  /** A session from sign-in (or a silent refresh on load): renews itself until closed. */
  static signedIn(api: AuthApi, signed: SignedIn): AuthSession {
    const s = new AuthSession(api, signed.accessToken, signed);
    s.#adopt(signed);
    return s;
  }

  /** Whether the token renews itself (a session from the sign-in page). */
  get refreshable(): boolean {
    return this.#api !== null;
  }

  get token(): string {
    return this.#token;
  }

  /** The account of a signed-in session (null for a pasted token). */
  get signed(): SignedIn | null {
    return this.#signed;
  }

  onEnded(fn: (message: string) => void): () => void {
    this.#endListeners.add(fn);
    return () => this.#endListeners.delete(fn);
  }

  onRenewed(fn: (signed: SignedIn) => void): () => void {
    this.#renewListeners.add(fn);
    return () => this.#renewListeners.delete(fn);
  }

  /**
   * The SDK's token source: the newest token; asked again for the token it already has (it was
   * refused, or the socket closed with 4401), it renews first.
   */
  readonly source = async (): Promise<string> => {
    if (!this.refreshable) return this.#token;
    const token = this.#handedOut === this.#token ? await this.refresh() : await this.current();
    this.#handedOut = token;
    return token;
  };

  /** A token good for a few more seconds, for calls made outside the SDK (uploads, downloads). */
  async current(): Promise<string> {
    if (this.refreshable && Date.now() > this.#expiresAt - 5_000) return this.refresh();
    return this.#token;
  }

  /** Renews the token now (one request for concurrent callers). Rejects when the session is over. */
  refresh(): Promise<string> {
    const api = this.#api;
    if (!api) return Promise.resolve(this.#token);
    if (this.#ended) return Promise.reject(new AuthError('E_SESSION_REVOKED', SESSION_ENDED, 401));
    this.#refreshing ??= api
      .refresh()
      .then((signed) => {
        this.#adopt(signed);
        for (const fn of this.#renewListeners) fn(signed);
        return signed.accessToken;
      })
      .catch((error: unknown) => {
        // Only the server's refusal ends the session; a network failure is tried again.
        if (error instanceof AuthError && error.status === 401) this.end(SESSION_ENDED);
        else this.#schedule(RETRY_MS);
        throw error;
      })
      .finally(() => {
        this.#refreshing = null;
      });
    return this.#refreshing;
  }

  /** The session is over: stop renewing and tell the listeners (once). */
  end(message: string): void {
    if (this.#ended) return;
    this.#ended = true;
    this.close();
    for (const fn of this.#endListeners) fn(message);
  }

  /** Stops the renewal timer (signing out, or the page going away). */
  close(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  #adopt(signed: SignedIn): void {
    const lifetime = tokenLifetime(signed.accessToken, signed.expiresAt);
    this.#signed = signed;
    this.#token = signed.accessToken;
    this.#expiresAt = Date.now() + lifetime;
    this.#schedule(refreshDelay(lifetime));
  }

  #schedule(ms: number): void {
    if (this.#ended) return;
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.refresh().catch(() => undefined), ms);
  }
}
