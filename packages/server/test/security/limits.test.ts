// Suite 12: size limits (frame → 1009, body → 413 before it is buffered) and flood limits
// (429 + Retry-After per IP and per user over HTTP; E_RATE_LIMITED acks then 4429 over WebSocket;
// sends per visitor, from the live-chat limits).
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { connect, type Socket } from 'node:net';
import { WebSocket } from 'ws';
import { loadConfig, type Config } from '../../src/config/index.js';
import { startTestServer, type TestServer, type TestUser } from '../helpers/server.js';
import { RawClient } from '../helpers/ws-client.js';
import { errorCode, send } from './support/http.js';
import { LogCapture } from './support/log-capture.js';

const defaults = loadConfig({});
const limits = (overrides: Partial<Config['limits']>): Config['limits'] => ({ ...defaults.limits, ...overrides });

/**
 * Writes a request head and then body bytes in chunks, and stops as soon as the server answers.
 * Resolves to the answer's status line and how many body bytes had been written by then.
 */
function streamUntilAnswered(url: string, head: string, chunk: Buffer, maxChunks: number, chunked: boolean): Promise<{ status: number; sentBytes: number; answer: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    let sent = 0;
    let answer = '';
    let answered = false;
    socket.on('data', (d: Buffer) => {
      answer += d.toString();
      if (!answered && answer.includes('\r\n\r\n')) {
        answered = true;
        resolve({ status: Number(/^HTTP\/1\.1 (\d+)/.exec(answer)?.[1] ?? 0), sentBytes: sent, answer });
        socket.destroy();
      }
    });
    socket.on('error', (err) => (answered ? undefined : reject(err)));
    socket.on('close', () => {
      if (!answered) resolve({ status: 0, sentBytes: sent, answer });
    });
    socket.write(head);
    let n = 0;
    const pump = (): void => {
      if (answered || socket.destroyed) return;
      if (n++ >= maxChunks) return;
      socket.write(chunked ? Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from('\r\n')]) : chunk);
      sent += chunk.length;
      setTimeout(pump, 2);
    };
    pump();
  });
}

/**
 * A server with the given socket buffer bound, a room of 100 messages of 4 KB and a client that has
 * stopped reading (its TCP socket paused): the setting of the close-code regressions.
 */
async function withStalledReader(
  t: TestServer,
  socketBufferBytes: number,
  run: (ctx: { server: TestServer; c: RawClient; tcp: Socket; room: string }) => Promise<void>,
): Promise<void> {
  const server = await startTestServer({ config: { heartbeatMs: 60_000, limits: { ...t.server.config.limits, socketBufferBytes } } });
  try {
    const bob = await server.createUser('member', 'Bob');
    const room = (await server.createChat('group', [bob.id])).id;
    const c = await RawClient.connect(server.wsUrl, bob.token);
    for (let i = 0; i < 100; i++) await c.request('send', { chatId: room, id: randomUUID(), messageType: 'TEXT', content: { text: `${i} ${'x'.repeat(4000)}` } });
    const tcp = (c.socket as unknown as { _socket: Socket })._socket;
    tcp.pause();
    await run({ server, c, tcp, room });
  } finally {
    await server.close();
  }
}

