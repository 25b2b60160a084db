// The owner at first run: `parley start` on an empty data folder prints a set-up link that works once;
// PARLEY_OWNER_EMAIL + PARLEY_OWNER_PASSWORD make the owner instead, once, even with two nodes
// starting together on one PostgreSQL schema.
import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { startServerProcess } from '../helpers/process.js';
import { testStores } from '../helpers/stores.js';

const postgres = (await testStores()).find((s) => s.name === 'postgres')!;

describe('first run', () => {
  it('parley start prints a one-time set-up link while there is no owner', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-first-run-'));
    const node = await startServerProcess({ PARLEY_DATA_DIR: dataDir });
    try {
      const printed = await waitFor(() => /Create it within 24 hours at (\S+)/.exec(node.output())?.[1]);
      assert.ok(printed.startsWith(`${node.url}/console/#/setup?token=`), printed);
      const token = printed.split('token=')[1]!;
      assert.deepEqual(await (await fetch(`${node.url}/v1/auth/setup`)).json(), { needed: true });
      const form = { token, email: 'founder@example.test', password: 'harbour-cobalt-rain', name: 'Founder' };
      const post = () => fetch(`${node.url}/v1/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(form) });
      assert.equal((await post()).status, 201);
      const again = await post();
      assert.equal(again.status, 409, 'the owner exists now');
      const login = await fetch(`${node.url}/v1/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: form.email, password: form.password }) });
      assert.equal(login.status, 200);
    } finally {
      await node.kill('SIGTERM');
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('refuses to start with a weak PARLEY_OWNER_PASSWORD, saying why', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-first-run-'));
    try {
      await assert.rejects(
        startServerProcess({ PARLEY_DATA_DIR: dataDir, PARLEY_OWNER_EMAIL: 'boss@example.test', PARLEY_OWNER_PASSWORD: 'password123' }),
        (err: Error) => /PARLEY_OWNER_PASSWORD: This password is among the most common/.test(err.message) && !err.message.includes('password123'),
      );
    } finally {
      await rm(dataDir, { recursive: true, force: true });
    }
  });

  it('two nodes starting together on one PostgreSQL schema make one owner', { skip: postgres.skip ?? false }, async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'parley-first-run-'));
    const env = { PORT: '0', HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_LOG_LEVEL: 'error', PARLEY_OWNER_EMAIL: 'Chief@Example.test', PARLEY_OWNER_PASSWORD: 'copper-meadow-signal' };
    try {
      const stores = await Promise.all([postgres.open({ migrate: false }), postgres.open({ migrate: false })]);
      await Promise.all(stores.map((s) => s.migrate()));
      const nodes = await Promise.all(stores.map((store) => buildServer(loadConfig(env), { store })));
      try {
        assert.equal(nodes.filter((n) => n.bootstrap.ownerCreated).length, 1, 'one of them created it');
        const accounts = await stores[0].accounts.listAccounts('DEFAULT');
        assert.deepEqual(accounts.map((a) => a.email), ['chief@example.test']);
        assert.equal((await stores[1].accounts.findOwner('DEFAULT'))?.id, accounts[0]!.userId);
        // A restart with the same environment changes nothing.
        const restarted = await buildServer(loadConfig(env), { store: stores[1] });
        assert.equal(restarted.bootstrap.ownerCreated, false);
        await restarted.close();
      } finally {
        for (const n of nodes) await n.close();
      }
    } finally {
      await postgres.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});

/** Polls the child's output (it prints after it listens); fails after a bound, never passes on time. */
async function waitFor<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 200; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('not printed');
}
