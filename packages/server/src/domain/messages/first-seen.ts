import type { MemberRow, MessageRow, SeenMove, Store } from '../../store/index.js';

/**
 * `messageSeen`: when a message was first seen — the earliest move of another member's seen watermark
 * that covered it (a receipt, or a later send of theirs). Once set it never changes, however far the
 * watermarks move on. An imported message keeps the `messageSeen` it came with.
 */
export class FirstSeen {
  constructor(private readonly store: Pick<Store, 'listSeenMoves'>) {}

  /** For rows of one chat: each row's first-seen time, or null. One store query at most. */
  async of(rows: readonly MessageRow[], members: readonly MemberRow[]): Promise<Map<MessageRow, number | null>> {
    const out = new Map<MessageRow, number | null>();
    const pending: MessageRow[] = [];
    for (const row of rows) {
      if (row.importedSeen !== undefined) out.set(row, row.importedSeen);
      else if (!members.some((m) => m.userId !== row.senderId && m.seenSeq > row.seq)) out.set(row, seenAtOwnSeq(row, members));
      else pending.push(row);
    }
    const first = pending[0];
    if (first === undefined) return out;
    let fromSeq = first.seq;
    let toSeq = first.seq;
    for (const row of pending) {
      fromSeq = Math.min(fromSeq, row.seq);
      toSeq = Math.max(toSeq, row.seq);
    }
    const moves = await this.store.listSeenMoves(first.chatId, { fromSeq, toSeq, userIds: members.map((m) => m.userId) });
    for (const [row, at] of firstCovers(pending, moves)) out.set(row, at);
    return out;
  }
}

/**
 * When no other member's mark is past the message, each mark on it got there in one move: the member
 * row's own time is that move's time.
 */
function seenAtOwnSeq(row: MessageRow, members: readonly MemberRow[]): number | null {
  let seen: number | null = null;
  for (const m of members) {
    if (m.userId === row.senderId || m.seenSeq < row.seq || m.seenAt === null) continue;
    if (seen === null || m.seenAt < seen) seen = m.seenAt;
  }
  return seen;
}

/**
 * For each row, the earliest move at or above its seq by someone other than its sender. Rows and moves
 * are swept from the top down, keeping each user's earliest move so far.
 */
export function firstCovers(rows: readonly MessageRow[], moves: readonly SeenMove[]): Map<MessageRow, number | null> {
  const byUser = new Map<string, number>();
  const sortedMoves = [...moves].sort((a, b) => b.seq - a.seq);
  const out = new Map<MessageRow, number | null>();
  let next = 0;
  for (const row of [...rows].sort((a, b) => b.seq - a.seq)) {
    for (; next < sortedMoves.length && (sortedMoves[next] as SeenMove).seq >= row.seq; next++) {
      const move = sortedMoves[next] as SeenMove;
      const known = byUser.get(move.userId);
      if (known === undefined || move.at < known) byUser.set(move.userId, move.at);
    }
    let seen: number | null = null;
    for (const [userId, at] of byUser) if (userId !== row.senderId && (seen === null || at < seen)) seen = at;
    out.set(row, seen);
  }
  return out;
}
