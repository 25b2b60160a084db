import { randomUUID } from 'node:crypto';
import { ParleyError, type WebhookDelivery, type WebhookPayload } from '@parley/protocol';
import type { DeliveryStatus, Store, WebhookAttemptRow, WebhookDeliveryRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { requireTenantAdmin } from '../../authz/index.js';

export interface DeliveryQuery {
  endpointId?: string;
  status?: DeliveryStatus;
  limit?: number;
  /** Page: deliveries created strictly before this time. */
  before?: number;
}

/**
 * The delivery log, for a tenant's admins: every delivery with its status, attempts, last answer and
 * next retry; one delivery with its body and every attempt; and replay, which sends a delivery's
 * event again as a new delivery (same event id and body, signed anew).
 */
export class DeliveryLog {
  constructor(
    private readonly store: Store,
    /** New deliveries are waiting. */
    private readonly stored: () => void,
  ) {}

  async list(actor: Actor, query: DeliveryQuery = {}): Promise<WebhookDelivery[]> {
    const tenant = requireTenantAdmin(actor).tenant;
    if (query.endpointId !== undefined && !(await this.store.webhooks.getEndpoint(tenant.id, query.endpointId))) {
      throw new ParleyError('E_WEBHOOK_NOT_FOUND', `Webhook endpoint ${query.endpointId} not found`);
    }
    const rows = await this.store.webhooks.listDeliveries(tenant.id, {
      limit: query.limit ?? 50,
      endpointId: query.endpointId,
      status: query.status,
      before: query.before,
    });
    return rows.map((row) => toDelivery(row));
  }

  async get(actor: Actor, id: string): Promise<WebhookDelivery> {
    const row = await this.row(requireTenantAdmin(actor).tenant.id, id);
    return toDelivery(row, await this.store.webhooks.listAttempts(row.id));
  }

  async replay(actor: Actor, id: string): Promise<WebhookDelivery> {
    const tenant = requireTenantAdmin(actor).tenant;
    const original = await this.row(tenant.id, id);
    const endpoint = await this.store.webhooks.getEndpoint(tenant.id, original.endpointId);
    if (!endpoint?.active) throw new ParleyError('E_VALIDATION', 'The endpoint of this delivery is inactive', { path: '/deliveryId' });
    const replay = pendingDelivery(original, Date.now(), original.id);
    await this.store.webhooks.createDeliveries([replay]);
    this.stored();
    return toDelivery(replay, []);
  }

  private async row(tenantId: string, id: string): Promise<WebhookDeliveryRow> {
    const row = await this.store.webhooks.getDelivery(tenantId, id);
    if (!row) throw new ParleyError('E_DELIVERY_NOT_FOUND', `Webhook delivery ${id} not found`);
    return row;
  }
}

function toDelivery(row: WebhookDeliveryRow, attempts?: WebhookAttemptRow[]): WebhookDelivery {
  const view: WebhookDelivery = {
    id: row.id,
    endpointId: row.endpointId,
    eventId: row.eventId,
    eventType: row.eventType,
    chatId: row.chatId,
    status: row.status,
    attempts: row.attempts,
    nextAttemptAt: row.nextAttemptAt,
    lastStatusCode: row.lastStatusCode,
    lastError: row.lastError,
    replayOf: row.replayOf,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
  };
  if (attempts) {
    view.payload = JSON.parse(row.payload) as WebhookPayload;
    view.attemptLog = attempts.map((a) => ({
      attempt: a.attempt,
      startedAt: a.startedAt,
      durationMs: a.durationMs,
      statusCode: a.statusCode,
      error: a.error,
      responseBody: a.responseBody,
    }));
  }
  return view;
}

/** A new pending delivery of an event to an endpoint: a first one (from the event log) or a replay. */
export function pendingDelivery(
  of: Pick<WebhookDeliveryRow, 'tenantId' | 'endpointId' | 'eventId' | 'eventType' | 'chatId' | 'payload'>,
  now: number,
  replayOf: string | null = null,
): WebhookDeliveryRow {
  return {
    id: `dlv_${randomUUID()}`,
    tenantId: of.tenantId,
    endpointId: of.endpointId,
    eventId: of.eventId,
    eventType: of.eventType,
    chatId: of.chatId,
    payload: of.payload,
    status: 'pending',
    attempts: 0,
    nextAttemptAt: now,
    leaseUntil: null,
    lastStatusCode: null,
    lastError: null,
    replayOf,
    createdAt: now,
    updatedAt: now,
  };
}
