import { ParleyError, type ErrorCode } from '@parley/protocol';
import { ParleyClientError, type ClientErrorCode } from '../../errors.js';

/** What every messenger method resolves to (seed 004): a status code, a message and the data. */
export interface MessengerResponse<T> {
  statusCode: number;
  message: string;
  data: T;
}

const CLIENT_STATUS: Record<ClientErrorCode, number> = {
  E_TIMEOUT: 408,
  E_DISCONNECTED: 503,
  E_OUTBOX_FULL: 429,
  E_STOPPED: 401,
  E_TOKEN_STALE: 401,
  E_PROTOCOL: 500,
};

/**
 * What every messenger method rejects with: the seed 004 envelope (`statusCode`, `message`, `data`)
 * on an `Error`, plus Parley's stable `code` (`E_VALIDATION`, `E_FEATURE_UNAVAILABLE`, …) and, for
 * bad arguments, the `path` of the offending one.
 *
 * @example
 * ```ts
 * try {
 *   await SDK.sendTextMessage('', 'hi');
 * } catch (err) {
 *   if (err instanceof MessengerError) console.log(err.statusCode, err.code, err.message); // 400 E_VALIDATION …
 * }
 * ```
 */
export class MessengerError extends Error {
  readonly statusCode: number;
  readonly code: ErrorCode | ClientErrorCode;
  readonly data: null;
  readonly path: string | undefined;

  constructor(statusCode: number, code: ErrorCode | ClientErrorCode, message: string, path?: string) {
    super(message);
    this.name = 'MessengerError';
    this.statusCode = statusCode;
    this.code = code;
    this.data = null;
    this.path = path;
  }

  /** The plain envelope, as the seed documents it. */
  toJSON(): { statusCode: number; message: string; data: null; code: string; path?: string } {
    return { statusCode: this.statusCode, message: this.message, data: null, code: this.code, ...(this.path === undefined ? {} : { path: this.path }) };
  }
}

/** A bad argument, found before any network call. */
export function invalid(path: string, message: string): MessengerError {
  return new MessengerError(400, 'E_VALIDATION', `${path}: ${message}`, path);
}

/** Any failure as a MessengerError. */
export function toMessengerError(error: unknown): MessengerError {
  if (error instanceof MessengerError) return error;
  if (error instanceof ParleyError) return new MessengerError(error.status, error.code, error.message, error.path);
  if (error instanceof ParleyClientError) return new MessengerError(CLIENT_STATUS[error.code], error.code, error.message);
  return new MessengerError(500, 'E_INTERNAL', error instanceof Error ? error.message : String(error));
}

/** Runs an operation and wraps its result (or failure) in the envelope. */
export async function envelope<T>(message: string, run: () => Promise<T>): Promise<MessengerResponse<T>> {
  try {
    return { statusCode: 200, message, data: await run() };
  } catch (error) {
    throw toMessengerError(error);
  }
}
