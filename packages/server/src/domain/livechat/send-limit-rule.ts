import { MESSAGE_TYPES } from '@parley/protocol';
import type { MessageRule, SendContext } from '../messages/rules/index.js';
import type { LivechatConfig } from '../../config/index.js';
import { enforceLimits, type RateLimiter } from './rate-limit.js';
import { actingUser, can } from '../../authz/index.js';

/**
 * Visitors' sends are rate limited on every surface (REST, WebSocket, the customer chat API): a
 * customer over `sendsPerVisitor` in the window gets E_RATE_LIMITED with `retryAfter`.
 */
export function visitorSendLimitRule(limiter: RateLimiter, config: LivechatConfig): MessageRule {
  return {
    types: MESSAGE_TYPES,
    async check({ actor }: SendContext): Promise<void> {
      const user = actingUser(actor);
      if (can(actor, 'sendUnmetered') || !user) return;
      await enforceLimits(limiter, [{ key: `send:visitor:${user.id}`, limit: config.rateLimits.sendsPerVisitor }], config.rateLimits.windowMs);
    },
  };
}
