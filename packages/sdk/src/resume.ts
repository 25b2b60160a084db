import type { HistoryQuery, Message, ResumeResult } from '@parley/protocol/wire';
import { CursorBook } from './cursors.js';
import { ParleyClientError } from './errors.js';
import type { Transport } from './transport.js';

/** What {@link Resumer} needs from its client. */
export interface ResumerHost {
  /** The transport to fetch history on, or null when not connected (a fill then waits for the resume). */
  connected(): Transport | null;
  /** Hands messages to the app, in order. */
  deliver(messages: readonly Message[]): void;
  unrecoverable(chatId: string): void;
  error(error: unknown): void;
}

export interface ResumerOptions {
  /** Cursors persisted from an earlier session. */
  cursors?: Record<string, number>;
  timeoutMs: number;
  /** How long a gap may wait for the missing message before history fills it. */
  gapDelayMs: number;
}

type FillJob =
  /** Fetch forward until the cursor reaches `untilSeq` and no gap is held. */
  | { kind: 'forward'; untilSeq: number }
  /** The newest page first, jumping the gap the server could not serve; then forward. */
  | { kind: 'unrecoverable'; untilSeq: number };

const PAGE = 100;
/** Fills that found nothing below a held message; after this many, the gap is skipped. */
const MAX_EMPTY_FILLS = 3;

/**
 * Exactly-once, in-order delivery across reconnects: applies the `resume` ack chat by chat, dedupes
 * and orders live messages through the {@link CursorBook}, and fills gaps with `history`.
 *
 * @example
 * ```ts
 * const resumer = new Resumer(host, { timeoutMs: 10_000, gapDelayMs: 250 });
 * transport.call('resume', { cursors: resumer.cursors.snapshot() }, 10_000, (err, result) => {
 *   if (result) resumer.apply(transport, result, { first: true, newEpoch: false });
 * });
 * ```
 */
export class Resumer {
  readonly cursors: CursorBook;
  readonly #host: ResumerHost;
  readonly #timeoutMs: number;
  readonly #gapDelayMs: number;
  /** Running refills: chat → the token of the one allowed to touch its cursor. */
  readonly #fills = new Map<string, number>();
  #fillSeq = 0;
  readonly #emptyFills = new Map<string, number>();
  readonly #gapTimers = new Map<string, ReturnType<typeof setTimeout>>();

  constructor(host: ResumerHost, options: ResumerOptions) {
    this.#host = host;
    this.cursors = new CursorBook(options.cursors);
    this.#timeoutMs = options.timeoutMs;
    this.#gapDelayMs = options.gapDelayMs;
  }

  /**
   * Applies a `resume` ack. Runs synchronously with the ack frame, so the live events right behind it
   * meet the new cursors; the history fetches it needs then run in the background.
   *
   * @param first This client instance's first resume: a `new` chat starts at its `lastSeq` (the app
   *   loads its history); on later ones a `new` chat appeared while offline and is fetched from seq 1.
   * @param newEpoch The server's message log is not the one the cursors came from.
   *
   * @example
   * ```ts
   * resumer.apply(transport, ack, { first: false, newEpoch: false });
   * ```
   */
  apply(t: Transport, result: ResumeResult, { first, newEpoch }: { first: boolean; newEpoch: boolean }): void {
    const book = this.cursors;
    const fills: [string, FillJob][] = [];
    for (const { chatId, status, lastSeq } of result.chats) {
      switch (status) {
        case 'recovered':
          // The replay came before the ack and held every message up to lastSeq this user may see:
          // a seq it left out is hidden from them (cleared, deleted for them), not a gap to fill.
          this.#host.deliver(book.cover(chatId, lastSeq));
          if (book.hasGap(chatId)) {
            book.beginFill(chatId);
            fills.push([chatId, { kind: 'forward', untilSeq: lastSeq }]);
          }
          break;
        case 'unrecoverable':
          book.beginFill(chatId, newEpoch ? 0 : undefined);
          fills.push([chatId, { kind: 'unrecoverable', untilSeq: lastSeq }]);
          break;
        case 'new':
          if (first || lastSeq === 0) {
            this.#host.deliver(book.start(chatId, lastSeq));
          } else {
            book.beginFill(chatId, book.get(chatId) === undefined ? 0 : undefined);
            fills.push([chatId, { kind: 'forward', untilSeq: lastSeq }]);
          }
          break;
        case 'gone':
          this.forget(chatId);
          break;
      }
    }
    for (const [chatId, job] of fills) this.#startFill(t, chatId, job);
  }

