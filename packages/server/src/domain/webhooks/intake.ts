import { randomUUID } from 'node:crypto';
import type { WebhookPayload } from '@parley/protocol';
import type { Store, WebhookDeliveryRow, WebhookEndpointRow } from '../../store/index.js';
import type { EndpointCache } from './endpoint-cache.js';
import type { WebhookEvent } from './event-mapping.js';

export interface IntakeOptions {
  /** Events waiting at most; beyond, new ones are dropped and counted. */
  limit: number;
  /** A body larger than this goes out with its data cut down to the chat id (`truncated: true`). */
  maxPayloadBytes: number;
  /** Pending deliveries per endpoint at most; beyond, the endpoint's new events are dropped and counted. */
  endpointBacklog: number;
  /** Called after deliveries were stored (the worker picks them up). */
  onStored: () => void;
  onDropped: (count: number) => void;
  /** Events not queued for an endpoint because its backlog was full or it was paused. */
  onBacklogFull: (count: number) => void;
  logError: (err: unknown, context: Record<string, unknown>) => void;
}

const BATCH = 256;
/** How long this node trusts its count of an endpoint's backlog (its own writes added) before it counts again. */
const BACKLOG_FRESH_MS = 1_000;
/** Dropped-event counts are added to the endpoints this often (one small write, not one per batch). */
const DROPPED_FLUSH_MS = 1_000;

/**
 * Turns committed events into stored deliveries, off the request path: the listener only pushes on
 * a bounded in-memory queue; this drains it in batches, picks the endpoints that want each event and
 * writes one pending delivery per endpoint in one transaction. Once stored, a delivery survives
 * restarts. An endpoint's backlog is bounded: beyond `endpointBacklog` pending deliveries, or while
 * it is paused, its new events are dropped and counted (on the endpoint and in a metric), so a dead
 * endpoint costs at most that many rows however long it stays dead, and none once paused.
 */
export class DeliveryIntake {
  private readonly queue: { event: WebhookEvent; occurredAt: number }[] = [];
  private draining: Promise<void> | null = null;
  /** Pending deliveries per endpoint as last counted, with what this node wrote and settled since. */
  private readonly backlog = new Map<string, { count: number; at: number }>();
  /** Events dropped per endpoint, not yet added to its counter in the store. */
  private dropped = new Map<string, number>();
  private droppedTimer: NodeJS.Timeout | undefined;
  private writingDropped: Promise<void> | null = null;

  constructor(
    private readonly store: Store,
    private readonly cache: EndpointCache,
    private readonly opts: IntakeOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  /** Never blocks and never throws: a full queue drops the event. */
  push(event: WebhookEvent, occurredAt = Date.now()): void {
    if (this.queue.length >= this.opts.limit) {
      this.opts.onDropped(1);
      return;
    }
    this.queue.push({ event, occurredAt });
    this.draining ??= this.drain().finally(() => {
      this.draining = null;
    });
  }

  /** A delivery of the endpoint was delivered or failed (on this node): one less in its backlog. */
  settled(endpointId: string): void {
    const known = this.backlog.get(endpointId);
    if (known && known.count > 0) known.count--;
  }

  /** Resolves when everything pushed so far is stored (or given up), dropped-event counts included. */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
    clearTimeout(this.droppedTimer);
    this.droppedTimer = undefined;
    await this.writingDropped;
    await this.writeDropped();
  }

  /** Counts events not queued for an endpoint: the metric at once, the endpoint's counter within a second. */
  private drop(endpointId: string, count: number): void {
    this.dropped.set(endpointId, (this.dropped.get(endpointId) ?? 0) + count);
    this.opts.onBacklogFull(count);
    this.droppedTimer ??= setTimeout(() => {
      this.droppedTimer = undefined;
      this.writingDropped = this.writeDropped().finally(() => {
        this.writingDropped = null;
      });
    }, DROPPED_FLUSH_MS).unref();
  }

  private async writeDropped(): Promise<void> {
    if (this.dropped.size === 0) return;
    const counts = this.dropped;
    this.dropped = new Map();
    try {
      await this.store.webhooks.addDroppedEvents(counts);
    } catch (err) {
      this.opts.logError(err, { op: 'webhook dropped-event counts' });
    }
  }

