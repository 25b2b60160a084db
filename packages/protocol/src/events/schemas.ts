import Type, { type TSchema } from 'typebox';
import { literalUnion } from '../literal-union.js';
import { ChatSchema, MemberSchema, MessageSchema } from '../wire-schemas/chat.js';
import { LivechatQueueSchema } from '../wire-schemas/livechat.js';
import { EVENT_NAMES, type EventName } from '../events.js';

/**
 * The event catalogue (events.ts) as JSON schemas: one per event's payload, and the union of
 * `{event, data}` they make. The interfaces stay the source for clients (the wire entry point carries
 * no typebox); a test holds every schema to its interface. The server does not
 * validate what it sends with these: they document the wire (docs/events.md) and tests check events
 * against them.
 */

const NullableId = Type.Union([Type.String(), Type.Null()]);
const strict = { additionalProperties: false } as const;

export const ReceiptEventSchema = Type.Object(
  { chatId: Type.String(), userId: Type.String(), kind: literalUnion(['delivered', 'seen'] as const), seq: Type.Integer(), ts: Type.Integer() },
  strict,
);

export const TypingEventSchema = Type.Object(
  {
    chatId: Type.String(),
    userId: Type.String(),
    nickname: Type.String(),
    state: literalUnion(['composing', 'gone'] as const),
    expiresAt: Type.Integer({ description: 'A composing notice lapses at this time (ms) unless renewed' }),
  },
  strict,
);

export const MemberJoinedEventSchema = Type.Object({ chat: ChatSchema, member: MemberSchema, nickname: Type.String(), isAgent: Type.Boolean() }, strict);
export const MemberUpdatedEventSchema = Type.Object({ chatId: Type.String(), member: MemberSchema }, strict);
export const MemberLeftEventSchema = Type.Object({ chatId: Type.String(), userId: Type.String(), ts: Type.Integer() }, strict);

export const MultimediaMessageStoredEventSchema = Type.Object(
  {
    chatId: Type.String(),
    messageId: Type.String(),
    messageType: Type.String(),
    mediaId: Type.String(),
    format: Type.Literal('fullsize'),
    fileSize: Type.Integer({ description: 'Size in bytes of the stored rendition' }),
    width: Type.Integer(),
    height: Type.Integer(),
  },
  strict,
);

const livechatChange = { chatId: Type.String(), chat: ChatSchema };

export const LivechatQueuedEventSchema = Type.Object(
  {
    ...livechatChange,
    departmentId: NullableId,
    cause: literalUnion(['opened', 'handover', 'requeued'] as const),
    fromAgentId: Type.Union([Type.String(), Type.Null()], { description: 'The agent who had the chat (requeued), else null' }),
  },
  strict,
);

export const LivechatAssignedEventSchema = Type.Object({ ...livechatChange, departmentId: NullableId, agentId: Type.String() }, strict);

export const LivechatTransferredEventSchema = Type.Object(
  {
    ...livechatChange,
    departmentId: NullableId,
    fromAgentId: Type.String(),
    toAgentId: Type.Union([Type.String(), Type.Null()], { description: "null when transferred to a department's queue" }),
    byUserId: Type.String(),
  },
  strict,
);

export const LivechatEndedEventSchema = Type.Object({ ...livechatChange, endedBy: Type.String(), ts: Type.Integer() }, strict);

/** Every event's payload schema, by event name. */
export const EVENT_SCHEMAS = {
  message: MessageSchema,
  'message.updated': MessageSchema,
  receipt: ReceiptEventSchema,
  typing: TypingEventSchema,
  'member.joined': MemberJoinedEventSchema,
  'member.left': MemberLeftEventSchema,
  'member.updated': MemberUpdatedEventSchema,
  'chat.updated': ChatSchema,
  multimediaMessageStored: MultimediaMessageStoredEventSchema,
  'livechat.queue': LivechatQueueSchema,
  'livechat.queued': LivechatQueuedEventSchema,
  'livechat.assigned': LivechatAssignedEventSchema,
  'livechat.transferred': LivechatTransferredEventSchema,
  'livechat.ended': LivechatEndedEventSchema,
} as const satisfies { [E in EventName]: TSchema };

/** An event as the union of `{event, data}`: the `data` of each `event` by its schema. */
export const EventSchema = Type.Union(EVENT_NAMES.map((name) => Type.Object({ event: Type.Literal(name), data: EVENT_SCHEMAS[name] }, strict)));
