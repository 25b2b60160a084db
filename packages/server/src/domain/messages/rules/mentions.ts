import { MESSAGE_TYPES, ParleyError } from '@parley/protocol';
import type { MessageRule, SendContext } from './types.js';

/** `mentions` (seed 004 mentionedUsersIds) name current members of the chat, each once at most. */
export const mentionRule: MessageRule = {
  types: MESSAGE_TYPES,
  async check({ chat, message, store }: SendContext): Promise<void> {
    if (message.mentions.length === 0) return;
    const members = new Set((await store.listMembers(chat.id)).map((m) => m.userId));
    const seen = new Set<string>();
    for (const [i, userId] of message.mentions.entries()) {
      const path = `/mentions/${i}`;
      if (!members.has(userId)) throw new ParleyError('E_VALIDATION', `${path}: ${userId} is not a member of the chat`, { path });
      if (seen.has(userId)) throw new ParleyError('E_VALIDATION', `${path}: ${userId} is mentioned twice`, { path });
      seen.add(userId);
    }
  },
};
