import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Store } from '../../src/store/index.js';
import { openPostgresStore, openSqliteStore } from '../../src/store/index.js';

/** PostgreSQL for tests; `PARLEY_TEST_DATABASE_URL` overrides. */
export const TEST_DATABASE_URL = process.env.PARLEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** One backend's test database, for suites that run against every store. */
export interface TestStore {
  name: 'sqlite' | 'postgres';
  /**
   * Why this backend's suites are skipped (the service is unreachable and neither `CI` nor
   * `PARLEY_REQUIRE_SERVICES` is set); pass it as the suite's `skip` option. When the service is
   * required but unreachable this stays unset and `open()` fails with the reason.
   */
  skip?: string;
  /**
   * Why several handles in this one process cannot work on the database at the same time, if they
   * cannot: better-sqlite3 waits for a lock synchronously, so the handle holding it never gets to
   * commit. (Several nodes on one SQLite file are separate processes; see sqlite.test.ts.)
   */
  noConcurrentHandles?: string;
  /** Where the PostgreSQL entry's database lives, for tests that open stores of their own. */
  postgres?: { url: string; schema: string };
  /**
   * A store on this entry's own database (a temp SQLite file, a fresh PostgreSQL schema), migrated
   * unless `migrate: false`. Every call opens another handle on the same database, like a restart
   * or a second node.
   */
  open(options?: { migrate?: boolean }): Promise<Store>;
  /** Closes every handle `open()` gave and deletes the database. */
  cleanup(): Promise<void>;
}

/**
 * A fresh test database per backend: SQLite always, PostgreSQL when reachable.
 *
 * @example
 * for (const backend of await testStores()) {
 *   describe(`chats: ${backend.name}`, { skip: backend.skip ?? false }, () => { … });
 * }
 */
export async function testStores(): Promise<TestStore[]> {
  return [sqliteTestStore(), await postgresTestStore()];
}

function sqliteTestStore(): TestStore {
  let dir: Promise<string> | undefined;
  const handles: Store[] = [];
  return {
    name: 'sqlite',
    noConcurrentHandles: 'better-sqlite3 waits for locks synchronously: handles in one process would block each other',
    async open(options = {}) {
      dir ??= mkdtemp(join(tmpdir(), 'parley-store-'));
      const store = await openSqliteStore({ file: join(await dir, 'parley.db') });
      return ready(store, handles, options);
    },
    async cleanup() {
      await closeAll(handles);
      if (dir !== undefined) await rm(await dir, { recursive: true, force: true });
    },
  };
}

async function postgresTestStore(): Promise<TestStore> {
  const schema = `parley_test_${randomBytes(6).toString('hex')}`;
  const handles: Store[] = [];
  const problem = await probePostgres();
  const required = isSet(process.env.CI) || isSet(process.env.PARLEY_REQUIRE_SERVICES);
  const base = { name: 'postgres' as const };
  if (problem !== undefined) {
    const reason = `PostgreSQL at ${redact(TEST_DATABASE_URL)} is unreachable (${problem})`;
    if (!required) return { ...base, skip: `${reason}; set PARLEY_TEST_DATABASE_URL to run it`, open: refuse(reason), cleanup: noop };
    return {
      ...base,
      open: refuse(`${reason}, and CI / PARLEY_REQUIRE_SERVICES requires it`),
      cleanup: noop,
    };
  }
  let used = false;
  return {
    ...base,
    postgres: { url: TEST_DATABASE_URL, schema },
    async open(options = {}) {
      used = true;
      // A machine busy with other suites can be slow to hand out a connection: a second try, not a failed suite.
      return withRetry(async () => ready(await openPostgresStore({ url: TEST_DATABASE_URL, schema, poolSize: 5 }), handles, options));
    },
    async cleanup() {
      await closeAll(handles);
      if (used) await withPgClient((client) => client.query(`drop schema if exists "${schema}" cascade`));
    },
  };
}

async function ready(store: Store, handles: Store[], options: { migrate?: boolean }): Promise<Store> {
  handles.push(store);
  if (options.migrate !== false) await store.migrate();
  return store;
}

async function closeAll(handles: Store[]): Promise<void> {
  // A test may have closed a handle itself; closing again is harmless.
  await Promise.allSettled(handles.splice(0).map((store) => store.close()));
}

let probe: Promise<string | undefined> | undefined;

/** Whether PostgreSQL answers; undefined when it does, else why not. Asked once per process. */
function probePostgres(): Promise<string | undefined> {
  probe ??= withRetry(() =>
    withPgClient(async (client) => {
      await client.query('select 1');
    }),
  ).then(
    () => undefined,
    (err: unknown) => (err instanceof Error ? err.message || err.name : String(err)),
  );
  return probe;
}

/** Runs `attempt` up to three times, a second apart; the last failure is thrown. */
async function withRetry<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (tries >= 3) throw err;
      console.error(`# PostgreSQL attempt ${tries} failed, retrying: ${err instanceof Error ? err.message : String(err)}`);
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

/** Runs `run` on a fresh connection to the test database, closed afterwards. */
export async function withPgClient<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 10_000 });
  // A connection dying after connect() surfaces through the query; the event must not crash the run.
  client.on('error', () => {});
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

function refuse(reason: string): () => Promise<Store> {
  return () => Promise.reject(new Error(reason));
}

function noop(): Promise<void> {
  return Promise.resolve();
}

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
