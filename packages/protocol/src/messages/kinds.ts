import { MEDIA_MESSAGE_TYPES, type MediaMessageType, type MessageType } from '../message-types.js';
import { CALL_EVENT_TYPES, type CallEventType } from './call-events.js';
import { CHAT_EVENT_TYPES, type ChatEventType } from './chat-events.js';

/** Events rather than conversation: the call events and endChat / leave. */
export const SYSTEM_MESSAGE_TYPES = [...CALL_EVENT_TYPES, ...CHAT_EVENT_TYPES] as const;
export type SystemMessageType = (typeof SYSTEM_MESSAGE_TYPES)[number];

/** Types that only make sense against another message of the chat (see `referenceOf`). */
export const REFERENCING_MESSAGE_TYPES = [
  'MENU_RESPONSE',
  'QUICK_REPLY_RESPONSE',
  'FORM_RESPONSE',
  'REACTION',
] as const satisfies readonly MessageType[];
export type ReferencingMessageType = (typeof REFERENCING_MESSAGE_TYPES)[number];

const has =
  <T extends string>(values: readonly T[]) =>
  (type: string): type is T =>
    (values as readonly string[]).includes(type);

/** IMAGE, DOCUMENT, AUDIO, VIDEO: a stored file. */
export const isMediaType: (type: string) => type is MediaMessageType = has(MEDIA_MESSAGE_TYPES);
/** The 8 video / screen-sharing events. */
export const isCallEventType: (type: string) => type is CallEventType = has(CALL_EVENT_TYPES);
/** endChat, leave. */
export const isChatEventType: (type: string) => type is ChatEventType = has(CHAT_EVENT_TYPES);
/** Call events and chat events. */
export const isSystemMessageType: (type: string) => type is SystemMessageType = has(SYSTEM_MESSAGE_TYPES);
/** MENU_RESPONSE, QUICK_REPLY_RESPONSE, FORM_RESPONSE, REACTION. */
export const needsReference: (type: string) => type is ReferencingMessageType = has(REFERENCING_MESSAGE_TYPES);
