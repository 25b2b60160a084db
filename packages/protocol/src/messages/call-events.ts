import Type, { type Static } from 'typebox';
import type { MessageType } from '../message-types.js';
import { contentObject } from './common.js';

/** The video and screen-sharing events of seed 001. */
export const CALL_EVENT_TYPES = [
  'videoRequestedByAgent',
  'videoRequestedByCustomer',
  'videoAccepted',
  'videoRejected',
  'videoStarted',
  'videoEnded',
  'screenSharingStarted',
  'screenSharingEnded',
] as const satisfies readonly MessageType[];
export type CallEventType = (typeof CALL_EVENT_TYPES)[number];

/** Every call event carries which channels are engaged. */
export const CallEventContentSchema = contentObject({ audio: Type.Boolean(), video: Type.Boolean() });
export type CallEventContent = Static<typeof CallEventContentSchema>;
