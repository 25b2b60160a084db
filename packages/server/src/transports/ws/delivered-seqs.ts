/** Seqs above the contiguous mark remembered per chat; past it the gap is given up (the SDK fills it). */
const MAX_ABOVE = 256;

interface ChatMark {
  /** Every seq up to this one was delivered (or predates the connection). */
  upTo: number;
  /** Delivered seqs above `upTo`, when messages arrived out of order. */
  above?: Set<number>;
}

/**
 * Which messages a connection has been given, per chat: a contiguous watermark plus the few seqs
 * delivered past a gap (messages of one chat committed on different nodes may arrive out of seq
 * order). After a bus outage the gateway replays from the store exactly what lies past the mark and
 * is not in the set. A few numbers per chat; nothing is ever dropped because of it.
 */
export class DeliveredSeqs {
  private readonly marks = new Map<string, ChatMark>();

  /** Starts tracking a chat from `lastSeq` (what the store held when the connection subscribed). */
  start(chatId: string, lastSeq: number): void {
    const mark = this.marks.get(chatId);
    if (!mark) this.marks.set(chatId, { upTo: lastSeq });
    else if (lastSeq > mark.upTo) this.raise(mark, lastSeq);
  }

  forget(chatId: string): void {
    this.marks.delete(chatId);
  }

  /** Whether the chat is tracked at all. */
  has(chatId: string): boolean {
    return this.marks.has(chatId);
  }

  /** Message `seq` of the chat reached the client (event, replay, or the ack of its own send). */
  note(chatId: string, seq: number): void {
    let mark = this.marks.get(chatId);
    // A chat joined after the connection opened: its first message starts the mark.
    if (!mark) this.marks.set(chatId, (mark = { upTo: seq - 1 }));
    if (seq <= mark.upTo) return;
    if (seq === mark.upTo + 1) {
      mark.upTo = seq;
      this.absorb(mark);
      return;
    }
    mark.above ??= new Set();
    mark.above.add(seq);
    if (mark.above.size > MAX_ABOVE) this.raise(mark, Math.max(...mark.above));
  }

  /** Everything up to `seq` reached the client (a resume covered it). */
  cover(chatId: string, seq: number): void {
    const mark = this.marks.get(chatId);
    if (!mark) this.marks.set(chatId, { upTo: seq });
    else this.raise(mark, seq);
  }

  /** The contiguous mark of the chat, and whether `seq` above it was already delivered. */
  mark(chatId: string): { upTo: number; delivered: (seq: number) => boolean } | undefined {
    const mark = this.marks.get(chatId);
    if (!mark) return undefined;
    return { upTo: mark.upTo, delivered: (seq) => seq <= mark.upTo || (mark.above?.has(seq) ?? false) };
  }

  chats(): IterableIterator<string> {
    return this.marks.keys();
  }

  private raise(mark: ChatMark, seq: number): void {
    if (seq <= mark.upTo) return;
    mark.upTo = seq;
    if (mark.above) for (const s of mark.above) if (s <= seq) mark.above.delete(s);
    this.absorb(mark);
  }

  private absorb(mark: ChatMark): void {
    if (!mark.above) return;
    while (mark.above.delete(mark.upTo + 1)) mark.upTo++;
    if (mark.above.size === 0) delete mark.above;
  }
}
