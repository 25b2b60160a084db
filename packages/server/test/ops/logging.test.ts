import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { buildServer, type ParleyServer } from '../../src/app.js';
import { loadConfig } from '../../src/config/index.js';

const ADMIN_KEY = 'pk_logging_test_admin_key_0123456789';

/** A log destination that keeps every line. */
class Capture extends Writable {
  readonly lines: string[] = [];
  override _write(chunk: Buffer, _enc: BufferEncoding, done: () => void): void {
    this.lines.push(...chunk.toString().split('\n').filter(Boolean));
    done();
  }
  get text(): string {
    return this.lines.join('\n');
  }
  json(): Record<string, unknown>[] {
    return this.lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  }
}

describe('structured logs', () => {
  let dir: string;
  let server: ParleyServer;
  let url: string;
  const logs = new Capture();
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'parley-logs-'));
    const config = loadConfig({ PORT: '0', PARLEY_DATA_DIR: dir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_LOG_LEVEL: 'trace' });
    server = await buildServer(config, { logStream: logs });
    url = await server.listen();
  });
  after(async () => {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('are JSON lines with a request id, answered in x-request-id, and the chat id where a request touches a chat', async () => {
    const res = await fetch(`${url}/v1/admin/chats/CHAT_DEFAULT_log-test`, { headers: { authorization: `Bearer ${ADMIN_KEY}`, 'x-request-id': 'trace-abc-123' } });
    assert.equal(res.status, 404);
    assert.equal(res.headers.get('x-request-id'), 'trace-abc-123');
    const line = logs.json().find((l) => l.reqId === 'trace-abc-123' && l.msg === 'request completed');
    assert.ok(line, logs.text);
    assert.equal(line.chatId, 'CHAT_DEFAULT_log-test');
    assert.deepEqual(line.res, { statusCode: 404 });
    assert.equal((line.req as { route: string }).route, '/v1/admin/chats/:chatId');
    const generated = (await fetch(`${url}/healthz`)).headers.get('x-request-id');
    assert.match(generated ?? '', /^[0-9a-f-]{36}$/);
  });

  it('never contain a token, an API key or a bearer subprotocol, even when authentication fails', async () => {
    const fakeJwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJzZWNyZXQtdXNlciJ9.c2VjcmV0LXNpZ25hdHVyZS12YWx1ZQ';
    const wrongKey = 'pk_this_is_a_wrong_admin_key_987654321';
    // A valid key and token, used on routes that refuse them.
    const user = (await (
      await fetch(`${url}/v1/admin/users`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: JSON.stringify({ kind: 'member', nickname: 'Log' }),
      })
    ).json()) as { user: { id: string } };
    const { token } = (await (
      await fetch(`${url}/v1/admin/users/${user.user.id}/tokens`, {
        method: 'POST',
        headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
        body: '{}',
      })
    ).json()) as { token: string };

    const statuses = [
      (await fetch(`${url}/v1/me`, { headers: { authorization: `Bearer ${fakeJwt}` } })).status,
      (await fetch(`${url}/v1/admin/users`, { method: 'POST', headers: { authorization: `Bearer ${wrongKey}`, 'content-type': 'application/json' }, body: JSON.stringify({ kind: 'member', nickname: 'X' }) })).status,
      (await fetch(`${url}/v1/admin/users/x`, { headers: { authorization: `Bearer ${token}` } })).status,
      (await fetch(`${url}/v1/me?token=${fakeJwt}&access_token=${token}`)).status,
    ];
    // A link's secret rides in the path of the page that asks what the link is for.
    const linkSecret = 'Zq3linkSecretLooksLikeThis0123456789abcdefgh';
    statuses.push((await fetch(`${url}/v1/auth/links/${linkSecret}`)).status);
    assert.deepEqual(statuses, [401, 401, 403, 401, 400]);
    for (const [protocols, headers] of [
      [['parley.v1', `bearer.${fakeJwt}`], {}],
      [['parley.v1'], { authorization: `Bearer ${wrongKey}` }],
    ] as const) {
      const refused = await new Promise<number>((resolve) => {
        const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`, [...protocols], { headers });
        ws.once('unexpected-response', (_req, res) => resolve(res.statusCode ?? 0));
        ws.once('open', () => resolve(101));
        ws.once('error', () => resolve(-1));
      });
      assert.equal(refused, 401);
    }
    // And a good socket, so the open path is logged too (trace level).
    const ok = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`, ['parley.v1', `bearer.${token}`]);
    await new Promise((resolve) => ok.once('message', resolve));
    ok.close();

    assert.ok(logs.lines.length > 8, 'requests were logged');
    for (const secret of [fakeJwt, wrongKey, token, ADMIN_KEY, linkSecret]) {
      assert.ok(!logs.text.includes(secret), `the logs do not contain ${secret.slice(0, 12)}…`);
    }
    assert.ok(logs.text.includes('token=[REDACTED]'), 'secret query parameters are redacted in URLs');
  });
});
