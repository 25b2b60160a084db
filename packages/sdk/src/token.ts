/**
 * The access token: a fixed string, or a function that fetches a fresh one (from the app's backend,
 * which calls `POST /v1/admin/users/:userId/tokens`).
 *
 * @example
 * ```ts
 * const token: TokenSource = async () => (await fetch('/my-backend/parley-token')).text();
 * ```
 */
export type TokenSource = string | (() => Promise<string>);

/**
 * Caches the token of a {@link TokenSource}; `refresh()` asks the function again (after the server said
 * the token expired). Concurrent callers share one fetch.
 *
 * @example
 * ```ts
 * const tokens = new TokenCache(() => fetchToken());
 * const token = await tokens.get();
 * const fresh = await tokens.refresh();
 * ```
 */
export class TokenCache {
  readonly #source: TokenSource;
  #current: Promise<string> | undefined;

  constructor(source: TokenSource) {
    this.#source = source;
  }

  /**
   * Whether a new token can be had: the source is a function.
   *
   * @example
   * ```ts
   * if (!tokens.refreshable) stopReconnecting();
   * ```
   */
  get refreshable(): boolean {
    return typeof this.#source === 'function';
  }

  /**
   * The cached token, fetched on first use.
   *
   * @example
   * ```ts
   * headers.authorization = `Bearer ${await tokens.get()}`;
   * ```
   */
  get(): Promise<string> {
    this.#current ??= this.#load();
    return this.#current;
  }

  /**
   * Forgets the cached token and fetches a new one (a fixed string stays as it is).
   *
   * @example
   * ```ts
   * if (closeCode === 4401) await tokens.refresh();
   * ```
   */
  refresh(): Promise<string> {
    this.#current = this.#load();
    return this.#current;
  }

  #load(): Promise<string> {
    const source = this.#source;
    if (typeof source === 'string') return Promise.resolve(source);
    const loading = source().then((token) => {
      if (typeof token !== 'string' || token.length === 0) throw new TypeError('the token function returned no token');
      return token;
    });
    // A failed fetch is not cached: the next get() tries again.
    loading.catch(() => {
      if (this.#current === loading) this.#current = undefined;
    });
    return loading;
  }
}
