import type { MemberRow, Store, WatermarkMove } from '../../store/index.js';
import { Batcher, type BatcherOptions } from '../batcher.js';

/**
 * Group commit of receipts. A burst of "delivered up to n" marks is coalesced to the highest mark per
 * member, chat and kind, and committed in one transaction.
 */
export class ReceiptWriter {
  private readonly batcher: Batcher<WatermarkMove, MemberRow | null>;

  constructor(store: Store, opts: BatcherOptions) {
    this.batcher = new Batcher(async (moves) => {
      const highest = new Map<string, WatermarkMove>();
      for (const m of moves) {
        const key = `${m.chatId}\u0000${m.userId}\u0000${m.kind}`;
        const seen = highest.get(key);
        if (!seen || m.seq > seen.seq) highest.set(key, m);
      }
      const unique = [...highest.values()];
      const rows = await store.advanceWatermarks(unique);
      const byKey = new Map(unique.map((m, i) => [`${m.chatId}\u0000${m.userId}\u0000${m.kind}`, rows[i] ?? null]));
      // Every caller learns the member row after the batch; only the mark that moved it reports a move.
      return moves.map((m) => {
        const row = byKey.get(`${m.chatId}\u0000${m.userId}\u0000${m.kind}`) ?? null;
        return row && highest.get(`${m.chatId}\u0000${m.userId}\u0000${m.kind}`) === m ? row : null;
      });
    }, opts);
  }

  advance(move: WatermarkMove): Promise<MemberRow | null> {
    return this.batcher.add(move);
  }

  close(): Promise<void> {
    return this.batcher.close();
  }
}
