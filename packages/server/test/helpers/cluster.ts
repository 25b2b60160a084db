import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';
import pg from 'pg';
import { RedisPresenceBackend } from '../../src/bus/index.js';
import { startServerProcess, type ServerProcess } from './process.js';
import { TEST_DATABASE_URL } from './stores.js';
import { freePort } from './tcp-proxy.js';

/** The machine's Redis for tests; `PARLEY_TEST_REDIS_URL` overrides. Suites only touch their own prefix. */
export const TEST_REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Every cluster node's admin key. */
export const ADMIN_KEY = 'pk_cluster_test_admin_key_0000000';
const TOKEN_SECRET = 'cluster-test-token-secret-0123456789abcdef';
/** A start is mostly compiling TypeScript: on a busy 2-core machine several at once take a while. */
const START_TIMEOUT_MS = 90_000;

/**
 * Why the cluster suites cannot run here (PostgreSQL or Redis unreachable), or undefined when they
 * can. When `CI` or `PARLEY_REQUIRE_SERVICES` is set an unreachable service is a failure instead.
 */
export async function clusterSkipReason(): Promise<string | undefined> {
  const problems: string[] = [];
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  try {
    await client.connect();
    await client.query('select 1');
  } catch (err) {
    problems.push(`PostgreSQL at ${TEST_DATABASE_URL} is unreachable (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    await client.end().catch(() => {});
  }
  const redis = new Redis(TEST_REDIS_URL, { lazyConnect: true, connectTimeout: 3000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  redis.on('error', () => {});
  try {
    await redis.connect();
    await redis.ping();
  } catch (err) {
    problems.push(`Redis at ${TEST_REDIS_URL} is unreachable (${err instanceof Error ? err.message : String(err)})`);
  } finally {
    redis.disconnect();
  }
  if (problems.length === 0) return undefined;
  const reason = problems.join('; ');
  if (isSet(process.env.CI) || isSet(process.env.PARLEY_REQUIRE_SERVICES)) {
    throw new Error(`${reason}, and CI / PARLEY_REQUIRE_SERVICES requires them`);
  }
  return `${reason}; set PARLEY_TEST_DATABASE_URL / PARLEY_TEST_REDIS_URL to run the cluster suites`;
}

export interface ClusterOptions {
  nodes: number;
  /** Default: the machine's Redis (with a private prefix). */
  redisUrl?: string;
  /** Where the nodes reach PostgreSQL (e.g. through a proxy); default the test database. */
  databaseUrl?: string;
  presenceTtlMs?: number;
  /** More environment for every node. */
  env?: Record<string, string>;
}

/**
 * Parley nodes as real processes on fixed loopback ports, sharing one fresh PostgreSQL schema and
 * one Redis prefix that no other suite uses. Node i can be killed and started again on its port.
 */
export class TestCluster {
  readonly schema = `parley_cluster_${randomBytes(5).toString('hex')}`;
  readonly prefix = `parley-test-${randomBytes(5).toString('hex')}:`;
  readonly nodes: (ServerProcess | undefined)[] = [];
  readonly ports: number[] = [];
  private dataDir = '';
  private counter = 0;

  private constructor(private readonly opts: Required<Omit<ClusterOptions, 'databaseUrl'>> & { databaseUrl: string }) {}

  static async start(options: ClusterOptions): Promise<TestCluster> {
    const cluster = new TestCluster({
      redisUrl: TEST_REDIS_URL,
      databaseUrl: TEST_DATABASE_URL,
      presenceTtlMs: 3_000,
      env: {},
      ...options,
    });
    await onDatabase(cluster.opts.databaseUrl, `create schema "${cluster.schema}"`);
    cluster.dataDir = await mkdtemp(join(tmpdir(), 'parley-cluster-'));
    for (let i = 0; i < options.nodes; i++) cluster.ports.push(await freePort());
    // The first node migrates the schema and bootstraps the tenant; the others then start together.
    await cluster.startNode(0);
    await Promise.all(cluster.ports.slice(1).map((_, i) => cluster.startNode(i + 1)));
    return cluster;
  }

  url(i: number): string {
    return `http://127.0.0.1:${this.ports[i]}`;
  }

  get urls(): string[] {
    return this.ports.map((_, i) => this.url(i));
  }

  async startNode(i: number): Promise<ServerProcess> {
    const search = `?options=${encodeURIComponent(`-c search_path=${this.schema}`)}`;
    const node = await startServerProcess({
      PORT: String(this.ports[i]),
      PARLEY_DATA_DIR: join(this.dataDir, `node-${i}`),
      PARLEY_DATABASE_URL: `${this.opts.databaseUrl}${search}`,
      PARLEY_REDIS_URL: this.opts.redisUrl,
      PARLEY_REDIS_PREFIX: this.prefix,
      PARLEY_PRESENCE_TTL_MS: String(this.opts.presenceTtlMs),
      PARLEY_ADMIN_KEY: ADMIN_KEY,
      PARLEY_TOKEN_SECRET: TOKEN_SECRET,
      PARLEY_TOKEN_TTL_SECONDS: '3600',
      ...this.opts.env,
    }, { startTimeoutMs: START_TIMEOUT_MS });
    this.nodes[i] = node;
    return node;
  }

  async kill(i: number, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
    await this.nodes[i]?.kill(signal);
    this.nodes[i] = undefined;
  }

  /** An admin call to the first live node. */
  async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const i = this.nodes.findIndex((n) => n !== undefined && n.child.exitCode === null);
    const res = await fetch(`${this.url(i)}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${text}`);
    return JSON.parse(text) as T;
  }

  async createUser(nickname = `user ${++this.counter}`): Promise<{ id: string; token: string }> {
    const { user } = await this.admin<{ user: { id: string } }>('POST', '/v1/admin/users', { kind: 'member', nickname });
    const { token } = await this.admin<{ token: string }>('POST', `/v1/admin/users/${encodeURIComponent(user.id)}/tokens`, {});
    return { id: user.id, token };
  }

  async createChat(memberIds: string[]): Promise<string> {
    const { chat } = await this.admin<{ chat: { id: string } }>('POST', '/v1/admin/chats', { kind: 'group', members: memberIds.map((userId) => ({ userId })) });
    return chat.id;
  }

  /** Presence as the nodes keep it in Redis. */
  async presence<T>(run: (presence: RedisPresenceBackend) => Promise<T>): Promise<T> {
    const redis = new Redis(this.opts.redisUrl, { maxRetriesPerRequest: 1 });
    redis.on('error', () => {});
    try {
      return await run(new RedisPresenceBackend(redis, this.prefix));
    } finally {
      redis.disconnect();
    }
  }

  /** Output of every node, for failure messages. */
  output(): string {
    return this.nodes.map((n, i) => `--- node ${i}\n${n?.output() ?? '(down)'}`).join('\n');
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.map((_, i) => this.kill(i)));
    await onDatabase(this.opts.databaseUrl, `drop schema if exists "${this.schema}" cascade`).catch(() => {});
    await deleteKeys(TEST_REDIS_URL, this.prefix).catch(() => {});
    if (this.dataDir) await rm(this.dataDir, { recursive: true, force: true });
  }
}

/** A private `redis-server` (no persistence) on its own port, for tests that kill and restart Redis. */
export class PrivateRedis {
  private child: ChildProcess | undefined;

  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(await freePort());
    await redis.restart();
    return redis;
  }

  /** Starts it (again) on the same port; resolves once it accepts connections. */
  async restart(): Promise<void> {
    const child = spawn('redis-server', ['--port', String(this.port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    this.child = child;
    let output = '';
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`redis-server did not start:\n${output}`)), 10_000);
      child.stdout?.on('data', (d: Buffer) => {
        output += d.toString();
        if (output.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      child.once('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited with ${code}:\n${output}`));
      });
    });
  }

  /** Kills it at once (SIGKILL): every connection drops, everything in it is gone. */
  async kill(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    if (!child || child.exitCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
  }
}

/** One statement on the database the nodes use (the test database, a proxy to it, or a private server). */
async function onDatabase(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function deleteKeys(url: string, prefix: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  redis.on('error', () => {});
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

function isSet(value: string | undefined): boolean {
  return value !== undefined && value !== '' && value !== '0' && value.toLowerCase() !== 'false';
}
