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
 * for could send before their own first receipt move. One statement in the common case.
 */
export async function listSeenMoves(db: Kysely<Database>, chatId: string, range: { fromSeq: number; toSeq: number }): Promise<SeenMove[]> {
  const { fromSeq, toSeq } = range;
  const { rows } = await sql<MoveRow>`
    select 0 as kind, s.user_id as user_id, s.seq as seq, s.at as at
      from members b join seen_moves s on s.chat_id = b.chat_id and s.user_id = b.user_id
      where b.chat_id = ${chatId} and s.seq >= ${fromSeq} and s.seq <= ${toSeq}
    union all
    select 0, m.sender_id, m.seq, m.ts
      from messages m join members b on b.chat_id = m.chat_id and b.user_id = m.sender_id
      where m.chat_id = ${chatId} and m.seq >= ${fromSeq} and m.seq <= ${toSeq}
    union all
    select 1, b.user_id,
        (select s.seq from seen_moves s where s.chat_id = b.chat_id and s.user_id = b.user_id and s.seq > ${toSeq} order by s.seq limit 1),
        (select s.at from seen_moves s where s.chat_id = b.chat_id and s.user_id = b.user_id and s.seq > ${toSeq} order by s.seq limit 1)
      from members b where b.chat_id = ${chatId} and b.seen_seq > ${toSeq}
    union all
    select * from (
      select 2 as kind, m.sender_id as user_id, m.seq as seq, m.ts as at
        from messages m join members b on b.chat_id = m.chat_id and b.user_id = m.sender_id
        where m.chat_id = ${chatId} and m.seq > ${toSeq} order by m.seq limit ${FIRST_STEP}
    ) sends_after`.execute(db);

  const out: SeenMove[] = [];
  // Members whose mark is above the range, with their first receipt move's time (null: none).
  const pending = new Map<string, number | null>();
  const sends: SeenMove[] = [];
  for (const row of rows) {
    const kind = Number(row.kind);
    if (kind === 1) pending.set(row.user_id, row.at === null ? null : Number(row.at));
    if (row.seq === null || row.at === null) continue;
    const move = { userId: row.user_id, seq: Number(row.seq), at: Number(row.at) };
    out.push(move);
    if (kind === 2) sends.push(move);
  }
  sends.sort((a, b) => a.seq - b.seq);

  const senders = new Set<string>();
  let batch = sends;
  let step = FIRST_STEP;
  for (;;) {
    for (const move of batch) {
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
        .selectFrom('messages as m')
        .innerJoin('members as b', (join) => join.onRef('b.chat_id', '=', 'm.chat_id').onRef('b.user_id', '=', 'm.sender_id'))
        .select(['m.sender_id', 'm.seq', 'm.ts'])
        .where('m.chat_id', '=', chatId)
        .where('m.seq', '>', last.seq)
        .orderBy('m.seq')
        .limit(step)
        .execute()
    ).map((r) => ({ userId: r.sender_id, seq: Number(r.seq), at: Number(r.ts) }));
    out.push(...batch);
  }
  return out;
}
