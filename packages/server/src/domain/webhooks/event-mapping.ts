import type { WebhookDataMap, WebhookEventType } from '@parley/protocol';
import type { DomainEvent } from '../../events/dispatcher.js';

/** A domain event as a webhook event: its type, data, and the user it was caused by (if a message). */
export interface WebhookEvent {
  type: WebhookEventType;
  tenantId: string;
  chatId: string;
  data: WebhookDataMap[WebhookEventType];
  /** The sender of a message event (a bot's endpoint does not get its own messages back). */
  senderId: string | null;
  /** The user a member event is about. */
  memberId: string | null;
}

/**
 * Maps the committed events webhooks carry; the rest (receipts, typing, queue positions, media
 * renditions) are for sockets only and give null. A live chat's routing events carry their data as
 * they are: `livechat.queued` → chat.queued, `assigned` → chat.assigned, `transferred` →
 * chat.transferred, `ended` → chat.ended.
 */
export function toWebhookEvent(event: DomainEvent): WebhookEvent | null {
  const base = { tenantId: event.tenantId, chatId: event.chatId, senderId: null, memberId: null };
  switch (event.event) {
    case 'message':
      return { ...base, type: 'message.created', data: { chatId: event.chatId, message: event.data }, senderId: event.data.senderId };
    case 'message.updated':
      return { ...base, type: 'message.updated', data: { chatId: event.chatId, message: event.data }, senderId: event.data.senderId };
    case 'member.joined':
      return { ...base, type: 'member.joined', data: { chatId: event.chatId, ...event.data }, memberId: event.data.member.userId };
    case 'member.left':
      return { ...base, type: 'member.left', data: { ...event.data, chatId: event.chatId }, memberId: event.data.userId };
    case 'chat.updated':
      return { ...base, type: 'chat.updated', data: { chatId: event.chatId, chat: event.data } };
    case 'livechat.queued':
      return { ...base, type: 'chat.queued', data: event.data };
    case 'livechat.assigned':
      return { ...base, type: 'chat.assigned', data: event.data };
    case 'livechat.transferred':
      return { ...base, type: 'chat.transferred', data: event.data };
    case 'livechat.ended':
      return { ...base, type: 'chat.ended', data: event.data };
    default:
      return null;
  }
}
