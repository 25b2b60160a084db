import { sql, type Kysely } from 'kysely';
import type { SeenMove } from '../types.js';
import type { Database } from './db-types.js';

/** Sends read past the range by the first query; each further step reads twice as many. */
const FIRST_STEP = 32;

/** 0: a move inside the range; 1: a member's first receipt move above it; 2: a send above it. */
interface MoveRow {
  kind: number;
  user_id: string;
  seq: number | null;
  at: number | null;
}

/**
 * `Store.listSeenMoves`. A member's seen mark moves by receipts (rows of `seen_moves`) and by their own
 * sends (their message row: seq and ts). Per member, later moves have later times, so above the range
 * only each member's first move matters: for receipts one index seek per member; for sends, whose times
 * follow seq across members too, a walk in seq order that stops once two members have sent (the first
 * answers every other sender's messages, the second the first's), or once no member still unaccounted
 * for could send before their own first receipt move. One statement in the common case. Every part
 * walks a primary key from the chat and the given users, whatever the planner knows of the tables.
 */
export async function listSeenMoves(
  db: Kysely<Database>,
  chatId: string,
  range: { fromSeq: number; toSeq: number; userIds: readonly string[] },
): Promise<SeenMove[]> {
  const { fromSeq, toSeq } = range;
  const userIds = [...new Set(range.userIds)];
  if (userIds.length === 0) return [];
  const users = sql.join(userIds);
  const { rows } = await sql<MoveRow>`
    select 0 as kind, s.user_id as user_id, s.seq as seq, s.at as at
      from seen_moves s
      where s.chat_id = ${chatId} and s.user_id in (${users}) and s.seq >= ${fromSeq} and s.seq <= ${toSeq}
    union all
    select 0, m.sender_id, m.seq, m.ts
      from messages m
      where m.chat_id = ${chatId} and m.seq >= ${fromSeq} and m.seq <= ${toSeq}
    union all
    select 1, b.user_id,
        (select s.seq from seen_moves s where s.chat_id = b.chat_id and s.user_id = b.user_id and s.seq > ${toSeq} order by s.seq limit 1),
        (select s.at from seen_moves s where s.chat_id = b.chat_id and s.user_id = b.user_id and s.seq > ${toSeq} order by s.seq limit 1)
      from members b where b.chat_id = ${chatId} and b.user_id in (${users}) and b.seen_seq > ${toSeq}
    union all
    select * from (
      select 2 as kind, m.sender_id as user_id, m.seq as seq, m.ts as at
        from messages m where m.chat_id = ${chatId} and m.seq > ${toSeq} order by m.seq limit ${FIRST_STEP}
    ) sends_after`.execute(db);

  // Only the given users' sends move a mark they have (a sender without a member row has none).
  const member = new Set(userIds);
  const out: SeenMove[] = [];
  // Members whose mark is above the range, with their first receipt move's time (null: none).
  const pending = new Map<string, number | null>();
  let batch: { userId: string; seq: number; at: number }[] = [];
  for (const row of rows) {
    const kind = Number(row.kind);
    if (kind === 1) pending.set(row.user_id, row.at === null ? null : Number(row.at));
    if (row.seq === null || row.at === null) continue;
    const move = { userId: row.user_id, seq: Number(row.seq), at: Number(row.at) };
    if (kind === 2) batch.push(move);
    else if (kind === 1 || member.has(move.userId)) out.push(move);
  }
  batch.sort((a, b) => a.seq - b.seq);

  const senders = new Set<string>();
  let step = FIRST_STEP;
  for (;;) {
    for (const move of batch) {
      if (!member.has(move.userId)) continue;
      out.push(move);
      senders.add(move.userId);
      pending.delete(move.userId);
    }
    const last = batch.at(-1);
    if (senders.size >= 2 || last === undefined || batch.length < step) break;
    // Later sends come later than every receipt move still pending: they can no longer be the first.
    if ([...pending.values()].every((at) => at !== null && at <= last.at)) break;
    step *= 2;
    batch = (
      await db
        .selectFrom('messages')
        .select(['sender_id', 'seq', 'ts'])
        .where('chat_id', '=', chatId)
        .where('seq', '>', last.seq)
        .orderBy('seq')
        .limit(step)
        .execute()
    ).map((r) => ({ userId: r.sender_id, seq: Number(r.seq), at: Number(r.ts) }));
  }
  return out;
}
