/**
 * The one classification of driver errors, for every engine and every store area: SQLite result codes,
 * PostgreSQL SQLSTATEs and Node socket codes never collide, so one table serves both engines.
 *
 * - `unique`: a unique or primary key was violated.
 * - `foreign_key`: a referenced row is missing.
 * - `retry`: the engine aborted the transaction (deadlock, serialisation failure); running it again works.
 * - `unavailable`: the database cannot be reached or is busy; the caller may retry later.
 */
export type DbErrorKind = 'unique' | 'foreign_key' | 'retry' | 'unavailable';

/**
 * Codes by kind. SQLite codes are looked up as given (extended, `SQLITE_CONSTRAINT_UNIQUE`) and by their
 * primary code (`SQLITE_IOERR_WRITE` → `SQLITE_IOERR`); SQLSTATEs as given and by their class (`08006` → `08`).
 */
const KIND_BY_CODE: ReadonlyMap<string, DbErrorKind> = new Map<string, DbErrorKind>([
  // Constraints.
  ['23505', 'unique'],
  ['SQLITE_CONSTRAINT_UNIQUE', 'unique'],
  ['SQLITE_CONSTRAINT_PRIMARYKEY', 'unique'],
  ['23503', 'foreign_key'],
  ['SQLITE_CONSTRAINT_FOREIGNKEY', 'foreign_key'],
  // Aborted by the engine: deadlock broken, serialisation failure. The transaction can simply run again.
  ['40P01', 'retry'],
  ['40001', 'retry'],
  // PostgreSQL: connection exceptions (class 08), out of resources or too many connections (class 53),
  // shutting down (57P01–57P03).
  ['08', 'unavailable'],
  ['53', 'unavailable'],
  ['57P01', 'unavailable'],
  ['57P02', 'unavailable'],
  ['57P03', 'unavailable'],
  // SQLite: locked past busy_timeout, or the file or disk failing; nothing the request did wrong.
  ['SQLITE_BUSY', 'unavailable'],
  ['SQLITE_LOCKED', 'unavailable'],
  ['SQLITE_IOERR', 'unavailable'],
  ['SQLITE_CANTOPEN', 'unavailable'],
  ['SQLITE_FULL', 'unavailable'],
  ['SQLITE_NOTADB', 'unavailable'],
  ['SQLITE_PROTOCOL', 'unavailable'],
  // Node sockets: the server is down, unreachable or went away.
  ['ECONNREFUSED', 'unavailable'],
  ['ECONNRESET', 'unavailable'],
  ['ETIMEDOUT', 'unavailable'],
  ['EPIPE', 'unavailable'],
  ['ENOTFOUND', 'unavailable'],
  ['EAI_AGAIN', 'unavailable'],
  ['EHOSTUNREACH', 'unavailable'],
  ['ENETUNREACH', 'unavailable'],
]);

const SQLSTATE = /^[0-9A-Z]{5}$/;

/** What pg says when its socket dies or a connection cannot be made in time. */
const PG_LOST_CONNECTION =
  /Connection terminated|timeout exceeded when trying to connect|connection error and is not queryable|Client was closed and is not queryable|Connection ended/i;

/** better-sqlite3 throws a plain TypeError once the handle is closed. */
const SQLITE_CLOSED = /database connection is not open/;

/** Sorts a driver error into the few kinds the stores react to; undefined for everything else. */
export function classifyDbError(err: unknown): DbErrorKind | undefined {
  const code = errorCode(err);
  if (code !== undefined) {
    const kind = KIND_BY_CODE.get(code) ?? KIND_BY_CODE.get(familyOf(code));
    if (kind !== undefined) return kind;
  }
  // pg reports a failed connect to several addresses as one AggregateError of socket errors.
  if (err instanceof AggregateError && err.errors.some((e) => classifyDbError(e) === 'unavailable')) return 'unavailable';
  if (err instanceof Error && (PG_LOST_CONNECTION.test(err.message) || SQLITE_CLOSED.test(err.message))) return 'unavailable';
  return undefined;
}

/** Reads the string `code` most driver errors carry. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'string' ? code : undefined;
}

/** The primary SQLite result code of an extended one, or the class of a SQLSTATE. */
function familyOf(code: string): string {
  if (code.startsWith('SQLITE_')) return code.split('_', 2).join('_');
  return SQLSTATE.test(code) ? code.slice(0, 2) : code;
}
