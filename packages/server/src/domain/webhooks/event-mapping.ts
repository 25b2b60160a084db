import type { Chat, WebhookDataMap, WebhookEventType } from '@parley/protocol';
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
 * renditions) are for sockets only and give null. A live chat's state change is named by the new
 * state: `queued` → chat.queued, `active` → chat.assigned, `ended` → chat.ended.
 */
export function toWebhookEvent(event: DomainEvent): WebhookEvent | null {
  const base = { tenantId: event.tenantId, chatId: event.chatId, senderId: null, memberId: null };
  switch (event.event) {
    case 'message': {
      const message = (event as DomainEvent<'message'>).data;
      return { ...base, type: 'message.created', data: { chatId: event.chatId, message }, senderId: message.senderId };
    }
    case 'message.updated': {
      const message = (event as DomainEvent<'message.updated'>).data;
      return { ...base, type: 'message.updated', data: { chatId: event.chatId, message }, senderId: message.senderId };
    }
    case 'member.joined': {
      const data = (event as DomainEvent<'member.joined'>).data;
      return { ...base, type: 'member.joined', data: { chatId: event.chatId, ...data }, memberId: data.member.userId };
    }
    case 'member.left': {
      const data = (event as DomainEvent<'member.left'>).data;
      return { ...base, type: 'member.left', data: { ...data, chatId: event.chatId }, memberId: data.userId };
    }
    case 'chat.updated': {
      const chat = (event as DomainEvent<'chat.updated'>).data;
      return { ...base, type: chatEventType(chat), data: { chatId: event.chatId, chat } };
    }
    default:
      return null;
  }
}

function chatEventType(chat: Chat): WebhookEventType {
  if (chat.kind !== 'livechat' && chat.state !== 'ended') return 'chat.updated';
  switch (chat.state) {
    case 'queued':
      return 'chat.queued';
    case 'active':
      return 'chat.assigned';
    case 'ended':
      return 'chat.ended';
    default:
      return 'chat.updated';
  }
}
