import Type, { type Static } from 'typebox';
import { ErrorBodySchema } from '../error-schema.js';
import { literalUnion } from '../literal-union.js';
import { IdSchema } from '../schemas.js';

/**
 * Seed 003's customer chat Web Services API (`/api/v2`), field for field: what a customer's client
 * sends and what it gets back. Response schemas list every field the seed writes, since the server's
 * serializer drops any field a schema leaves out.
 */

export const CUSTOMER_OPERATIONS = [
  'RequestChat',
  'GetChat',
  'GetMessages',
  'SendMessage',
  'SendStartTypingNotification',
  'SendStopTypingNotification',
  'Complete',
] as const;
export type CustomerOperationName = (typeof CUSTOMER_OPERATIONS)[number];

export const CUSTOMER_ENTRY_TYPES = [
  'Text',
  'ParticipantJoined',
  'ParticipantLeft',
  'ParticipantRejoined',
  'TypingStarted',
  'TypingStopped',
  'TranscriptSaveDone',
  'Notice',
] as const;
export type CustomerEntryType = (typeof CUSTOMER_ENTRY_TYPES)[number];

/** Customers are `Customer`, agents `Agent`, bots `External`; API keys and the server `System`. */
export const CustomerParticipantSchema = Type.Object(
  {
    nickname: Type.String(),
    participantId: Type.String(),
    type: literalUnion(['Customer', 'Agent', 'External', 'System'] as const),
  },
  { additionalProperties: false },
);
export type CustomerParticipant = Static<typeof CustomerParticipantSchema>;
export type CustomerParticipantType = CustomerParticipant['type'];

/** One entry of GetMessages: `index` is the message's seq (typing entries: the newest index held). */
export const CustomerEntrySchema = Type.Object(
  {
    from: CustomerParticipantSchema,
    index: Type.Integer({ minimum: 0 }),
    text: Type.Optional(Type.String()),
    type: literalUnion(CUSTOMER_ENTRY_TYPES),
  },
  { additionalProperties: false },
);
export type CustomerEntry = Static<typeof CustomerEntrySchema>;

export const CustomerChatStateSchema = literalUnion(['WaitingForAgent', 'Chatting', 'Idle'] as const);
export type CustomerChatState = Static<typeof CustomerChatStateSchema>;

/** The operations a chat allows in its state (its `capabilities`); RequestChat is never one. */
const CapabilitySchema = literalUnion(['GetChat', 'GetMessages', 'SendMessage', 'SendStartTypingNotification', 'SendStopTypingNotification', 'Complete'] as const);
export type CustomerCapability = Static<typeof CapabilitySchema>;

/** 0: done; 1: failed, retry later; 2: failed for good (the chat is over, or the request is wrong). */
export type CustomerStatusCode = 0 | 1 | 2;
const Done = Type.Literal(0);
const strict = { additionalProperties: false } as const;

/** The fields a call may carry in its body (JSON or a form) or its query string. */
const requestFields = {
  operationName: Type.Optional(literalUnion(CUSTOMER_OPERATIONS)),
  secureKey: Type.Optional(Type.String({ description: 'What RequestChat answered; the SecureKey header works too' })),
  nickname: Type.Optional(Type.String({ description: 'RequestChat: the customer’s name (required)' })),
  subject: Type.Optional(Type.String()),
  emailAddress: Type.Optional(Type.String()),
  email: Type.Optional(Type.String()),
  endpoint: Type.Optional(Type.String({ description: 'RequestChat: the page the customer is on' })),
  message: Type.Optional(Type.String({ description: 'SendMessage: the text' })),
  text: Type.Optional(Type.String({ description: 'SendMessage: the text, when `message` is absent' })),
  index: Type.Optional(
    Type.Union([Type.Integer({ minimum: 0 }), Type.String()], {
      description: 'GetMessages: 0 for everything; without it, what this client has not received yet',
    }),
  ),
};

export const CustomerRequestBodySchema = Type.Object(requestFields);
export const CustomerRequestQuerySchema = Type.Object(requestFields);
export const CustomerChatParamsSchema = Type.Object({ id: IdSchema });
export const CustomerHeadersSchema = Type.Object({
  contactcenterid: Type.Optional(Type.String({ description: 'ContactCenterId: names the tenant (required)' })),
  securekey: Type.Optional(Type.String({ description: 'SecureKey: what RequestChat answered' })),
});

export const RequestChatResponseSchema = Type.Object(
  {
    id: Type.String(),
    path: Type.String({ description: '/api/v2/chats/{id}' }),
    secureKey: Type.String(),
    alias: Type.String({ description: 'The tenant’s domain' }),
    userId: Type.String(),
    statusCode: Done,
  },
  strict,
);
export type RequestChatResponse = Static<typeof RequestChatResponseSchema>;

export const GetChatResponseSchema = Type.Object(
  {
    chat: Type.Object(
      { id: Type.String(), state: CustomerChatStateSchema, participants: Type.Array(CustomerParticipantSchema), capabilities: Type.Array(CapabilitySchema) },
      strict,
    ),
    statusCode: Done,
  },
  strict,
);
export type GetChatResponse = Static<typeof GetChatResponseSchema>;

export const GetMessagesResponseSchema = Type.Object({ messages: Type.Array(CustomerEntrySchema), statusCode: Done }, strict);
export type GetMessagesResponse = Static<typeof GetMessagesResponseSchema>;

export const SendMessageResponseSchema = Type.Object({ statusCode: Done, index: Type.Integer({ description: 'The index of the message sent' }) }, strict);
export type SendMessageResponse = Static<typeof SendMessageResponseSchema>;

/** Typing notifications and Complete. */
export const CustomerDoneResponseSchema = Type.Object({ statusCode: Done }, strict);
export type CustomerDoneResponse = Static<typeof CustomerDoneResponseSchema>;

/**
 * What `/api/v2/chats/{id}` answers: its `operationName` picks one. Each member is closed, so exactly
 * one matches whatever the operation answered.
 */
export const CustomerOperationResponseSchema = Type.Union([GetChatResponseSchema, GetMessagesResponseSchema, SendMessageResponseSchema, CustomerDoneResponseSchema]);
export type CustomerOperationResponse = Static<typeof CustomerOperationResponseSchema>;

/** Every failure: `statusCode` 1 (retry) or 2, the message, and the error under `errors`. */
export const CustomerErrorResponseSchema = Type.Object(
  { statusCode: Type.Union([Type.Literal(1), Type.Literal(2)]), message: Type.String(), errors: Type.Array(ErrorBodySchema) },
  strict,
);
export type CustomerErrorResponse = Static<typeof CustomerErrorResponseSchema>;
