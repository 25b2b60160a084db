import type { MemberRole, UserKind } from '@parley/protocol';
import type { ChatRow, NewMessage, Store, TenantRow } from '../../store/index.js';
import type { UserService } from '../users/index.js';
import { bodyHash } from '../messages/body-hash.js';
import { isProblem, parseSeedItem, type SeedItem, type SeedProblem } from './parse-seed.js';

/** Messages appended per transaction. */
const BATCH = 500;
export const IMPORTER_ID = 'IMPORT';

/** What an import works with: the store it appends to, and the users service that creates senders. */
export interface ImportDeps {
  store: Store;
  users: UserService;
}

export interface ImportReport {
  chats: { created: string[]; existing: string[] };
  users: { created: string[] };
  messages: { created: number; duplicate: number };
  /** Items not imported, each with its index in the file and why. */
  problems: SeedProblem[];
}

/**
 * Imports seed 001 objects `{data, room}` into a tenant, keeping their message ids, times, delivery
 * outcome and `messageSeen` (an imported message's `messageSeen` stays what the file says). Each
 * room is a chat (created when missing: `CHAT_…` rooms as live chats, others as groups; an `endChat`
 * message ends a live chat, as it does when sent, and nothing after it is imported); each
 * sender a user and member (created when missing: agents when `isAgent`). A room's messages are
 * appended in time order after what the chat already holds, through the store's group commit, so a
 * message already there (same id and body) is a `duplicate` and an import can be run again. No live
 * events are published: clients see imported messages on their next history fetch or resume.
 */
export async function importSeedMessages(deps: ImportDeps, tenant: TenantRow, raw: readonly unknown[]): Promise<ImportReport> {
  const report: ImportReport = { chats: { created: [], existing: [] }, users: { created: [] }, messages: { created: 0, duplicate: 0 }, problems: [] };
  const rooms = new Map<string, SeedItem[]>();
  raw.forEach((value, index) => {
    const item = parseSeedItem(value, index);
    if (isProblem(item)) return report.problems.push(item);
    const list = rooms.get(item.room) ?? [];
    list.push(item);
    rooms.set(item.room, list);
  });
  for (const [room, items] of rooms) {
    items.sort((a, b) => a.ts - b.ts || a.index - b.index);
    const chat = await ensureChat(deps, tenant, room, items, report);
    if (!chat) continue;
    for (let i = 0; i < items.length; i += BATCH) {
      const batch = items.slice(i, i + BATCH);
      const messages = batch.map((item) => toNewMessage(tenant, chat, item));
      const results = await deps.store.appendMessages(messages);
      for (const [k, result] of results.entries()) {
        const item = batch[k] as SeedItem;
        const problem = (code: string, why: string) => report.problems.push({ index: item.index, id: item.id, code, message: `[${item.index}]: ${why}` });
        if (result.status === 'created') report.messages.created++;
        else if (result.status === 'duplicate') report.messages.duplicate++;
        else if (result.status === 'conflict') problem('E_IDEMPOTENCY_CONFLICT', `message ${item.id} exists with another body`);
        else if (result.status === 'chat_ended') {
          // Importing an ended chat again: what is already there is a duplicate, anything else comes too late.
          const existing = await deps.store.getMessage(tenant.id, item.id);
          if (existing && existing.bodyHash === (messages[k] as NewMessage).bodyHash) report.messages.duplicate++;
          else problem('E_CHAT_ENDED', `chat ${room} has ended`);
        } else problem('E_CHAT_NOT_FOUND', `chat ${room} not found`);
      }
    }
  }
  return report;
}

async function ensureChat(deps: ImportDeps, tenant: TenantRow, room: string, items: SeedItem[], report: ImportReport): Promise<ChatRow | null> {
  const { store } = deps;
  const livechat = room.startsWith('CHAT_');
  const senders = new Map(items.map((i) => [i.sender.id, i.sender]));
  let chat = await store.getChat(room);
  if (chat && chat.tenantId !== tenant.id) {
    for (const item of items) {
      report.problems.push({ index: item.index, id: item.id, code: 'E_FORBIDDEN', message: `[${item.index}].room: chat ${room} belongs to another tenant` });
    }
    return null;
  }
  const roles = new Map<string, MemberRole>();
  for (const sender of senders.values()) {
    const kind: UserKind = sender.isAgent ? 'agent' : livechat ? 'customer' : 'member';
    let user = await store.getUser(tenant.id, sender.id);
    if (!user) {
      user = await deps.users.create(tenant, { id: sender.id, kind, nickname: sender.id });
      report.users.created.push(user.id);
    }
    roles.set(user.id, user.kind === 'agent' ? 'agent' : user.kind === 'customer' ? 'customer' : user.kind === 'bot' ? 'bot' : 'member');
  }
  const now = Date.now();
  if (!chat) {
    const row: ChatRow = {
      id: room,
      tenantId: tenant.id,
      kind: livechat ? 'livechat' : 'group',
      state: livechat ? 'active' : 'open',
      title: '',
      directKey: null,
      lastSeq: 0,
      lastMessageAt: null,
      createdAt: (items[0] as SeedItem).ts,
      createdBy: IMPORTER_ID,
      meta: { importedAt: now },
    };
    chat = await store.createChat(
      row,
      [...roles].map(([userId, role]) => ({ chatId: room, tenantId: tenant.id, userId, role, joinedAt: row.createdAt })),
    );
    report.chats.created.push(room);
    return chat;
  }
  report.chats.existing.push(room);
  for (const [userId, role] of roles) {
    if (!(await store.getMember(room, userId))) await store.addMember({ chatId: room, tenantId: tenant.id, userId, role, joinedAt: now });
  }
  return chat;
}

function toNewMessage(tenant: TenantRow, chat: ChatRow, item: SeedItem): NewMessage {
  const mentions: string[] = [];
  return {
    ...(item.messageType === 'endChat' && chat.kind === 'livechat' ? { endsChat: true } : {}),
    tenantId: tenant.id,
    chatId: item.room,
    id: item.id,
    senderId: item.sender.id,
    messageType: item.messageType,
    content: item.content,
    replyTo: item.replyTo,
    mentions,
    forwardedFrom: null,
    ts: item.ts,
    // The seen time and delivery outcome are facts of the system the message comes from: kept as they are.
    importedSeen: item.messageSeen,
    deliverySuccess: item.deliverySuccess,
    deliveryErrorReason: item.deliveryErrorReason,
    bodyHash: bodyHash({ chatId: item.room, messageType: item.messageType, content: item.content, replyTo: item.replyTo, mentions }),
  };
}
