import type { Transaction } from 'kysely';
import type { AppendResult, MemberRow, MessageRow, NewMessage, WatermarkMove } from '../types.js';
import type { ChatForAppend } from './append-plan.js';
import { finishResults, messageKey, newestBySender, numberRows, planAppend } from './append-plan.js';
import type { EngineCapabilities } from './capabilities.js';
import type { Database } from './db-types.js';
import type { BoolEncoder } from './row-mapping.js';
import { fromMessageRow, toMemberRow, toMessageRow } from './row-mapping.js';

/** Rows per multi-row INSERT and ids per IN list: far below both engines' bound-parameter limits. */
const CHUNK = 200;

/**
 * The group commit through Kysely (PostgreSQL; SQLite has a prepared-statement twin in
 * ../sqlite/append-statements.ts), inside one transaction. Queries are per batch, not per message:
 * lock the batch's chats, look up every id at once, then per chat one `last_seq` bump, one multi-row
 * insert, one watermark update per (chat, sender), one `hidden` reset.
 */
export async function appendInTransaction(
  trx: Transaction<Database>,
  caps: Pick<EngineCapabilities, 'rowLocks'>,
  bool: BoolEncoder,
  batch: readonly NewMessage[],
): Promise<AppendResult[]> {
  // The chats, locked in id order so that concurrent batches never deadlock on each other. Once held,
  // every message committed to these chats by another transaction is visible below. The state is
  // read under the same lock: an `ended` chat stays closed to this batch.
  const chatIds = [...new Set(batch.map((m) => m.chatId))].sort();
  const chats = new Map<string, ChatForAppend>();
  for (const ids of chunks(chatIds)) {
    let query = trx.selectFrom('chats').select(['id', 'tenant_id', 'state']).where('id', 'in', ids).orderBy('id');
    if (caps.rowLocks) query = query.forUpdate();
    for (const chat of await query.execute()) chats.set(chat.id, { tenantId: chat.tenant_id, state: chat.state });
  }

  const plan = planAppend(batch, chats, await findByIds(trx, batch));
  if (plan.createdByChat.size === 0) return finishResults(plan.results);

  // Seqs: one bump per chat; a chat ended by the batch changes state in the same statement.
  const created: MessageRow[] = [];
  for (const [chatId, rows] of plan.createdByChat) {
    const last = rows[rows.length - 1]!;
    const bumped = await trx
      .updateTable('chats')
      .set((eb) => ({
        last_seq: eb('last_seq', '+', rows.length),
        last_message_at: last.ts,
        ...(plan.endingChats.has(chatId) ? { state: 'ended' } : {}),
      }))
      .where('id', '=', chatId)
      .returning('last_seq')
      .executeTakeFirstOrThrow();
    numberRows(rows, bumped.last_seq);
    created.push(...rows);
  }

  for (const rows of chunks(created)) {
    await trx
      .insertInto('messages')
      .values(rows.map((row) => fromMessageRow(row, bool)))
      .execute();
  }

  for (const row of newestBySender(created)) {
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

  // A chat with news comes back to everyone's recent-chats list.
  for (const ids of chunks([...plan.createdByChat.keys()])) {
    await trx
      .updateTable('members')
      .set({ hidden: bool(false) })
      .where('chat_id', 'in', ids)
      .where('hidden', '=', bool(true))
      .execute();
  }

  return finishResults(plan.results);
}

/** Receipt watermarks, each moved only upwards; the member row after a move, null when nothing moved. */
export async function advanceInTransaction(trx: Transaction<Database>, marks: readonly WatermarkMove[]): Promise<(MemberRow | null)[]> {
  const out: (MemberRow | null)[] = [];
  for (const m of marks) {
    const update = trx.updateTable('members');
    const moved =
      m.kind === 'seen'
        ? update.set({ seen_seq: m.seq, seen_at: m.at }).where('seen_seq', '<', m.seq)
        : update.set({ delivered_seq: m.seq, delivered_at: m.at }).where('delivered_seq', '<', m.seq);
    const row = await moved.where('chat_id', '=', m.chatId).where('user_id', '=', m.userId).returningAll().executeTakeFirst();
    // The history of seen moves answers when a message was first seen (seen-moves.ts).
    if (row !== undefined && m.kind === 'seen') {
      await trx
        .insertInto('seen_moves')
        .values({ chat_id: m.chatId, user_id: m.userId, seq: m.seq, at: m.at })
        .onConflict((oc) => oc.doNothing())
        .execute();
    }
    out.push(row === undefined ? null : toMemberRow(row));
  }
  return out;
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
      for (const row of rows) found.set(messageKey(tenantId, row.id), toMessageRow(row));
    }
  }
  return found;
}

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}
