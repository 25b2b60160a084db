import type { StoredMessageType } from '@parley/protocol';
import { endChatRule, leaveRule } from './chat-events.js';
import { mentionRule } from './mentions.js';
import { reactionRule } from './reactions.js';
import { responseRule } from './responses.js';
import { senderRule } from './senders.js';
import type { CommitContext, MessageRule, SendContext } from './types.js';

export type { CommitContext, MessageRule, SendContext } from './types.js';
export { maySend, SENDERS, senderKind, type SenderKind } from './senders.js';

/**
 * Every message rule, one file per family. A type with no rule only needs its content schema
 * (validated in @parley/protocol before any rule runs).
 */
export const MESSAGE_RULES: readonly MessageRule[] = [senderRule, mentionRule, responseRule, reactionRule, endChatRule, leaveRule];

/** Rules indexed by type, so a send runs only its own type's rules. */
export class MessageRules {
  private readonly byType = new Map<StoredMessageType, MessageRule[]>();

  constructor(rules: readonly MessageRule[] = MESSAGE_RULES) {
    for (const rule of rules) {
      for (const type of rule.types) {
        const list = this.byType.get(type) ?? [];
        list.push(rule);
        this.byType.set(type, list);
      }
    }
  }

  async check(ctx: SendContext): Promise<void> {
    for (const rule of this.byType.get(ctx.message.messageType) ?? []) await rule.check?.(ctx);
  }

  async afterCommit(ctx: CommitContext): Promise<void> {
    for (const rule of this.byType.get(ctx.row.messageType) ?? []) await rule.afterCommit?.(ctx);
  }
}
