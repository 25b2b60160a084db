import type { Chat, Member } from './chat.js';
import type { Message } from './message.js';

/** `delivered` and `seen` watermarks (DESIGN.md, promise 5). */
export type ReceiptKind = 'delivered' | 'seen';
export type TypingState = 'composing' | 'gone';

export interface ReceiptEvent {
  chatId: string;
  userId: string;
  kind: ReceiptKind;
  /** Everything up to this seq is delivered / seen by the user. */
  seq: number;
  ts: number;
}

export interface TypingEvent {
  chatId: string;
  userId: string;
  nickname: string;
  state: TypingState;
  /** A `composing` notice lapses by itself at this time (ms) unless renewed. */
  expiresAt: number;
}

export interface MemberJoinedEvent {
  chat: Chat;
  member: Member;
  nickname: string;
  isAgent: boolean;
}

/** A member's role changed (made or removed as a group admin). */
export interface MemberUpdatedEvent {
  chatId: string;
  member: Member;
}

export interface MemberLeftEvent {
  chatId: string;
  userId: string;
  ts: number;
}

/**
 * Seed 002's `multimediaMessageStored`: a large image was resized and its `fullsize` rendition stored.
 * Metadata only; the bytes are fetched with the media routes.
 */
export interface MultimediaMessageStoredEvent {
  chatId: string;
  messageId: string;
  messageType: string;
  mediaId: string;
  format: 'fullsize';
  /** Size in bytes of the stored rendition. */
  fileSize: number;
  width: number;
  height: number;
}

/**
 * A live chat's place in its queue, sent to the chat's members (the visitor) whenever it changes:
 * on entering the queue, when chats ahead leave it, and when it is assigned (`state: "active"`,
 * position 0).
 */
export interface LivechatQueueEvent {
  chatId: string;
  state: 'bot' | 'queued' | 'active' | 'ended';
  departmentId: string | null;
  /** 1 for the next chat to be served; 0 when not queued. */
  position: number;
  /** Milliseconds since the chat entered the queue (0 when not queued). */
  waitingMs: number;
  queuedAt: number | null;
}

/** What every live-chat routing event carries: the chat as committed by the change. */
export interface LivechatChange {
  chatId: string;
  chat: Chat;
}

/**
 * A live chat entered a queue: `opened` without an entry bot, handed over by its bot (`handover`), or
 * given back by its agent (`requeued`: the agent went offline, lost their connection or left the chat).
 */
export interface LivechatQueuedEvent extends LivechatChange {
  departmentId: string | null;
  cause: 'opened' | 'handover' | 'requeued';
  /** The agent who had the chat (`requeued`), else null. */
  fromAgentId: string | null;
}

/** An agent took a queued chat: routing gave it, or the agent picked it. */
export interface LivechatAssignedEvent extends LivechatChange {
  departmentId: string | null;
  agentId: string;
}

/** An agent's chat went to another agent (`toAgentId`) or to a department's queue (`toAgentId: null`). */
export interface LivechatTransferredEvent extends LivechatChange {
  departmentId: string | null;
  fromAgentId: string;
  toAgentId: string | null;
  /** Who transferred it (the agent, another agent in the chat, or an admin). */
  byUserId: string;
}

/** A live chat ended with an `endChat` message; nothing more can be sent in it. */
export interface LivechatEndedEvent extends LivechatChange {
  /** The sender of the `endChat` message. */
  endedBy: string;
  ts: number;
}

/**
 * The event catalogue: every server event's name and payload. The seed event names
 * (`message`, `messageSeen`, `isWriting`, …) are facades over these, in the SDK.
 */
export interface EventMap {
  /** A message was committed in a chat the user belongs to. */
  message: Message;
  /** A message changed (deleted for everyone, media processed). */
  'message.updated': Message;
  receipt: ReceiptEvent;
  typing: TypingEvent;
  'member.joined': MemberJoinedEvent;
  'member.left': MemberLeftEvent;
  /** A member's role changed (group admins, seed 004). */
  'member.updated': MemberUpdatedEvent;
  /** A chat's state, title or image changed (a group profile, seed 004; a live chat's routing). */
  'chat.updated': Chat;
  /** A large image of a media message was resized and stored (seed 002). */
  multimediaMessageStored: MultimediaMessageStoredEvent;
  /** A live chat's queue position and waiting time changed (docs/livechat.md). */
  'livechat.queue': LivechatQueueEvent;
  'livechat.queued': LivechatQueuedEvent;
  'livechat.assigned': LivechatAssignedEvent;
  'livechat.transferred': LivechatTransferredEvent;
  'livechat.ended': LivechatEndedEvent;
}

export type EventName = keyof EventMap;

/** A live chat's routing changes: each also reaches sockets as `chat.updated` with its `chat`. */
export const LIVECHAT_EVENT_NAMES = ['livechat.queued', 'livechat.assigned', 'livechat.transferred', 'livechat.ended'] as const satisfies readonly EventName[];
export type LivechatEventName = (typeof LIVECHAT_EVENT_NAMES)[number];

export const EVENT_NAMES = [
  'message',
  'message.updated',
  'receipt',
  'typing',
  'member.joined',
  'member.left',
  'member.updated',
  'chat.updated',
  'multimediaMessageStored',
  'livechat.queue',
  ...LIVECHAT_EVENT_NAMES,
] as const satisfies readonly EventName[];

/** Every event of the catalogue as one discriminated union: narrowing on `event` types `data`. */
export type ParleyEvent = { [E in EventName]: { event: E; data: EventMap[E] } }[EventName];
