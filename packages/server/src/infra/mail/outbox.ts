import type { ComposedMail } from './compose.js';
import type { Mailer } from './smtp-mailer.js';

/**
 * The node's door to mail: sends now (the caller reports `mailed`) or in the background (the caller
 * answers at once, so a request's timing says nothing about whether a mail went out), and knows
 * what is still on its way (shutdown waits for it; tests wait for it before asserting "no mail").
 */
export class MailOutbox {
  private readonly pending = new Set<Promise<boolean>>();

  constructor(private readonly mailer: Mailer | undefined) {}

  /** Whether mail can be sent at all (an SMTP URL is configured). */
  get enabled(): boolean {
    return this.mailer !== undefined;
  }

  /** Sends and waits (bounded by the mail time limit): `true` when the SMTP server accepted it. */
  send(to: string, mail: ComposedMail, purpose: string): Promise<boolean> {
    if (!this.mailer) return Promise.resolve(false);
    const sending = this.mailer.send(to, mail, purpose);
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
    return sending;
  }

  /** Sends without waiting; failures are logged by the mailer, never thrown. */
  post(to: string, mail: ComposedMail, purpose: string): void {
    void this.send(to, mail, purpose);
  }

  /** Resolves when every mail handed over so far is sent or given up. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  /** Waits for mail on its way, then closes the SMTP connections. */
  async close(): Promise<void> {
    await this.idle();
    this.mailer?.close();
  }
}
