// What only the SQLite store does: several processes on one file, and a lock held too long.
import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { ParleyError } from '@parley/protocol';
import { openSqliteStore } from '../../src/store/index.js';
import { tenantRow } from '../helpers/store-rows.js';

const storeModule = fileURLToPath(new URL('../../src/store/index.ts', import.meta.url));

describe('sqlite store', () => {
  const dirs: string[] = [];
  const tempFile = async (): Promise<string> => {
    const dir = await mkdtemp(join(tmpdir(), 'parley-sqlite-'));
    dirs.push(dir);
    return join(dir, 'nested', 'parley.db');
  };
  after(() => Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true }))));

  it('migrates one file from several processes at once', async () => {
    const file = await tempFile();
    const script = `
      const { openSqliteStore } = await import(${JSON.stringify(storeModule)});
      const store = await openSqliteStore({ file: ${JSON.stringify(file)} });
      await store.migrate();
      await store.close();`;
    const codes = await Promise.all(
      [1, 2, 3].map(
        () =>
          new Promise<{ code: number | null; stderr: string }>((resolve) => {
            const child = spawn(
              process.execPath,
              ['--conditions=source', '--import', 'tsx', '--input-type=module', '-e', script],
              { stdio: ['ignore', 'ignore', 'pipe'] },
            );
            let stderr = '';
            child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
            child.on('close', (code) => resolve({ code, stderr }));
          }),
      ),
    );
    for (const { code, stderr } of codes) assert.equal(code, 0, stderr);

    const store = await openSqliteStore({ file });
    try {
      await store.migrate();
      const tenant = await store.createTenant(tenantRow());
      assert.deepEqual(await store.getTenant(tenant.id), tenant);
    } finally {
      await store.close();
    }
  });

  it('answers E_UNAVAILABLE while another process holds the write lock, then recovers', async () => {
    const file = await tempFile();
    const store = await openSqliteStore({ file, busyTimeoutMs: 50 });
    const other = new Database(file);
    try {
      await store.migrate();
      other.exec('begin immediate');
      await assert.rejects(store.createTenant(tenantRow()), (err) => err instanceof ParleyError && err.code === 'E_UNAVAILABLE');
      other.exec('rollback');
      const tenant = await store.createTenant(tenantRow());
      assert.deepEqual(await store.getTenant(tenant.id), tenant);
    } finally {
      other.close();
      await store.close();
    }
  });
});
