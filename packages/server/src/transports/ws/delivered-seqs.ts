/**
 * Runs of seqs delivered past a gap that one chat may keep. A gap followed by any number of messages
 * is one run; only messages arriving in a very broken order make many. Past this many the chat cannot
 * be replayed exactly and is marked `lost` (the connection must resume), never silently skipped.
 */
const MAX_RUNS = 64;

interface ChatMark {
  /** Every seq up to this one was delivered (or predates the connection). */
  upTo: number;
  /** Delivered seqs above `upTo` as sorted, disjoint, non-adjacent `[first, last]` runs. */
  runs?: [number, number][];
  /** Past `MAX_RUNS`: which seqs above `upTo` were delivered is no longer known. */
  lost?: boolean;
  /** The highest seq delivered, for knowing when a cover makes `lost` moot. */
  highest: number;
}

/**
 * Which messages a connection has been given, per chat: a contiguous watermark plus the runs of seqs
 * delivered past a gap (messages of one chat committed on different nodes may arrive out of seq
 * order; during a bus outage this node's own messages keep arriving past the ones it missed). After
 * an outage the gateway replays from the store exactly what lies past the mark and is not in a run.
 * A few numbers per chat, however many messages follow a gap.
 */
export class DeliveredSeqs {
  private readonly marks = new Map<string, ChatMark>();

  /** Starts tracking a chat from `lastSeq` (what the store held when the connection subscribed). */
  start(chatId: string, lastSeq: number): void {
    const mark = this.marks.get(chatId);
    if (!mark) this.marks.set(chatId, { upTo: lastSeq, highest: lastSeq });
    else if (lastSeq > mark.upTo) this.raise(mark, lastSeq);
  }

  forget(chatId: string): void {
    this.marks.delete(chatId);
  }

  /** Whether the chat is tracked at all. */
  has(chatId: string): boolean {
    return this.marks.has(chatId);
  }

  /**
   * Message `seq` of the chat reached the client (event, replay, or the ack of its own send).
   * @returns false when the client already had it (or it predates the connection), so a message
   * announced again — a retried send re-announces what it finds stored — is not sent twice.
   */
  note(chatId: string, seq: number): boolean {
    let mark = this.marks.get(chatId);
    // A chat joined after the connection opened: its first message starts the mark.
    if (!mark) this.marks.set(chatId, (mark = { upTo: seq - 1, highest: seq - 1 }));
    if (seq <= mark.upTo) return false;
    mark.highest = Math.max(mark.highest, seq);
    if (seq === mark.upTo + 1) {
      mark.upTo = seq;
      this.absorb(mark);
      return true;
    }
    if (mark.lost) return true;
    const runs = mark.runs ?? [];
    if (runs.some(([first, last]) => seq >= first && seq <= last)) return false;
    mark.runs = addToRuns(runs, seq);
    if (mark.runs.length > MAX_RUNS) {
      mark.lost = true;
      delete mark.runs;
    }
    return true;
  }

  /** Everything up to `seq` reached the client (a resume covered it). */
  cover(chatId: string, seq: number): void {
    const mark = this.marks.get(chatId);
    if (!mark) this.marks.set(chatId, { upTo: seq, highest: seq });
    else this.raise(mark, seq);
  }

  /**
   * The contiguous mark of the chat, whether `seq` above it was already delivered, and whether that is
   * still known (`lost`: too many gaps were tracked; the client must resume instead of a replay).
   */
  mark(chatId: string): { upTo: number; lost: boolean; delivered: (seq: number) => boolean } | undefined {
    const mark = this.marks.get(chatId);
    if (!mark) return undefined;
    const runs = mark.runs;
    return {
      upTo: mark.upTo,
      lost: mark.lost === true,
      delivered: (seq) => seq <= mark.upTo || (runs !== undefined && runs.some(([first, last]) => seq >= first && seq <= last)),
    };
  }

  chats(): IterableIterator<string> {
    return this.marks.keys();
  }

  private raise(mark: ChatMark, seq: number): void {
    if (seq <= mark.upTo) return;
    mark.upTo = seq;
    mark.highest = Math.max(mark.highest, seq);
    if (mark.lost && seq >= mark.highest) delete mark.lost;
    if (mark.runs) mark.runs = mark.runs.filter(([, last]) => last > seq);
    this.absorb(mark);
  }

  /** Moves the mark over the first run once the gap before it is filled. */
  private absorb(mark: ChatMark): void {
    const first = mark.runs?.[0];
    if (first && first[0] <= mark.upTo + 1) {
      mark.upTo = Math.max(mark.upTo, first[1]);
      mark.runs?.shift();
    }
    if (mark.runs?.length === 0) delete mark.runs;
  }
}

/** `runs` with `seq` added: merged into a neighbouring run where it touches one, kept sorted. */
function addToRuns(runs: [number, number][], seq: number): [number, number][] {
  let i = 0;
  while (i < runs.length && (runs[i] as [number, number])[1] < seq - 1) i++;
  const run = runs[i];
  if (run === undefined || run[0] > seq + 1) {
    runs.splice(i, 0, [seq, seq]);
    return runs;
  }
  if (seq >= run[0] && seq <= run[1]) return runs;
  if (seq === run[0] - 1) run[0] = seq;
  else run[1] = seq;
  const next = runs[i + 1];
  if (next && next[0] === run[1] + 1) {
    run[1] = next[1];
    runs.splice(i + 1, 1);
  }
  return runs;
}
