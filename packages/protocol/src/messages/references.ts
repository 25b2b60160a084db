import { isMessageType, type MessageType, type StoredMessageType } from '../message-types.js';
import type { ContentByType, TypedContent } from './content-schemas.js';
import { isSystemMessageType } from './kinds.js';
import { ruleError } from './rule-error.js';

/**
 * The message a message depends on. `form` with `messageId: null` means "the latest FORM of the chat":
 * seed 001's FORM_RESPONSE carries no form id, so it answers the chat's latest FORM unless the
 * message's `replyTo` names one.
 */
export type MessageReference =
  | { kind: 'menu' | 'quickReply' | 'reaction'; messageId: string }
  | { kind: 'form'; messageId: string | null };

export type ReferenceKind = MessageReference['kind'];

/** The message type a reference must land on; a reaction may target any message `canReactTo` allows. */
export const REFERENCE_TARGET_TYPES = {
  menu: 'MENU',
  quickReply: 'QUICK_REPLY',
  form: 'FORM',
  reaction: null,
} as const satisfies Record<ReferenceKind, MessageType | null>;

/**
 * Which message a new message refers to, for the server to load (same chat) and check with
 * `checkMenuResponse`, `checkQuickReplyResponse` or `checkFormResponse`; null when the type refers to
 * none. MENU_RESPONSE → `menuId`; QUICK_REPLY_RESPONSE → `quickReplyId`; REACTION → `replyTo`
 * (required: E_VALIDATION at `/replyTo`); FORM_RESPONSE → `replyTo`, or the latest FORM when empty.
 */
export function referenceOf<T extends MessageType>(
  messageType: T,
  content: ContentByType[T],
  replyTo?: string | null,
): MessageReference | null {
  const typed = { messageType, content } as TypedContent;
  const target = replyTo ?? '';
  switch (typed.messageType) {
    case 'MENU_RESPONSE':
      return { kind: 'menu', messageId: typed.content.menuId };
    case 'QUICK_REPLY_RESPONSE':
      return { kind: 'quickReply', messageId: typed.content.quickReplyId };
    case 'REACTION':
      if (target === '') throw ruleError([{ path: '/replyTo', message: 'a reaction names its message in replyTo' }]);
      return { kind: 'reaction', messageId: target };
    case 'FORM_RESPONSE':
      return { kind: 'form', messageId: target === '' ? null : target };
    default:
      return null;
  }
}

/** Whether a reaction may target a message of this type: not another reaction, not a system event or notice. */
export function canReactTo(messageType: StoredMessageType): boolean {
  return isMessageType(messageType) && messageType !== 'REACTION' && !isSystemMessageType(messageType);
}
