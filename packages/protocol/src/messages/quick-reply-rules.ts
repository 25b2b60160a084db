import type { QuickReplyContent, QuickReplyResponseContent } from './quick-reply.js';
import { ruleError } from './rule-error.js';

/** Checks a QUICK_REPLY_RESPONSE against the QUICK_REPLY it names: the reply must be one of its replies. */
export function checkQuickReplyResponse(quickReply: QuickReplyContent, response: QuickReplyResponseContent): string {
  if (!quickReply.quickReplies.includes(response.reply)) {
    throw ruleError([{ path: '/content/reply', message: 'not one of the quick replies' }]);
  }
  return response.reply;
}