  /**
   * A message from an event, a replay or a send ack: delivered once, in order; a gap is filled.
   *
   * @example
   * ```ts
   * if (frame.event === 'message') resumer.offer(frame.data);
   * ```
   */
  offer(message: Message): void {
    const { deliver, gap } = this.cursors.offer(message);
    this.#host.deliver(deliver);
    if (gap) this.#scheduleGapFill(message.chatId);
  }

  /**
   * The user joined a chat: its messages count from `lastSeq` on (unless it is already tracked).
   *
   * @example
   * ```ts
   * resumer.joined(event.chat.id, event.chat.lastSeq);
   * ```
   */
  joined(chatId: string, lastSeq: number): void {
    if (this.cursors.get(chatId) === undefined) this.cursors.start(chatId, lastSeq);
  }

  /**
   * Stops tracking a chat (the user left it, or resume said `gone`).
   *
   * @example
   * ```ts
   * resumer.forget(chatId);
   * ```
   */
  forget(chatId: string): void {
    this.#fills.delete(chatId);
    clearTimeout(this.#gapTimers.get(chatId));
    this.#gapTimers.delete(chatId);
    this.cursors.delete(chatId);
  }

  /**
   * Cancels the pending gap timers (the client disconnected; the next resume replays instead).
   *
   * @example
   * ```ts
   * resumer.pause();
   * ```
   */
  pause(): void {
    for (const timer of this.#gapTimers.values()) clearTimeout(timer);
    this.#gapTimers.clear();
  }

  #scheduleGapFill(chatId: string): void {
    if (this.#fills.has(chatId) || this.#gapTimers.has(chatId)) return;
    const timer = setTimeout(() => {
      this.#gapTimers.delete(chatId);
      const t = this.#host.connected();
      if (!t || this.#fills.has(chatId) || !this.cursors.hasGap(chatId)) return;
      this.cursors.beginFill(chatId);
      this.#startFill(t, chatId, { kind: 'forward', untilSeq: 0 });
    }, this.#gapDelayMs);
    this.#gapTimers.set(chatId, timer);
  }

  #startFill(t: Transport, chatId: string, job: FillJob): void {
    const token = ++this.#fillSeq;
    this.#fills.set(chatId, token);
    void this.#runFill(t, chatId, job, token);
  }

  /** Fetches history until the chat's cursor is contiguous up to the target; never throws. */
  async #runFill(t: Transport, chatId: string, job: FillJob, token: number): Promise<void> {
    const book = this.cursors;
    const owns = (): boolean => this.#fills.get(chatId) === token;
    let exhausted = false;
    try {
      if (job.kind === 'unrecoverable') {
        const page = await t.request('history', { chatId, position: 'up', limit: PAGE }, this.#timeoutMs);
        if (!owns()) return;
        this.#host.deliver(book.jump(chatId, page.messages, job.untilSeq));
        this.#host.unrecoverable(chatId);
      }
      while (owns()) {
        const cursor = book.get(chatId) ?? 0;
        if (cursor >= job.untilSeq && !book.hasGap(chatId)) break;
        const query: HistoryQuery = { chatId, position: 'down', fromSeq: cursor, limit: PAGE };
        const page = await t.request('history', query, this.#timeoutMs);
        if (!owns()) return;
        this.#host.deliver(book.fill(chatId, page.messages));
        if (page.messages.length === 0) exhausted = true;
        if (!page.hasMore) {
          // History has nothing more for this user: what is missing up to the target is hidden from them.
          if (job.untilSeq > 0) this.#host.deliver(book.cover(chatId, job.untilSeq));
          break;
        }
        if (page.messages.length === 0) break;
      }
    } catch (error) {
      // A closed connection ends the fill quietly: the next resume replays from the cursor.
      if (owns() && !(error instanceof ParleyClientError && error.code === 'E_DISCONNECTED')) this.#host.error(error);
    }
    if (!owns()) return;
    this.#fills.delete(chatId);
    // The server had nothing below a held message several times in a row: those seqs are not
    // available to this user (cleared), so stop waiting for them.
    const empties = exhausted && book.hasGap(chatId) ? (this.#emptyFills.get(chatId) ?? 0) + 1 : 0;
    if (empties >= MAX_EMPTY_FILLS) {
      this.#host.deliver(book.skipGap(chatId));
      this.#emptyFills.delete(chatId);
    } else if (empties > 0) {
      this.#emptyFills.set(chatId, empties);
    } else {
      this.#emptyFills.delete(chatId);
    }
    const { deliver, gap } = book.endFill(chatId);
    this.#host.deliver(deliver);
    if (gap) this.#scheduleGapFill(chatId);
  }
}
