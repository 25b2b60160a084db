import { randomUUID } from 'node:crypto';
import { ParleyError, type WebhookEndpoint, type WebhookEndpointHealth } from '@parley/protocol';
import type { Store, WebhookEndpointHealth as HealthRow, WebhookEndpointPatch, WebhookEndpointRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { requireTenantAdmin } from '../../authz/index.js';
import { generateWebhookSecret } from './signature.js';
import { allowsPrivateUrls, checkWebhookUrl } from './url-policy.js';

export interface EndpointInput {
  url: string;
  description?: string;
  events?: string[];
  active?: boolean;
  botUserId?: string | null;
  entryBot?: boolean;
}

export type EndpointPatch = Partial<EndpointInput>;

/** Endpoints per tenant, at most. */
export const MAX_ENDPOINTS = 50;

/**
 * A tenant's webhook endpoints, for its admins: register (the secret is generated and shown once),
 * list, change, rotate the secret, delete. An endpoint may speak for a bot user; marking it the entry
 * bot makes that bot the one new live chats start with (the live-chat setting `entryBot`).
 */
export class WebhookEndpoints {
  constructor(
    private readonly store: Store,
    private readonly serverAllowsPrivate: boolean,
    /** This node's caches of the tenant are stale. */
    private readonly changed: (tenantId: string) => void,
    /** Events kept waiting per endpoint at most (the backlog limit): beyond, the oldest are skipped. */
    private readonly backlog = 10_000,
    /** An endpoint was resumed: its backlog may go out now. */
    private readonly resumed: (endpointId: string, wasPaused: boolean) => void = () => undefined,
  ) {}

  async create(actor: Actor, input: EndpointInput): Promise<WebhookEndpoint> {
    const tenant = requireTenantAdmin(actor).tenant;
    await checkWebhookUrl(input.url, allowsPrivateUrls(tenant.plan, this.serverAllowsPrivate));
    const botUserId = input.botUserId ?? null;
    await this.checkBot(tenant.id, botUserId, input.entryBot === true);
    if ((await this.store.webhooks.listEndpoints(tenant.id)).length >= MAX_ENDPOINTS) {
      throw new ParleyError('E_VALIDATION', `A tenant has at most ${MAX_ENDPOINTS} webhook endpoints`);
    }
    const now = Date.now();
    const row = await this.store.webhooks.createEndpoint({
      id: `wh_${randomUUID()}`,
      tenantId: tenant.id,
      url: input.url,
      secret: generateWebhookSecret(),
      description: input.description ?? '',
      events: input.events ?? ['*'],
      active: input.active ?? true,
      botUserId,
      createdAt: now,
      updatedAt: now,
    });
    if (input.entryBot === true && botUserId !== null) await this.store.livechat.setEntryBot(tenant.id, botUserId);
    this.changed(tenant.id);
    return { ...(await this.view(row)), secret: row.secret };
  }

  async list(actor: Actor): Promise<WebhookEndpoint[]> {
    const tenant = requireTenantAdmin(actor).tenant;
    const entry = await this.store.livechat.getEntryBot(tenant.id);
    const rows = await this.store.webhooks.listEndpoints(tenant.id);
    const health = await this.health(rows.map((r) => r.id));
    return rows.map((row) => toEndpoint(row, entry, health.get(row.id)));
  }

  /**
   * Resumes an endpoint at once: closes its circuit, forgets its failures and backoff, and its backlog
   * goes out. Resuming an endpoint that is not paused only clears its backoff.
   */
  async resume(actor: Actor, id: string): Promise<WebhookEndpoint> {
    const tenant = requireTenantAdmin(actor).tenant;
    const row = await this.row(tenant.id, id);
    const wasPaused = await this.store.webhooks.resumeEndpoint(id);
    this.changed(tenant.id);
    this.resumed(id, wasPaused);
    return this.view(row);
  }

  async get(actor: Actor, id: string): Promise<WebhookEndpoint> {
    const tenant = requireTenantAdmin(actor).tenant;
    return this.view(await this.row(tenant.id, id));
  }

  async update(actor: Actor, id: string, patch: EndpointPatch): Promise<WebhookEndpoint> {
    const tenant = requireTenantAdmin(actor).tenant;
    const before = await this.row(tenant.id, id);
    if (patch.url !== undefined) await checkWebhookUrl(patch.url, allowsPrivateUrls(tenant.plan, this.serverAllowsPrivate));
    const botUserId = patch.botUserId === undefined ? before.botUserId : patch.botUserId;
    await this.checkBot(tenant.id, botUserId, patch.entryBot === true);
    const change: WebhookEndpointPatch = { updatedAt: Date.now() };
    if (patch.url !== undefined) change.url = patch.url;
    if (patch.description !== undefined) change.description = patch.description;
    if (patch.events !== undefined) change.events = patch.events;
    if (patch.active !== undefined) change.active = patch.active;
    if (patch.botUserId !== undefined) change.botUserId = patch.botUserId;
    const after = (await this.store.webhooks.updateEndpoint(tenant.id, id, change)) ?? before;
    // A new URL is a new destination: the old one's failures and pause do not carry over.
    if (patch.url !== undefined && patch.url !== before.url) this.resumed(id, await this.store.webhooks.resumeEndpoint(id));
    const entry = await this.store.livechat.getEntryBot(tenant.id);
    if (patch.entryBot === true && botUserId !== null) await this.store.livechat.setEntryBot(tenant.id, botUserId);
    // Unmarked, or its bot changed: the old bot stops being the entry bot.
    else if (before.botUserId !== null && entry === before.botUserId && (patch.entryBot === false || botUserId !== before.botUserId)) {
      await this.store.livechat.setEntryBot(tenant.id, null);
    }
    this.changed(tenant.id);
    return this.view(after);
  }

  /** A new secret, shown once; the old one stops signing at once. */
  async rotateSecret(actor: Actor, id: string): Promise<WebhookEndpoint> {
    const tenant = requireTenantAdmin(actor).tenant;
    await this.row(tenant.id, id);
    const secret = generateWebhookSecret();
    const after = await this.store.webhooks.updateEndpoint(tenant.id, id, { secret, updatedAt: Date.now() });
    if (!after) throw new ParleyError('E_WEBHOOK_NOT_FOUND', `Webhook endpoint ${id} not found`);
    this.changed(tenant.id);
    return { ...(await this.view(after)), secret };
  }

  /** Deletes the endpoint and its delivery log; its bot stops being the entry bot. */
  async remove(actor: Actor, id: string): Promise<void> {
    const tenant = requireTenantAdmin(actor).tenant;
    const row = await this.row(tenant.id, id);
    if (!(await this.store.webhooks.deleteEndpoint(tenant.id, id))) throw new ParleyError('E_WEBHOOK_NOT_FOUND', `Webhook endpoint ${id} not found`);
    if (row.botUserId !== null && (await this.store.livechat.getEntryBot(tenant.id)) === row.botUserId) {
      const others = (await this.store.webhooks.listEndpoints(tenant.id)).some((e) => e.botUserId === row.botUserId);
      if (!others) await this.store.livechat.setEntryBot(tenant.id, null);
    }
    this.changed(tenant.id);
  }

  /** The endpoint, or E_WEBHOOK_NOT_FOUND (another tenant's is not found too). */
  async row(tenantId: string, id: string): Promise<WebhookEndpointRow> {
    const row = await this.store.webhooks.getEndpoint(tenantId, id);
    if (!row) throw new ParleyError('E_WEBHOOK_NOT_FOUND', `Webhook endpoint ${id} not found`);
    return row;
  }

  private async view(row: WebhookEndpointRow): Promise<WebhookEndpoint> {
    return toEndpoint(row, await this.store.livechat.getEntryBot(row.tenantId), (await this.health([row.id])).get(row.id));
  }

  /**
   * What waits for each endpoint: its pending deliveries and the events after its cursor, up to the
   * backlog limit; what lies beyond is about to be skipped, so it shows as dropped already.
   */
  private async health(ids: string[]): Promise<Map<string, WebhookEndpointHealth>> {
    const [rows, pending, waiting] = await Promise.all([
      this.store.webhooks.getEndpointHealth(ids),
      this.store.webhooks.countPendingDeliveries(ids, this.backlog),
      this.store.webhooks.countWaitingEvents(ids),
    ]);
    return new Map(
      rows.map((h) => {
        const behind = (pending.get(h.endpointId) ?? 0) + (waiting.get(h.endpointId) ?? 0);
        const over = Math.max(0, behind - this.backlog);
        return [h.endpointId, toHealth({ ...h, dropped: h.dropped + over }, behind - over)];
      }),
    );
  }

  private async checkBot(tenantId: string, botUserId: string | null, entryBot: boolean): Promise<void> {
    if (botUserId === null) {
      if (entryBot) throw new ParleyError('E_VALIDATION', 'An entry bot endpoint needs a botUserId', { path: '/entryBot' });
      return;
    }
    const user = await this.store.getUser(tenantId, botUserId);
    if (!user) throw new ParleyError('E_USER_NOT_FOUND', `User ${botUserId} not found`, { path: '/botUserId' });
    if (user.kind !== 'bot') throw new ParleyError('E_VALIDATION', `${botUserId} is not a bot user`, { path: '/botUserId' });
  }
}

const NO_HEALTH: WebhookEndpointHealth = {
  state: 'healthy',
  consecutiveFailures: 0,
  pausedAt: null,
  lastError: null,
  lastFailureAt: null,
  nextAttemptAt: null,
  pending: 0,
  dropped: 0,
};

export function toHealth(h: HealthRow, pending: number): WebhookEndpointHealth {
  return {
    state: h.pausedAt !== null ? 'paused' : h.consecutiveFailures > 0 ? 'failing' : 'healthy',
    consecutiveFailures: h.consecutiveFailures,
    pausedAt: h.pausedAt,
    lastError: h.lastError,
    lastFailureAt: h.lastFailureAt,
    nextAttemptAt: h.retryAt,
    pending,
    dropped: h.dropped,
  };
}

export function toEndpoint(row: WebhookEndpointRow, entryBotId: string | null, health: WebhookEndpointHealth = NO_HEALTH): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    events: row.events,
    active: row.active,
    botUserId: row.botUserId,
    entryBot: row.botUserId !== null && row.botUserId === entryBotId,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    health,
  };
}