  private async drain(): Promise<void> {
    // Let the request that committed the event answer first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      try {
        const rows = await this.withinBacklog(await this.deliveriesFor(batch));
        if (rows.length > 0) {
          await this.store.webhooks.createDeliveries(rows);
          this.opts.onStored();
        }
      } catch (err) {
        this.opts.onDropped(batch.length);
        this.opts.logError(err, { op: 'webhook intake', events: batch.length });
      }
    }
  }

  private async deliveriesFor(batch: { event: WebhookEvent; occurredAt: number }[]): Promise<WebhookDeliveryRow[]> {
    const rows: WebhookDeliveryRow[] = [];
    const membership = new Map<string, Promise<boolean>>();
    const isMember = (chatId: string, userId: string): Promise<boolean> => {
      const key = `${chatId}\u0000${userId}`;
      let known = membership.get(key);
      if (!known) {
        known = this.store.getMember(chatId, userId).then((m) => m !== null && m.leftAt === null);
        membership.set(key, known);
      }
      return known;
    };
    const now = Date.now();
    for (const { event, occurredAt } of batch) {
      const endpoints = await this.cache.active(event.tenantId);
      const paused = await this.cache.paused(event.tenantId);
      const targets: WebhookEndpointRow[] = [];
      for (const endpoint of endpoints) {
        if (!(await wants(endpoint, event, isMember))) continue;
        // A paused endpoint keeps the backlog it had when its circuit opened and costs no row per event after.
        if (paused.has(endpoint.id)) this.drop(endpoint.id, 1);
        else targets.push(endpoint);
      }
      if (targets.length === 0) continue;
      const eventId = `evt_${randomUUID()}`;
      const payload = this.body({ id: eventId, type: event.type, tenant: event.tenantId, occurredAt, data: event.data });
      for (const endpoint of targets) {
        rows.push({
          id: `dlv_${randomUUID()}`,
          tenantId: event.tenantId,
          endpointId: endpoint.id,
          eventId,
          eventType: event.type,
          chatId: event.chatId,
          payload,
          status: 'pending',
          attempts: 0,
          nextAttemptAt: now,
          leaseUntil: null,
          lastStatusCode: null,
          lastError: null,
          replayOf: null,
          createdAt: now,
          updatedAt: now,
        });
      }
    }
    return rows;
  }

  /** The rows whose endpoint has room in its backlog; the others are dropped and counted. */
  private async withinBacklog(rows: WebhookDeliveryRow[]): Promise<WebhookDeliveryRow[]> {
    if (rows.length === 0) return rows;
    const now = Date.now();
    const stale = [...new Set(rows.map((r) => r.endpointId))].filter((id) => now - (this.backlog.get(id)?.at ?? 0) > BACKLOG_FRESH_MS);
    if (stale.length > 0) {
      if (this.backlog.size > 10_000) this.backlog.clear();
      const counts = await this.store.webhooks.countPendingDeliveries(stale, this.opts.endpointBacklog);
      for (const id of stale) this.backlog.set(id, { count: counts.get(id) ?? 0, at: now });
    }
    const kept: WebhookDeliveryRow[] = [];
    for (const row of rows) {
      const known = this.backlog.get(row.endpointId);
      if (known && known.count >= this.opts.endpointBacklog) {
        this.drop(row.endpointId, 1);
        continue;
      }
      if (known) known.count++;
      kept.push(row);
    }
    return kept;
  }

  /** The JSON body, bounded: an oversized event keeps its envelope and names its chat. */
  private body(payload: WebhookPayload): string {
    const json = JSON.stringify(payload);
    if (Buffer.byteLength(json) <= this.opts.maxPayloadBytes) return json;
    return JSON.stringify({ ...payload, data: { chatId: payload.data.chatId, truncated: true } });
  }
}

/**
 * Whether an endpoint gets an event: it subscribed to the type, and — when it speaks for a bot — the
 * bot is in the chat (or the event is about the bot itself) and did not send the message itself.
 */
async function wants(
  endpoint: WebhookEndpointRow,
  event: WebhookEvent,
  isMember: (chatId: string, userId: string) => Promise<boolean>,
): Promise<boolean> {
  if (!endpoint.events.includes('*') && !endpoint.events.includes(event.type)) return false;
  const bot = endpoint.botUserId;
  if (bot === null) return true;
  if (event.senderId === bot) return false;
  if (event.memberId === bot) return true;
  return isMember(event.chatId, bot);
}
