import { join } from 'node:path';
import type { Store } from './types.js';
import { openPostgresStore } from './postgres/index.js';
import { openSqliteStore } from './sqlite/index.js';

export interface CreateStoreOptions {
  /** `postgres://…` or `postgresql://…` selects PostgreSQL; anything else (or nothing) SQLite. */
  databaseUrl?: string;
  /** The data folder; SQLite keeps `parley.db` there. */
  dataDir: string;
  /** PostgreSQL: the connection and query time limit, ms (see `openPostgresStore`). */
  timeoutMs?: number;
}

/**
 * The store the configuration asks for, migrated and ready.
 *
 * @example
 * const store = await createStore({ databaseUrl: process.env.PARLEY_DATABASE_URL, dataDir: './data' });
 */
export async function createStore(options: CreateStoreOptions): Promise<Store> {
  const url = options.databaseUrl;
  const store =
    url !== undefined && /^postgres(ql)?:\/\//i.test(url)
      ? await openPostgresStore({ url, timeoutMs: options.timeoutMs })
      : await openSqliteStore({ file: join(options.dataDir, 'parley.db') });
  try {
    await store.migrate();
  } catch (err) {
    await store.close();
    throw err;
  }
  return store;
}
