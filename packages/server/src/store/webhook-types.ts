/** A tenant's webhook endpoint: where Parley posts events, and the secret it signs them with. */
export interface WebhookEndpointRow {
  id: string;
  tenantId: string;
  url: string;
  /** The HMAC key; kept in the clear because signing needs it (shown to the admin once). */
  secret: string;
  description: string;
  /** Subscribed webhook event types; `*` is every type. */
  events: string[];
  active: boolean;
  /** The bot user the endpoint speaks for, if any: it then gets only the events of that bot's chats. */
  botUserId: string | null;
  createdAt: number;
  updatedAt: number;
}

export type WebhookEndpointPatch = Partial<Pick<WebhookEndpointRow, 'url' | 'secret' | 'description' | 'events' | 'active' | 'botUserId' | 'updatedAt'>>;

export type DeliveryStatus = 'pending' | 'delivered' | 'failed';

/** One event for one endpoint, with its body and where its retries stand. */
export interface WebhookDeliveryRow {
  id: string;
  tenantId: string;
  endpointId: string;
  /** The event's id (the body's `id`): shared by its deliveries to every endpoint and by replays. */
  eventId: string;
  eventType: string;
  chatId: string | null;
  /** The exact JSON body posted (signed as is). */
  payload: string;
  status: DeliveryStatus;
  /** Attempts made so far. */
  attempts: number;
  /** When the next attempt is due, while pending; null once delivered or failed. */
  nextAttemptAt: number | null;
  /** A node working on it holds it until then; others leave it alone. */
  leaseUntil: number | null;
  lastStatusCode: number | null;
  lastError: string | null;
  replayOf: string | null;
  createdAt: number;
  updatedAt: number;
}

/**
 * How an endpoint is doing, shared by every node: its failures in a row, its own backoff and its
 * circuit. A failed attempt makes the whole endpoint wait (`retryAt`); enough failures in a row open
 * the circuit (`pausedAt`), after which only a probe at `retryAt` is attempted.
 */
export interface WebhookEndpointHealth {
  endpointId: string;
  /** Failed attempts in a row, of any of its deliveries; a delivered one resets it. */
  consecutiveFailures: number;
  /** No attempt before this: the endpoint's backoff, or its next probe while paused. Null: no wait. */
  retryAt: number | null;
  /** Since when the circuit is open (the endpoint paused); null while closed. */
  pausedAt: number | null;
  lastError: string | null;
  lastFailureAt: number | null;
  /** Events not queued for it because its backlog was full or it was paused, since it was created. */
  dropped: number;
}

/** An endpoint with a due, unleased pending delivery, and whether it is paused (then only a probe goes out). */
export interface DueEndpoint {
  id: string;
  paused: boolean;
  /** Its last attempt failed (a delivered one then resets its health). */
  failing: boolean;
}

/** One HTTP attempt of a delivery. */
export interface WebhookAttemptRow {
  deliveryId: string;
  /** 1, 2, … within the delivery. */
  attempt: number;
  startedAt: number;
  durationMs: number;
  statusCode: number | null;
  error: string | null;
  /** The start of the response body, bounded by the caller. */
  responseBody: string;
}

/** What an attempt leaves the delivery at. */
export interface DeliveryOutcome {
  status: DeliveryStatus;
  nextAttemptAt: number | null;
  at: number;
}

/** The webhook part of the store (`store.webhooks`). */
export interface WebhookStore {
  /** E_CONFLICT when the id is taken. */
  createEndpoint(row: WebhookEndpointRow): Promise<WebhookEndpointRow>;
  getEndpoint(tenantId: string, id: string): Promise<WebhookEndpointRow | null>;
  /** Oldest first. */
  listEndpoints(tenantId: string): Promise<WebhookEndpointRow[]>;
  /** The row after the change, or null when there is no such endpoint in the tenant. */
  updateEndpoint(tenantId: string, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpointRow | null>;
  /** Deletes the endpoint with its deliveries and their attempts; false when there was none. */
  deleteEndpoint(tenantId: string, id: string): Promise<boolean>;

  /** Inserts pending deliveries (one transaction). */
  createDeliveries(rows: readonly WebhookDeliveryRow[]): Promise<void>;
  getDelivery(tenantId: string, id: string): Promise<WebhookDeliveryRow | null>;
  /** Newest first; `before` pages by creation time (strictly older). */
  listDeliveries(
    tenantId: string,
    query: { limit: number; endpointId?: string; status?: DeliveryStatus; before?: number },
  ): Promise<WebhookDeliveryRow[]>;
  /**
   * Endpoints with a pending delivery due at `now` and not leased, and not waiting on their own
   * backoff (`retryAt` later than `now`), oldest due first.
   */
  listDueEndpoints(now: number, limit: number): Promise<string[]>;
  /** `listDueEndpoints` with whether each endpoint is paused or failing. */
  dueEndpoints(now: number, limit: number): Promise<DueEndpoint[]>;
  /**
   * Leases up to `limit` due, unleased pending deliveries of one endpoint until `leaseUntil`, oldest
   * due first, and returns them — none while the endpoint's `retryAt` is later than `now`. Of
   * concurrent callers on any node, each delivery goes to one.
   */
  claimDeliveries(endpointId: string, now: number, leaseUntil: number, limit: number): Promise<WebhookDeliveryRow[]>;
  /**
   * Records an attempt and moves the delivery on (attempts + 1, status, next attempt, lease released),
   * in one transaction. The delivery row after.
   */
  recordAttempt(attempt: WebhookAttemptRow, outcome: DeliveryOutcome): Promise<WebhookDeliveryRow | null>;
  /** Gives leased deliveries back without an attempt (shutdown cut them short): due again at once. */
  releaseDeliveries(ids: readonly string[]): Promise<void>;
  /** A delivery's attempts, first first. */
  listAttempts(deliveryId: string): Promise<WebhookAttemptRow[]>;
  /** Deletes delivered and failed deliveries (and their attempts) last changed before `before`; how many. */
  pruneDeliveries(before: number): Promise<number>;

  /** The health of these endpoints (any tenant); unknown ids are left out. */
  getEndpointHealth(endpointIds: readonly string[]): Promise<WebhookEndpointHealth[]>;
  /** Counts a failed attempt (one more in a row, the error and when); the failures in a row after, 0 when there is no such endpoint. */
  recordEndpointFailure(endpointId: string, error: string, at: number): Promise<number>;
  /** Sets when the endpoint may be attempted again (its backoff, or its next probe). */
  setEndpointRetry(endpointId: string, retryAt: number | null): Promise<void>;
  /** Opens the circuit at `at` with the first probe at `probeAt`; false when it was open already (or no such endpoint). */
  pauseEndpoint(endpointId: string, at: number, probeAt: number): Promise<boolean>;
  /** Closes the circuit and clears the failures and the backoff; true when it had been open. */
  resumeEndpoint(endpointId: string): Promise<boolean>;
  /** Pending deliveries per endpoint, each counted up to `cap` (a full backlog reads as `cap`); every id is in the answer. */
  countPendingDeliveries(endpointIds: readonly string[], cap: number): Promise<Map<string, number>>;
  /** Endpoints paused (circuit open), in every tenant. */
  countPausedEndpoints(): Promise<number>;
  /** Adds to the endpoints' dropped-event counters. */
  addDroppedEvents(counts: ReadonlyMap<string, number>): Promise<void>;
}
