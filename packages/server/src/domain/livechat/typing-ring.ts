import type { TypingEvent, TypingState } from '@parley/protocol';
import type { Bus, BusMessage } from '../../bus/index.js';

/** A typing notice kept for the customer chat API's pollers (TypingStarted / TypingStopped). */
export interface TypingEntry {
  /** Increasing on this node. */
  id: number;
  chatId: string;
  userId: string;
  nickname: string;
  state: TypingState;
  at: number;
}

const PER_CHAT = 20;
/** A chat nobody polled for this long is no longer watched. */
const WATCH_MS = 10 * 60_000;
const MAX_CHATS = 50_000;

/**
 * Typing is ephemeral (never in the log), but a polling client can only see what is kept for it: this
 * small in-memory ring keeps the last typing notices of the chats polled through the customer chat
 * API. It listens to the bus, so typing from any node is seen; the ring itself is per node — a poller
 * that alternates between nodes may miss or repeat a typing entry (the log entries are unaffected).
 */
export class TypingRing {
  private nextId = 1;
  private readonly rings = new Map<string, { entries: TypingEntry[]; watchedUntil: number }>();

  constructor(bus: Bus) {
    bus.subscribe((m) => this.observe(m));
  }

  /** Starts (or keeps) recording a chat's typing notices. */
  watch(chatId: string, now = Date.now()): void {
    const ring = this.rings.get(chatId);
    if (ring) {
      ring.watchedUntil = now + WATCH_MS;
      return;
    }
    if (this.rings.size >= MAX_CHATS) this.forgetIdle(now);
    this.rings.set(chatId, { entries: [], watchedUntil: now + WATCH_MS });
  }

  /** The chat's typing entries after `afterId`, oldest first. */
  since(chatId: string, afterId: number): TypingEntry[] {
    return (this.rings.get(chatId)?.entries ?? []).filter((e) => e.id > afterId);
  }

  /** The id of the newest entry (of any chat): a cursor that skips everything before now. */
  get lastId(): number {
    return this.nextId - 1;
  }

  private observe(m: BusMessage): void {
    if (m.kind !== 'chat' || m.event !== 'typing') return;
    const ring = this.rings.get(m.chatId);
    if (!ring) return;
    const { data } = JSON.parse(m.frame) as { data: TypingEvent };
    ring.entries.push({ id: this.nextId++, chatId: m.chatId, userId: data.userId, nickname: data.nickname, state: data.state, at: m.at ?? Date.now() });
    if (ring.entries.length > PER_CHAT) ring.entries.shift();
  }

  private forgetIdle(now: number): void {
    for (const [chatId, ring] of this.rings) if (ring.watchedUntil < now) this.rings.delete(chatId);
    if (this.rings.size >= MAX_CHATS) this.rings.clear();
  }
}
