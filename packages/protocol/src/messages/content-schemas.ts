import type { Static, TSchema } from 'typebox';
import type { MessageType } from '../message-types.js';
import { CallEventContentSchema, type CallEventContent } from './call-events.js';
import { ChatEventContentSchema, type ChatEventContent } from './chat-events.js';
import { ContactsContentSchema, type ContactsContent } from './contacts.js';
import { FormContentSchema, FormResponseContentSchema, type FormContent, type FormResponseContent } from './form.js';
import { LinkContentSchema, type LinkContent } from './link.js';
import { LocationContentSchema, type LocationContent } from './location.js';
import { MediaContentSchema, type MediaContent } from './media.js';
import {
  MenuContentSchema,
  MenuResponseContentSchema,
  type MenuContent,
  type MenuResponseContent,
} from './menu.js';
import {
  QuickReplyContentSchema,
  QuickReplyResponseContentSchema,
  type QuickReplyContent,
  type QuickReplyResponseContent,
} from './quick-reply.js';
import { ReactionContentSchema, type ReactionContent } from './reaction.js';
import { TextContentSchema, type TextContent } from './text.js';

/**
 * Content schema per message type: the fields a sender sets. `user`, `ts`, `deliverySuccess` and
 * `messageSeen` are set by the server and rejected here as unknown fields.
 */
export const CONTENT_SCHEMAS = {
  TEXT: TextContentSchema,
  IMAGE: MediaContentSchema,
  DOCUMENT: MediaContentSchema,
  LINK: LinkContentSchema,
  AUDIO: MediaContentSchema,
  VIDEO: MediaContentSchema,
  MENU: MenuContentSchema,
  MENU_RESPONSE: MenuResponseContentSchema,
  QUICK_REPLY: QuickReplyContentSchema,
  QUICK_REPLY_RESPONSE: QuickReplyResponseContentSchema,
  FORM: FormContentSchema,
  FORM_RESPONSE: FormResponseContentSchema,
  REACTION: ReactionContentSchema,
  CONTACTS: ContactsContentSchema,
  LOCATION: LocationContentSchema,
  videoRequestedByAgent: CallEventContentSchema,
  videoRequestedByCustomer: CallEventContentSchema,
  videoAccepted: CallEventContentSchema,
  videoRejected: CallEventContentSchema,
  videoStarted: CallEventContentSchema,
  videoEnded: CallEventContentSchema,
  screenSharingStarted: CallEventContentSchema,
  screenSharingEnded: CallEventContentSchema,
  endChat: ChatEventContentSchema,
  leave: ChatEventContentSchema,
} as const satisfies Record<MessageType, TSchema>;

/** The content type of each message type. */
export interface ContentByType {
  TEXT: TextContent;
  IMAGE: MediaContent;
  DOCUMENT: MediaContent;
  LINK: LinkContent;
  AUDIO: MediaContent;
  VIDEO: MediaContent;
  MENU: MenuContent;
  MENU_RESPONSE: MenuResponseContent;
  QUICK_REPLY: QuickReplyContent;
  QUICK_REPLY_RESPONSE: QuickReplyResponseContent;
  FORM: FormContent;
  FORM_RESPONSE: FormResponseContent;
  REACTION: ReactionContent;
  CONTACTS: ContactsContent;
  LOCATION: LocationContent;
  videoRequestedByAgent: CallEventContent;
  videoRequestedByCustomer: CallEventContent;
  videoAccepted: CallEventContent;
  videoRejected: CallEventContent;
  videoStarted: CallEventContent;
  videoEnded: CallEventContent;
  screenSharingStarted: CallEventContent;
  screenSharingEnded: CallEventContent;
  endChat: ChatEventContent;
  leave: ChatEventContent;
}

/** Any message's content. */
export type AnyContent = ContentByType[MessageType];

/** A message type with its content, discriminated by `messageType`. */
export type TypedContent = { [T in MessageType]: { messageType: T; content: ContentByType[T] } }[MessageType];

// Compile-time guard: the named types above are exactly what the schemas infer.
type Inferred = { [T in MessageType]: Static<(typeof CONTENT_SCHEMAS)[T]> };
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _contentTypesMatchSchemas: Same<Inferred, ContentByType> = true;
void _contentTypesMatchSchemas;
