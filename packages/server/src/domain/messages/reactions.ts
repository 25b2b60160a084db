import { applyReaction, canReactTo, type Message, type MessageReaction } from '@parley/protocol';
import type { Store } from '../../store/index.js';

/**
 * Fills `reactions` on the messages of one chat that can take them, from the store's current
 * reactions (each user's latest REACTION per message), folded in seq order with `applyReaction`.
 */
export async function withReactions(store: Store, chatId: string, messages: Message[]): Promise<Message[]> {
  const targets = messages.filter((m) => !m.deleted && canReactTo(m.messageType));
  if (targets.length === 0) return messages;
  const byMessage = new Map<string, MessageReaction[]>();
  for (const row of await store.listReactions(chatId, targets.map((m) => m.id))) {
    byMessage.set(row.messageId, applyReaction(byMessage.get(row.messageId) ?? [], row.userId, row.emoji));
  }
  for (const message of targets) message.reactions = byMessage.get(message.id) ?? [];
  return messages;
}
