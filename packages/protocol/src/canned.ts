import Type, { type Static } from 'typebox';
import { literalUnion } from './literal-union.js';
import { IdSchema } from './schemas.js';

/**
 * Canned responses: texts agents insert in the composer by typing `/shortcut`. Personal ones belong to
 * one agent; team ones are shared by the whole tenant, department ones by the agents serving that
 * department. `{{visitor.name}}` and `{{agent.name}}` in the text are filled in by the client when the
 * agent inserts it (the server stores the text as written).
 */

const strict = { additionalProperties: false } as const;

export const CANNED_LIMITS = { shortcut: 32, text: 2000, personalPerAgent: 200, sharedPerTenant: 1000 } as const;

export const CannedScopeSchema = literalUnion(['personal', 'team', 'department'] as const);

const ShortcutSchema = Type.String({
  minLength: 1,
  maxLength: CANNED_LIMITS.shortcut,
  pattern: '^[a-z0-9][a-z0-9_-]*$',
  description: 'What the agent types after `/`: lower-case letters, digits, `_` and `-`',
});
const CannedTextSchema = Type.String({ minLength: 1, maxLength: CANNED_LIMITS.text, description: 'May hold {{visitor.name}} and {{agent.name}}' });

export const CannedResponseSchema = Type.Object({
  id: IdSchema,
  shortcut: Type.String(),
  text: Type.String(),
  scope: CannedScopeSchema,
  departmentId: Type.Union([IdSchema, Type.Null()], { description: 'The department of a `department` response, else null' }),
  ownerId: Type.Union([IdSchema, Type.Null()], { description: 'The agent of a `personal` response, else null' }),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
});

export const CreateCannedSchema = Type.Object(
  { shortcut: ShortcutSchema, text: CannedTextSchema, scope: CannedScopeSchema, departmentId: Type.Optional(IdSchema) },
  strict,
);

export const UpdateCannedSchema = Type.Object(
  {
    shortcut: Type.Optional(ShortcutSchema),
    text: Type.Optional(CannedTextSchema),
    scope: Type.Optional(CannedScopeSchema),
    departmentId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
  },
  strict,
);

export const CannedResponseResponseSchema = Type.Object({ cannedResponse: CannedResponseSchema });
export const CannedResponsesResponseSchema = Type.Object({ cannedResponses: Type.Array(CannedResponseSchema) });

export type CannedScope = Static<typeof CannedScopeSchema>;
export type CannedResponse = Static<typeof CannedResponseSchema>;
export type CreateCannedInput = Static<typeof CreateCannedSchema>;
export type UpdateCannedInput = Static<typeof UpdateCannedSchema>;
