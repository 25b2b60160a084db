import type { ReceiptKind } from '@parley/protocol/wire';

interface Entry {
  id: string;
  senderId: string;
}

/** Newest messages remembered per chat for mapping watermarks to ids. */
const MAX_ENTRIES = 2_000;

/**
 * Turns receipt watermarks into message ids (seed 002's `messageReceived` / `messageSeen` name one
 * message each). Parley keeps receipts as per-member watermarks — "everything up to seq N" — so the
 * ledger remembers the chat's messages by seq and each member's last watermark, and answers which
 * messages a new watermark covers that the old one did not. A member's own messages are never reported
 * as received by them. Pure; one ledger per chat.
 *
 * @example
 * ```ts
 * const ledger = new ReceiptLedger();
 * ledger.record(5, 'm5', 'agent');
 * ledger.advance('visitor', 'seen', 5); // ['m5']
 * ```
 */
export class ReceiptLedger {
  readonly #bySeq = new Map<number, Entry>();
  readonly #marks = new Map<string, number>();

  /**
   * Remembers a message that can be reported (seed types; not notices).
   *
   * @example
   * ```ts
   * ledger.record(message.seq, message.id, message.senderId);
   * ```
   */
  record(seq: number, id: string, senderId: string): void {
    this.#bySeq.set(seq, { id, senderId });
    if (this.#bySeq.size > MAX_ENTRIES) {
      const oldest = Math.min(...this.#bySeq.keys());
      this.#bySeq.delete(oldest);
    }
  }

  /**
   * Sets a member's starting watermark (from the member list) without reporting anything.
   *
   * @example
   * ```ts
   * ledger.start(member.userId, 'seen', member.seenSeq);
   * ```
   */
  start(userId: string, kind: ReceiptKind, seq: number): void {
    const key = `${kind}\u0000${userId}`;
    this.#marks.set(key, Math.max(this.#marks.get(key) ?? 0, seq));
  }

  /**
   * Moves a member's watermark to `seq`; returns the ids of the messages it newly covers, in seq order.
   *
   * @example
   * ```ts
   * for (const id of ledger.advance(receipt.userId, receipt.kind, receipt.seq)) emit(id);
   * ```
   */
  advance(userId: string, kind: ReceiptKind, seq: number): string[] {
    const key = `${kind}\u0000${userId}`;
    const before = this.#marks.get(key) ?? 0;
    if (seq <= before) return [];
    this.#marks.set(key, seq);
    const ids: string[] = [];
    const covered = (s: number, entry: Entry | undefined): void => {
      if (entry && entry.senderId !== userId) ids.push(entry.id);
    };
    if (seq - before <= MAX_ENTRIES) {
      for (let s = before + 1; s <= seq; s++) covered(s, this.#bySeq.get(s));
    } else {
      for (const [s, entry] of [...this.#bySeq].sort((a, b) => a[0] - b[0])) if (s > before && s <= seq) covered(s, entry);
    }
    return ids;
  }
}
