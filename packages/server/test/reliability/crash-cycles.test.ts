// Suite 2: crash consistency. Many cycles of SIGKILL at a random moment of a send storm, on SQLite
// and on PostgreSQL: 0 acknowledged messages missing after restart, 0 duplicates after the client
// retries everything it was not sure of. `npm run reliability -- --cycles 200` for the long form.
import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import WebSocket from 'ws';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';
import { TEST_DATABASE_URL, testStores } from '../helpers/stores.js';
import { report } from './support/figures.js';
import { History } from './support/history.js';
import { readChat } from './support/read-chat.js';
import { CRASH_CYCLES } from './support/scale.js';

const ADMIN_KEY = 'pk_crash_cycles_admin_key_00000000';
const SECRET = 'crash-cycles-token-secret-0123456789abcdef';

async function admin<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** A sender keeping 20 sends in flight over one socket until the socket dies. */
function storm(url: string, token: string, chatId: string, history: History): Promise<void> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`, ['parley.v1', `bearer.${token}`]);
    let rid = 0;
    const inflight = new Map<number, string>();
    const sendOne = (): void => {
      if (ws.readyState !== WebSocket.OPEN) return;
      const id = randomUUID();
      history.send(chatId, id, `crash ${id}`);
      inflight.set(++rid, id);
      ws.send(JSON.stringify({ op: 'send', rid, data: { chatId, id, messageType: 'TEXT', content: { text: `crash ${id}` } } }));
    };
    ws.on('message', (data) => {
      const frame = JSON.parse((data as Buffer).toString()) as { t: string; rid?: number; ok?: boolean; data?: { id: string; seq: number } };
      if (frame.t === 'hello') for (let i = 0; i < 20; i++) sendOne();
      if (frame.t === 'ack' && frame.rid !== undefined) {
        const id = inflight.get(frame.rid);
        inflight.delete(frame.rid);
        if (id && frame.ok && frame.data) history.ack(id, { chatId, id, seq: frame.data.seq });
        sendOne();
      }
    });
    ws.on('close', () => resolve());
    ws.on('error', () => resolve());
  });
}

for (const backend of await testStores()) {
  describe(`crash consistency: ${CRASH_CYCLES} SIGKILL cycles (${backend.name})`, { skip: backend.skip ?? false }, () => {
    let dataDir: string;
    let proc: ServerProcess | undefined;
    let env: Record<string, string>;
    let schema: string | undefined;
    before(async () => {
      dataDir = await mkdtemp(join(tmpdir(), 'parley-crash-cycles-'));
      env = { PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_TOKEN_SECRET: SECRET, PARLEY_TOKEN_TTL_SECONDS: '36000', PARLEY_RATE_HTTP_PER_IP: '0', PARLEY_RATE_HTTP_PER_USER: '0', PARLEY_RATE_WS_FRAMES: '0' };
      if (backend.name === 'postgres') {
        schema = `parley_crash_${randomBytes(5).toString('hex')}`;
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`create schema "${schema}"`);
        await client.end();
        env.PARLEY_DATABASE_URL = `${TEST_DATABASE_URL}?options=${encodeURIComponent(`-c search_path=${schema}`)}`;
      }
    });
    after(async () => {
      await proc?.kill();
      await rm(dataDir, { recursive: true, force: true });
      if (schema) {
        const client = new pg.Client({ connectionString: TEST_DATABASE_URL });
        await client.connect();
        await client.query(`drop schema if exists "${schema}" cascade`);
        await client.end();
      }
    });

    it('loses no acknowledged message and stores every retried one exactly once', async () => {
      proc = await startServerProcess(env);
      const users: { id: string; token: string }[] = [];
      for (let i = 0; i < 4; i++) {
        const u = (await admin<{ user: { id: string } }>(proc.url, 'POST', '/v1/admin/users', { kind: 'member', nickname: `s${i}` })).user;
        users.push({ id: u.id, token: (await admin<{ token: string }>(proc.url, 'POST', `/v1/admin/users/${u.id}/tokens`, { ttlSeconds: 36000 })).token });
      }
      const chat = (await admin<{ chat: { id: string } }>(proc.url, 'POST', '/v1/admin/chats', { kind: 'group', members: users.map((u) => ({ userId: u.id })) })).chat;
      const history = new History();
      const restarts: number[] = [];
      for (let cycle = 0; cycle < CRASH_CYCLES; cycle++) {
        const senders = users.map((u) => storm(proc!.url, u.token, chat.id, history));
        await new Promise((r) => setTimeout(r, 200 + Math.random() * 600));
        await proc.kill('SIGKILL');
        await Promise.all(senders);
        const started = Date.now();
        proc = await startServerProcess(env);
        restarts.push(Date.now() - started);
        // Nothing acknowledged so far may be missing after this restart.
        const stored = new Set((await readChat(proc.url, users[0]!.token, chat.id)).map((m) => m.id));
        const lost = historyAcked(history).filter((id) => !stored.has(id));
        assert.deepEqual(lost, [], `cycle ${cycle}: acknowledged messages missing after restart`);
      }
      // The client retries every send whose fate it does not know, with its original id.
      const unknown = history.unacked();
      for (const id of unknown) {
        const who = users[Math.floor(Math.random() * users.length)]!;
        const res = await fetch(`${proc.url}/v1/chats/${chat.id}/messages`, {
          method: 'POST',
          headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
          body: JSON.stringify({ id, messageType: 'TEXT', content: { text: `crash ${id}` } }),
        });
        // Another user's retry of a stored id is refused as a conflict: the message is there, once.
        assert.ok(res.status === 201 || res.status === 409, `retry of ${id}: ${res.status}`);
        if (res.status === 201) {
          const m = ((await res.json()) as { message: { seq: number } }).message;
          history.ack(id, { chatId: chat.id, id, seq: m.seq });
        }
      }
      const stored = await readChat(proc.url, users[0]!.token, chat.id);
      const problems = history.check(new Map([[chat.id, stored]]));
      assert.deepEqual(problems.slice(0, 20), []);
      assert.equal(new Set(stored.map((m) => m.id)).size, stored.length, 'no duplicates');
      assert.ok(stored.length >= history.acked, 'every acknowledged message is stored');
      report(`crash-cycles-${backend.name}`, {
        cycles: CRASH_CYCLES,
        attempted: history.sent,
        ackedBeforeKills: history.acked - unknown.length,
        unknownRetried: unknown.length,
        stored: stored.length,
        restartMsP50: [...restarts].sort((a, b) => a - b)[Math.floor(restarts.length / 2)] ?? 0,
      });
    });
  });
}

function historyAcked(history: History): string[] {
  const unacked = new Set(history.unacked());
  return history.sentIds().filter((id) => !unacked.has(id));
}
