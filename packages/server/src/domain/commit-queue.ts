import type { AppendResult, MemberRow, NewMessage, Store, WatermarkMove } from '../store/index.js';
import { Batcher, type BatcherOptions } from './batcher.js';

type Write = { kind: 'message'; message: NewMessage } | { kind: 'mark'; move: WatermarkMove };
type Written = AppendResult | MemberRow | null;

/**
 * The group commit of everything on a message's path: the sends and the receipts that arrive while a
 * commit runs share the next transaction (one fsync). Receipts are coalesced to the highest mark per
 * member, chat and kind.
 */
export class CommitQueue {
  private readonly batcher: Batcher<Write, Written>;

  constructor(store: Store, opts: BatcherOptions) {
    this.batcher = new Batcher((writes) => commitAll(store, writes), opts);
  }

  get pending(): number {
    return this.batcher.pending;
  }

  /** Appends a message (see `Store.appendMessages`); resolves after the commit. */
  append(message: NewMessage): Promise<AppendResult> {
    return this.batcher.add({ kind: 'message', message }) as Promise<AppendResult>;
  }

  /** Moves a receipt watermark up; the member row when this mark moved it, else null. */
  advance(move: WatermarkMove): Promise<MemberRow | null> {
    return this.batcher.add({ kind: 'mark', move }) as Promise<MemberRow | null>;
  }

  close(): Promise<void> {
    return this.batcher.close();
  }
}

async function commitAll(store: Store, writes: Write[]): Promise<Written[]> {
  const messages: NewMessage[] = [];
  const highest = new Map<string, WatermarkMove>();
  for (const write of writes) {
    if (write.kind === 'message') {
      messages.push(write.message);
      continue;
    }
    const key = markKey(write.move);
    const seen = highest.get(key);
    if (!seen || write.move.seq > seen.seq) highest.set(key, write.move);
  }
  const marks = [...highest.values()];
  const { appended, moved } = await store.commit({ messages, marks });
  const rowByMark = new Map(marks.map((m, i) => [m, moved[i] ?? null]));
  let nextMessage = 0;
  // Every mark of a member learns nothing but the one that moved it, which gets the row after the move.
  return writes.map((write) =>
    write.kind === 'message' ? (appended[nextMessage++] as AppendResult) : (rowByMark.get(write.move) ?? null),
  );
}

function markKey(m: WatermarkMove): string {
  return `${m.chatId}\u0000${m.userId}\u0000${m.kind}`;
}
