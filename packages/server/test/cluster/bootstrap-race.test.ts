import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type ParleyServer } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';
import { clusterSkipReason } from '../helpers/cluster.js';
import { TEST_DATABASE_URL, withPgClient } from '../helpers/stores.js';

/*
 * Nodes of a cluster often start at the same moment on a fresh database (a deployment, a restart of
 * everything). Every step of their start — migrations, the DEFAULT tenant, the configured admin key,
 * the token secret — must let any of them win the race without the others failing.
 */
const skip = await clusterSkipReason();
const ROUNDS = 5;
const NODES = 3;
const ADMIN_KEY = 'pk_bootstrap_race_admin_key_0000';

describe('cluster: nodes starting together on a fresh database', { skip: skip ?? false }, () => {
  const schemas: string[] = [];
  const dirs: string[] = [];
  after(async () => {
    for (const schema of schemas) await withPgClient((c) => c.query(`drop schema if exists "${schema}" cascade`));
    for (const dir of dirs) await rm(dir, { recursive: true, force: true });
  });

  it(`every node starts, ${ROUNDS} times out of ${ROUNDS}, with the same PARLEY_ADMIN_KEY`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const schema = `parley_boot_${randomBytes(6).toString('hex')}`;
      schemas.push(schema);
      await withPgClient((c) => c.query(`create schema "${schema}"`));
      const url = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      const starts = await Promise.allSettled(
        Array.from({ length: NODES }, async () => {
          const dataDir = await mkdtemp(join(tmpdir(), 'parley-boot-'));
          dirs.push(dataDir);
          const config = loadConfig({ PORT: '0', PARLEY_DATA_DIR: dataDir, PARLEY_DATABASE_URL: url, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_LOG_LEVEL: 'silent' });
          return buildServer(config);
        }),
      );
      const servers = starts.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
      try {
        const failures = starts.flatMap((s) => (s.status === 'rejected' ? [String(s.reason)] : []));
        assert.deepEqual(failures, [], `round ${round}: every node started`);
        const tenants = new Set(servers.map((s: ParleyServer) => s.bootstrap.tenant.id));
        assert.equal(tenants.size, 1, 'one DEFAULT tenant for all');
        const url0 = await servers[0]!.listen();
        const res = await fetch(`${url0}/v1/admin/users`, {
          method: 'POST',
          headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
          body: JSON.stringify({ kind: 'member', nickname: 'Probe' }),
        });
        assert.equal(res.status, 201, 'the configured admin key works');
        const keys = await withPgClient((c) => c.query(`select count(*)::int as n from "${schema}".api_keys where name = 'PARLEY_ADMIN_KEY'`));
        assert.equal(keys.rows[0].n, 1, 'the admin key is stored once');
      } finally {
        await Promise.all(servers.map((s) => s.close()));
      }
    }
  });
});
