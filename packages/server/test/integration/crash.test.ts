import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import WebSocket from 'ws';
import { startServerProcess, type ServerProcess } from '../helpers/process.js';

const ADMIN_KEY = 'pk_crash_test_admin_key_000000000';

async function admin<T>(url: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${ADMIN_KEY}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/**
 * A sender that keeps a window of sends in flight over a raw socket and records which were acked.
 * When the socket dies, everything not acked is "unknown": it may or may not have been committed.
 */
function storm(url: string, user: { id: string; token?: string }, chatId: string, acked: Set<string>, attempted: Map<string, { text: string; userId: string }>): { stop: () => void; done: Promise<void> } {
  const ws = new WebSocket(`${url.replace('http', 'ws')}/v1/ws`, ['parley.v1', `bearer.${user.token}`]);
  let stopped = false;
  let rid = 0;
  const inflight = new Map<number, string>();
  const sendOne = () => {
    if (stopped || ws.readyState !== WebSocket.OPEN) return;
    const id = randomUUID();
    const textBody = `storm ${id}`;
    attempted.set(id, { text: textBody, userId: user.id });
    inflight.set(++rid, id);
    ws.send(JSON.stringify({ op: 'send', rid, data: { chatId, id, messageType: 'TEXT', content: { text: textBody } } }));
  };
  ws.on('message', (data) => {
    const frame = JSON.parse((data as Buffer).toString()) as { t: string; rid?: number; ok?: boolean };
    if (frame.t === 'hello') for (let i = 0; i < 20; i++) sendOne();
    if (frame.t === 'ack' && frame.rid !== undefined) {
      const id = inflight.get(frame.rid);
      inflight.delete(frame.rid);
      if (id && frame.ok) acked.add(id);
      sendOne();
    }
  });
  const done = new Promise<void>((resolve) => {
    ws.on('close', () => resolve());
    ws.on('error', () => resolve());
  });
  return {
    stop: () => {
      stopped = true;
      ws.terminate();
    },
    done,
  };
}

describe('crash consistency: SIGKILL during a send storm (sqlite)', () => {
  let dataDir: string;
  let proc: ServerProcess | undefined;
  before(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'parley-crash-'));
  });
  after(async () => {
    await proc?.kill();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('keeps every acknowledged message across kills, and retries add no duplicates', async () => {
    const env = { PARLEY_DATA_DIR: dataDir, PARLEY_ADMIN_KEY: ADMIN_KEY };
    proc = await startServerProcess(env);
    const users: { id: string; token?: string }[] = [];
    for (let i = 0; i < 4; i++) users.push((await admin<{ user: { id: string } }>(proc.url, 'POST', '/v1/admin/users', { kind: 'member', nickname: `s${i}` })).user);
    const chat = (await admin<{ chat: { id: string } }>(proc.url, 'POST', '/v1/admin/chats', { kind: 'group', members: users.map((u) => ({ userId: u.id })) })).chat;
    const acked = new Set<string>();
    const attempted = new Map<string, { text: string; userId: string }>();

    for (let cycle = 0; cycle < 3; cycle++) {
      for (const u of users) u.token = (await admin<{ token: string }>(proc.url, 'POST', `/v1/admin/users/${u.id}/tokens`, { ttlSeconds: 3600 })).token;
      const senders = users.map((u) => storm(proc!.url, u, chat.id, acked, attempted));
      await new Promise((r) => setTimeout(r, 400 + Math.random() * 600));
      await proc.kill('SIGKILL');
      for (const s of senders) s.stop();
      await Promise.all(senders.map((s) => s.done));
      proc = await startServerProcess(env);
    }

    // Retry every send whose fate is unknown, with its original id: a committed one comes back as is.
    const token = (await admin<{ token: string }>(proc.url, 'POST', `/v1/admin/users/${users[0]!.id}/tokens`, {})).token;
    const retryAs = new Map<string, string>();
    for (const u of users) retryAs.set(u.id, (await admin<{ token: string }>(proc.url, 'POST', `/v1/admin/users/${u.id}/tokens`, {})).token);
    assert.ok(acked.size > 50, `the storm acked ${acked.size} messages`);

    const readAll = async () => {
      const all: { id: string; seq: number }[] = [];
      let fromSeq = 0;
      for (;;) {
        const res: Response = await fetch(`${proc!.url}/v1/chats/${chat.id}/messages?position=down&fromSeq=${fromSeq}&limit=100`, { headers: { authorization: `Bearer ${token}` } });
        const page = (await res.json()) as { messages: { id: string; seq: number }[]; hasMore: boolean };
        all.push(...page.messages);
        if (!page.hasMore) return all;
        fromSeq = page.messages[page.messages.length - 1]!.seq;
      }
    };
    const afterCrashes = await readAll();
    const stored = new Set(afterCrashes.map((m) => m.id));
    assert.deepEqual([...acked].filter((id) => !stored.has(id)), [], 'no acknowledged message is missing');
    afterCrashes.forEach((m, i) => assert.equal(m.seq, i + 1, 'seq is gap-free after restarts'));

    for (const [id, { text, userId }] of attempted) {
      if (acked.has(id)) continue;
      const res: Response = await fetch(`${proc.url}/v1/chats/${chat.id}/messages`, {
        method: 'POST',
        headers: { authorization: `Bearer ${retryAs.get(userId)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ id, messageType: 'TEXT', content: { text } }),
      });
      assert.equal(res.status, 201, `retry of ${id}`);
    }
    const afterRetries = await readAll();
    const ids = afterRetries.map((m) => m.id);
    assert.equal(new Set(ids).size, ids.length, 'no duplicates after retries');
    assert.equal(ids.length, attempted.size, 'every attempted send is stored exactly once');
  });
});
