import {
  checkFormResponse,
  checkMenuResponse,
  checkQuickReplyResponse,
  referenceOf,
  type FormContent,
  type FormResponseContent,
  type MenuContent,
  type MenuResponseContent,
  type QuickReplyContent,
  type QuickReplyResponseContent,
} from '@parley/protocol';
import { referencedMessage } from './referenced-message.js';
import type { MessageRule, SendContext } from './types.js';

/**
 * MENU_RESPONSE, QUICK_REPLY_RESPONSE and FORM_RESPONSE answer a message of their chat: the menu's
 * option, one of the quick replies, the form's fields. What is stored is the answer as the question
 * defines it: the menu's own option id and targetUrl, the form's fields with the submitted values.
 */
export const responseRule: MessageRule = {
  types: ['MENU_RESPONSE', 'QUICK_REPLY_RESPONSE', 'FORM_RESPONSE'],
  async check(ctx: SendContext): Promise<void> {
    const { message } = ctx;
    switch (message.messageType) {
      case 'MENU_RESPONSE': {
        const response = message.content as MenuResponseContent;
        const menu = await referencedMessage(ctx, { kind: 'menu', messageId: response.menuId });
        const option = checkMenuResponse(menu.content as MenuContent, response);
        const answered: MenuResponseContent = {
          menuId: response.menuId,
          option: option.targetUrl === undefined ? { id: option.id } : { id: option.id, targetUrl: option.targetUrl },
        };
        message.content = answered;
        return;
      }
      case 'QUICK_REPLY_RESPONSE': {
        const response = message.content as QuickReplyResponseContent;
        const quickReply = await referencedMessage(ctx, { kind: 'quickReply', messageId: response.quickReplyId });
        checkQuickReplyResponse(quickReply.content as QuickReplyContent, response);
        return;
      }
      case 'FORM_RESPONSE': {
        const response = message.content as FormResponseContent;
        const ref = referenceOf('FORM_RESPONSE', response, message.replyTo);
        if (ref === null) return;
        const form = await referencedMessage(ctx, ref);
        message.content = checkFormResponse(form.content as FormContent, response);
        return;
      }
      default:
        return;
    }
  },
};
