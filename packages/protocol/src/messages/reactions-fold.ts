import type { MessageReaction } from '../message.js';

/**
 * Applies one REACTION to a message's current reactions: the user's previous reaction (if any) is
 * replaced by `emoji`, and an empty emoji removes it. Groups keep the order they were first used in;
 * an emptied group goes. The server derives `Message.reactions` this way from the log, and a client
 * folds each live REACTION event (`replyTo` = the target, `content.user.id`, `content.emoji`) the same way.
 *
 * @example
 * let reactions: MessageReaction[] = [];
 * reactions = applyReaction(reactions, 'u1', '👍'); // [{emoji: '👍', userIds: ['u1']}]
 * reactions = applyReaction(reactions, 'u1', '🎉'); // [{emoji: '🎉', userIds: ['u1']}]
 * reactions = applyReaction(reactions, 'u1', '');   // []
 */
export function applyReaction(current: readonly MessageReaction[], userId: string, emoji: string): MessageReaction[] {
  const next: MessageReaction[] = [];
  for (const group of current) {
    const userIds = group.userIds.filter((id) => id !== userId);
    if (group.emoji === emoji) userIds.push(userId);
    if (userIds.length > 0) next.push({ emoji: group.emoji, userIds });
  }
  if (emoji !== '' && !next.some((group) => group.emoji === emoji)) next.push({ emoji, userIds: [userId] });
  return next;
}
