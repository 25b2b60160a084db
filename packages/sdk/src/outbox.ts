import type { Message, SendMessageInput } from '@parley/protocol/wire';
import { ParleyClientError } from './errors.js';

/** A send whose client id is fixed: retries carry the same id, so the server stores it once. */
export type OutgoingMessage = SendMessageInput & { id: string };

/** Where a pending send stands. */
export type OutboxStatus =
  /** Waits for a connection (or for the flush after a resume). */
  | 'queued'
  /** On the wire, waiting for its ack. */
  | 'inflight'
  /** Waits out a retry delay after a retriable error. */
  | 'waiting';

/** One send that has no ack yet. */
export interface OutboxEntry {
  readonly id: string;
  readonly data: OutgoingMessage;
  status: OutboxStatus;
  /** Retriable server errors so far. */
  retries: number;
  /** The callers waiting for the ack: one per `send` with this id. Each is settled exactly once. */
  readonly waiters: { resolve: (message: Message) => void; reject: (error: Error) => void }[];
}

/**
 * The sends that have no ack yet, in the order they were made, bounded. A send with the id of one
 * already pending joins it: both callers get the same ack.
 *
 * @example
 * ```ts
 * const outbox = new Outbox(1_000);
 * const entry = outbox.add(data, { resolve, reject });
 * for (const e of outbox.queued()) transmit(e);
 * outbox.settle(entry.id, ackedMessage);
 * ```
 */
export class Outbox {
  readonly #entries = new Map<string, OutboxEntry>();
  readonly #limit: number;

  /** @param limit How many sends may wait for an ack at once; one more is refused. */
  constructor(limit = 1_000) {
    this.#limit = limit;
  }

  /**
   * Adds a send, or joins the pending one with the same id. Throws `E_OUTBOX_FULL` past the bound.
   *
   * @example
   * ```ts
   * const entry = outbox.add({ ...input, id: crypto.randomUUID() }, { resolve, reject });
   * ```
   */
  add(data: OutgoingMessage, waiter: OutboxEntry['waiters'][number]): OutboxEntry {
    const existing = this.#entries.get(data.id);
    if (existing) {
      existing.waiters.push(waiter);
      return existing;
    }
    if (this.#entries.size >= this.#limit) {
      throw new ParleyClientError(
        'E_OUTBOX_FULL',
        `${this.#entries.size} sends are waiting for their ack (the limit); wait for some to finish`,
      );
    }
    const entry: OutboxEntry = { id: data.id, data, status: 'queued', retries: 0, waiters: [waiter] };
    this.#entries.set(data.id, entry);
    return entry;
  }

  /**
   * The pending send with this id.
   *
   * @example
   * ```ts
   * outbox.get(id)?.status; // 'inflight'
   * ```
   */
  get(id: string): OutboxEntry | undefined {
    return this.#entries.get(id);
  }

  /**
   * The sends waiting for a connection, oldest first.
   *
   * @example
   * ```ts
   * for (const entry of outbox.queued()) transmit(entry);
   * ```
   */
  queued(): OutboxEntry[] {
    return [...this.#entries.values()].filter((e) => e.status === 'queued');
  }

  /**
   * Puts every in-flight send back in the queue (its connection closed).
   *
   * @example
   * ```ts
   * transport.onClose(() => outbox.requeueInflight());
   * ```
   */
  requeueInflight(): void {
    for (const e of this.#entries.values()) if (e.status === 'inflight') e.status = 'queued';
  }

  /**
   * Removes a send and resolves its callers with the acked message.
   *
   * @example
   * ```ts
   * outbox.settle(ack.id, ack);
   * ```
   */
  settle(id: string, message: Message): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    for (const w of entry.waiters) w.resolve(message);
  }

  /**
   * Removes a send and rejects its callers.
   *
   * @example
   * ```ts
   * outbox.fail(id, error);
   * ```
   */
  fail(id: string, error: Error): void {
    const entry = this.#entries.get(id);
    if (!entry) return;
    this.#entries.delete(id);
    for (const w of entry.waiters) w.reject(error);
  }

  /**
   * Rejects and removes every pending send (the client stopped for good).
   *
   * @example
   * ```ts
   * outbox.failAll(new ParleyClientError('E_STOPPED', 'user disabled'));
   * ```
   */
  failAll(error: Error): void {
    for (const id of [...this.#entries.keys()]) this.fail(id, error);
  }

  /**
   * How many sends wait for an ack.
   *
   * @example
   * ```ts
   * badge.textContent = String(outbox.size);
   * ```
   */
  get size(): number {
    return this.#entries.size;
  }
}
