import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildServer, type ParleyServer } from '../../src/app.js';
import { loadConfig, type Config } from '../../src/config/index.js';
import type { Store } from '../../src/store/index.js';
import type { DestinationStream } from 'pino';
import { testStores } from './stores.js';

export interface TestUser {
  id: string;
  token: string;
}

export interface TestServer {
  /** `http://127.0.0.1:<port>` */
  url: string;
  /** `ws://127.0.0.1:<port>/v1/ws` */
  wsUrl: string;
  adminKey: string;
  tenantId: string;
  server: ParleyServer;
  store: Store;
  /** Admin REST call; resolves to the parsed JSON body (or null) and the status. */
  admin<T = unknown>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }>;
  createUser(kind: 'agent' | 'customer' | 'bot' | 'member', nickname?: string): Promise<TestUser>;
  createChat(kind: 'direct' | 'group' | 'livechat', memberIds: string[]): Promise<{ id: string }>;
  close(): Promise<void>;
}

const ADMIN_KEY = 'pk_test_admin_key_0123456789abcdef';

/**
 * Starts a real Parley node on an ephemeral port, on a fresh SQLite file (or a fresh PostgreSQL
 * schema), with a known admin key.
 */
export async function startTestServer(opts: { store?: 'sqlite' | 'postgres'; config?: Partial<Config>; logStream?: DestinationStream } = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'parley-test-'));
  const backend = (await testStores()).find((s) => s.name === (opts.store ?? 'sqlite'));
  if (!backend) throw new Error(`no test store ${opts.store}`);
  if (backend.skip) throw new Error(backend.skip);
  const store = await backend.open();
  const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_LOG_LEVEL: 'error' }, opts.config);
  const server = await buildServer(config, { store, logStream: opts.logStream });
  const url = await server.listen();

  const admin = async <T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${url}${path}`, {
      method,
      headers: { authorization: `Bearer ${ADMIN_KEY}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : null) as T };
  };

  let counter = 0;
  return {
    url,
    wsUrl: `${url.replace(/^http/, 'ws')}/v1/ws`,
    adminKey: ADMIN_KEY,
    tenantId: server.bootstrap.tenant.id,
    server,
    store,
    admin,
    async createUser(kind, nickname) {
      const created = await admin<{ user: { id: string } }>('POST', '/v1/admin/users', { kind, nickname: nickname ?? `${kind} ${++counter}` });
      if (created.status !== 201) throw new Error(`createUser: ${created.status} ${JSON.stringify(created.body)}`);
      const token = await admin<{ token: string }>('POST', `/v1/admin/users/${encodeURIComponent(created.body.user.id)}/tokens`, {});
      return { id: created.body.user.id, token: token.body.token };
    },
    async createChat(kind, memberIds) {
      const res = await admin<{ chat: { id: string } }>('POST', '/v1/admin/chats', { kind, members: memberIds.map((userId) => ({ userId })) });
      if (res.status !== 201) throw new Error(`createChat: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body.chat;
    },
    async close() {
      await server.close();
      await backend.cleanup();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
