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
  /**
   * Runs long maintenance work (migrations at start-up) without the per-query time limit that guards
   * request traffic against a database that stopped answering.
   */
  unbounded<T>(run: () => Promise<T>): Promise<T>;
}
