import Type from 'typebox';
import { literalUnion } from './literal-union.js';
import { MESSAGE_TYPES } from './message-types.js';
import { CHAT_KINDS, MEMBER_ROLES, USER_KINDS } from './chat.js';

/** Limits that every surface enforces the same way. */
export const LIMITS = {
  idLength: 200,
  textLength: 4096,
  mentions: 100,
  historyPage: 100,
  resumeChats: 5000,
  nickname: 100,
  title: 200,
} as const;


/** Ids: printable, no whitespace or control characters (covers uuids, `wamid.…`, `m_…`, `USER_x@y`). */
export const IdSchema = Type.String({ minLength: 1, maxLength: LIMITS.idLength, pattern: '^[^\\s\\x00-\\x1f\\x7f]+$' });
export const SeqSchema = Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER });

export const MessageTypeSchema = literalUnion(MESSAGE_TYPES);
export const ChatKindSchema = literalUnion(CHAT_KINDS);
export const UserKindSchema = literalUnion(USER_KINDS);
export const MemberRoleSchema = literalUnion(MEMBER_ROLES);

export const SendMessageSchema = Type.Object(
  {
    chatId: IdSchema,
    id: Type.Optional(IdSchema),
    messageType: MessageTypeSchema,
    content: Type.Record(Type.String(), Type.Unknown()),
    replyTo: Type.Optional(Type.String({ maxLength: LIMITS.idLength })),
    mentions: Type.Optional(Type.Array(IdSchema, { maxItems: LIMITS.mentions })),
  },
  { additionalProperties: false },
);

export const ReceiptSchema = Type.Object(
  { chatId: IdSchema, kind: literalUnion(['delivered', 'seen'] as const), seq: SeqSchema },
  { additionalProperties: false },
);

export const TypingSchema = Type.Object(
  { chatId: IdSchema, state: literalUnion(['composing', 'gone'] as const) },
  { additionalProperties: false },
);

export const HistoryQuerySchema = Type.Object(
  {
    chatId: IdSchema,
    position: Type.Optional(literalUnion(['up', 'down'] as const)),
    fromSeq: Type.Optional(SeqSchema),
    lastRowId: Type.Optional(IdSchema),
    limit: Type.Optional(Type.Integer({ minimum: 1, maximum: LIMITS.historyPage })),
  },
  { additionalProperties: false },
);

export const ResumeSchema = Type.Object(
  {
    cursors: Type.Record(Type.String({ maxLength: LIMITS.idLength }), SeqSchema, { maxProperties: LIMITS.resumeChats }),
    epoch: Type.Optional(Type.String({ maxLength: 100 })),
  },
  { additionalProperties: false },
);

/** A JWT is three base64url parts; 4 KiB is far above any token Parley issues. */
export const AuthSchema = Type.Object(
  { token: Type.String({ minLength: 1, maxLength: 4096 }) },
  { additionalProperties: false },
);

export const EmptySchema = Type.Object({}, { additionalProperties: false });

export const ClientFrameSchema = Type.Object(
  {
    op: Type.String({ maxLength: 50 }),
    rid: Type.Union([Type.String({ maxLength: 100 }), Type.Integer()]),
    data: Type.Optional(Type.Unknown()),
  },
  { additionalProperties: false },
);

export const CreateChatSchema = Type.Object(
  {
    kind: ChatKindSchema,
    title: Type.Optional(Type.String({ maxLength: LIMITS.title })),
    members: Type.Array(
      Type.Object({ userId: IdSchema, role: Type.Optional(MemberRoleSchema) }, { additionalProperties: false }),
      { maxItems: 1000 },
    ),
  },
  { additionalProperties: false },
);

export const CreateUserSchema = Type.Object(
  {
    id: Type.Optional(IdSchema),
    kind: UserKindSchema,
    nickname: Type.String({ minLength: 1, maxLength: LIMITS.nickname }),
    profile: Type.Optional(
      Type.Object(
        {
          userAgent: Type.Optional(Type.String({ maxLength: 1000 })),
          firstUri: Type.Optional(Type.String({ maxLength: 2000 })),
          firstTitle: Type.Optional(Type.String({ maxLength: 500 })),
          channel: Type.Optional(Type.String({ maxLength: 50 })),
          firstIP: Type.Optional(Type.String({ maxLength: 100 })),
          email: Type.Optional(Type.String({ maxLength: 320 })),
        },
        { additionalProperties: false },
      ),
    ),
  },
  { additionalProperties: false },
);
