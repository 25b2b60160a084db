import type { Message } from '@parley/protocol/wire';

/** What offering a message produced: the messages now deliverable, in order, and whether a gap is open. */
export interface Offered {
  /** Messages to hand to the app now, in ascending seq order (may be empty). */
  deliver: Message[];
  /** Some held message waits for a lower seq that has not arrived: fill it with `history`. */
  gap: boolean;
}

interface ChatCursor {
  /** The highest contiguous seq delivered to the app. */
  seq: number;
  /** Messages above `seq + 1`, held until the gap below them is filled. */
  held: Map<number, Message>;
  /** A refill (history) is running: offered messages are held, not delivered. */
  filling: boolean;
}

/** Past this many held messages per chat, further ones are dropped: the refill fetches them anyway. */
const MAX_HELD = 5_000;

/**
 * Per-chat cursors: the highest contiguous seq delivered to the app, plus the messages held above a gap.
 * A pure data structure: it decides what may be delivered and when a gap must be filled; the client
 * does the fetching. Guarantees: no message is delivered twice (dedupe by `(chatId, seq)`), and
 * messages of a chat are delivered in ascending seq order.
 *
 * @example
 * ```ts
 * const book = new CursorBook({ chat1: 4 });
 * book.offer(msg5); // { deliver: [msg5], gap: false }
 * book.offer(msg7); // { deliver: [], gap: true }: 6 is missing
 * book.offer(msg6); // { deliver: [msg6, msg7], gap: false }
 * ```
 */
export class CursorBook {
  readonly #chats = new Map<string, ChatCursor>();

  /** @param initial Cursors persisted from an earlier session, `{chatId: seq}`. */
  constructor(initial: Record<string, number> = {}) {
    for (const [chatId, seq] of Object.entries(initial)) {
      if (Number.isSafeInteger(seq) && seq >= 0) this.#chats.set(chatId, newCursor(seq));
    }
  }

  /**
   * The cursor of a chat, or undefined when the chat is not tracked.
   *
   * @example
   * ```ts
   * book.get('chat1'); // 7
   * ```
   */
  get(chatId: string): number | undefined {
    return this.#chats.get(chatId)?.seq;
  }

