import Type from 'typebox';
import type { Chat, Member } from './chat.js';
import type { Message } from './message.js';
import type { LivechatAssignedEvent, LivechatEndedEvent, LivechatQueuedEvent, LivechatTransferredEvent } from './events.js';
import { IdSchema } from './schemas.js';
import { literalUnion } from './literal-union.js';

/**
 * The event types a webhook endpoint can subscribe to (docs/webhooks.md). Live-chat routing changes
 * are named by what happened: `chat.queued` (waiting for an agent), `chat.assigned` (an agent took it),
 * `chat.transferred` (to another agent or queue), `chat.ended`; other changes of a chat are `chat.updated`.
 */
export const WEBHOOK_EVENT_TYPES = [
  'message.created',
  'message.updated',
  'member.joined',
  'member.left',
  'chat.queued',
  'chat.assigned',
  'chat.transferred',
  'chat.ended',
  'chat.updated',
] as const;
export type WebhookEventType = (typeof WEBHOOK_EVENT_TYPES)[number];

/** `data` of each webhook event type. Every one names its chat; a live chat's are its live-chat event's. */
export interface WebhookDataMap {
  'message.created': { chatId: string; message: Message };
  'message.updated': { chatId: string; message: Message };
  'member.joined': { chatId: string; chat: Chat; member: Member; nickname: string; isAgent: boolean };
  'member.left': { chatId: string; userId: string; ts: number };
  'chat.queued': LivechatQueuedEvent;
  'chat.assigned': LivechatAssignedEvent;
  'chat.transferred': LivechatTransferredEvent;
  'chat.ended': LivechatEndedEvent;
  'chat.updated': { chatId: string; chat: Chat };
}

/**
 * The JSON body Parley posts to an endpoint. `id` identifies the event: the same in every retry and
 * replay of it and for every endpoint it goes to, so receivers dedupe by it.
 */
export interface WebhookPayload<T extends WebhookEventType = WebhookEventType> {
  id: string;
  type: T;
  /** The tenant's id. */
  tenant: string;
  /** When the event was committed (ms since the epoch). */
  occurredAt: number;
  data: WebhookDataMap[T];
}

/** The headers of a webhook request (lower case, as Node reads them). */
export const WEBHOOK_HEADERS = {
  /** The event id (the body's `id`). */
  eventId: 'parley-webhook-id',
  /** Unix time in seconds at which this attempt was signed. */
  timestamp: 'parley-webhook-timestamp',
  /** `v1=<hex HMAC-SHA256(secret, "<timestamp>.<raw body>")>`. */
  signature: 'parley-webhook-signature',
  /** The delivery (one event to one endpoint; a replay is a new delivery). */
  deliveryId: 'parley-delivery-id',
  /** 1 for the first attempt of a delivery. */
  attempt: 'parley-delivery-attempt',
} as const;

/** A webhook endpoint as the admin API shows it (the secret only when created or rotated). */
export interface WebhookEndpoint {
  id: string;
  url: string;
  description: string;
  /** Subscribed types; `["*"]` is every type. */
  events: string[];
  active: boolean;
  /** The bot user this endpoint speaks for: it then gets the events of the chats that bot is in. */
  botUserId: string | null;
  /** Whether its bot is the tenant's entry bot (new live chats start with it, in state `bot`). */
  entryBot: boolean;
  createdAt: number;
  updatedAt: number;
  /** How delivery to it goes: its failures in a row, its backoff and its circuit (docs/webhooks.md). */
  health: WebhookEndpointHealth;
  /** Only in the answers of create and rotate. */
  secret?: string;
}

/**
 * `healthy`: its last attempt was delivered (or none failed yet). `failing`: its last attempts failed;
 * it waits out its backoff between attempts. `paused`: failed too often in a row; only a probe now
 * and then until a probe is delivered or an admin resumes it.
 */
export type WebhookEndpointState = 'healthy' | 'failing' | 'paused';

export interface WebhookEndpointHealth {
  state: WebhookEndpointState;
  consecutiveFailures: number;
  /** Since when it is paused; null unless paused. */
  pausedAt: number | null;
  lastError: string | null;
  lastFailureAt: number | null;
  /** No attempt before this (its backoff, or its next probe while paused); null: none waiting. */
  nextAttemptAt: number | null;
  /** Deliveries waiting, counted up to the backlog limit. */
  pending: number;
  /** Events not queued for it because its backlog was full or it was paused. */
  dropped: number;
}

export type WebhookDeliveryStatus = 'pending' | 'delivered' | 'failed';

export interface WebhookAttempt {
  attempt: number;
  startedAt: number;
  durationMs: number;
  /** The HTTP status, or null when there was no answer (timeout, refused, address not allowed). */
  statusCode: number | null;
  error: string | null;
  /** The start of the response body, bounded. */
  responseBody: string;
}

export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  eventType: string;
  chatId: string | null;
  status: WebhookDeliveryStatus;
  attempts: number;
  /** When the next attempt is due, while pending. */
  nextAttemptAt: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  /** The delivery this one replays, if any. */
  replayOf: string | null;
  createdAt: number;
  updatedAt: number;
  /** The body sent (in the single-delivery answer). */
  payload?: WebhookPayload;
  attemptLog?: WebhookAttempt[];
}

const EventListSchema = Type.Array(Type.Union([Type.Literal('*'), literalUnion(WEBHOOK_EVENT_TYPES)]), { minItems: 1, maxItems: 32, uniqueItems: true });
const UrlSchema = Type.String({ minLength: 8, maxLength: 2048 });

export const CreateWebhookSchema = Type.Object(
  {
    url: UrlSchema,
    description: Type.Optional(Type.String({ maxLength: 500 })),
    events: Type.Optional(EventListSchema),
    active: Type.Optional(Type.Boolean()),
    botUserId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    entryBot: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);

export const UpdateWebhookSchema = Type.Object(
  {
    url: Type.Optional(UrlSchema),
    description: Type.Optional(Type.String({ maxLength: 500 })),
    events: Type.Optional(EventListSchema),
    active: Type.Optional(Type.Boolean()),
    botUserId: Type.Optional(Type.Union([IdSchema, Type.Null()])),
    entryBot: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
