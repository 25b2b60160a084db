import Type, { type Static, type TSchema } from 'typebox';
import type { ErrorBody } from '../errors.js';
import { ErrorBodySchema } from '../error-schema.js';
import { IdSchema, LIMITS } from '../schemas.js';
import { MessageSchema, SeedMessageSchema } from '../wire-schemas/index.js';

/**
 * Seed 000's CTLive REST routes (`/livechat/:domain?/…`), field for field: their parameters and their
 * `{result, data, error}` answers. Response schemas list every field the seed writes, since the
 * server's serializer drops any field a schema leaves out.
 */

/** Every CTLive answer: `{result, data, error}`; a failure has `result: false`, `data: null` and the error. */
export interface CtliveAnswer<T> {
  result: boolean;
  data: T | null;
  error: ErrorBody | null;
}

/** A success answer around `data`. */
export function ctliveAnswerSchema<T extends TSchema>(data: T) {
  return Type.Object({ result: Type.Boolean(), data, error: Type.Null() });
}

export const CtliveFailureSchema = Type.Object({ result: Type.Boolean(), data: Type.Null(), error: ErrorBodySchema });

/** The tenant's domain, optional in every path (`/livechat/getChatHistory/…` or `/livechat/acme/getChatHistory/…`). */
const Domain = Type.Optional(Type.String({ minLength: 1, maxLength: 64 }));
export const CtliveDomainParamsSchema = Type.Object({ domain: Domain });
export const CtliveChatParamsSchema = Type.Object({ domain: Domain, chatId: IdSchema });
export const CtliveMessageParamsSchema = Type.Object({ domain: Domain, messageId: IdSchema });
export const CtliveDocumentParamsSchema = Type.Object({ domain: Domain, chatId: IdSchema, messageId: IdSchema });

export const MultimediaFormatQuerySchema = Type.Object(
  { format: Type.Optional(Type.Union([Type.Literal('fullsize'), Type.Literal('thumbnail'), Type.Literal('link')])) },
  { additionalProperties: false },
);

/** The chat id as CTLive clients spell it (`chatId`, `chatID`). */
export const EndContactBodySchema = Type.Object({ chatId: Type.Optional(IdSchema), chatID: Type.Optional(IdSchema) });
export type EndContactBody = Static<typeof EndContactBodySchema>;

/** The text as `text` or `message`; `id` makes the send idempotent. */
export const SendTextBodySchema = Type.Object({
  text: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.textLength })),
  message: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.textLength })),
  id: Type.Optional(IdSchema),
});
export type SendTextBody = Static<typeof SendTextBodySchema>;

export const ChatHistoryAnswerSchema = ctliveAnswerSchema(Type.Array(SeedMessageSchema));

export const ContactTranscriptSchema = Type.Object({
  chatID: Type.String(),
  domain: Type.String(),
  savedAt: Type.Union([Type.Integer(), Type.Null()], { description: 'When the transcript was saved (the chat ended), in ms; null while open' }),
  transcript: Type.Array(SeedMessageSchema),
  html: Type.String({ description: 'The transcript as a readable HTML page' }),
});
export type ContactTranscript = Static<typeof ContactTranscriptSchema>;
export const ContactTranscriptAnswerSchema = ctliveAnswerSchema(ContactTranscriptSchema);

export const EndedContactSchema = Type.Object({ chatID: Type.String() });
export type EndedContact = Static<typeof EndedContactSchema>;
export const EndedContactAnswerSchema = ctliveAnswerSchema(EndedContactSchema);

export const SentTextAnswerSchema = ctliveAnswerSchema(MessageSchema);

/** `downloadDocument`: the file's bytes, with its sniffed Content-Type (the whole file, or a range). */
export const DocumentBytesSchema = Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description: 'The file, with its sniffed Content-Type' });
