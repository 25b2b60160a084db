import Type from 'typebox';
import { CHAT_KINDS, LIVECHAT_STATES, MEMBER_ROLES, USER_KINDS } from '../chat.js';
import { MESSAGE_TYPES, NOTICE_TYPE } from '../message-types.js';
import { literalUnion } from '../literal-union.js';

/**
 * The core wire shapes (chat.ts, message.ts, frames.ts) as schemas: REST routes declare them as their
 * responses, so the OpenAPI document shows them and the serializer writes exactly these fields. The
 * TypeScript interfaces stay the source for clients; a test holds each schema to its interface.
 */

/** A time in ms since the epoch, or null when it has not happened. */
export const NullableTimeSchema = Type.Union([Type.Integer(), Type.Null()]);

export const VisitorProfileSchema = Type.Object({
  userAgent: Type.Optional(Type.String()),
  firstUri: Type.Optional(Type.String()),
  firstTitle: Type.Optional(Type.String()),
  channel: Type.Optional(Type.String()),
  firstIP: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
});

export const UserSchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  kind: literalUnion(USER_KINDS),
  nickname: Type.String(),
  profile: VisitorProfileSchema,
  createdAt: Type.Integer(),
});

const chatFields = {
  id: Type.String(),
  tenantId: Type.String(),
  kind: literalUnion(CHAT_KINDS),
  state: literalUnion([...LIVECHAT_STATES, 'open'] as const),
  title: Type.String(),
  lastSeq: Type.Integer({ description: 'The seq of the newest message; 0 when empty' }),
  createdAt: Type.Integer(),
  createdBy: Type.String(),
  image: Type.Optional(Type.String({ description: "A group's image (an URL or a media id)" })),
};

export const ChatSchema = Type.Object(chatFields);

export const MemberSchema = Type.Object({
  chatId: Type.String(),
  userId: Type.String(),
  role: literalUnion(MEMBER_ROLES),
  joinedAt: Type.Integer(),
  leftAt: NullableTimeSchema,
  deliveredSeq: Type.Integer(),
  deliveredAt: NullableTimeSchema,
  seenSeq: Type.Integer(),
  seenAt: NullableTimeSchema,
});

export const MessageUserSchema = Type.Object({ id: Type.String(), isAgent: Type.Boolean(), nickname: Type.Optional(Type.String()) });

export const MessageSchema = Type.Object({
  chatId: Type.String(),
  seq: Type.Integer(),
  id: Type.String(),
  messageType: literalUnion([...MESSAGE_TYPES, NOTICE_TYPE] as const),
  ts: Type.Integer(),
  senderId: Type.String(),
  content: Type.Object(
    { user: MessageUserSchema },
    { additionalProperties: true, description: "The message type's own fields (docs/messages.md), plus the sender" },
  ),
  replyTo: Type.String(),
  mentions: Type.Array(Type.String()),
  forwardedFrom: Type.Union([Type.Object({ chatId: Type.String(), messageId: Type.String() }), Type.Null()]),
  deliverySuccess: Type.Boolean(),
  deliveryErrorReason: Type.String(),
  messageSeen: NullableTimeSchema,
  deleted: Type.Boolean(),
  reactions: Type.Optional(Type.Array(Type.Object({ emoji: Type.String(), userIds: Type.Array(Type.String()) }))),
});

export const ChatSummarySchema = Type.Object({
  ...chatFields,
  unreadCount: Type.Integer(),
  muted: Type.Boolean(),
  archived: Type.Boolean(),
  lastMessage: Type.Union([MessageSchema, Type.Null()]),
  members: Type.Array(MemberSchema),
});

export const HistoryPageSchema = Type.Object({
  messages: Type.Array(MessageSchema),
  hasMore: Type.Boolean({ description: 'More messages lie further in the direction of the query' }),
});

const SeedTime = Type.Union([Type.Integer(), Type.Literal('')]);

/** Seed 000's user object (`SeedUser`). */
export const SeedUserSchema = Type.Object({
  id: Type.String(),
  nickname: Type.String(),
  isAgent: Type.Boolean(),
  beginTime: SeedTime,
  endTime: SeedTime,
  isOnline: Type.Boolean(),
  userAgent: Type.String(),
  firstUri: Type.String(),
  firstTitle: Type.String(),
  channel: Type.String(),
  firstIP: Type.String(),
});

/** Seed 001's message object `{data, room}` (`SeedMessage`). */
export const SeedMessageSchema = Type.Object({
  data: Type.Object({
    id: Type.String(),
    messageType: literalUnion(MESSAGE_TYPES),
    ts: Type.Integer(),
    deliverySuccess: Type.Boolean(),
    deliveryErrorReason: Type.String(),
    messageSeen: NullableTimeSchema,
    replyTo: Type.String(),
    content: Type.Object(
      { user: Type.Object({ id: Type.String(), isAgent: Type.Boolean() }) },
      { additionalProperties: true, description: "The message type's own fields, plus the sender" },
    ),
  }),
  room: Type.String(),
});