  /**
   * Every cursor, `{chatId: seq}`: what `resume` sends and what an app may persist.
   *
   * @example
   * ```ts
   * localStorage.setItem('cursors', JSON.stringify(book.snapshot()));
   * ```
   */
  snapshot(): Record<string, number> {
    const out: Record<string, number> = {};
    for (const [chatId, c] of this.#chats) out[chatId] = c.seq;
    return out;
  }

  /**
   * Starts tracking a chat at `seq` (messages up to it are treated as delivered); raises an existing
   * cursor, never lowers it. Returns the held messages that became deliverable.
   *
   * @example
   * ```ts
   * book.start('chat1', chat.lastSeq); // a chat known from a resume or a join
   * ```
   */
  start(chatId: string, seq: number): Message[] {
    const c = this.#chats.get(chatId);
    if (!c) {
      this.#chats.set(chatId, newCursor(seq));
      return [];
    }
    if (seq > c.seq) c.seq = seq;
    return c.filling ? [] : settle(c);
  }

  /**
   * Offers a live or replayed message. A chat seen for the first time starts at this message.
   *
   * @example
   * ```ts
   * const { deliver, gap } = book.offer(message);
   * for (const m of deliver) emit('message', m);
   * if (gap) fillWithHistory(message.chatId);
   * ```
   */
  offer(message: Message): Offered {
    let c = this.#chats.get(message.chatId);
    if (!c) {
      c = newCursor(message.seq - 1);
      this.#chats.set(message.chatId, c);
    }
    if (message.seq <= c.seq || c.held.has(message.seq)) return { deliver: [], gap: false };
    if (c.held.size < MAX_HELD || message.seq === c.seq + 1) c.held.set(message.seq, message);
    if (c.filling) return { deliver: [], gap: false };
    const deliver = settle(c);
    return { deliver, gap: c.held.size > 0 };
  }

  /**
   * Marks a chat as being refilled from history: offered messages are held until
   * {@link CursorBook.endFill}. With `restartAt`, the cursor is set there and held messages are
   * dropped (a chat fetched from the start, or a new epoch whose seqs mean something else).
   *
   * @example
   * ```ts
   * book.beginFill('chat1', 0); // a chat that appeared while offline: fetch from its first message
   * ```
   */
  beginFill(chatId: string, restartAt?: number): void {
    let c = this.#chats.get(chatId);
    if (!c) {
      c = newCursor(restartAt ?? 0);
      this.#chats.set(chatId, c);
    } else if (restartAt !== undefined) {
      c.seq = restartAt;
      c.held.clear();
    }
    c.filling = true;
  }

  /**
   * Applies a page of history (ascending seq): delivers what lies past the cursor, then the held
   * messages that became contiguous. History is authoritative: a seq it skips is not waited for.
   *
   * @example
   * ```ts
   * const page = await client.history({ chatId, position: 'down', fromSeq: book.get(chatId) });
   * for (const m of book.fill(chatId, page.messages)) emit('message', m);
   * ```
   */
  fill(chatId: string, messages: readonly Message[]): Message[] {
    const c = this.#chats.get(chatId);
    if (!c) return [];
    const deliver: Message[] = [];
    for (const m of messages) {
      if (m.seq <= c.seq) continue;
      deliver.push(m);
      c.seq = m.seq;
    }
    deliver.push(...settle(c));
    return deliver;
  }

  /**
   * Jumps over a gap the server cannot serve (an unrecoverable chat): delivers the newest page past the
   * cursor, skipping what lies between, then moves the cursor to at least `lastSeq`.
   *
   * @example
   * ```ts
   * const page = await client.history({ chatId, position: 'up' });
   * book.jump(chatId, page.messages, status.lastSeq);
   * ```
   */
  jump(chatId: string, newestPage: readonly Message[], lastSeq: number): Message[] {
    const c = this.#chats.get(chatId);
    if (!c) return [];
    const first = newestPage[0];
    if (first && first.seq > c.seq + 1) c.seq = first.seq - 1;
    const deliver = this.fill(chatId, newestPage);
    if (c.seq < lastSeq) {
      c.seq = lastSeq;
      deliver.push(...settle(c));
    }
    return deliver;
  }

  /**
   * Ends a refill; returns the held messages now deliverable and whether a gap remains.
   *
   * @example
   * ```ts
   * const { deliver, gap } = book.endFill(chatId);
   * ```
   */
  endFill(chatId: string): Offered {
    const c = this.#chats.get(chatId);
    if (!c) return { deliver: [], gap: false };
    c.filling = false;
    const deliver = settle(c);
    return { deliver, gap: c.held.size > 0 };
  }

  /**
   * Everything the server had for this user up to `seq` has been given (a resume replayed it): the
   * seqs still missing below it are hidden from the user (cleared, deleted for them), not late. Delivers
   * the held messages up to `seq` in order, then moves the cursor to at least `seq`.
   *
   * @example
   * ```ts
   * for (const m of book.cover(chatId, status.lastSeq)) emit('message', m); // a `recovered` chat
   * ```
   */
  cover(chatId: string, seq: number): Message[] {
    const c = this.#chats.get(chatId);
    if (!c) {
      this.#chats.set(chatId, newCursor(seq));
      return [];
    }
    const deliver = [...c.held.values()].filter((m) => m.seq > c.seq && m.seq <= seq).sort((a, b) => a.seq - b.seq);
    for (const m of deliver) c.held.delete(m.seq);
    if (seq > c.seq) c.seq = seq;
    if (!c.filling) deliver.push(...settle(c));
    return deliver;
  }

  /**
   * Gives up waiting for the missing seqs below the first held message (the server has nothing to
   * fill them with) and delivers from there.
   *
   * @example
   * ```ts
   * if (page.messages.length === 0) deliverAll(book.skipGap(chatId));
   * ```
   */
  skipGap(chatId: string): Message[] {
    const c = this.#chats.get(chatId);
    if (!c || c.held.size === 0) return [];
    c.seq = Math.min(...c.held.keys()) - 1;
    return settle(c);
  }

  /**
   * Whether a chat holds messages above a gap.
   *
   * @example
   * ```ts
   * if (book.hasGap(chatId)) scheduleFill(chatId);
   * ```
   */
  hasGap(chatId: string): boolean {
    return (this.#chats.get(chatId)?.held.size ?? 0) > 0;
  }

  /**
   * Whether a refill of the chat is running.
   *
   * @example
   * ```ts
   * if (!book.isFilling(chatId)) book.beginFill(chatId);
   * ```
   */
  isFilling(chatId: string): boolean {
    return this.#chats.get(chatId)?.filling ?? false;
  }

  /**
   * Stops tracking a chat (the user left it).
   *
   * @example
   * ```ts
   * book.delete(chatId);
   * ```
   */
  delete(chatId: string): void {
    this.#chats.delete(chatId);
  }
}

function newCursor(seq: number): ChatCursor {
  return { seq: Math.max(0, seq), held: new Map(), filling: false };
}

/** Drops held messages at or below the cursor and delivers the contiguous run above it. */
function settle(c: ChatCursor): Message[] {
  for (const seq of c.held.keys()) if (seq <= c.seq) c.held.delete(seq);
  const deliver: Message[] = [];
  for (let next = c.held.get(c.seq + 1); next; next = c.held.get(c.seq + 1)) {
    c.held.delete(next.seq);
    c.seq = next.seq;
    deliver.push(next);
  }
  return deliver;
}
