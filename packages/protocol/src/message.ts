import { isMessageType, type MessageType, type StoredMessageType } from './message-types.js';

/**
 * The sender as a message carries it. Seed 001 exports `{id, isAgent}` ("semplified user object");
 * events also carry the nickname, which seed 002's listeners read (`event.content.user.nickname`).
 */
export interface MessageUser {
  id: string;
  isAgent: boolean;
  nickname?: string;
}

/** Where a forwarded message came from. */
export interface ForwardedFrom {
  chatId: string;
  messageId: string;
}

/**
 * The current reactions on a message, derived from the chat's REACTION messages (the log is the one
 * fact): per user, their latest REACTION on the message counts, and an empty emoji removes it.
 */
export interface MessageReaction {
  emoji: string;
  /** Who reacted with this emoji, in the order they did. */
  userIds: string[];
}

/** Message content as stored: the per-type fields, without the sender (the server adds `user`). */
export type MessageContentInput = Record<string, unknown>;

/** Message content as delivered: the per-type fields plus the sender. */
export type MessageContent = MessageContentInput & { user: MessageUser };

/**
 * A message, Parley's native form: the seed 001 data object plus the chat, the per-chat `seq`
 * and the messenger fields of seed 004.
 */
export interface Message {
  /** The chat ("room" in seed 001). */
  chatId: string;
  /** Position in the chat: 1, 2, 3… gap-free. The customer API's `index` is the same number. */
  seq: number;
  id: string;
  /** One of the 25 seed types, or `notice` (a server-written log entry, see NOTICE_TYPE). */
  messageType: StoredMessageType;
  /** Milliseconds since the epoch, set by the server at commit. */
  ts: number;
  senderId: string;
  content: MessageContent;
  /** Id of the message replied to, or "" (seed 001). */
  replyTo: string;
  mentions: string[];
  forwardedFrom: ForwardedFrom | null;
  deliverySuccess: boolean;
  deliveryErrorReason: string;
  /**
   * When another member first saw it (ms): their first receipt or send at or past it. Never changes once
   * set; null when unseen. An imported message keeps the value it was imported with.
   */
  messageSeen: number | null;
  /** Deleted for everyone: content is replaced by the deleted marker. */
  deleted: boolean;
  /**
   * Current reactions, grouped by emoji (first reacted first). Filled on history and single-message
   * reads of messages that can take reactions; absent on live `message` events (a REACTION event says
   * what changed; `message.updated` then carries the target with its reactions).
   */
  reactions?: MessageReaction[];
}

/** The seed 001 export and event form: `{data: {...}, room}`, field for field. */
export interface SeedMessage {
  data: {
    id: string;
    messageType: MessageType;
    ts: number;
    deliverySuccess: boolean;
    deliveryErrorReason: string;
    messageSeen: number | null;
    replyTo: string;
    content: MessageContentInput & { user: { id: string; isAgent: boolean } };
  };
  room: string;
}

/** A message of one of the 25 seed types (not a `notice` log entry): what seed 001 objects hold. */
export type SeedTypedMessage = Message & { messageType: MessageType };

export function isSeedTypedMessage(message: Message): message is SeedTypedMessage {
  return isMessageType(message.messageType);
}

/** Renders a message as the seed 001 object; the user keeps only `id` and `isAgent`, as the seed shows. */
export function toSeedMessage(message: SeedTypedMessage): SeedMessage {
  const { user, ...fields } = message.content;
  return {
    data: {
      replyTo: message.replyTo,
      id: message.id,
      messageType: message.messageType,
      content: { ...fields, user: { id: user.id, isAgent: user.isAgent } },
      ts: message.ts,
      deliverySuccess: message.deliverySuccess,
      deliveryErrorReason: message.deliveryErrorReason,
      messageSeen: message.messageSeen,
    },
    room: message.chatId,
  };
}

/** What a client sends to create a message. */
export interface SendMessageInput {
  chatId: string;
  /** Client-chosen id (uuid, or a channel's id for trusted senders). Makes the send idempotent. */
  id?: string;
  messageType: MessageType;
  content: MessageContentInput;
  replyTo?: string;
  mentions?: string[];
}
