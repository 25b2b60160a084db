import { canReactTo, ParleyError, referenceOf, type ReactionContent } from '@parley/protocol';
import { referencedMessage } from './referenced-message.js';
import type { MessageRule, SendContext } from './types.js';

/**
 * A REACTION names its message in `replyTo`: a message of the chat that can take reactions (not a
 * reaction, not a call or chat event) and is not deleted. Each REACTION stays in the log; the current
 * reactions derive from it (`Store.listReactions`, `applyReaction`): a user's later reaction on the
 * same message replaces the earlier one, an empty emoji removes it. The REACTION event itself tells
 * every member what changed.
 */
export const reactionRule: MessageRule = {
  types: ['REACTION'],
  async check(ctx: SendContext): Promise<void> {
    const ref = referenceOf('REACTION', ctx.message.content as ReactionContent, ctx.message.replyTo);
    if (ref === null) return;
    const target = await referencedMessage(ctx, ref);
    if (!canReactTo(target.messageType)) {
      const message = `a ${target.messageType} message cannot take reactions`;
      throw new ParleyError('E_VALIDATION', `/replyTo: ${message}`, { path: '/replyTo', details: [{ path: '/replyTo', message }] });
    }
  },
};
