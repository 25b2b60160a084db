import { loadConfig, type Config } from '../../src/config/index.js';
import { startTestServer, type TestServer } from '../helpers/server.js';

/** Short timeouts and backoff, so retries happen within a test. */
export function webhookConfig(overrides: Partial<Config['webhooks']> = {}): Config['webhooks'] {
  return {
    ...loadConfig({}).webhooks,
    timeoutMs: 400,
    maxAttempts: 4,
    backoffBaseMs: 40,
    backoffMaxMs: 200,
    endpointBackoffBaseMs: 40,
    endpointBackoffMaxMs: 200,
    pollMs: 50,
    ...overrides,
  };
}

/** A test server whose DEFAULT tenant may post webhooks to loopback addresses (the local receiver). */
export async function startWebhookServer(
  overrides: Partial<Config['webhooks']> = {},
  allowPrivate = true,
  store: 'sqlite' | 'postgres' = 'sqlite',
): Promise<TestServer> {
  const t = await startTestServer({ store, config: { webhooks: webhookConfig(overrides) } });
  if (allowPrivate) await allowPrivateUrls(t, true);
  return t;
}

export async function allowPrivateUrls(t: TestServer, allow: boolean): Promise<void> {
  const tenant = await t.store.getTenant(t.tenantId);
  if (!tenant) throw new Error('no tenant');
  await t.store.updateTenant(t.tenantId, { plan: { ...tenant.plan, webhooks: { allowPrivateUrls: allow } } });
}

export interface CreatedEndpoint {
  id: string;
  secret: string;
}

export async function createEndpoint(t: TestServer, body: Record<string, unknown>): Promise<CreatedEndpoint> {
  const res = await t.admin<{ endpoint: CreatedEndpoint }>('POST', '/v1/admin/webhooks', body);
  if (res.status !== 201) throw new Error(`create endpoint: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.endpoint;
}

/** Sends a text message as a user over REST; resolves to the status and how long it took. */
export async function sendText(t: TestServer, token: string, chatId: string, text: string): Promise<{ status: number; ms: number; id: string }> {
  const started = performance.now();
  const res = await fetch(`${t.url}/v1/chats/${encodeURIComponent(chatId)}/messages`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify({ messageType: 'TEXT', content: { text } }),
  });
  const body = (await res.json()) as { message?: { id: string } };
  return { status: res.status, ms: performance.now() - started, id: body.message?.id ?? '' };
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
