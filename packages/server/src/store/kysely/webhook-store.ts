import { sql, type ExpressionBuilder, type Insertable, type Kysely, type Selectable, type Updateable } from 'kysely';
import type {
  DeliveryOutcome,
  DeliveryStatus,
  DueEndpoint,
  EventsAfterCursor,
  NewWebhookEvent,
  WebhookAttemptRow,
  WebhookDeliveryRow,
  WebhookEndpointHealth,
  WebhookEndpointPatch,
  WebhookEndpointRow,
  WebhookEventRow,
  WebhookStore,
} from '../webhook-types.js';
import type { EngineCapabilities } from './capabilities.js';
import type { Database, DbBool, WhDeliveriesTable, WhEndpointsTable, WhEventsTable } from './db-types.js';
import type { BoolEncoder } from './row-mapping.js';
import { mapWriteErrors } from './write-errors.js';


/** Rows per insert statement (PostgreSQL allows 65535 parameters; a delivery has 16). */
const INSERT_CHUNK = 200;

/** `store.webhooks` on any Kysely dialect. */
export class KyselyWebhookStore implements WebhookStore {
  readonly #db: Kysely<Database>;
  readonly #caps: EngineCapabilities;
  readonly #bool: BoolEncoder;

  constructor(db: Kysely<Database>, caps: EngineCapabilities, bool: BoolEncoder) {
    this.#db = db;
    this.#caps = caps;
    this.#bool = bool;
  }

