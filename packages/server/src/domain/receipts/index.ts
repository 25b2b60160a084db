import { ParleyError, ReceiptSchema, validator, type ReceiptEvent } from '@parley/protocol';
import type { Store } from '../../store/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { Actor } from '../actor.js';
import { requireUser } from '../../authz/index.js';
import type { ChatAccess } from '../chats/access.js';
import type { CommitQueue } from '../commit-queue.js';

const receiptInput = validator(ReceiptSchema);

/**
 * Receipts are per-member watermarks (DESIGN.md promise 5): "delivered up to seq" and "seen up to seq",
 * each with its time. They only move up; `seen` implies `delivered`.
 */
export class ReceiptService {
  constructor(
    private readonly store: Store,
    private readonly access: ChatAccess,
    private readonly writer: CommitQueue,
    private readonly events: EventDispatcher,
  ) {}

  /** Moves the caller's watermark; resolves to the watermark after the call. */
  async mark(actor: Actor, raw: unknown): Promise<{ seq: number }> {
    const input = receiptInput.parse(raw);
    const { user } = requireUser(actor, 'Receipts belong to a user');
    const { chat, member } = await this.access.member(actor, input.chatId);
    if (input.seq > this.access.knownLastSeq(chat)) {
      // What this node has seen may be behind the log; only the store can say the seq does not exist.
      const lastSeq = (await this.store.getChat(chat.id))?.lastSeq ?? 0;
      if (input.seq > lastSeq) throw new ParleyError('E_VALIDATION', `seq ${input.seq} is past the last message (${lastSeq})`, { path: '/seq' });
    }
    const at = Date.now();
    const kinds = input.kind === 'seen' ? (['delivered', 'seen'] as const) : (['delivered'] as const);
    const moves = await Promise.all(kinds.map((kind) => this.writer.advance({ chatId: chat.id, userId: user.id, kind, seq: input.seq, at })));
    let mark = input.kind === 'seen' ? (member?.seenSeq ?? 0) : (member?.deliveredSeq ?? 0);
    kinds.forEach((kind, i) => {
      const moved = moves[i];
      if (!moved) return;
      mark = kind === 'seen' ? moved.seenSeq : moved.deliveredSeq;
      const event: ReceiptEvent = { chatId: chat.id, userId: user.id, kind, seq: input.seq, ts: at };
      this.events.chat(chat.tenantId, chat.id, 'receipt', event);
    });
    // The last move's row holds every mark of this call (they were written in order, in one commit).
    const latest = moves.filter((row) => row !== null).at(-1);
    if (latest) this.access.rememberMember(latest);
    return { seq: Math.max(mark, input.seq) };
  }
}
