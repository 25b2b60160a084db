import type { DbErrorKind } from '../kysely/index.js';
import { errorCode } from '../kysely/index.js';

/** Socket errors: the server is down, unreachable or went away. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
]);

/**
 * SQLSTATEs the server cannot serve now: shutting down (57P01–57P03), too many connections (53300),
 * out of resources (53xxx).
 */
const UNAVAILABLE_STATES = new Set(['57P01', '57P02', '57P03', '53000', '53100', '53200', '53300', '53400']);

/** What pg says when its socket dies or a connection cannot be made in time. */
const LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|Connection ended/i;

/** pg errors by kind: SQLSTATE codes from the server, socket codes from Node, messages from pg itself. */
export function classifyPostgresError(err: unknown): DbErrorKind | undefined {
  const code = errorCode(err);
  if (code === '23505') return 'unique';
  if (code === '23503') return 'foreign_key';
  // Deadlock broken by the server, serialisation failure: the transaction can simply run again.
  if (code === '40P01' || code === '40001') return 'retry';
  if (code !== undefined && (code.startsWith('08') || UNAVAILABLE_STATES.has(code) || NETWORK_CODES.has(code))) {
    return 'unavailable';
  }
  if (err instanceof AggregateError && err.errors.some((e) => classifyPostgresError(e) === 'unavailable')) {
    return 'unavailable';
  }
  if (err instanceof Error && LOST_CONNECTION.test(err.message)) return 'unavailable';
  return undefined;
}
