// What only the PostgreSQL store does: a refused or lost connection is E_UNAVAILABLE, never a raw
// driver error, and the store recovers once the server is back.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { ParleyError } from '@parley/protocol';
import type { Store } from '../../src/store/index.js';
import { openPostgresStore } from '../../src/store/index.js';
import type { TestStore } from '../helpers/stores.js';
import { TEST_DATABASE_URL, testStores } from '../helpers/stores.js';
import { tenantRow } from '../helpers/store-rows.js';

const unavailable = (err: unknown): boolean => err instanceof ParleyError && err.code === 'E_UNAVAILABLE';

describe('postgres store', () => {
  it('answers E_UNAVAILABLE when the server refuses connections', async () => {
    const port = await freePort();
    await assert.rejects(openPostgresStore({ url: `postgres://postgres@127.0.0.1:${port}/test` }), unavailable);
  });

  it('rejects an unsafe schema name', async () => {
    await assert.rejects(openPostgresStore({ url: TEST_DATABASE_URL, schema: 'x; drop table y' }), TypeError);
  });
});

const [backend] = (await testStores()).filter((b) => b.name === 'postgres') as [TestStore];

describe('postgres store: lost connections', { skip: backend.skip ?? false }, () => {
  let proxy: Proxy;
  let store: Store;

  before(async () => {
    // The schema and tables, made directly; the store under test talks through the proxy.
    await backend.open();
    const url = new URL(TEST_DATABASE_URL);
    proxy = await startProxy(url.hostname, Number(url.port || 5432));
    url.hostname = '127.0.0.1';
    url.port = String(proxy.port);
    store = await openPostgresStore({ url: url.toString(), schema: backend.postgres?.schema, poolSize: 2 });
  });
  after(async () => {
    await store.close();
    proxy.close();
    await backend.cleanup();
  });

  it('fails a query whose connection dies with E_UNAVAILABLE, then recovers', async () => {
    await store.ping();
    proxy.hold = true;
    const pending = store.createTenant(tenantRow());
    await new Promise((resolve) => setTimeout(resolve, 50));
    proxy.dropAll();
    await assert.rejects(pending, unavailable);
    proxy.hold = false;
    const tenant = await store.createTenant(tenantRow());
    assert.deepEqual(await store.getTenant(tenant.id), tenant);
  });

  it('answers E_UNAVAILABLE while the server is unreachable, then recovers', async () => {
    proxy.refuse = true;
    proxy.dropAll();
    await assert.rejects(store.ping(), unavailable);
    proxy.refuse = false;
    await store.ping();
  });
});

interface Proxy {
  port: number;
  /** Swallow what the client sends (a query then hangs until the connection dies). */
  hold: boolean;
  /** Close new connections at once, like a server that is down. */
  refuse: boolean;
  dropAll(): void;
  close(): void;
}

/** A TCP proxy to PostgreSQL whose connections the test can cut. */
async function startProxy(host: string, port: number): Promise<Proxy> {
  const sockets = new Set<net.Socket>();
  const proxy: Proxy = {
    port: 0,
    hold: false,
    refuse: false,
    dropAll: () => {
      for (const socket of sockets) socket.destroy();
      sockets.clear();
    },
    close: () => {
      proxy.dropAll();
      server.close();
    },
  };
  const server = net.createServer((client) => {
    if (proxy.refuse) {
      client.destroy();
      return;
    }
    const upstream = net.connect(port, host);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('error', () => {});
      socket.on('close', () => {
        sockets.delete(socket);
        client.destroy();
        upstream.destroy();
      });
    }
    client.on('data', (chunk) => {
      if (!proxy.hold) upstream.write(chunk);
    });
    upstream.on('data', (chunk) => client.write(chunk));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.port = (server.address() as AddressInfo).port;
  return proxy;
}

/** A port nothing listens on. */
async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}