  async createEndpoint(row: WebhookEndpointRow): Promise<WebhookEndpointRow> {
    // It gets the events from now on.
    const cursor = await this.#headSeq();
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db.insertInto('wh_endpoints').values({ ...this.#fromEndpoint(row), event_cursor: cursor }).execute(),
    );
    return row;
  }

  async getEndpoint(tenantId: string, id: string): Promise<WebhookEndpointRow | null> {
    const row = await this.#db.selectFrom('wh_endpoints').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    return row === undefined ? null : toEndpoint(row);
  }

  async listEndpoints(tenantId: string): Promise<WebhookEndpointRow[]> {
    const rows = await this.#db.selectFrom('wh_endpoints').selectAll().where('tenant_id', '=', tenantId).orderBy('created_at').orderBy('id').execute();
    return rows.map(toEndpoint);
  }

  async updateEndpoint(tenantId: string, id: string, patch: WebhookEndpointPatch): Promise<WebhookEndpointRow | null> {
    const set: Updateable<WhEndpointsTable> = {};
    if (patch.url !== undefined) set.url = patch.url;
    if (patch.secret !== undefined) set.secret = patch.secret;
    if (patch.description !== undefined) set.description = patch.description;
    if (patch.events !== undefined) set.events = JSON.stringify(patch.events);
    if (patch.active !== undefined) set.active = this.#bool(patch.active);
    // Re-activated, it gets the events from now on (none of those that came while it was inactive).
    if (patch.active === true) {
      const before = await this.#db.selectFrom('wh_endpoints').select('active').where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (before && !isTrue(before.active)) set.event_cursor = await this.#headSeq();
    }
    if (patch.botUserId !== undefined) set.bot_user_id = patch.botUserId;
    if (patch.updatedAt !== undefined) set.updated_at = patch.updatedAt;
    if (Object.keys(set).length > 0) {
      await this.#db.updateTable('wh_endpoints').set(set).where('id', '=', id).where('tenant_id', '=', tenantId).execute();
    }
    return this.getEndpoint(tenantId, id);
  }

  async deleteEndpoint(tenantId: string, id: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const gone = await trx.deleteFrom('wh_endpoints').where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
      if (gone.numDeletedRows === 0n) return false;
      const deliveries = trx.selectFrom('wh_deliveries').select('id').where('endpoint_id', '=', id);
      await trx.deleteFrom('wh_attempts').where('delivery_id', 'in', deliveries).execute();
      await trx.deleteFrom('wh_deliveries').where('endpoint_id', '=', id).execute();
      return true;
    });
  }

  async appendEvents(rows: readonly NewWebhookEvent[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      // Writers one at a time, so `seq` order is commit order: a reader past seq n never sees an
      // event below n commit later (SQLite's write transactions are serial already).
      if (this.#caps.rowLocks) await sql`lock table wh_events in exclusive mode`.execute(trx);
      const head = await trx.selectFrom('wh_events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
      let seq = Number(head?.m ?? 0);
      const values = rows.map((r) => ({
        seq: ++seq,
        id: r.id,
        tenant_id: r.tenantId,
        event_type: r.type,
        chat_id: r.chatId,
        sender_id: r.senderId,
        member_id: r.memberId,
        payload: r.payload,
        created_at: r.createdAt,
      }));
      for (let i = 0; i < values.length; i += INSERT_CHUNK) await trx.insertInto('wh_events').values(values.slice(i, i + INSERT_CHUNK)).execute();
    });
  }

  async eventsAfterCursor(endpointId: string, limit: number): Promise<EventsAfterCursor | null> {
    const row = await this.#db.selectFrom('wh_endpoints').selectAll().where('id', '=', endpointId).executeTakeFirst();
    if (!row) return null;
    const cursor = Number(row.event_cursor);
    const events = await this.#db
      .selectFrom('wh_events')
      .selectAll()
      .where('tenant_id', '=', row.tenant_id)
      .where('seq', '>', cursor)
      .orderBy('seq')
      .limit(limit)
      .execute();
    return { endpoint: toEndpoint(row), cursor, events: events.map(toEvent) };
  }

  async advanceCursor(endpointId: string, from: number, to: number, deliveries: readonly WebhookDeliveryRow[]): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const moved = await trx.updateTable('wh_endpoints').set({ event_cursor: to }).where('id', '=', endpointId).where('event_cursor', '=', from).executeTakeFirst();
      if (moved.numUpdatedRows === 0n) return false;
      for (let i = 0; i < deliveries.length; i += INSERT_CHUNK) {
        await trx.insertInto('wh_deliveries').values(deliveries.slice(i, i + INSERT_CHUNK).map(fromDelivery)).execute();
      }
      return true;
    });
  }

  async trimBacklog(endpointId: string, cap: number): Promise<number> {
    const row = await this.#db.selectFrom('wh_endpoints').select(['tenant_id', 'events', 'event_cursor']).where('id', '=', endpointId).executeTakeFirst();
    if (!row) return 0;
    const cursor = Number(row.event_cursor);
    const keep = Math.max(0, cap - ((await this.countPendingDeliveries([endpointId], cap)).get(endpointId) ?? 0));
    // The newest `keep` events stay; the cursor moves onto the one before them.
    const last = await this.#waiting(row.tenant_id, row.events, cursor)
      .select('seq')
      .orderBy('seq', 'desc')
      .offset(keep)
      .limit(1)
      .executeTakeFirst();
    if (!last) return 0;
    return this.#skip(endpointId, row.tenant_id, row.events, cursor, Number(last.seq));
  }

  async trimBacklogs(cap: number): Promise<number> {
    const lagging = await this.#db
      .selectFrom('wh_endpoints as e')
      .select('e.id')
      .where('e.active', '=', this.#bool(true))
      .where((eb) => eb.exists(eb.selectFrom('wh_events as ev').select('ev.seq').whereRef('ev.tenant_id', '=', 'e.tenant_id').whereRef('ev.seq', '>', 'e.event_cursor')))
      .execute();
    let skipped = 0;
    for (const { id } of lagging) skipped += await this.trimBacklog(id, cap);
    return skipped;
  }

  async countWaitingEvents(endpointIds: readonly string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const id of endpointIds) {
      const row = await this.#db.selectFrom('wh_endpoints').select(['tenant_id', 'events', 'event_cursor']).where('id', '=', id).executeTakeFirst();
      counts.set(id, row ? await this.#countWaiting(row.tenant_id, row.events, Number(row.event_cursor)) : 0);
    }
    return counts;
  }

  async pruneEvents(before: number): Promise<number> {
    const head = await this.#headSeq();
    const old = await this.#db.selectFrom('wh_events').select((eb) => eb.fn.max('seq').as('m')).where('created_at', '<', before).executeTakeFirst();
    // The newest event stays whatever its age: the next `seq` is counted from it.
    const expired = Math.min(Number(old?.m ?? 0), head - 1);
    let skipped = 0;
    if (expired > 0) {
      const behind = await this.#db
        .selectFrom('wh_endpoints')
        .select(['id', 'tenant_id', 'events', 'event_cursor'])
        .where('active', '=', this.#bool(true))
        .where('event_cursor', '<', expired)
        .execute();
      for (const e of behind) skipped += await this.#skip(e.id, e.tenant_id, e.events, Number(e.event_cursor), expired);
    }
    await this.#db
      .deleteFrom('wh_events')
      .where('seq', '<', head)
      .where((eb) =>
        eb.or([
          eb('seq', '<=', expired),
          eb(
            'seq',
            '<=',
            eb.fn.coalesce(
              eb
                .selectFrom('wh_endpoints as e')
                .select((s) => s.fn.min('e.event_cursor').as('c'))
                .whereRef('e.tenant_id', '=', 'wh_events.tenant_id')
                .where('e.active', '=', this.#bool(true)),
              eb.val(head),
            ),
          ),
        ]),
      )
      .execute();
    return skipped;
  }

  async leaseEndpoint(endpointId: string, owner: string, now: number, leaseUntil: number): Promise<boolean> {
    const done = await this.#db
      .updateTable('wh_endpoints')
      .set({ lease_owner: owner, lease_until: leaseUntil })
      .where('id', '=', endpointId)
      .where((eb) => eb.or([eb('lease_owner', 'is', null), eb('lease_owner', '=', owner), eb('lease_until', '<=', now)]))
      .executeTakeFirst();
    return done.numUpdatedRows > 0n;
  }

  async releaseEndpoints(owner: string): Promise<void> {
    await this.#db.updateTable('wh_endpoints').set({ lease_owner: null, lease_until: null }).where('lease_owner', '=', owner).execute();
  }

  /** The events of the endpoint's types after `cursor` (a query to finish). */
  #waiting(tenantId: string, eventsJson: string, cursor: number) {
    const types = JSON.parse(eventsJson) as string[];
    let q = this.#db.selectFrom('wh_events').where('tenant_id', '=', tenantId).where('seq', '>', cursor);
    if (!types.includes('*')) q = q.where('event_type', 'in', types.length > 0 ? types : ['']);
    return q;
  }

  /** How many events of the endpoint's types lie after `from` (and up to `to`). */
  async #countWaiting(tenantId: string, eventsJson: string, from: number, to?: number): Promise<number> {
    let q = this.#waiting(tenantId, eventsJson, from);
    if (to !== undefined) q = q.where('seq', '<=', to);
    const row = await q.select((eb) => eb.fn.countAll<number | string | bigint>().as('n')).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Moves the cursor from `from` to `to`, counting the endpoint's events in between as dropped; how many (0 when another caller moved it first). */
  async #skip(endpointId: string, tenantId: string, eventsJson: string, from: number, to: number): Promise<number> {
    const skipped = await this.#countWaiting(tenantId, eventsJson, from, to);
    const moved = await this.#db
      .updateTable('wh_endpoints')
      .set((eb) => ({ event_cursor: to, dropped: eb('dropped', '+', skipped) }))
      .where('id', '=', endpointId)
      .where('event_cursor', '=', from)
      .executeTakeFirst();
    return moved.numUpdatedRows > 0n ? skipped : 0;
  }

  async #headSeq(): Promise<number> {
    const head = await this.#db.selectFrom('wh_events').select((eb) => eb.fn.max('seq').as('m')).executeTakeFirst();
    return Number(head?.m ?? 0);
  }

  async createDeliveries(rows: readonly WebhookDeliveryRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        await trx.insertInto('wh_deliveries').values(rows.slice(i, i + INSERT_CHUNK).map(fromDelivery)).execute();
      }
    });
  }

  async getDelivery(tenantId: string, id: string): Promise<WebhookDeliveryRow | null> {
    const row = await this.#db.selectFrom('wh_deliveries').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    return row === undefined ? null : toDelivery(row);
  }

  async listDeliveries(
    tenantId: string,
    query: { limit: number; endpointId?: string; status?: DeliveryStatus; before?: number },
  ): Promise<WebhookDeliveryRow[]> {
    let q = this.#db.selectFrom('wh_deliveries').selectAll().where('tenant_id', '=', tenantId);
    if (query.endpointId !== undefined) q = q.where('endpoint_id', '=', query.endpointId);
    if (query.status !== undefined) q = q.where('status', '=', query.status);
    if (query.before !== undefined) q = q.where('created_at', '<', query.before);
    const rows = await q.orderBy('created_at', 'desc').orderBy('id', 'desc').limit(query.limit).execute();
    return rows.map(toDelivery);
  }

  async listDueEndpoints(now: number, limit: number): Promise<string[]> {
    return (await this.dueEndpoints(now, limit)).map((e) => e.id);
  }

  async dueEndpoints(now: number, limit: number, events?: { window: number; owner: string }): Promise<DueEndpoint[]> {
    const free = (eb: ExpressionBuilder<Database & { e: WhEndpointsTable }, 'e'>, owner: string) =>
      eb.or([eb('e.lease_owner', 'is', null), eb('e.lease_owner', '=', owner), eb('e.lease_until', '<=', now)]);
    // Endpoint by endpoint (one short index probe each), not a scan of every due delivery: a dead
    // endpoint's backlog costs nothing here while the endpoint waits out its backoff.
    const rows = await this.#db
      .selectFrom((db) =>
        db
          .selectFrom('wh_endpoints as e')
          .select((eb) => [
            'e.id as id',
            'e.paused_at as paused_at',
            'e.consecutive_failures as failures',
            eb
              .selectFrom('wh_deliveries as d')
              .select((d) => d.fn.min('d.next_attempt_at').as('m'))
              .whereRef('d.endpoint_id', '=', 'e.id')
              .where('d.status', '=', 'pending')
              .where('d.next_attempt_at', '<=', now)
              .where((d) => d.or([d('d.lease_until', 'is', null), d('d.lease_until', '<=', now)]))
              .as('due'),
          ])
          .where((eb) => eb.or([eb('e.retry_at', 'is', null), eb('e.retry_at', '<=', now)]))
          .$if(events !== undefined, (q) => q.where((eb) => free(eb, events!.owner)))
          .as('x'),
      )
      .select(['x.id', 'x.paused_at', 'x.failures', 'x.due'])
      .where('x.due', 'is not', null)
      .orderBy('x.due')
      .orderBy('x.id')
      .limit(limit)
      .execute();
    const due: DueEndpoint[] = rows.map((r) => ({ id: r.id, paused: r.paused_at !== null, failing: Number(r.failures) > 0 }));
    if (events === undefined || due.length >= limit) return due;
    // Then the active endpoints with events after their cursor and room for more deliveries.
    const waiting = await this.#db
      .selectFrom('wh_endpoints as e')
      .select(['e.id', 'e.paused_at', 'e.consecutive_failures'])
      .where('e.active', '=', this.#bool(true))
      .where((eb) => eb.or([eb('e.retry_at', 'is', null), eb('e.retry_at', '<=', now)]))
      .where((eb) => free(eb, events.owner))
      .where((eb) => eb.exists(eb.selectFrom('wh_events as ev').select('ev.seq').whereRef('ev.tenant_id', '=', 'e.tenant_id').whereRef('ev.seq', '>', 'e.event_cursor')))
      .where(
        (eb) =>
          eb
            .selectFrom('wh_deliveries as d')
            .select((d) => d.fn.countAll<number | string | bigint>().as('n'))
            .whereRef('d.endpoint_id', '=', 'e.id')
            .where('d.status', '=', 'pending'),
        '<',
        events.window,
      )
      .orderBy('e.id')
      .limit(limit)
      .execute();
    const seen = new Set(due.map((d) => d.id));
    for (const r of waiting) {
      if (due.length >= limit) break;
      if (!seen.has(r.id)) due.push({ id: r.id, paused: r.paused_at !== null, failing: Number(r.consecutive_failures) > 0 });
    }
    return due;
  }

  async claimDeliveries(endpointId: string, now: number, leaseUntil: number, limit: number): Promise<WebhookDeliveryRow[]> {
    if (limit <= 0) return [];
    const candidates = this.#db
      .selectFrom('wh_deliveries')
      .select('id')
      .where('endpoint_id', '=', endpointId)
      .where('status', '=', 'pending')
      .where('next_attempt_at', '<=', now)
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      .orderBy('next_attempt_at')
      .orderBy('id')
      .limit(limit);
    // The conditions again on the update: a row another node leased meanwhile is not taken twice
    // (PostgreSQL re-checks them on the locked row; SQLite's writers are serial).
    const rows = await this.#db
      .updateTable('wh_deliveries')
      .set({ lease_until: leaseUntil })
      .where('id', 'in', candidates)
      .where('status', '=', 'pending')
      .where((eb) => eb.or([eb('lease_until', 'is', null), eb('lease_until', '<=', now)]))
      // Nor while the endpoint waits out its backoff (set by a failure since the caller listed it).
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom('wh_endpoints').select('wh_endpoints.id').where('wh_endpoints.id', '=', endpointId).where('wh_endpoints.retry_at', '>', now))),
      )
      .returningAll()
      .execute();
    return rows.map(toDelivery).sort((a, b) => (a.nextAttemptAt ?? 0) - (b.nextAttemptAt ?? 0) || a.id.localeCompare(b.id));
  }

  async recordAttempt(attempt: WebhookAttemptRow, outcome: DeliveryOutcome): Promise<WebhookDeliveryRow | null> {
    return this.#db.transaction().execute(async (trx) => {
      await trx
        .insertInto('wh_attempts')
        .values({
          delivery_id: attempt.deliveryId,
          attempt: attempt.attempt,
          started_at: attempt.startedAt,
          duration_ms: attempt.durationMs,
          status_code: attempt.statusCode,
          error: attempt.error,
          response_body: attempt.responseBody,
        })
        .onConflict((oc) => oc.columns(['delivery_id', 'attempt']).doNothing())
        .execute();
      const row = await trx
        .updateTable('wh_deliveries')
        .set({
          attempts: attempt.attempt,
          status: outcome.status,
          next_attempt_at: outcome.nextAttemptAt,
          lease_until: null,
          last_status_code: attempt.statusCode,
          last_error: attempt.error,
          updated_at: outcome.at,
        })
        .where('id', '=', attempt.deliveryId)
        .returningAll()
        .executeTakeFirst();
      return row === undefined ? null : toDelivery(row);
    });
  }

  async releaseDeliveries(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.#db.updateTable('wh_deliveries').set({ lease_until: null }).where('id', 'in', [...ids]).where('status', '=', 'pending').execute();
  }

  async listAttempts(deliveryId: string): Promise<WebhookAttemptRow[]> {
    const rows = await this.#db.selectFrom('wh_attempts').selectAll().where('delivery_id', '=', deliveryId).orderBy('attempt').execute();
    return rows.map((r) => ({
      deliveryId: r.delivery_id,
      attempt: r.attempt,
      startedAt: r.started_at,
      durationMs: r.duration_ms,
      statusCode: r.status_code,
      error: r.error,
      responseBody: r.response_body,
    }));
  }

  async pruneDeliveries(before: number): Promise<number> {
    return this.#db.transaction().execute(async (trx) => {
      const old = trx.selectFrom('wh_deliveries').select('id').where('status', 'in', ['delivered', 'failed']).where('updated_at', '<', before);
      await trx.deleteFrom('wh_attempts').where('delivery_id', 'in', old).execute();
      const gone = await trx.deleteFrom('wh_deliveries').where('status', 'in', ['delivered', 'failed']).where('updated_at', '<', before).executeTakeFirst();
      return Number(gone.numDeletedRows);
    });
  }

  async getEndpointHealth(endpointIds: readonly string[]): Promise<WebhookEndpointHealth[]> {
    if (endpointIds.length === 0) return [];
    const rows = await this.#db
      .selectFrom('wh_endpoints')
      .select(['id', 'consecutive_failures', 'retry_at', 'paused_at', 'last_error', 'last_failure_at', 'dropped'])
      .where('id', 'in', [...endpointIds])
      .execute();
    return rows.map((r) => ({
      endpointId: r.id,
      consecutiveFailures: Number(r.consecutive_failures),
      retryAt: r.retry_at === null ? null : Number(r.retry_at),
      pausedAt: r.paused_at === null ? null : Number(r.paused_at),
      lastError: r.last_error,
      lastFailureAt: r.last_failure_at === null ? null : Number(r.last_failure_at),
      dropped: Number(r.dropped),
    }));
  }

  async recordEndpointFailure(endpointId: string, error: string, at: number): Promise<number> {
    const row = await this.#db
      .updateTable('wh_endpoints')
      .set((eb) => ({ consecutive_failures: eb('consecutive_failures', '+', 1), last_error: error, last_failure_at: at }))
      .where('id', '=', endpointId)
      .returning('consecutive_failures')
      .executeTakeFirst();
    return row === undefined ? 0 : Number(row.consecutive_failures);
  }

  async setEndpointRetry(endpointId: string, retryAt: number | null): Promise<void> {
    await this.#db.updateTable('wh_endpoints').set({ retry_at: retryAt }).where('id', '=', endpointId).execute();
  }

  async pauseEndpoint(endpointId: string, at: number, probeAt: number): Promise<boolean> {
    // Only a closed circuit opens: of nodes failing at once, one counts the opening.
    const done = await this.#db
      .updateTable('wh_endpoints')
      .set({ paused_at: at, retry_at: probeAt })
      .where('id', '=', endpointId)
      .where('paused_at', 'is', null)
      .executeTakeFirst();
    return done.numUpdatedRows > 0n;
  }

  async resumeEndpoint(endpointId: string): Promise<boolean> {
    return this.#db.transaction().execute(async (trx) => {
      const closed = await trx.updateTable('wh_endpoints').set({ paused_at: null }).where('id', '=', endpointId).where('paused_at', 'is not', null).executeTakeFirst();
      await trx
        .updateTable('wh_endpoints')
        .set({ consecutive_failures: 0, retry_at: null })
        .where('id', '=', endpointId)
        .where((eb) => eb.or([eb('consecutive_failures', '>', 0), eb('retry_at', 'is not', null)]))
        .execute();
      return closed.numUpdatedRows > 0n;
    });
  }

  async countPendingDeliveries(endpointIds: readonly string[], cap: number): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    for (const id of endpointIds) {
      // Counted up to the cap: a full backlog costs a bounded index walk, however large it got.
      const row = await this.#db
        .selectFrom((db) => db.selectFrom('wh_deliveries').select('id').where('endpoint_id', '=', id).where('status', '=', 'pending').limit(cap).as('p'))
        .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
        .executeTakeFirst();
      counts.set(id, Number(row?.n ?? 0));
    }
    return counts;
  }

  async countPausedEndpoints(): Promise<number> {
    const row = await this.#db
      .selectFrom('wh_endpoints')
      .select((eb) => eb.fn.countAll<number | string | bigint>().as('n'))
      .where('paused_at', 'is not', null)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async addDroppedEvents(counts: ReadonlyMap<string, number>): Promise<void> {
    if (counts.size === 0) return;
    await this.#db.transaction().execute(async (trx) => {
      for (const [id, count] of counts) {
        await trx
          .updateTable('wh_endpoints')
          .set((eb) => ({ dropped: eb('dropped', '+', count) }))
          .where('id', '=', id)
          .execute();
      }
    });
  }

  #fromEndpoint(row: WebhookEndpointRow): Insertable<WhEndpointsTable> {
    return {
      id: row.id,
      tenant_id: row.tenantId,
      url: row.url,
      secret: row.secret,
      description: row.description,
      events: JSON.stringify(row.events),
      active: this.#bool(row.active),
      bot_user_id: row.botUserId,
      created_at: row.createdAt,
      updated_at: row.updatedAt,
    };
  }
}

