import type { Transaction } from 'kysely';
import type { AppendResult, MessageRow, NewMessage } from '../types.js';
import type { EngineCapabilities } from './capabilities.js';
import type { Database } from './db-types.js';
import type { BoolEncoder } from './row-mapping.js';
import { fromMessageRow, newMessageRow, toMessageRow } from './row-mapping.js';

/** Rows per multi-row INSERT and ids per IN list: far below both engines' bound-parameter limits. */
const CHUNK = 200;

/**
 * The group-commit hot path, inside one transaction. Queries are per batch, not per message:
 * lock the batch's chats, look up every id at once, then per chat one `last_seq` bump, one
 * multi-row insert, one watermark update per (chat, sender), one `hidden` reset. A batch of 100
 * messages to one chat is six statements.
 */
export async function appendInTransaction(
  trx: Transaction<Database>,
  caps: Pick<EngineCapabilities, 'rowLocks'>,
  bool: BoolEncoder,
  batch: readonly NewMessage[],
): Promise<AppendResult[]> {
  // 1. The chats, locked in id order so that concurrent batches never deadlock on each other. Once
  //    held, every message committed to these chats by another transaction is visible below.
  //    The state is read under the same lock: an `ended` chat stays closed to this batch.
  const chatIds = [...new Set(batch.map((m) => m.chatId))].sort();
  const chatTenants = new Map<string, string>();
  const endedChats = new Set<string>();
  for (const ids of chunks(chatIds)) {
    let query = trx.selectFrom('chats').select(['id', 'tenant_id', 'state']).where('id', 'in', ids).orderBy('id');
    if (caps.rowLocks) query = query.forUpdate();
    for (const chat of await query.execute()) {
      chatTenants.set(chat.id, chat.tenant_id);
      if (chat.state === 'ended') endedChats.add(chat.id);
    }
  }

  // 2. Messages already stored under the batch's ids; created ones join the map as we go, so an id
  //    repeated later in the batch is a duplicate (or conflict) of the earlier item.
  const known = await findByIds(trx, batch);

  // 3. Classify in array order. A message that ends its chat closes it to the items after it.
  const results: AppendResult[] = [];
  const createdByChat = new Map<string, MessageRow[]>();
  const endingChats = new Set<string>();
  for (const message of batch) {
    const key = idKey(message.tenantId, message.id);
    const prior = known.get(key);
    if (prior !== undefined) {
      const same = prior.senderId === message.senderId && prior.bodyHash === message.bodyHash;
      results.push({ status: same ? 'duplicate' : 'conflict', row: prior });
      continue;
    }
    if (chatTenants.get(message.chatId) !== message.tenantId) {
      results.push({ status: 'missing_chat' });
      continue;
    }
    if (endedChats.has(message.chatId) && message.afterEnd !== true) {
      results.push({ status: 'chat_ended' });
      continue;
    }
    if (message.endsChat === true) {
      endedChats.add(message.chatId);
      endingChats.add(message.chatId);
    }
    const row = newMessageRow(message);
    known.set(key, row);
    const rows = createdByChat.get(message.chatId);
    if (rows === undefined) createdByChat.set(message.chatId, [row]);
    else rows.push(row);
    results.push({ status: 'created', row });
  }
  if (createdByChat.size === 0) return results;

  // 4. Seqs: one bump per chat, then number the chat's new messages in batch order. A chat ended by
  //    the batch changes state in the same statement.
  const created: MessageRow[] = [];
  const chatsInOrder = [...createdByChat.keys()].sort();
  for (const chatId of chatsInOrder) {
    const rows = createdByChat.get(chatId) ?? [];
    const last = rows[rows.length - 1];
    if (last === undefined) continue;
    const bumped = await trx
      .updateTable('chats')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', rows.length),
        last_message_at: last.ts,
        ...(endingChats.has(chatId) ? { state: 'ended' } : {}),
      }))
      .where('id', '=', chatId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    let seq = bumped.last_seq - rows.length;
    for (const row of rows) row.seq = ++seq;
    created.push(...rows);
  }

  // 5. The messages, as multi-row inserts.
  for (const rows of chunks(created)) {
    await trx
      .insertInto('messages')
      .values(rows.map((row) => fromMessageRow(row, bool)))
      .execute();
  }

  // 6. The sender has delivered and seen what they sent: once per (chat, sender), to their newest.
  const newestBySender = new Map<string, MessageRow>();
  for (const row of created) newestBySender.set(`${row.chatId}\u0000${row.senderId}`, row);
  for (const row of newestBySender.values()) {
    await trx
      .updateTable('members')
      .set((eb) => ({
        delivered_seq: eb.case().when('delivered_seq', '<', row.seq).then(row.seq).else(eb.ref('delivered_seq')).end(),
        delivered_at: eb.case().when('delivered_seq', '<', row.seq).then(row.ts).else(eb.ref('delivered_at')).end(),
        seen_seq: eb.case().when('seen_seq', '<', row.seq).then(row.seq).else(eb.ref('seen_seq')).end(),
        seen_at: eb.case().when('seen_seq', '<', row.seq).then(row.ts).else(eb.ref('seen_at')).end(),
      }))
      .where('chat_id', '=', row.chatId)
      .where('user_id', '=', row.senderId)
      .where((eb) => eb.or([eb('delivered_seq', '<', row.seq), eb('seen_seq', '<', row.seq)]))
      .execute();
  }

  // 7. A chat with news comes back to everyone's recent-chats list.
  for (const ids of chunks(chatsInOrder)) {
    await trx
      .updateTable('members')
      .set({ hidden: bool(false) })
      .where('chat_id', 'in', ids)
      .where('hidden', '=', bool(true))
      .execute();
  }

  // Items that repeat an id of this batch get their own copy of the (now numbered) row.
  return results.map((result) =>
    result.status === 'duplicate' || result.status === 'conflict' ? { ...result, row: { ...result.row } } : result,
  );
}

function idKey(tenantId: string, id: string): string {
  return `${tenantId}\u0000${id}`;
}

async function findByIds(trx: Transaction<Database>, batch: readonly NewMessage[]): Promise<Map<string, MessageRow>> {
  const idsByTenant = new Map<string, Set<string>>();
  for (const m of batch) {
    const ids = idsByTenant.get(m.tenantId);
    if (ids === undefined) idsByTenant.set(m.tenantId, new Set([m.id]));
    else ids.add(m.id);
  }
  const found = new Map<string, MessageRow>();
  for (const [tenantId, ids] of idsByTenant) {
    for (const part of chunks([...ids])) {
      const rows = await trx
        .selectFrom('messages')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', part)
        .execute();
      for (const row of rows) found.set(idKey(tenantId, row.id), toMessageRow(row));
    }
  }
  return found;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