describe('limits: sizes', () => {
  let t: TestServer;
  let alice: TestUser;
  let chatId: string;
  const logs = new LogCapture();
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000, logLevel: 'info' }, logStream: logs });
    alice = await t.createUser('member', 'Alice');
    chatId = (await t.createChat('group', [alice.id])).id;
  });
  after(() => t.close());

  it('a frame over the limit closes the socket with 1009; other sockets are untouched', async () => {
    const bystander = await RawClient.connect(t.wsUrl, alice.token);
    const c = await RawClient.connect(t.wsUrl, alice.token);
    c.sendRaw(JSON.stringify({ op: 'send', rid: 1, data: { chatId, messageType: 'TEXT', content: { text: 'x'.repeat(t.server.config.limits.maxFrameBytes) } } }));
    await c.waitFor(() => c.closed !== null, 'the close');
    assert.equal(c.closed?.code, 1009);
    assert.equal((await bystander.request('ping', {})).ok, true);
    bystander.close();
  });

  it("regression: a client's oversize or invalid-UTF-8 frame is not logged as a server error", async () => {
    const from = logs.lines.length;
    const big = await RawClient.connect(t.wsUrl, alice.token);
    big.sendRaw('x'.repeat(t.server.config.limits.maxFrameBytes + 1));
    await big.waitFor(() => big.closed !== null, 'the 1009 close');
    const utf = await RawClient.connect(t.wsUrl, alice.token);
    utf.socket.send(Buffer.from([0x7b, 0xff, 0xfe, 0x7d]), { binary: false });
    await utf.waitFor(() => utf.closed !== null, 'the 1007 close');
    assert.equal(utf.closed?.code, 1007);
    await new Promise((r) => setTimeout(r, 50));
    const lines = logs.lines.slice(from);
    assert.ok(lines.some((l) => l.includes('WS_ERR_')), 'the fault is logged, at info');
    assert.deepEqual(logs.errors(), []);
  });

  it('regression: a frame over the limit closes with 1009 even when the close frame waits behind unread output', async () => {
    // The client stops reading while history pages pile up in the server's socket buffers, then sends
    // an oversized frame: the 1009 close frame queues behind that output. Cutting the socket at once
    // lost it (the client saw 1006); it must arrive once the client reads again.
    await withStalledReader(t, 64 * 1024 * 1024, async ({ server, c, tcp, room }) => {
      for (let i = 0; i < 50; i++) c.sendRaw(JSON.stringify({ op: 'history', rid: `h${i}`, data: { chatId: room, limit: 100 } }));
      await new Promise((r) => setTimeout(r, 500));
      c.sendRaw(JSON.stringify({ op: 'ping', rid: 1, data: { pad: 'x'.repeat(server.server.config.limits.maxFrameBytes) } }));
      c.sendRaw(JSON.stringify({ op: 'ping', rid: 2, data: {} }));
      await new Promise((r) => setTimeout(r, 500));
      tcp.resume();
      await c.waitFor(() => c.closed !== null, 'the close', 20_000);
      assert.equal(c.closed?.code, 1009);
    });
  });

  it('regression: a slow consumer that reads again more than 5 s after being cut still sees 4008', async () => {
    await withStalledReader(t, 256 * 1024, async ({ server, c, tcp, room }) => {
      // Pages under the bound, paced so each leaves the server before the next: the kernel's socket
      // buffers fill first, then the server's own, until it cuts the client with its close frame still
      // waiting behind what the kernel could not take.
      for (let i = 0; i < 4000 && server.server.gateway.connectionCount > 0; i++) {
        c.sendRaw(JSON.stringify({ op: 'history', rid: `h${i}`, data: { chatId: room, limit: 20 } }));
        await new Promise((r) => setTimeout(r, 3));
      }
      assert.equal(server.server.gateway.connectionCount, 0, 'the server cut the slow consumer');
      await new Promise((r) => setTimeout(r, 6_000));
      tcp.resume();
      await c.waitFor(() => c.closed !== null, 'the close', 20_000);
      assert.equal(c.closed?.code, 4008);
    });
  });

  it('regression: an upgrade offering only an unknown subprotocol is refused, not accepted with none', async () => {
    const offered = (protocols: string[]) =>
      new Promise<number>((resolve, reject) => {
        const socket = new WebSocket(t.wsUrl, protocols);
        socket.once('open', () => {
          socket.close();
          resolve(101);
        });
        socket.once('unexpected-response', (_req, res) => {
          let body = '';
          res.on('data', (chunk: Buffer) => (body += chunk.toString()));
          res.on('end', () => {
            assert.equal((JSON.parse(body) as { error: { code: string } }).error.code, 'E_SUBPROTOCOL_UNSUPPORTED');
            resolve(res.statusCode ?? 0);
          });
        });
        socket.once('error', reject);
      });
    assert.equal(await offered(['parley.v2', `bearer.${alice.token}`]), 400);
    assert.equal(await offered(['chat', 'superchat', `bearer.${alice.token}`]), 400);
    assert.equal(await offered(['parley.v2', 'parley.v1', `bearer.${alice.token}`]), 101);
    // Node clients authenticate with a header and may offer nothing.
    const plain = await RawClient.connect(t.wsUrl, alice.token, { headerAuth: true });
    assert.equal((await plain.request('ping', {})).ok, true);
    plain.close();
  });

  it('a body announced over the limit is answered 413 before any of it is read', async () => {
    const max = t.server.config.limits.maxBodyBytes;
    const head = `POST /v1/chats/${chatId}/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${alice.token}\r\nContent-Type: application/json\r\nContent-Length: ${50 * max}\r\n\r\n`;
    const res = await streamUntilAnswered(t.url, head, Buffer.alloc(16 * 1024, 0x20), 3200, false);
    assert.equal(res.status, 413);
    assert.ok(res.sentBytes < max, `answered after ${res.sentBytes} bytes of a ${50 * max}-byte body`);
    assert.match(res.answer, /E_PAYLOAD_TOO_LARGE/);
  });

  it('a chunked body that grows past the limit is cut at the limit, not buffered to its end', async () => {
    const max = t.server.config.limits.maxBodyBytes;
    const head = `POST /v1/chats/${chatId}/messages HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${alice.token}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`;
    const rssBefore = process.memoryUsage().rss;
    const res = await streamUntilAnswered(t.url, head, Buffer.alloc(16 * 1024, 0x20), 3200, true);
    assert.equal(res.status, 413);
    assert.ok(res.sentBytes < 3 * max, `answered after ${res.sentBytes} bytes (limit ${max}); the client would have sent ${3200 * 16 * 1024}`);
    assert.ok(process.memoryUsage().rss - rssBefore < 64 * 1024 * 1024, 'memory stayed flat');
    // The server is fine afterwards.
    const ok = await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${alice.token}` } });
    assert.equal(ok.status, 200);
  });
});

describe('limits: floods', () => {
  let t: TestServer;
  before(async () => {
    t = await startTestServer({ config: { heartbeatMs: 60_000, limits: limits({ httpRequestsPerIp: 400, httpRequestsPerUser: 40, wsFramesPerConnection: 30 }) } });
  });
  after(() => t.close());

  it('per user: the 41st request in a minute is 429 with Retry-After; another user on the same IP goes on', async () => {
    const greedy = await t.createUser('member', 'Greedy');
    const calm = await t.createUser('member', 'Calm');
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    for (let i = 0; i < 45; i++) {
      const res = await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${greedy.token}` } });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    assert.equal(statuses.filter((s) => s === 200).length, 40);
    assert.ok(limited, 'a request was limited');
    assert.equal(errorCode(limited), 'E_RATE_LIMITED');
    const retryAfter = Number(limited.headers.get('retry-after'));
    assert.ok(retryAfter >= 1 && retryAfter <= 60, `Retry-After: ${retryAfter}`);
    assert.equal((limited.json as { error: { retryAfter: number } }).error.retryAfter, retryAfter);
    assert.equal((await send(t.url, { method: 'GET', path: '/v1/me', headers: { authorization: `Bearer ${calm.token}` } })).status, 200);
  });

  it('per API key too', async () => {
    const key = (await t.admin<{ key: string }>('POST', '/v1/admin/api-keys', { name: 'bulk' })).body.key;
    let limited = 0;
    for (let i = 0; i < 45; i++) if ((await send(t.url, { method: 'GET', path: '/v1/admin/webhooks', headers: { authorization: `Bearer ${key}` } })).status === 429) limited++;
    assert.equal(limited, 5);
  });

  it('per WebSocket connection: E_RATE_LIMITED acks past the budget, then close 4429; other sockets go on', async () => {
    const user = await t.createUser('member', 'Chatty');
    const other = await RawClient.connect(t.wsUrl, user.token);
    const c = await RawClient.connect(t.wsUrl, user.token);
    const acks = [];
    for (let i = 0; i < 30; i++) acks.push(await c.request('ping', {}));
    assert.ok(acks.every((a) => a.ok));
    const refused = await c.request('ping', {});
    assert.equal(refused.ok, false);
    assert.equal(refused.error?.code, 'E_RATE_LIMITED');
    assert.ok((refused.error?.retryAfter ?? 0) >= 1);
    for (let i = 0; i < 40 && c.closed === null; i++) c.sendRaw('{"op":"ping","rid":"x","data":{}}');
    await c.waitFor(() => c.closed !== null, 'the close');
    assert.equal(c.closed?.code, 4429);
    assert.equal((await other.request('ping', {})).ok, true);
    other.close();
  });

  it('per IP, counted before the body is read: 429 with Retry-After; health probes are never limited', async () => {
    let first429: Awaited<ReturnType<typeof send>> | undefined;
    for (let i = 0; i < 450 && !first429; i++) {
      const res = await send(t.url, { method: 'POST', path: '/v1/livechat/sessions', raw: '{', headers: { 'content-type': 'application/json' } });
      if (res.status === 429) first429 = res;
    }
    assert.ok(first429, 'the flood was limited');
    assert.equal(errorCode(first429), 'E_RATE_LIMITED');
    assert.ok(Number(first429.headers.get('retry-after')) >= 1);
    assert.equal((await send(t.url, { method: 'GET', path: '/healthz' })).status, 200);
    // The WebSocket upgrade is an HTTP request too.
    const user = await t.createUser('member', 'Late').catch(() => undefined);
    assert.equal(user, undefined, 'the admin on this IP is limited as well (same IP)');
  });
});

