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
  /** Called after deliveries were stored (the worker picks them up). */
  onStored: () => void;
  onDropped: (count: number) => void;
  logError: (err: unknown, context: Record<string, unknown>) => void;
}

const BATCH = 256;

/**
 * Turns committed events into stored deliveries, off the request path: the listener only pushes on
 * a bounded in-memory queue; this drains it in batches, picks the endpoints that want each event and
 * writes one pending delivery per endpoint in one transaction. Once stored, a delivery survives
 * restarts.
 */
export class DeliveryIntake {
  private readonly queue: { event: WebhookEvent; occurredAt: number }[] = [];
  private draining: Promise<void> | null = null;

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

  /** Resolves when everything pushed so far is stored (or given up). */
  async flush(): Promise<void> {
    while (this.draining) await this.draining;
  }

  private async drain(): Promise<void> {
    // Let the request that committed the event answer first.
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      try {
        const rows = await this.deliveriesFor(batch);
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
      const targets: WebhookEndpointRow[] = [];
      for (const endpoint of endpoints) {
        if (await wants(endpoint, event, isMember)) targets.push(endpoint);
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
