import { randomUUID } from 'node:crypto';
import type { WebhookPayload } from '@parley/protocol';
import type { NewWebhookEvent, Store } from '../../store/index.js';
import type { EndpointCache } from './endpoint-cache.js';
import type { WebhookEvent } from './event-mapping.js';

export interface IntakeOptions {
  /** Events waiting at most; beyond, new ones are dropped and counted. */
  limit: number;
  /** A body larger than this goes out with its data cut down to the chat id (`truncated: true`). */
  maxPayloadBytes: number;
  /** Called after events were stored (the worker picks them up). */
  onStored: () => void;
  onDropped: (count: number) => void;
  logError: (err: unknown, context: Record<string, unknown>) => void;
}

const BATCH = 256;
/**
 * Events gather this long before a batch is written: a group commit's events arrive a few at a time,
 * and one write (one fsync) per gathering instead of one per commit keeps a tenant with webhooks from
 * paying a second transaction for every commit of its chats.
 */
const GATHER_MS = 50;

/**
 * Stores committed events, off the request path: the listener only pushes on a bounded in-memory
 * queue; this drains it in batches and writes each event once, in one transaction per batch, when
 * some active endpoint of its tenant subscribed to its type — whatever the number of endpoints, and
 * whether they answer or not. Each endpoint then reads the events after its own cursor (the worker).
 * Once stored, an event survives restarts.
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
    await new Promise<void>((resolve) => setTimeout(resolve, GATHER_MS));
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, BATCH);
      try {
        const rows = await this.rowsOf(batch);
        if (rows.length > 0) {
          await this.store.webhooks.appendEvents(rows);
          this.opts.onStored();
        }
      } catch (err) {
        this.opts.onDropped(batch.length);
        this.opts.logError(err, { op: 'webhook intake', events: batch.length });
      }
    }
  }

  /** One row per event some endpoint subscribed to; an in-memory check per event, not per endpoint. */
  private async rowsOf(batch: { event: WebhookEvent; occurredAt: number }[]): Promise<NewWebhookEvent[]> {
    const rows: NewWebhookEvent[] = [];
    for (const { event, occurredAt } of batch) {
      if (!(await this.cache.subscribed(event.tenantId)).has(event.type)) continue;
      const id = `evt_${randomUUID()}`;
      rows.push({
        id,
        tenantId: event.tenantId,
        type: event.type,
        chatId: event.chatId,
        senderId: event.senderId,
        memberId: event.memberId,
        payload: this.body({ id, type: event.type, tenant: event.tenantId, occurredAt, data: event.data }),
        createdAt: occurredAt,
      });
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
