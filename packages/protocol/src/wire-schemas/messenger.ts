import Type from 'typebox';
import { FEATURES } from '../features.js';
import { literalUnion } from '../literal-union.js';
import { ChatSchema, MemberSchema, MessageSchema } from './chat.js';

/** The messenger's answers (messenger.ts) as schemas. */

const FeatureSchema = literalUnion(FEATURES);

export const FeatureListSchema = Type.Object({
  plan: Type.String(),
  features: Type.Array(FeatureSchema, { description: 'Every feature in the plan' }),
  available: Type.Record(FeatureSchema, Type.Boolean(), { description: 'Every feature Parley knows, with whether the plan has it' }),
});

export const FavouriteMessageSchema = Type.Object({
  chatId: Type.String(),
  messageId: Type.String(),
  favouritedAt: Type.Integer(),
  message: MessageSchema,
});

export const GroupProfileSchema = Type.Object({ ...ChatSchema.properties, members: Type.Array(MemberSchema) });
