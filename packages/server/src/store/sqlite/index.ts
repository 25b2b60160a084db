import { mkdir } from 'node:fs/promises';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely } from 'kysely';
import { ParleyError } from '@parley/protocol';
import type { CommitResults, CommitWrites, Store } from '../types.js';
import type { Database as Tables, EngineCapabilities } from '../kysely/index.js';
import { classifyDbError, guardDialect, KyselyStore, translateUnavailable } from '../kysely/index.js';
import { AppendStatements } from './append-statements.js';
import { LockingSqliteDialect } from './locking-dialect.js';
import { cachingDatabase } from './statement-cache.js';

export interface SqliteStoreOptions {
  /** The database file; its folder is created when missing. */
  file: string;
  /** How long a write waits for another process's lock before failing with E_UNAVAILABLE. Default 5 s. */
  busyTimeoutMs?: number;
}

const CAPABILITIES: EngineCapabilities = {
  dialect: 'sqlite',
  nativeBooleans: false,
  rowLocks: false,
  migrationSchema: undefined,
  // A local file has no network to stall on.
  unbounded: (run) => run(),
};

/**
 * The embedded store: one SQLite file in WAL mode. `synchronous=FULL` because a send is acknowledged
 * right after its commit, and an acknowledged message must survive a power cut. Does not migrate.
 *
 * @example
 * const store = await openSqliteStore({ file: './data/parley.db' });
 * await store.migrate();
 */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<Store> {
  let raw: Database.Database;
  try {
    await mkdir(dirname(options.file), { recursive: true });
    raw = new Database(options.file);
  } catch (err) {
    if (classifyDbError(err) !== 'unavailable') throw err;
    const unavailable = new ParleyError('E_UNAVAILABLE', `cannot open the SQLite file ${options.file}`);
    unavailable.cause = err;
    throw unavailable;
  }
  try {
    raw.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.pragma('foreign_keys = ON');
  } catch (err) {
    raw.close();
    throw err;
  }
  const dialect = new LockingSqliteDialect({ database: cachingDatabase(raw) });
  const db = new Kysely<Tables>({ dialect: guardDialect(dialect) });
  return new SqliteStore(db, raw);
}

/** The shared Kysely store, with the per-message writes on prepared statements (append-statements.ts). */
class SqliteStore extends KyselyStore {
  readonly #db: Kysely<Tables>;
  readonly #raw: Database.Database;
  /** Prepared on first use: the tables exist only once the store is migrated. */
  #statements: AppendStatements | undefined;

  constructor(db: Kysely<Tables>, raw: Database.Database) {
    super(db, CAPABILITIES);
    this.#db = db;
    this.#raw = raw;
  }

  /** Runs on the connection while holding it, as Kysely's own queries do: nothing interleaves. */
  override commit(writes: CommitWrites): Promise<CommitResults> {
    if (writes.messages.length === 0 && writes.marks.length === 0) return Promise.resolve({ appended: [], moved: [] });
    return this.#db.connection().execute(() => {
      try {
        this.#statements ??= new AppendStatements(this.#raw);
        return Promise.resolve(this.#statements.commit(writes));
      } catch (err) {
        const translated = translateUnavailable(err);
        return Promise.reject(translated instanceof Error ? translated : new Error(String(translated)));
      }
    });
  }
}
