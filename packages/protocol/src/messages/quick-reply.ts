import Type, { type Static } from 'typebox';
import { IdSchema } from '../schemas.js';
import { CONTENT_LIMITS, contentObject, LabelSchema, LongTextSchema } from './common.js';

/** QUICK_REPLY (bot): a title, optional header and footer, and 1 to 3 replies. */
export const QuickReplyContentSchema = contentObject({
  text: LongTextSchema,
  header: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.label })),
  footer: Type.Optional(Type.String({ maxLength: CONTENT_LIMITS.label })),
  quickReplies: Type.Array(LabelSchema, { minItems: 1, maxItems: CONTENT_LIMITS.quickReplies }),
});

/** QUICK_REPLY_RESPONSE: the QUICK_REPLY message answered and the reply chosen. */
export const QuickReplyResponseContentSchema = contentObject({
  quickReplyId: IdSchema,
  reply: LabelSchema,
});

export type QuickReplyContent = Static<typeof QuickReplyContentSchema>;
export type QuickReplyResponseContent = Static<typeof QuickReplyResponseContentSchema>;
