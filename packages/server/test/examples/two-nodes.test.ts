import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { connect, createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { TEST_DATABASE_URL } from '../helpers/stores.js';
import { ensureBuilt } from '../helpers/cli.js';
import { runExample } from './run-example.js';

const SCRIPT = fileURLToPath(new URL('../../../../examples/two-nodes/run.sh', import.meta.url));
const REDIS_URL = process.env.PARLEY_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const required = ['CI', 'PARLEY_REQUIRE_SERVICES'].some((name) => !['', '0', 'false', undefined].includes(process.env[name]?.toLowerCase()));

function reachable(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect({ host: hostname, port: Number(port) || 6379 }, () => {
      socket.end();
      resolve(true);
    });
    socket.setTimeout(2000, () => {
      socket.destroy();
      resolve(false);
    });
    socket.on('error', () => resolve(false));
  });
}

/** A port free right now. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

async function admin(run: (client: pg.Client) => Promise<unknown>): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_DATABASE_URL, connectionTimeoutMillis: 3000 });
  client.on('error', () => {});
  await client.connect();
  try {
    await run(client);
  } finally {
    await client.end();
  }
}

describe('examples/two-nodes (PostgreSQL + Redis)', () => {
  const database = `parley_two_nodes_${randomBytes(4).toString('hex')}`;
  let skip: string | undefined;
  before(async () => {
    const pgUp = await admin((c) => c.query('select 1')).then(() => true, () => false);
    const redisUp = await reachable(REDIS_URL);
    if (!pgUp || !redisUp) {
      const reason = `${pgUp ? '' : 'PostgreSQL '}${redisUp ? '' : 'Redis '}unreachable`;
      if (required) throw new Error(`${reason}, and CI / PARLEY_REQUIRE_SERVICES requires it`);
      skip = reason;
      return;
    }
    await ensureBuilt();
    await admin((c) => c.query(`create database ${database}`));
  });
  after(async () => {
    if (!skip) await admin((c) => c.query(`drop database if exists ${database} with (force)`)).catch(() => {});
  });

  it('two nodes share the store and the bus: users on different nodes chat', async (t) => {
    if (skip) return t.skip(skip);
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = `/${database}`;
    const run = await runExample('bash', [SCRIPT], { PARLEY_DATABASE_URL: url.toString(), PARLEY_REDIS_URL: REDIS_URL, PORT_A: String(await freePort()), PORT_B: String(await freePort()) });
    assert.equal(run.code, 0, run.output);
    assert.match(run.output, /Bob received: Hello Bob!/);
    assert.match(run.output, /Alice received: Hi Alice, all good!/);
  });
});
