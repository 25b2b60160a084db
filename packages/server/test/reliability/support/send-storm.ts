import { randomUUID } from 'node:crypto';
import WebSocket from 'ws';
import type { History } from './history.js';

/** A member with a token, as the storm senders need them. */
export interface StormUser {
  id: string;
  token: string;
}

async function admin<T>(url: string, adminKey: string, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${url}${path}`, { method, headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' }, body: body === undefined ? undefined : JSON.stringify(body) });
  if (res.status >= 300) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** `senders` members with long-lived tokens and one group chat of them all, made with the admin API. */
export async function stormChat(url: string, adminKey: string, senders: number): Promise<{ users: StormUser[]; chatId: string }> {
  const users: StormUser[] = [];
  for (let i = 0; i < senders; i++) {
    const u = (await admin<{ user: { id: string } }>(url, adminKey, 'POST', '/v1/admin/users', { kind: 'member', nickname: `s${i}` })).user;
    users.push({ id: u.id, token: (await admin<{ token: string }>(url, adminKey, 'POST', `/v1/admin/users/${u.id}/tokens`, { ttlSeconds: 36000 })).token });
  }
  const chat = (await admin<{ chat: { id: string } }>(url, adminKey, 'POST', '/v1/admin/chats', { kind: 'group', members: users.map((u) => ({ userId: u.id })) })).chat;
  return { users, chatId: chat.id };
}

/**
 * A sender keeping 20 sends in flight over one socket until the socket dies. Every send and every
 * ok ack goes to `history`; a send without an ack is one whose fate the client does not know.
 */
export function storm(url: string, token: string, chatId: string, history: History): Promise<void> {
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

/**
 * The client retries every send whose fate it does not know, with its original id, over REST; a
 * 201 is recorded as the ack it never got. Another user's retry of a stored id is refused as a
 * conflict (409): the message is there, once.
 */
export async function retryUnknown(url: string, users: readonly StormUser[], chatId: string, history: History): Promise<string[]> {
  const unknown = history.unacked();
  for (const id of unknown) {
    const who = users[Math.floor(Math.random() * users.length)]!;
    const res = await fetch(`${url}/v1/chats/${chatId}/messages`, {
      method: 'POST',
      headers: { authorization: `Bearer ${who.token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ id, messageType: 'TEXT', content: { text: `crash ${id}` } }),
    });
    if (res.status !== 201 && res.status !== 409) throw new Error(`retry of ${id}: ${res.status} ${await res.text()}`);
    if (res.status === 201) history.ack(id, { chatId, id, seq: ((await res.json()) as { message: { seq: number } }).message.seq });
  }
  return unknown;
}

/** Client ids that were acknowledged. */
export function ackedIds(history: History): string[] {
  const unacked = new Set(history.unacked());
  return history.sentIds().filter((id) => !unacked.has(id));
}
