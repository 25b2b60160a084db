// createStore: the configuration picks the engine, and the store comes back migrated.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createStore } from '../../src/store/index.js';
import type { TestStore } from '../helpers/stores.js';
import { testStores } from '../helpers/stores.js';
import { tenantRow } from '../helpers/store-rows.js';

const [pg] = (await testStores()).filter((b) => b.name === 'postgres') as [TestStore];

describe('createStore', () => {
  const cleanups: (() => Promise<void>)[] = [];
  after(() => Promise.all(cleanups.map((cleanup) => cleanup())));

  it('keeps SQLite at <dataDir>/parley.db without a database URL', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-create-'));
    cleanups.push(() => rm(dir, { recursive: true, force: true }));
    const dataDir = join(dir, 'data');
    for (const databaseUrl of [undefined, '', 'mysql://elsewhere']) {
      const store = await createStore({ databaseUrl, dataDir });
      try {
        assert.equal(store.dialect, 'sqlite');
        assert.ok(existsSync(join(dataDir, 'parley.db')));
        await store.createTenant(tenantRow());
      } finally {
        await store.close();
      }
    }
  });

  it('picks PostgreSQL for postgres:// and postgresql:// URLs', { skip: pg.skip ?? false }, async () => {
    cleanups.push(() => pg.cleanup());
    // The entry's schema, created empty; the URL points the connection at it (createStore takes no schema).
    await pg.open({ migrate: false });
    const target = pg.postgres;
    assert.ok(target);
    for (const scheme of ['postgres:', 'postgresql:']) {
      const url = new URL(target.url);
      url.protocol = scheme;
      url.searchParams.set('options', `-c search_path=${target.schema}`);
      const store = await createStore({ databaseUrl: url.toString(), dataDir: '/nonexistent' });
      try {
        assert.equal(store.dialect, 'postgres');
        const tenant = await store.createTenant(tenantRow());
        assert.deepEqual(await store.getTenant(tenant.id), tenant);
      } finally {
        await store.close();
      }
    }
  });
});
