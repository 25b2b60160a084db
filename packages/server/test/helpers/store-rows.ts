import { randomUUID } from 'node:crypto';
import type { ChatKind } from '@parley/protocol';
import type { ChatRow, NewMember, NewMessage, Store, TenantRow, UserRow } from '../../src/store/index.js';

/** Rows for store tests: each call makes fresh ids, so tests sharing a database never collide. */

export function tenantRow(overrides: Partial<TenantRow> = {}): TenantRow {
  const id = randomUUID();
  return {
    id,
    domain: `tenant-${id}`,
    name: 'Test tenant',
    contactCenterId: randomUUID(),
    plan: { name: 'test', features: ['media'], limits: { maxFileBytes: 1_000_000, maxMessagesPerMinute: 600 } },
    allowedOrigins: ['https://example.test'],
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function userRow(tenantId: string, overrides: Partial<UserRow> = {}): UserRow {
  return {
    tenantId,
    id: `user-${randomUUID()}`,
    kind: 'member',
    nickname: 'Someone',
    profile: {},
    tokenVersion: 0,
    disabledAt: null,
    createdAt: 1_700_000_000_000,
    ...overrides,
  };
}

export function chatRow(tenantId: string, overrides: Partial<ChatRow> = {}): ChatRow {
  const kind: ChatKind = overrides.kind ?? 'group';
  return {
    id: `CHAT_${randomUUID()}`,
    tenantId,
    kind,
    state: 'open',
    title: 'A chat',
    directKey: null,
    lastSeq: 0,
    lastMessageAt: null,
    createdAt: 1_700_000_000_000,
    createdBy: 'creator',
    meta: {},
    ...overrides,
  };
}

export function memberOf(chat: ChatRow, userId: string, overrides: Partial<NewMember> = {}): NewMember {
  return { chatId: chat.id, tenantId: chat.tenantId, userId, role: 'member', joinedAt: chat.createdAt, ...overrides };
}

export function messageTo(chat: ChatRow, senderId: string, overrides: Partial<NewMessage> = {}): NewMessage {
  const given = overrides.content?.text;
  const text = typeof given === 'string' ? given : `hello ${randomUUID()}`;
  return {
    tenantId: chat.tenantId,
    chatId: chat.id,
    id: randomUUID(),
    senderId,
    messageType: 'TEXT',
    content: { text },
    replyTo: '',
    mentions: [],
    forwardedFrom: null,
    ts: 1_700_000_100_000,
    bodyHash: `hash:${text}`,
    ...overrides,
  };
}

/** A tenant with `users` users and one group chat they all belong to. */
export async function seedChat(
  store: Store,
  options: { users?: number; tenant?: TenantRow; chat?: Partial<ChatRow> } = {},
): Promise<{ tenant: TenantRow; users: UserRow[]; chat: ChatRow }> {
  const tenant = options.tenant ?? (await store.createTenant(tenantRow()));
  const users: UserRow[] = [];
  for (let i = 0; i < (options.users ?? 2); i++) users.push(await store.createUser(userRow(tenant.id)));
  const chat = chatRow(tenant.id, options.chat);
  await store.createChat(
    chat,
    users.map((u) => memberOf(chat, u.id)),
  );
  return { tenant, users, chat };
}
