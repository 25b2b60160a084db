import { applyReaction, type Message, type MessageReaction } from '@parley/protocol/wire';

/** A chat's messages by seq: merging is idempotent, so replays, history pages and acks never duplicate. */
export type MessageMap = ReadonlyMap<number, Message>;

/** Adds or replaces messages (a later `message.updated` replaces the stored one). Returns a new map when anything changed. */
export function mergeMessages(current: MessageMap, incoming: readonly Message[], replace = false): MessageMap {
  let next: Map<number, Message> | null = null;
  for (const m of incoming) {
    const known = current.get(m.seq);
    if (known === m || (known && !replace)) continue;
    next ??= new Map(current);
    next.set(m.seq, m);
  }
  return next ?? current;
}

/** One row of the visible timeline: a message with its current reactions folded in. */
export interface TimelineItem {
  message: Message;
  reactions: MessageReaction[];
}

/**
 * The visible timeline, in seq order: REACTION messages are folded into their targets (the target's
 * server-derived `reactions`, then every REACTION of the loaded log in seq order, so the latest per
 * user wins) and not shown themselves.
 */
export function timeline(messages: MessageMap): TimelineItem[] {
  const sorted = [...messages.values()].sort((a, b) => a.seq - b.seq);
  const byId = new Map<string, TimelineItem>();
  const out: TimelineItem[] = [];
  for (const message of sorted) {
    if (message.messageType === 'REACTION') {
      const target = byId.get(message.replyTo);
      const emoji = typeof message.content.emoji === 'string' ? message.content.emoji : '';
      if (target) target.reactions = applyReaction(target.reactions, message.content.user.id, emoji);
      continue;
    }
    const item: TimelineItem = { message, reactions: message.reactions ?? [] };
    byId.set(message.id, item);
    out.push(item);
  }
  return out;
}

/** The lowest seq loaded (for paging up), or undefined. */
export function oldestSeq(messages: MessageMap): number | undefined {
  let min: number | undefined;
  for (const seq of messages.keys()) if (min === undefined || seq < min) min = seq;
  return min;
}

/** The highest seq loaded, or 0. */
export function newestSeq(messages: MessageMap): number {
  let max = 0;
  for (const seq of messages.keys()) if (seq > max) max = seq;
  return max;
}
