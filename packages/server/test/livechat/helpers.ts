import assert from 'node:assert/strict';
import type { Config } from '../../src/config/index.js';
import { loadConfig } from '../../src/config/index.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';

export interface Reply<T = Record<string, unknown>> {
  status: number;
  body: T;
  headers: Headers;
}

/** Live-chat settings for tests: a fast sweep, a short grace, generous limits unless a test narrows them. */
export function livechatConfig(overrides: Partial<Config['livechat']> = {}, limits: Partial<Config['livechat']['rateLimits']> = {}): Config['livechat'] {
  const base = loadConfig({}).livechat;
  return {
    ...base,
    agentGraceMs: 300,
    sweepMs: 50,
    ...overrides,
    rateLimits: { ...base.rateLimits, sessionsPerIp: 1000, chatsPerIp: 1000, chatsPerVisitor: 1000, sendsPerVisitor: 1000, sendsPerIp: 10_000, ...limits },
  };
}

export function startLivechatServer(opts: { store?: 'sqlite' | 'postgres'; livechat?: Config['livechat'] } = {}): Promise<TestServer> {
  return startTestServer({ store: opts.store, config: { livechat: opts.livechat ?? livechatConfig() } });
}

/** Any HTTP call; JSON in and out. */
export async function call<T = Record<string, unknown>>(
  server: TestServer,
  method: string,
  path: string,
  opts: { token?: string; body?: unknown; headers?: Record<string, string>; form?: Record<string, string> } = {},
): Promise<Reply<T>> {
  const headers: Record<string, string> = { ...(opts.headers ?? {}) };
  if (opts.token) headers.authorization = `Bearer ${opts.token}`;
  let body: string | undefined;
  if (opts.form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(opts.form).toString();
  } else if (opts.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(opts.body);
  }
  const res = await fetch(`${server.url}${path}`, { method, headers, body });
  const text = await res.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = text;
    }
  }
  return { status: res.status, body: parsed as T, headers: res.headers };
}

export interface Visitor {
  token: string;
  id: string;
}

export async function visitorSession(server: TestServer, nickname = 'Chris', extra: Record<string, unknown> = {}): Promise<Visitor> {
  const res = await call<{ token: string; visitor: { id: string } }>(server, 'POST', '/v1/livechat/sessions', {
    body: { domain: 'DEFAULT', nickname, userAgent: 'Mozilla/5.0 test', firstUri: 'https://shop.example/help', firstTitle: 'Help', ...extra },
  });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return { token: res.body.token, id: res.body.visitor.id };
}

export interface OpenedChat {
  chat: { id: string; state: string };
  queue: { position: number; state: string; waitingMs: number };
  agentId: string | null;
  departmentId: string | null;
}

export async function openChat(server: TestServer, visitor: Visitor, body: Record<string, unknown> = {}): Promise<OpenedChat> {
  const res = await call<{ chat: OpenedChat }>(server, 'POST', '/v1/livechat/chats', { token: visitor.token, body });
  assert.equal(res.status, 201, JSON.stringify(res.body));
  return res.body.chat;
}

export interface Agent extends TestUser {
  socket: RawClient;
}

/** An agent with a live socket and a status. */
export async function onlineAgent(server: TestServer, nickname: string, settings: Record<string, unknown> = { status: 'available' }): Promise<Agent> {
  const user = await server.createUser('agent', nickname);
  const socket = await RawClient.connect(server.wsUrl, user.token);
  await socket.request('resume', { cursors: {} });
  const res = await call(server, 'PUT', `/v1/livechat/agents/${encodeURIComponent(user.id)}`, { token: user.token, body: settings });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { ...user, socket };
}

export async function chatState(server: TestServer, chatId: string): Promise<{ state: string; agentId: string | null; departmentId: string | null; queue: { position: number } }> {
  const res = await call<{ chat: { chat: { state: string }; agentId: string | null; departmentId: string | null; queue: { position: number } } }>(server, 'GET', `/v1/livechat/chats/${chatId}`, {
    token: server.adminKey,
  });
  assert.equal(res.status, 200, JSON.stringify(res.body));
  return { state: res.body.chat.chat.state, agentId: res.body.chat.agentId, departmentId: res.body.chat.departmentId, queue: res.body.chat.queue };
}

export async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/** The customer chat API with the DEFAULT tenant's ContactCenterId. */
export function genesys(server: TestServer) {
  const ccid = server.server.bootstrap.tenant.contactCenterId;
  return {
    ccid,
    request: (body: Record<string, unknown>, headers: Record<string, string> = { ContactCenterId: ccid }) =>
      call<Record<string, unknown>>(server, 'POST', '/api/v2/chats', { body: { operationName: 'RequestChat', ...body }, headers }),
    op: (chatId: string, secureKey: string, body: Record<string, unknown>, headers: Record<string, string> = { ContactCenterId: ccid }) =>
      call<Record<string, unknown>>(server, 'POST', `/api/v2/chats/${chatId}`, { body: { secureKey, ...body }, headers }),
    messages: (chatId: string, secureKey: string, index?: number, headers: Record<string, string> = { ContactCenterId: ccid }) =>
      call<{ messages: Entry[]; statusCode: number }>(server, 'GET', `/api/v2/chats/${chatId}/messages${index === undefined ? '' : `?index=${index}`}`, {
        headers: { ...headers, SecureKey: secureKey },
      }),
  };
}

export interface Entry {
  from: { nickname: string; participantId: string; type: string };
  index: number;
  text?: string;
  type: string;
}
