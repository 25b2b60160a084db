/**
 * What differs between the engines behind the shared Kysely code, as flags and small functions handed
 * in by each engine's `open…Store` (never `if (pg)` in the query code).
 */
export interface EngineCapabilities {
  readonly dialect: 'sqlite' | 'postgres';
  /** PostgreSQL has a boolean type; SQLite stores booleans as 0/1 integers. */
  readonly nativeBooleans: boolean;
  /**
   * `SELECT … FOR UPDATE` exists and is needed to serialise writers on a row (PostgreSQL). SQLite has
   * no row locks: its write transactions (`BEGIN IMMEDIATE`) are already serial.
   */
  readonly rowLocks: boolean;
  /** Schema holding Kysely's migration tables (PostgreSQL); undefined on SQLite. */
  readonly migrationSchema: string | undefined;
  /** Sorts a driver error into the few kinds the store reacts to; undefined for everything else. */
  classifyError(err: unknown): DbErrorKind | undefined;
  /**
   * Runs long maintenance work (migrations at start-up) without the per-query time limit that guards
   * request traffic against a database that stopped answering.
   */
  unbounded<T>(run: () => Promise<T>): Promise<T>;
}

/**
 * - `unique`: a unique or primary key was violated.
 * - `foreign_key`: a referenced row is missing.
 * - `retry`: the engine aborted the transaction (deadlock, serialisation failure); running it again works.
 * - `unavailable`: the database cannot be reached or is busy; the caller may retry later.
 */
export type DbErrorKind = 'unique' | 'foreign_key' | 'retry' | 'unavailable';

/** Reads the string `code` most driver errors carry. */
export function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null || !('code' in err)) return undefined;
  const code = err.code;
  return typeof code === 'string' ? code : undefined;
}
