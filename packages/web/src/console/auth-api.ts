import type { AccountSummary, SignedInResponse } from '@parley/protocol';

/**
 * The sign-in routes of `/v1/auth` the console calls (docs/accounts.md). They go through `fetch` with
 * the page's cookies (`credentials: 'same-origin'`): the refresh secret lives in an HttpOnly cookie
 * the page never reads, and the access token only in memory. (Type imports only: nothing of the
 * protocol's runtime is bundled.)
 */

export type AccountInfo = AccountSummary;

/** What login, refresh, set-up and accept answer. `expiresAt` is the access token's end, ms since the epoch. */
export type SignedIn = SignedInResponse;

export interface SessionInfo {
  id: string;
  createdAt: number;
  lastUsedAt: number;
  userAgent: string;
  ip: string;
  current: boolean;
}

export interface LinkInfo {
  purpose: 'setup' | 'invite' | 'reset';
  email: string;
  tenantName: string;
  role: string;
}

/** A refusal from the server: its stable code, message, the field it is about, and when to retry. */
export class AuthError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status: number,
    readonly path?: string,
    /** Seconds, from `Retry-After` (429). */
    readonly retryAfter?: number,
  ) {
    super(message);
    this.name = 'AuthError';
  }
}

export class AuthApi {
  constructor(readonly base: string) {}

  login(email: string, password: string): Promise<SignedIn> {
    return this.#call('POST', '/v1/auth/login', { body: { email, password } });
  }

  refresh(): Promise<SignedIn> {
    return this.#call('POST', '/v1/auth/refresh', { body: {} });
  }

  logout(): Promise<void> {
    return this.#call('POST', '/v1/auth/logout', { body: {} });
  }

  logoutAll(token: string): Promise<void> {
    return this.#call('POST', '/v1/auth/logout-all', { token, body: {} });
  }

  async sessions(token: string): Promise<SessionInfo[]> {
    return (await this.#call<{ sessions: SessionInfo[] }>('GET', '/v1/auth/sessions', { token })).sessions;
  }

  revokeSession(token: string, id: string): Promise<void> {
    return this.#call('DELETE', `/v1/auth/sessions/${encodeURIComponent(id)}`, { token });
  }

  async setupNeeded(): Promise<boolean> {
    return (await this.#call<{ needed: boolean }>('GET', '/v1/auth/setup')).needed;
  }

  setup(input: { token: string; email: string; password: string; name: string }): Promise<SignedIn> {
    return this.#call('POST', '/v1/auth/setup', { body: input });
  }

  link(token: string): Promise<LinkInfo> {
    return this.#call('GET', `/v1/auth/links/${encodeURIComponent(token)}`);
  }

  accept(input: { token: string; password: string; name?: string }): Promise<SignedIn> {
    return this.#call('POST', '/v1/auth/accept', { body: input });
  }

  forgot(email: string): Promise<void> {
    return this.#call('POST', '/v1/auth/forgot', { body: { email } });
  }

  reset(input: { token: string; password: string }): Promise<void> {
    return this.#call('POST', '/v1/auth/reset', { body: input });
  }

  async #call<T>(method: string, path: string, opts: { token?: string; body?: unknown } = {}): Promise<T> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (opts.token) headers.authorization = `Bearer ${opts.token}`;
    if (opts.body !== undefined) headers['content-type'] = 'application/json';
    let res: Response;
    try {
      res = await fetch(this.base + path, {
        method,
        headers,
        credentials: 'same-origin',
        ...(opts.body === undefined ? {} : { body: JSON.stringify(opts.body) }),
      });
    } catch {
      throw new AuthError('E_DISCONNECTED', 'The server cannot be reached; check your connection and try again', 0);
    }
    const text = await res.text();
    let body: unknown;
    try {
      body = text ? JSON.parse(text) : undefined;
    } catch {
      body = undefined;
    }
    if (res.ok) return body as T;
    const error = (body as { error?: { code?: unknown; message?: unknown; path?: unknown } } | undefined)?.error;
    const retry = Number(res.headers.get('retry-after'));
    throw new AuthError(
      typeof error?.code === 'string' ? error.code : `HTTP_${res.status}`,
      typeof error?.message === 'string' ? error.message : `The server answered ${res.status}`,
      res.status,
      typeof error?.path === 'string' ? error.path : undefined,
      Number.isFinite(retry) && retry > 0 ? retry : undefined,
    );
  }
}
