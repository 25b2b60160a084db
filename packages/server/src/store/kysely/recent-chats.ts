import type { Kysely } from 'kysely';
import type { RecentChatRow } from '../types.js';
import type { Database } from './db-types.js';
import type { BoolEncoder } from './row-mapping.js';
import { toChatRow, toMemberRow, toMessageRow } from './row-mapping.js';

/**
 * The recent-chats list: a user's current, visible memberships joined with their chats, newest
 * activity (last message, else creation) first, then the last message of each page's chats in one
 * more query (by primary key).
 */
export async function listRecentChats(
  db: Kysely<Database>,
  bool: BoolEncoder,
  tenantId: string,
  userId: string,
  query: { limit: number; archived?: boolean; beforeActivity?: number },
): Promise<RecentChatRow[]> {
  let q = db
    .selectFrom('members as m')
    .innerJoin('chats as c', 'c.id', 'm.chat_id')
    .selectAll('c')
    .select([
      'm.chat_id',
      'm.user_id',
      'm.role',
      'm.joined_at',
      'm.left_at',
      'm.delivered_seq',
      'm.delivered_at',
      'm.seen_seq',
      'm.seen_at',
      'm.muted',
      'm.archived',
      'm.cleared_seq',
      'm.hidden',
    ])
    .where('m.tenant_id', '=', tenantId)
    .where('m.user_id', '=', userId)
    .where('m.left_at', 'is', null)
    .where('m.hidden', '=', bool(false));
  if (query.archived !== undefined) q = q.where('m.archived', '=', bool(query.archived));
  if (query.beforeActivity !== undefined) {
    const before = query.beforeActivity;
    q = q.where((eb) => eb(eb.fn.coalesce('c.last_message_at', 'c.created_at'), '<', before));
  }
  const rows = await q
    .orderBy((eb) => eb.fn.coalesce('c.last_message_at', 'c.created_at'), 'desc')
    .orderBy('c.id', 'desc')
    .limit(query.limit)
    .execute();

  const withMessages = rows.filter((r) => r.last_seq > 0);
  const lastMessages =
    withMessages.length === 0
      ? []
      : await db
          .selectFrom('messages')
          .selectAll()
          .where((eb) =>
            eb.or(withMessages.map((r) => eb.and([eb('chat_id', '=', r.id), eb('seq', '=', r.last_seq)]))),
          )
          .execute();
  const lastByChat = new Map(lastMessages.map((m) => [m.chat_id, toMessageRow(m)]));

  return rows.map((r) => ({
    chat: toChatRow(r),
    member: toMemberRow(r),
    lastMessage: lastByChat.get(r.id) ?? null,
  }));
}