describe('limits: sends per visitor (live chat)', () => {
  let t: TestServer;
  before(async () => {
    const base = loadConfig({}).livechat;
    t = await startTestServer({ config: { heartbeatMs: 60_000, livechat: { ...base, rateLimits: { ...base.rateLimits, sendsPerVisitor: 5 } } } });
  });
  after(() => t.close());

  it('the 6th send in a window is 429 with Retry-After', async () => {
    const session = await send(t.url, { method: 'POST', path: '/v1/livechat/sessions', body: { domain: 'DEFAULT', nickname: 'V' } });
    const token = (session.json as { token: string }).token;
    const chat = await send(t.url, { method: 'POST', path: '/v1/livechat/chats', headers: { authorization: `Bearer ${token}` }, body: {} });
    const chatId = (chat.json as { chat: { chat: { id: string } } }).chat.chat.id;
    const statuses: number[] = [];
    let limited: Awaited<ReturnType<typeof send>> | undefined;
    for (let i = 0; i < 7; i++) {
      const res = await send(t.url, { method: 'POST', path: `/v1/chats/${chatId}/messages`, headers: { authorization: `Bearer ${token}` }, body: { messageType: 'TEXT', content: { text: `m${i}` } } });
      statuses.push(res.status);
      if (res.status === 429) limited ??= res;
    }
    assert.deepEqual(statuses.slice(0, 5), [201, 201, 201, 201, 201]);
    assert.ok(limited);
    assert.equal(errorCode(limited), 'E_RATE_LIMITED');
    assert.ok(Number(limited.headers.get('retry-after')) >= 1);
  });
});
