import Type from 'typebox';
import { WEBHOOK_EVENT_TYPES } from '../webhooks.js';
import { literalUnion } from '../literal-union.js';
import { NullableTimeSchema } from './chat.js';

/** The webhook admin API's answers (webhooks.ts, docs/webhooks.md) as schemas. */

const NullableString = Type.Union([Type.String(), Type.Null()]);
const NullableInteger = Type.Union([Type.Integer(), Type.Null()]);

const HealthSchema = Type.Object({
  state: literalUnion(['healthy', 'failing', 'paused'] as const),
  consecutiveFailures: Type.Integer(),
  pausedAt: NullableTimeSchema,
  lastError: NullableString,
  lastFailureAt: NullableTimeSchema,
  nextAttemptAt: NullableTimeSchema,
  pending: Type.Integer({ description: 'Deliveries waiting, counted up to the backlog limit' }),
  dropped: Type.Integer({ description: 'Events not queued because the backlog was full or the endpoint paused' }),
});

export const WebhookEndpointSchema = Type.Object({
  id: Type.String(),
  url: Type.String(),
  description: Type.String(),
  events: Type.Array(Type.String(), { description: 'Subscribed event types; ["*"] is every type' }),
  active: Type.Boolean(),
  botUserId: NullableString,
  entryBot: Type.Boolean(),
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
  health: HealthSchema,
  secret: Type.Optional(Type.String({ description: 'Only in the answers of create and rotate-secret' })),
});

/** The body Parley posted; `data` differs per event type (docs/webhooks.md). */
const WebhookPayloadSchema = Type.Object({
  id: Type.String(),
  type: Type.String({ description: `One of: ${WEBHOOK_EVENT_TYPES.join(', ')}` }),
  tenant: Type.String(),
  occurredAt: Type.Integer(),
  data: Type.Object({}, { additionalProperties: true, description: 'The event type’s own fields' }),
});

const AttemptSchema = Type.Object({
  attempt: Type.Integer(),
  startedAt: Type.Integer(),
  durationMs: Type.Number(),
  statusCode: NullableInteger,
  error: NullableString,
  responseBody: Type.String(),
});

export const WebhookDeliverySchema = Type.Object({
  id: Type.String(),
  endpointId: Type.String(),
  eventId: Type.String(),
  eventType: Type.String(),
  chatId: NullableString,
  status: literalUnion(['pending', 'delivered', 'failed'] as const),
  attempts: Type.Integer(),
  nextAttemptAt: NullableTimeSchema,
  lastStatusCode: NullableInteger,
  lastError: NullableString,
  replayOf: NullableString,
  createdAt: Type.Integer(),
  updatedAt: Type.Integer(),
  payload: Type.Optional(WebhookPayloadSchema),
  attemptLog: Type.Optional(Type.Array(AttemptSchema)),
});
