import type { TypingEvent } from '@parley/protocol/wire';

/**
 * Seed 002's `isWriting` from Parley's typing notices: `true` on `composing`, `false` on `gone` — and
 * `false` when a `composing` lapses at its `expiresAt` without being renewed (the server sends no
 * event then). Repeated `composing` renewals report `true` once.
 *
 * @example
 * ```ts
 * const tracker = new TypingTracker((userId, writing, nickname) => emit({ bwrite: writing }));
 * client.on('typing', (t) => tracker.offer(t));
 * ```
 */
export class TypingTracker {
  readonly #writing = new Map<string, { timer: ReturnType<typeof setTimeout>; nickname: string }>();
  readonly #report: (userId: string, writing: boolean, nickname: string) => void;

  constructor(report: (userId: string, writing: boolean, nickname: string) => void) {
    this.#report = report;
  }

  /**
   * Takes one typing notice of the chat.
   *
   * @example
   * ```ts
   * tracker.offer({ chatId, userId, nickname, state: 'composing', expiresAt: Date.now() + 6000 });
   * ```
   */
  offer(t: TypingEvent): void {
    const current = this.#writing.get(t.userId);
    if (current) clearTimeout(current.timer);
    if (t.state === 'gone') {
      this.#writing.delete(t.userId);
      if (current) this.#report(t.userId, false, t.nickname);
      return;
    }
    const timer = setTimeout(() => this.stop(t.userId), Math.max(0, t.expiresAt - Date.now()));
    this.#writing.set(t.userId, { timer, nickname: t.nickname });
    if (!current) this.#report(t.userId, true, t.nickname);
  }

  /**
   * The user stopped (their typing lapsed, or a message from them arrived): reports `false` if they
   * were writing.
   *
   * @example
   * ```ts
   * tracker.stop(message.senderId);
   * ```
   */
  stop(userId: string): void {
    const current = this.#writing.get(userId);
    if (!current) return;
    clearTimeout(current.timer);
    this.#writing.delete(userId);
    this.#report(userId, false, current.nickname);
  }

  /**
   * Forgets everyone, reporting nothing (the contact closed).
   *
   * @example
   * ```ts
   * tracker.clear();
   * ```
   */
  clear(): void {
    for (const { timer } of this.#writing.values()) clearTimeout(timer);
    this.#writing.clear();
  }
}
