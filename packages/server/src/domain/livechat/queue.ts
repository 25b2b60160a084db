import type { LivechatQueueEvent } from '@parley/protocol';
import type { ChatRow, LivechatRow, Store } from '../../store/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';

/** A chat's place in its queue, as the visitor sees it. */
export type QueueStatus = LivechatQueueEvent;

/**
 * Queue positions and waiting times. Position counts the chats of the same department (or of the
 * general queue) that entered it earlier, plus one.
 */
export class QueueView {
  constructor(
    private readonly store: Store,
    private readonly events: EventDispatcher,
  ) {}

  async status(chat: ChatRow, row: LivechatRow, now = Date.now()): Promise<QueueStatus> {
    const state = chat.state === 'open' ? 'active' : chat.state;
    if (state !== 'queued') return { chatId: chat.id, state, departmentId: row.departmentId, position: 0, waitingMs: 0, queuedAt: row.queuedAt };
    const queue = await this.store.livechat.listQueue(row.tenantId, row.departmentId);
    const index = queue.findIndex((q) => q.chatId === chat.id);
    return {
      chatId: chat.id,
      state,
      departmentId: row.departmentId,
      position: index < 0 ? queue.length + 1 : index + 1,
      waitingMs: row.queuedAt === null ? 0 : Math.max(0, now - row.queuedAt),
      queuedAt: row.queuedAt,
    };
  }

  /** Tells every queued chat of the tenant (or of one queue) where it stands now. */
  async broadcast(tenantId: string, departmentId?: string | null): Promise<void> {
    const now = Date.now();
    const queue = await this.store.livechat.listQueue(tenantId, departmentId);
    const positions = new Map<string, number>();
    for (const row of queue) {
      const key = row.departmentId ?? '';
      const position = (positions.get(key) ?? 0) + 1;
      positions.set(key, position);
      this.events.chat(tenantId, row.chatId, 'livechat.queue', {
        chatId: row.chatId,
        state: 'queued',
        departmentId: row.departmentId,
        position,
        waitingMs: row.queuedAt === null ? 0 : Math.max(0, now - row.queuedAt),
        queuedAt: row.queuedAt,
      });
    }
  }

  /** Tells one chat's members its state changed out of the queue (assigned, ended). */
  left(chat: Pick<ChatRow, 'id' | 'tenantId'>, row: LivechatRow, state: LivechatQueueEvent['state']): void {
    this.events.chat(chat.tenantId, chat.id, 'livechat.queue', {
      chatId: chat.id,
      state,
      departmentId: row.departmentId,
      position: 0,
      waitingMs: 0,
      queuedAt: row.queuedAt,
    });
  }
}
