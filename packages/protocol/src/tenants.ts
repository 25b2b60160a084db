import Type, { type Static } from 'typebox';
import { FEATURES } from './features.js';
import { literalUnion } from './literal-union.js';
import { IdSchema } from './schemas.js';

/**
 * The admin API's tenant shapes: what an operator sends to create or change a tenant and its plan,
 * and the tenant it gets back. The same schemas validate the config file's `tenants` section and the
 * command line's flags, so every surface refuses an unknown feature alike.
 */

export const FeatureSchema = literalUnion(FEATURES);

const strict = { additionalProperties: false } as const;
export const DomainSchema = Type.String({ minLength: 1, maxLength: 64, pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]*$' });
const PlanNameSchema = Type.String({ minLength: 1, maxLength: 100 });

/** A plan as an operator sets it: `features` replaces the whole list; what is left out is kept. */
export const PlanInputSchema = Type.Object(
  {
    name: Type.Optional(PlanNameSchema),
    features: Type.Optional(Type.Array(FeatureSchema, { maxItems: FEATURES.length * 2, description: `Any of: ${FEATURES.join(', ')}` })),
  },
  strict,
);

export const CreateTenantSchema = Type.Object(
  { domain: DomainSchema, name: Type.Optional(Type.String({ maxLength: 200 })), plan: Type.Optional(PlanInputSchema) },
  strict,
);

export const UpdateTenantSchema = Type.Object({ name: Type.Optional(Type.String({ maxLength: 200 })), plan: Type.Optional(PlanInputSchema) }, strict);

export const PlanSchema = Type.Object({
  name: Type.String(),
  features: Type.Array(FeatureSchema),
  limits: Type.Object({ maxFileBytes: Type.Integer(), maxMessagesPerMinute: Type.Integer() }),
  media: Type.Optional(Type.Object({ allowPrivateFileUrls: Type.Optional(Type.Boolean()) })),
  webhooks: Type.Optional(Type.Object({ allowPrivateUrls: Type.Optional(Type.Boolean()) })),
});

/** A tenant as the admin API answers it. */
export const TenantSchema = Type.Object({
  id: IdSchema,
  domain: Type.String(),
  name: Type.String(),
  contactCenterId: Type.String({ description: "The customer chat API's ContactCenterId header" }),
  plan: PlanSchema,
  allowedOrigins: Type.Array(Type.String()),
  createdAt: Type.Integer(),
});

export const TenantResponseSchema = Type.Object({ tenant: TenantSchema });
export const CreatedTenantResponseSchema = Type.Object({
  tenant: TenantSchema,
  adminKey: Type.String({ description: 'The new tenant’s first admin API key, shown once' }),
});

export type PlanInput = Static<typeof PlanInputSchema>;
export type CreateTenantInput = Static<typeof CreateTenantSchema>;
export type UpdateTenantInput = Static<typeof UpdateTenantSchema>;
export type TenantView = Static<typeof TenantSchema>;
