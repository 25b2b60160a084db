import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';

const ADMIN_KEY = 'pk_shutdown_test_admin_key_00000';
const SHUTDOWN_TIMEOUT_MS = 5000;

async function admin<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/** Keeps 20 sends in flight on one socket; records what was acked and how the socket closed. */
function storm(url: string, token: string, chatId: string, acked: Set<string>) {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`, ['parley.v1', `bearer.${token}`]);
  let rid = 0;
  const inflight = new Map<number, string>();
  const refused: string[] = [];
  const sendOne = () => {
    if (ws.readyState !== WebSocket.OPEN) return;
    const id = randomUUID();
    inflight.set(++rid, id);
    ws.send(JSON.stringify({ op: 'send', rid, data: { chatId, id, messageType: 'TEXT', content: { text: `storm ${id}` } } }));
  };
  ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString()) as { t: string; rid?: number; ok?: boolean; error?: { code: string } };
    if (frame.t === 'hello') for (let i = 0; i < 20; i++) sendOne();
    if (frame.t === 'ack' && frame.rid !== undefined) {
      const id = inflight.get(frame.rid);
      inflight.delete(frame.rid);
      if (id && frame.ok) acked.add(id);
      if (!frame.ok && frame.error) refused.push(frame.error.code);
      if (frame.ok) sendOne();
    }
  });
  const closed = new Promise<number>((resolve) => {
    ws.on('close', (code) => resolve(code));
    ws.on('error', () => resolve(-1));
  });
  return { closed, refused };
}

describe('graceful shutdown: SIGTERM during a send storm (sqlite)', () => {
  let dataDir: string;
  let proc: ServerProcess | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-sigterm-'));
  });
  after(async () => {
    await proc?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('closes sockets with 1001, keeps every acknowledged message and exits 0 within the bound', async () => {
    const env = { PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY, PARLEY_SHUTDOWN_TIMEOUT_MS: String(SHUTDOWN_TIMEOUT_MS) };
    proc = await startServerProcess(env);
    const users: { id: string; token: string }[] = [];
    for (let i = 0; i < 4; i++) {
      const { user } = await admin<{ user: { id: string } }>(proc.url, 'POST', '/v1/admin/users', { kind: 'member', nickname: `s${i}` });
      const { token } = await admin<{ token: string }>(proc.url, 'POST', `/v1/admin/users/${user.id}/tokens`, { ttlSeconds: 3600 });
      users.push({ id: user.id, token });
    }
    const { chat } = await admin<{ chat: { id: string } }>(proc.url, 'POST', '/v1/admin/chats', { kind: 'group', members: users.map((u) => ({ userId: u.id })) });
    const acked = new Set<string>();
    const senders = users.map((u) => storm(proc!.url, u.token, chat.id, acked));
    await new Promise((r) => setTimeout(r, 800));
    const ackedBefore = acked.size;
    assert.ok(ackedBefore > 20, `the storm is running (${ackedBefore} acked)`);

    const started = Date.now();
    const code = await proc.kill('SIGTERM');
    const took = Date.now() - started;
    assert.equal(code, 0, `exit code 0 after SIGTERM\n${proc.output()}`);
    assert.ok(took < SHUTDOWN_TIMEOUT_MS + 2000, `stopped in ${took} ms`);
    const closeCodes = await Promise.all(senders.map((s) => s.closed));
    assert.deepEqual(closeCodes, [1001, 1001, 1001, 1001], 'every socket is told to go elsewhere');
    for (const s of senders) for (const c of s.refused) assert.equal(c, 'E_UNAVAILABLE', 'sends refused while draining are retriable');

    proc = await startServerProcess(env);
    const token = (await admin<{ token: string }>(proc.url, 'POST', `/v1/admin/users/${users[0]!.id}/tokens`, {})).token;
    const stored = new Set<string>();
    let fromSeq = 0;
    for (;;) {
      const res = await fetch(`${proc.url}/v1/chats/${chat.id}/messages?position=down&fromSeq=${fromSeq}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
      const page = (await res.json()) as { messages: { id: string; seq: number }[]; hasMore: boolean };
      for (const m of page.messages) stored.add(m.id);
      if (!page.hasMore) break;
      fromSeq = page.messages[page.messages.length - 1]!.seq;
    }
    assert.ok(acked.size >= ackedBefore);
    assert.deepEqual([...acked].filter((id) => !stored.has(id)), [], 'every acknowledged message is stored');
  });
});
