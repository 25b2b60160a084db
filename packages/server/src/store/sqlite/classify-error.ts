import type { DbErrorKind } from '../kysely/index.js';
import { errorCode } from '../kysely/index.js';

/** better-sqlite3 error codes (extended result codes, e.g. `SQLITE_CONSTRAINT_UNIQUE`) by kind. */
export function classifySqliteError(err: unknown): DbErrorKind | undefined {
  const code = errorCode(err);
  if (code === undefined) {
    // better-sqlite3 throws a plain TypeError once the handle is closed.
    if (err instanceof TypeError && /database connection is not open/.test(err.message)) return 'unavailable';
    return undefined;
  }
  if (code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY') return 'unique';
  if (code === 'SQLITE_CONSTRAINT_FOREIGNKEY') return 'foreign_key';
  // Locked past busy_timeout, or the file or disk failing: nothing the request did wrong.
  if (/^SQLITE_(BUSY|LOCKED|IOERR|CANTOPEN|FULL|NOTADB|PROTOCOL)/.test(code)) return 'unavailable';
  return undefined;
}
