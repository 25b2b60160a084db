import pg from 'pg';
import { Kysely, PostgresDialect, sql } from 'kysely';
import type { Store } from '../types.js';
import type { Database, EngineCapabilities } from '../kysely/index.js';
import { classifyDbError, guardDialect, KyselyStore } from '../kysely/index.js';
import { TimedPool } from './timed-pool.js';

export interface PostgresStoreOptions {
  /** `postgres://user:password@host:port/database` */
  url: string;
  /** Schema for every table, created when missing; default: the connection's own search_path. */
  schema?: string;
  /** Connections per node. Default 10. */
  poolSize?: number;
  /**
   * A connection not made, or a query not answered, within this many ms fails with E_UNAVAILABLE
   * (and the database counts as unreachable until a probe gets an answer). Default 5000.
   */
  timeoutMs?: number;
}

const INT8_OID = 20;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/**
 * The scale-out store: a pg pool shared by every request of this node. bigint columns (seqs, times)
 * are read as JS numbers; they stay far below 2^53. Connects once to check the server and create the
 * schema; does not migrate.
 *
 * @example
 * const store = await openPostgresStore({ url: 'postgres://parley@db/parley' });
 * await store.migrate();
 */
export async function openPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_NAME.test(schema)) {
    throw new TypeError(`invalid PostgreSQL schema name: ${schema}`);
  }
  const timeoutMs = options.timeoutMs ?? 5_000;
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.poolSize ?? 10,
    // A server that does not answer fails the request (E_UNAVAILABLE) instead of hanging it.
    connectionTimeoutMillis: timeoutMs,
    keepAlive: true,
    idleTimeoutMillis: 30_000,
    application_name: 'parley',
    // Every connection of the pool works in the schema (a per-connection setting, so no SET races).
    ...(schema === undefined ? {} : { options: `-c search_path=${schema}` }),
    // Per pool, not the global pg.types: other pg users in the process keep their parsers.
    types: { getTypeParser: typeParser as typeof pg.types.getTypeParser },
  });
  // A connection that dies (server restart, network cut) emits 'error' on its client; unheard, that
  // would crash the process. The pool hears it for idle clients; we hear it for checked-out ones,
  // whose query fails on its own (E_UNAVAILABLE) and whose client the pool then discards.
  pool.on('error', () => {});
  pool.on('connect', (client) => {
    client.on('error', () => {});
  });

  const timed = new TimedPool(pool, { queryTimeoutMs: timeoutMs, probeMs: 500 });
  const db = new Kysely<Database>({ dialect: guardDialect(new PostgresDialect({ pool: timed })) });
  try {
    const migrationSchema = schema ?? (await currentSchema(db));
    if (schema !== undefined) await createSchema(db, schema);
    const caps: EngineCapabilities = {
      dialect: 'postgres',
      nativeBooleans: true,
      rowLocks: true,
      migrationSchema,
      unbounded: (run) => timed.unbounded(run),
    };
    return new KyselyStore(db, caps);
  } catch (err) {
    await db.destroy();
    throw err;
  }
}

/** pg's parsers, except int8 (bigint) as a JS number instead of a string. */
function typeParser(oid: number, format?: 'text' | 'binary'): (value: string) => unknown {
  if (oid === INT8_OID) return Number;
  return pg.types.getTypeParser(oid, format) as (value: string) => unknown;
}

async function currentSchema(db: Kysely<Database>): Promise<string> {
  const { rows } = await sql<{ schema: string | null }>`select current_schema() as schema`.execute(db);
  return rows[0]?.schema ?? 'public';
}

async function createSchema(db: Kysely<Database>, schema: string): Promise<void> {
  try {
    await sql`create schema if not exists ${sql.id(schema)}`.execute(db);
  } catch (err) {
    // Nodes starting together race on the catalog: IF NOT EXISTS can still fail with a unique violation.
    if (classifyDbError(err) !== 'unique') throw err;
  }
}
