import type { Store, WebhookDeliveryRow, WebhookEndpointRow } from '../../store/index.js';
import type { WebhookConfig } from '../../config/index.js';
import type { EndpointCache } from './endpoint-cache.js';
import { retryDelay } from './backoff.js';
import { postWebhook, type PostResult } from './http-post.js';
import { webhookHeaders } from './signature.js';
import { allowsPrivateUrls } from './url-policy.js';

export interface WorkerHooks {
  /** Every attempt, with what became of its delivery. */
  onAttempt: (result: PostResult, status: WebhookDeliveryRow['status']) => void;
  logError: (err: unknown, context: Record<string, unknown>) => void;
}

/** Endpoints looked at per pass. */
const ENDPOINTS_PER_PASS = 100;

/**
 * Sends stored deliveries. The store is the queue: each pass leases due deliveries endpoint by
 * endpoint — at most `perEndpointConcurrency` in flight per endpoint and `maxConcurrency` on this
 * node — so a slow or dead endpoint only ever holds its own slots. Each attempt is signed when sent,
 * bounded by `timeoutMs`, recorded, and either finishes the delivery or schedules its retry with
 * backoff. Passes run on a timer (retries, other nodes' work, deliveries left by a restart), after
 * new deliveries are stored and after each attempt.
 */
export class DeliveryWorker {
  private readonly inFlight = new Map<string, number>();
  private readonly attempts = new Set<Promise<void>>();
  private readonly abort = new AbortController();
  private total = 0;
  private timer: NodeJS.Timeout | undefined;
  private passing: Promise<void> | null = null;
  private again = false;
  private closed = false;
  private wake: NodeJS.Timeout | undefined;
  private wakeAt = Infinity;
  private lastPrune = 0;

  constructor(
    private readonly store: Store,
    private readonly cache: EndpointCache,
    private readonly config: WebhookConfig,
    private readonly hooks: WorkerHooks,
  ) {}

  start(): void {
    if (this.timer || this.closed) return;
    this.timer = setInterval(() => this.kick(), this.config.pollMs);
    this.timer.unref();
    this.kick();
  }

  /** Runs a pass soon (coalesced). */
  kick(): void {
    if (this.closed) return;
    if (this.passing) {
      this.again = true;
      return;
    }
    this.passing = this.pass()
      .catch((err: unknown) => this.hooks.logError(err, { op: 'webhook pass' }))
      .finally(() => {
        this.passing = null;
        if (this.again) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Stops passes, aborts attempts in flight and hands their deliveries back (unleased) for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    this.abort.abort();
    // A pass still claiming hands back what it got; then the attempts end (aborted) and hand back theirs.
    await this.passing;
    await Promise.allSettled([...this.attempts]);
  }

  /** Resolves when no attempt is in flight (tests). */
  async idle(): Promise<void> {
    while (this.attempts.size > 0) await Promise.allSettled([...this.attempts]);
  }

  private async pass(): Promise<void> {
    const now = Date.now();
    await this.prune(now);
    if (this.total >= this.config.maxConcurrency) return;
    const endpointIds = await this.store.webhooks.listDueEndpoints(now, ENDPOINTS_PER_PASS);
    for (const endpointId of endpointIds) {
      const free = Math.min(this.config.perEndpointConcurrency - (this.inFlight.get(endpointId) ?? 0), this.config.maxConcurrency - this.total);
      if (free <= 0) continue;
      // The lease outlives the attempt; a node that dies mid-attempt leaves it to others after that.
      const leaseUntil = now + this.config.timeoutMs + 30_000;
      const claimed = await this.store.webhooks.claimDeliveries(endpointId, now, leaseUntil, free);
      if (this.closed) {
        await this.store.webhooks.releaseDeliveries(claimed.map((d) => d.id));
        return;
      }
      for (const delivery of claimed) this.launch(delivery);
      if (this.closed || this.total >= this.config.maxConcurrency) return;
    }
  }

  private launch(delivery: WebhookDeliveryRow): void {
    this.inFlight.set(delivery.endpointId, (this.inFlight.get(delivery.endpointId) ?? 0) + 1);
    this.total++;
    const run = this.attempt(delivery)
      .catch((err: unknown) => this.hooks.logError(err, { op: 'webhook attempt', deliveryId: delivery.id }))
      .finally(() => {
        this.attempts.delete(run);
        this.total--;
        const left = (this.inFlight.get(delivery.endpointId) ?? 1) - 1;
        if (left <= 0) this.inFlight.delete(delivery.endpointId);
        else this.inFlight.set(delivery.endpointId, left);
        this.kick();
      });
    this.attempts.add(run);
  }

  private async attempt(delivery: WebhookDeliveryRow): Promise<void> {
    const endpoint = await this.store.webhooks.getEndpoint(delivery.tenantId, delivery.endpointId);
    const number = delivery.attempts + 1;
    const startedAt = Date.now();
    let result: PostResult;
    if (!endpoint || !endpoint.active) {
      result = { statusCode: null, error: endpoint ? 'the endpoint is inactive' : 'the endpoint was deleted', responseBody: '', durationMs: 0 };
    } else {
      result = await this.post(endpoint, delivery, number);
      if (this.abort.signal.aborted && result.statusCode === null) {
        // Cut short by shutdown: not an attempt; the next start sends it again.
        await this.store.webhooks.releaseDeliveries([delivery.id]);
        return;
      }
    }
    const delivered = result.statusCode !== null && result.statusCode >= 200 && result.statusCode < 300;
    const final = delivered || number >= this.config.maxAttempts || !endpoint || !endpoint.active;
    const at = Date.now();
    const nextAttemptAt = final ? null : at + retryDelay(number, this.config.backoffBaseMs, this.config.backoffMaxMs);
    const status = delivered ? 'delivered' : final ? 'failed' : 'pending';
    await this.store.webhooks.recordAttempt(
      { deliveryId: delivery.id, attempt: number, startedAt, durationMs: result.durationMs, statusCode: result.statusCode, error: result.error, responseBody: result.responseBody },
      { status, nextAttemptAt, at },
    );
    this.hooks.onAttempt(result, status);
    if (nextAttemptAt !== null) this.wakeBy(nextAttemptAt);
  }

  private async post(endpoint: WebhookEndpointRow, delivery: WebhookDeliveryRow, attempt: number): Promise<PostResult> {
    const tenant = await this.cache.tenant(endpoint.tenantId);
    const allowPrivate = tenant !== null && allowsPrivateUrls(tenant.plan, this.config.allowPrivateUrls);
    const headers = webhookHeaders(endpoint.secret, delivery.payload, { eventId: delivery.eventId, deliveryId: delivery.id, attempt });
    return postWebhook(endpoint.url, headers, delivery.payload, {
      timeoutMs: this.config.timeoutMs,
      allowPrivate,
      maxResponseBytes: this.config.maxResponseBytes,
      signal: this.abort.signal,
    });
  }

  /** A pass when the earliest retry this node scheduled falls due (sooner than the poll timer). */
  private wakeBy(at: number): void {
    if (this.closed || at >= this.wakeAt) return;
    clearTimeout(this.wake);
    this.wakeAt = at;
    this.wake = setTimeout(() => {
      this.wakeAt = Infinity;
      this.kick();
    }, Math.max(0, at - Date.now()) + 5);
    this.wake.unref();
  }

  private async prune(now: number): Promise<void> {
    if (now - this.lastPrune < 60_000) return;
    this.lastPrune = now;
    await this.store.webhooks.pruneDeliveries(now - this.config.retentionMs);
  }
}
