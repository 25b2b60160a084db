import { CLOSE_CODES } from '@parley/protocol';
import type { GatewayServices } from './gateway-services.js';
import type { Connection } from './connection.js';
import { replayChat } from './replay.js';

/** Connections caught up at once after a bus outage, so the store is not hit by all of them together. */
const CONCURRENCY = 8;

export interface CatchUpHooks {
  subscribe(conn: Connection, chatId: string): void;
  unsubscribe(conn: Connection, chatId: string): void;
  logError(err: unknown, context: Record<string, unknown>): void;
}

/**
 * After the bus may have dropped events (Redis was away, a peer could not publish, a node died
 * with unpublished commits), brings every connection back in line with the store, the truth: what
 * each one misses past its delivered mark is replayed in seq order while its live events wait, and
 * memberships that changed meanwhile are (un)subscribed. A connection still resuming, or one too
 * far behind, is closed with 1001 so its client reconnects and resumes.
 */
export async function catchUpAll(services: GatewayServices, conns: readonly Connection[], maxPerChat: number, hooks: CatchUpHooks): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < conns.length) {
      const conn = conns[next++] as Connection;
      await catchUp(services, conn, maxPerChat, hooks);
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENCY, conns.length) }, worker));
}

async function catchUp(services: GatewayServices, conn: Connection, maxPerChat: number, hooks: CatchUpHooks): Promise<void> {
  if (conn.isClosed) return;
  if (!conn.isLive) {
    conn.close(CLOSE_CODES.GOING_AWAY, 'events may have been missed; resume');
    return;
  }
  conn.hold();
  const covered = new Map<string, number>();
  try {
    const memberships = await services.messages.finder.memberships(conn.tenantId, conn.userId);
    const current = new Set(memberships.map((m) => m.chatId));
    for (const chatId of [...conn.chats]) if (!current.has(chatId)) hooks.unsubscribe(conn, chatId);
    for (const { chatId, lastSeq } of memberships) {
      if (conn.isClosed) return;
      if (!conn.chats.has(chatId)) {
        // Joined while this node heard nothing: live from here; the client learns of it on its next resume.
        hooks.subscribe(conn, chatId);
        conn.delivered.start(chatId, lastSeq);
        continue;
      }
      const mark = conn.delivered.mark(chatId);
      if (!mark) {
        conn.delivered.start(chatId, lastSeq);
        continue;
      }
      if (mark.upTo >= lastSeq) continue;
      if (mark.lost || lastSeq - mark.upTo > maxPerChat) {
        // Too much to replay, or which seqs it already has is no longer known: its client resumes.
        conn.close(CLOSE_CODES.GOING_AWAY, 'too far behind; resume');
        return;
      }
      const { through } = await replayChat(services, conn, chatId, mark.upTo, lastSeq, mark.delivered);
      covered.set(chatId, through);
    }
  } catch (err) {
    hooks.logError(err, { connectionId: conn.id, during: 'catch-up' });
    // The store is away too: the client resumes from its own cursors once it reconnects.
    conn.close(CLOSE_CODES.GOING_AWAY, 'could not catch up; resume');
  } finally {
    conn.release(covered);
  }
}
