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

/**
 * A committed event, stored once for every endpoint of its tenant: endpoints read the events after
 * their cursor. `seq` orders them (increasing in commit order, over every tenant).
 */
export interface WebhookEventRow {
  seq: number;
  /** The body's `id`, shared by its deliveries to every endpoint and by replays. */
  id: string;
  tenantId: string;
  type: string;
  chatId: string | null;
  /** The sender of a message event: a bot's endpoint does not get its own messages back. */
  senderId: string | null;
  /** The user a member event is about: a bot's endpoint gets the events about itself. */
  memberId: string | null;
  /** The exact JSON body (already cut down when oversized). */
  payload: string;
  createdAt: number;
}

export type NewWebhookEvent = Omit<WebhookEventRow, 'seq'>;

/** An endpoint's next events, read after its cursor. */
export interface EventsAfterCursor {
  endpoint: WebhookEndpointRow;
  /** The last event the endpoint has passed (taken into a delivery, or skipped). */
  cursor: number;
  /** Oldest first, of every type: the caller filters. */
  events: WebhookEventRow[];
}

/**
 * One event for one endpoint, with its body and where its retries stand: made when the endpoint's
 * cursor passes the event (or by a replay), so it exists only for events an endpoint was sent.
 */
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

  /**
   * Stores events once each, in one transaction, with `seq` increasing in commit order (so a cursor
   * never passes an event that commits later). A new or re-activated endpoint starts after the last one.
   */
  appendEvents(rows: readonly NewWebhookEvent[]): Promise<void>;
  /** The endpoint's cursor and up to `limit` events of its tenant after it; null when there is no such endpoint. */
  eventsAfterCursor(endpointId: string, limit: number): Promise<EventsAfterCursor | null>;
  /**
   * Moves the endpoint's cursor from `from` to `to` and inserts the deliveries made of the events in
   * between, in one transaction; false, writing nothing, when the cursor is no longer at `from`.
   */
  advanceCursor(endpointId: string, from: number, to: number, deliveries: readonly WebhookDeliveryRow[]): Promise<boolean>;
  /**
   * Skips the endpoint ahead so that its pending deliveries and the events of its types after its
   * cursor are `cap` at most: the oldest events go, added to its dropped count. How many were skipped.
   */
  trimBacklog(endpointId: string, cap: number): Promise<number>;
  /** `trimBacklog` for every active endpoint with events after its cursor; how many events were skipped in all. */
  trimBacklogs(cap: number): Promise<number>;
  /** Events of its types after each endpoint's cursor (not yet taken into a delivery); every id is in the answer. */
  countWaitingEvents(endpointIds: readonly string[]): Promise<Map<string, number>>;
  /**
   * Deletes events every active endpoint of their tenant has passed, and those created before
   * `before` (an endpoint still behind them skips them, counted as dropped); the newest event stays,
   * so `seq` never goes back. How many events endpoints skipped.
   */
  pruneEvents(before: number): Promise<number>;
  /**
   * Leases the endpoint to `owner` until `leaseUntil` (one node works an endpoint at a time): true
   * when it was free, its lease had run out, or `owner` held it already.
   */
  leaseEndpoint(endpointId: string, owner: string, now: number, leaseUntil: number): Promise<boolean>;
  /** Gives back what `owner` leased (a node that stops). */
  releaseEndpoints(owner: string): Promise<void>;

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
  /**
   * `listDueEndpoints` with whether each endpoint is paused or failing. With `events`, also the active
   * endpoints with events after their cursor and fewer than `events.window` pending deliveries, not
   * leased to another owner.
   */
  dueEndpoints(now: number, limit: number, events?: { window: number; owner: string }): Promise<DueEndpoint[]>;
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
