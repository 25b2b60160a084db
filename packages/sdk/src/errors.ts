import { ERRORS, ParleyError, RETRIABLE_CODES, type ErrorBody, type ErrorCode } from '@parley/protocol/wire';

/**
 * Codes of failures the SDK detects itself, with no answer from the server:
 * - `E_TIMEOUT`: no ack within the request timeout;
 * - `E_DISCONNECTED`: the connection closed before the ack, or the client is disconnected;
 * - `E_OUTBOX_FULL`: too many sends wait for their ack;
 * - `E_STOPPED`: the client stopped for good (user disabled, token refused); it will not reconnect;
 * - `E_TOKEN_STALE`: the token function returned a token that expires no later than the one in use
 *   (it caches tokens too long), so the connection could not be renewed in band;
 * - `E_PROTOCOL`: the server answered something this SDK does not understand, or a managed op was
 *   requested by hand.
 */
export type ClientErrorCode = 'E_TIMEOUT' | 'E_DISCONNECTED' | 'E_OUTBOX_FULL' | 'E_STOPPED' | 'E_TOKEN_STALE' | 'E_PROTOCOL';

/**
 * A failure detected by the SDK itself (see {@link ClientErrorCode}). Failures the server reports are
 * `ParleyError`s from `@parley/protocol`, with the server's `E_*` code; both have a `code`.
 *
 * @example
 * ```ts
 * try {
 *   await client.history({ chatId });
 * } catch (err) {
 *   if (err instanceof ParleyClientError && err.code === 'E_TIMEOUT') showRetryButton();
 * }
 * ```
 */
export class ParleyClientError extends Error {
  readonly code: ClientErrorCode;

  constructor(code: ClientErrorCode, message: string) {
    super(message);
    this.name = 'ParleyClientError';
    this.code = code;
  }
}

/**
 * Turns an error body from the server (an ack's `error`, a REST error) into a `ParleyError`. An unknown
 * code (a newer server) keeps its message and becomes `fallback`.
 *
 * @example
 * ```ts
 * if (!frame.ok) reject(toParleyError(frame.error));
 * ```
 */
export function toParleyError(body: Partial<ErrorBody> | undefined, fallback: ErrorCode = 'E_INTERNAL'): ParleyError {
  const code = typeof body?.code === 'string' && body.code in ERRORS ? body.code : fallback;
  const extra: { path?: string; details?: ErrorBody['details']; retryAfter?: number } = {};
  if (typeof body?.path === 'string') extra.path = body.path;
  if (Array.isArray(body?.details)) extra.details = body.details;
  if (typeof body?.retryAfter === 'number') extra.retryAfter = body.retryAfter;
  return new ParleyError(code, typeof body?.message === 'string' ? body.message : undefined, extra);
}

/**
 * Whether a failed request may be retried unchanged, later: a server error whose code the registry
 * marks retriable (`E_UNAVAILABLE`, `E_RATE_LIMITED`, `E_INTERNAL`).
 *
 * @example
 * ```ts
 * if (isRetriable(err)) setTimeout(retry, backoffDelay(attempt++));
 * ```
 */
export function isRetriable(error: unknown): error is ParleyError {
  return error instanceof ParleyError && RETRIABLE_CODES.has(error.code);
}
