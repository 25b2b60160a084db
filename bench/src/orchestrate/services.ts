// The external services of the scale-out deployments: PostgreSQL (a fresh schema per set-up, dropped
// afterwards) and Redis (a private key prefix per set-up). Both are the machine's own services, not
// pinned: the report says so. URLs: PARLEY_BENCH_DATABASE_URL / PARLEY_BENCH_REDIS_URL, else the test
// suites' PARLEY_TEST_DATABASE_URL / PARLEY_TEST_REDIS_URL, else the local defaults.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { Redis } from 'ioredis';

export const DATABASE_URL =
  process.env.PARLEY_BENCH_DATABASE_URL ?? process.env.PARLEY_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
export const REDIS_URL = process.env.PARLEY_BENCH_REDIS_URL ?? process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** The URL without its password, for messages. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@');
}

async function withPg<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => undefined);
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** Why PostgreSQL cannot be used, or undefined when it can. */
export async function postgresProblem(): Promise<string | undefined> {
  try {
    await withPg((c) => c.query('select 1'));
    return undefined;
  } catch (err) {
    return `PostgreSQL at ${redact(DATABASE_URL)} is unreachable (${err instanceof Error ? err.message : String(err)})`;
  }
}

/** Why Redis (or Parley's Redis bus) cannot be used, or undefined when it can. */
export async function redisProblem(root: string): Promise<string | undefined> {
  if (!existsSync(join(root, 'packages/server/src/bus/redis/index.ts'))) return "Parley's Redis bus is not in this checkout yet";
  const redis = new Redis(REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => undefined);
  try {
    await redis.connect();
    await redis.ping();
    return undefined;
  } catch (err) {
    return `Redis at ${redact(REDIS_URL)} is unreachable (${err instanceof Error ? err.message : String(err)})`;
  } finally {
    redis.disconnect();
  }
}

export interface PostgresSchema {
  /** The database URL whose connections all work in the schema (`options=-c search_path=…`). */
  url: string;
  drop(): Promise<void>;
}

/** A fresh, empty schema (as packages/server/test/helpers/cluster.ts makes them). */
export async function freshSchema(): Promise<PostgresSchema> {
  const schema = `parley_bench_${randomBytes(5).toString('hex')}`;
  await withPg((c) => c.query(`create schema "${schema}"`));
  const separator = DATABASE_URL.includes('?') ? '&' : '?';
  return {
    url: `${DATABASE_URL}${separator}options=${encodeURIComponent(`-c search_path=${schema}`)}`,
    drop: () => withPg((c) => c.query(`drop schema if exists "${schema}" cascade`)).then(() => undefined),
  };
}

/** A key prefix no other cluster on this Redis uses. */
export function redisPrefix(): string {
  return `parley-bench-${randomBytes(5).toString('hex')}:`;
}

/** Deletes the keys under `prefix` (bounded: at most 1,000 SCAN rounds). */
export async function dropRedisPrefix(prefix: string): Promise<void> {
  const redis = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  redis.on('error', () => undefined);
  try {
    let cursor = '0';
    for (let round = 0; round < 1000; round++) {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length > 0) await redis.del(...keys);
      cursor = next;
      if (cursor === '0') break;
    }
  } finally {
    redis.disconnect();
  }
}
