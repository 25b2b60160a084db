import type { ErrorBody, ErrorCode } from '@parley/protocol/wire';
import { ParleyClientError, toParleyError } from './errors.js';
import { TokenCache, type TokenSource } from './token.js';

/** One REST call: method, JSON body, query parameters. */
export interface RestRequest {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Sent as JSON. */
  body?: unknown;
  query?: Record<string, string | number | boolean | undefined>;
  headers?: Record<string, string>;
}

export interface RestOptions {
  /** The server's base URL, `http(s)://host:port`. */
  url: string;
  token: TokenSource | TokenCache;
  /** Defaults to the global `fetch`. */
  fetch?: typeof fetch;
}

/**
 * A tiny REST client for Parley's HTTP API: JSON in and out, the bearer token on every call (fetched
 * again once after a 401 when the token is a function), and every error status turned into a
 * `ParleyError` with the server's `E_*` code.
 *
 * @example
 * ```ts
 * const rest = new RestClient({ url: 'http://127.0.0.1:8080', token });
 * const chat = await rest.request<Chat>('/v1/chats', { method: 'POST', body: { kind: 'group', members } });
 * ```
 */
export class RestClient {
  readonly #base: string;
  readonly #tokens: TokenCache;
  readonly #fetch: typeof fetch;

  constructor(options: RestOptions) {
    this.#base = options.url.replace(/\/+$/, '');
    this.#tokens = options.token instanceof TokenCache ? options.token : new TokenCache(options.token);
    this.#fetch = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
  }

  /**
   * Calls `path` (from the server root, like `/v1/chats`) and returns the parsed JSON body, or
   * `undefined` for an empty one. Throws `ParleyError` for an error status, `ParleyClientError`
   * (`E_DISCONNECTED`) when the server cannot be reached.
   *
   * @example
   * ```ts
   * const chats = await rest.request<ChatSummary[]>('/v1/chats', { query: { limit: 20 } });
   * ```
   */
  async request<T>(path: string, init: RestRequest = {}): Promise<T> {
    let response = await this.#send(path, init, await this.#tokens.get());
    if (response.status === 401 && this.#tokens.refreshable) {
      response = await this.#send(path, init, await this.#tokens.refresh());
    }
    const text = await response.text();
    const body: unknown = text.length > 0 ? parseJson(text) : undefined;
    if (!response.ok) throw toParleyError(errorBodyOf(body), codeForStatus(response.status));
    return body as T;
  }

  /** The server's base URL, without a trailing slash. */
  get baseUrl(): string {
    return this.#base;
  }

  /**
   * Uploads a multipart form (a file in a part named `file`) and returns the parsed JSON body; errors
   * as for {@link RestClient.request}.
   *
   * @example
   * ```ts
   * const form = new FormData();
   * form.append('file', new Blob([bytes], { type: 'image/png' }), 'photo.png');
   * const { media } = await rest.upload<{ media: { id: string } }>('/v1/media', form, { messageType: 'IMAGE' });
   * ```
   */
  async upload<T>(path: string, form: FormData, query: Record<string, string | undefined> = {}): Promise<T> {
    const attempt = async (token: string): Promise<Response> => {
      const url = new URL(this.#base + path);
      for (const [key, value] of Object.entries(query)) if (value !== undefined) url.searchParams.set(key, value);
      try {
        return await this.#fetch(url, { method: 'POST', headers: { accept: 'application/json', authorization: `Bearer ${token}` }, body: form });
      } catch (error) {
        throw new ParleyClientError('E_DISCONNECTED', `cannot reach ${url.origin}: ${error instanceof Error ? error.message : String(error)}`);
      }
    };
    let response = await attempt(await this.#tokens.get());
    if (response.status === 401 && this.#tokens.refreshable) response = await attempt(await this.#tokens.refresh());
    const text = await response.text();
    const body: unknown = text.length > 0 ? parseJson(text) : undefined;
    if (!response.ok) throw toParleyError(errorBodyOf(body), codeForStatus(response.status));
    return body as T;
  }

  async #send(path: string, init: RestRequest, token: string): Promise<Response> {
    const url = new URL(this.#base + (path.startsWith('/') ? path : `/${path}`));
    for (const [key, value] of Object.entries(init.query ?? {})) {
      if (value !== undefined) url.searchParams.set(key, String(value));
    }
    const headers: Record<string, string> = { accept: 'application/json', ...init.headers, authorization: `Bearer ${token}` };
    const requestInit: RequestInit = { method: init.method ?? (init.body === undefined ? 'GET' : 'POST'), headers };
    if (init.body !== undefined) {
      headers['content-type'] = 'application/json';
      requestInit.body = JSON.stringify(init.body);
    }
    try {
      return await this.#fetch(url, requestInit);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new ParleyClientError('E_DISCONNECTED', `cannot reach ${url.origin}: ${reason}`);
    }
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return { message: text.slice(0, 200) };
  }
}

/** The error body: `{code, message, …}` at the top, or under `error`. */
function errorBodyOf(body: unknown): Partial<ErrorBody> | undefined {
  if (typeof body !== 'object' || body === null) return undefined;
  const nested = (body as { error?: unknown }).error;
  if (typeof nested === 'object' && nested !== null) return nested;
  return body;
}

const STATUS_CODES: Record<number, ErrorCode> = {
  400: 'E_VALIDATION',
  401: 'E_UNAUTHENTICATED',
  403: 'E_FORBIDDEN',
  404: 'E_NOT_FOUND',
  409: 'E_CONFLICT',
  413: 'E_PAYLOAD_TOO_LARGE',
  415: 'E_UNSUPPORTED_MEDIA_TYPE',
  429: 'E_RATE_LIMITED',
  503: 'E_UNAVAILABLE',
};

function codeForStatus(status: number): ErrorCode {
  return STATUS_CODES[status] ?? 'E_INTERNAL';
}