function isTrue(value: DbBool): boolean {
  return value === true || value === 1;
}

function toEvent(r: Selectable<WhEventsTable>): WebhookEventRow {
  return {
    seq: Number(r.seq),
    id: r.id,
    tenantId: r.tenant_id,
    type: r.event_type,
    chatId: r.chat_id,
    senderId: r.sender_id,
    memberId: r.member_id,
    payload: r.payload,
    createdAt: Number(r.created_at),
  };
}

function toEndpoint(r: Selectable<WhEndpointsTable>): WebhookEndpointRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    url: r.url,
    secret: r.secret,
    description: r.description,
    events: JSON.parse(r.events) as string[],
    active: isTrue(r.active),
    botUserId: r.bot_user_id,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

function fromDelivery(row: WebhookDeliveryRow): WhDeliveriesTable {
  return {
    id: row.id,
    tenant_id: row.tenantId,
    endpoint_id: row.endpointId,
    event_id: row.eventId,
    event_type: row.eventType,
    chat_id: row.chatId,
    payload: row.payload,
    status: row.status,
    attempts: row.attempts,
    next_attempt_at: row.nextAttemptAt,
    lease_until: row.leaseUntil,
    last_status_code: row.lastStatusCode,
    last_error: row.lastError,
    replay_of: row.replayOf,
    created_at: row.createdAt,
    updated_at: row.updatedAt,
  };
}

function toDelivery(r: Selectable<WhDeliveriesTable>): WebhookDeliveryRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    endpointId: r.endpoint_id,
    eventId: r.event_id,
    eventType: r.event_type,
    chatId: r.chat_id,
    payload: r.payload,
    status: r.status as DeliveryStatus,
    attempts: r.attempts,
    nextAttemptAt: r.next_attempt_at,
    leaseUntil: r.lease_until,
    lastStatusCode: r.last_status_code,
    lastError: r.last_error,
    replayOf: r.replay_of,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}
