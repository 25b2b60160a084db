import type { Static } from 'typebox';
import type { MessageType } from '../message-types.js';
import { contentObject } from './common.js';

/** endChat ends a live chat; leave removes the sender from the chat. */
export const CHAT_EVENT_TYPES = ['endChat', 'leave'] as const satisfies readonly MessageType[];
export type ChatEventType = (typeof CHAT_EVENT_TYPES)[number];

/** No fields: the server adds the sender (`user`). */
export const ChatEventContentSchema = contentObject({});
export type ChatEventContent = Static<typeof ChatEventContentSchema>;
