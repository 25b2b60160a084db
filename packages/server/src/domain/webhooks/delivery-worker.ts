import { randomUUID } from 'node:crypto';
import type { DueEndpoint, Store, WebhookDeliveryRow, WebhookEndpointRow } from '../../store/index.js';
import type { WebhookConfig } from '../../config/index.js';
import type { EndpointCache } from './endpoint-cache.js';
import type { EventReader } from './event-reader.js';
import { retryDelay } from './backoff.js';
import { postWebhook, type PostResult } from './http-post.js';
import { webhookHeaders } from './signature.js';
import { allowsPrivateUrls } from './url-policy.js';

export interface WorkerHooks {
  /** Every attempt, with what became of its delivery. */
  onAttempt: (result: PostResult, status: WebhookDeliveryRow['status'], endpointId: string) => void;
  /** This node opened an endpoint's circuit (paused it) or closed it with a delivered probe. */
  onCircuit: (change: 'opened' | 'closed', endpointId: string, lastError: string | null) => void;
  /** Endpoints paused cluster-wide, read now and then. */
  onPausedCount: (count: number) => void;
  logError: (err: unknown, context: Record<string, unknown>) => void;
}

/** How often the paused endpoints are counted for the gauge, and lagging endpoints skipped ahead. */
const SWEEP_MS = 5_000;

/** Endpoints looked at per pass. */
const ENDPOINTS_PER_PASS = 100;

/**
 * Sends stored events. The store is the queue: each pass goes endpoint by endpoint over those that
 * are due (not waiting out their backoff) and not worked by another node (the endpoint's lease),
 * takes the endpoint's next events after its cursor into deliveries (`EventReader`) and leases its
 * due deliveries — at most `perEndpointConcurrency` in flight per endpoint and `maxConcurrency` on
 * this node — so a slow or dead endpoint only ever holds its own slots. Each attempt is signed when
 * sent, bounded by `timeoutMs`, recorded, and either finishes the delivery or schedules its retry
 * with backoff. Passes run on a timer (retries, other nodes' work, deliveries left by a restart),
 * after new events are stored and after each attempt.
 *
 * Failures also count against the endpoint (in the store, for every node): after a failed attempt
 * the whole endpoint waits out its own backoff, so a dead endpoint sees about one attempt per
 * backoff interval however many events wait for it; after `pauseAfterFailures` in a row its circuit
 * opens (paused) and only one probe goes out per `probeIntervalMs`. A delivered attempt closes it.
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
  private lastSweep = 0;
  /** Endpoints resumed on this node: skipped ahead past their backlog limit before they are read. */
  private readonly resumed = new Set<string>();
  /** This node, as the holder of endpoint leases. */
  private readonly owner = `node_${randomUUID()}`;

  constructor(
    private readonly store: Store,
    private readonly cache: EndpointCache,
    private readonly reader: EventReader,
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

  /** An admin resumed the endpoint: what lies beyond its backlog limit is skipped, the rest goes out now. */
  endpointResumed(endpointId: string): void {
    this.resumed.add(endpointId);
    this.kick();
  }

  /** Stops passes, aborts attempts in flight and hands their deliveries and endpoints back (unleased) for the next start. */
  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    this.abort.abort();
    // A pass still claiming hands back what it got; then the attempts end (aborted) and hand back theirs.
    await this.passing;
    await Promise.allSettled([...this.attempts]);
    await this.store.webhooks.releaseEndpoints(this.owner).catch((err: unknown) => this.hooks.logError(err, { op: 'webhook endpoint release' }));
  }

  /** Resolves when no attempt is in flight and endpoints past their backlog limit were skipped ahead (tests). */
  async idle(): Promise<void> {
    while (this.attempts.size > 0) await Promise.allSettled([...this.attempts]);
    await this.reader.trimAll();
  }

  private async pass(): Promise<void> {
    const now = Date.now();
    await this.prune(now);
    await this.sweep(now);
    if (this.total >= this.config.maxConcurrency) return;
    const window = this.config.perEndpointConcurrency;
    const due = await this.store.webhooks.dueEndpoints(now, ENDPOINTS_PER_PASS, { window, owner: this.owner });
    for (const endpoint of due) {
      const endpointId = endpoint.id;
      const busy = this.inFlight.get(endpointId) ?? 0;
      // A paused endpoint gets one probe at a time.
      const perEndpoint = endpoint.paused ? 1 : window;
      const free = Math.min(perEndpoint - busy, this.config.maxConcurrency - this.total);
      if (free <= 0) continue;
      // The leases outlive the attempt; a node that dies mid-attempt leaves the endpoint and its deliveries to others after that.
      const leaseUntil = now + this.config.timeoutMs + 30_000;
      if (!(await this.store.webhooks.leaseEndpoint(endpointId, this.owner, now, leaseUntil))) continue;
      await this.read(endpoint, perEndpoint, now);
      const claimed = await this.store.webhooks.claimDeliveries(endpointId, now, leaseUntil, free);
      if (this.closed) {
        await this.store.webhooks.releaseDeliveries(claimed.map((d) => d.id));
        return;
      }
      for (const delivery of claimed) this.launch(delivery, endpoint);
      if (this.closed || this.total >= this.config.maxConcurrency) return;
    }
  }

  /** Takes the endpoint's next events into deliveries, up to `window` pending in all. */
  private async read(endpoint: DueEndpoint, window: number, now: number): Promise<void> {
    // A failing endpoint may have fallen behind: it skips ahead before it reads.
    if (this.resumed.delete(endpoint.id) || endpoint.failing || endpoint.paused) await this.reader.trim(endpoint.id);
    const pending = (await this.store.webhooks.countPendingDeliveries([endpoint.id], window)).get(endpoint.id) ?? 0;
    if (await this.reader.take(endpoint.id, window - pending, now)) this.again = true;
  }

  private launch(delivery: WebhookDeliveryRow, due: DueEndpoint): void {
    this.inFlight.set(delivery.endpointId, (this.inFlight.get(delivery.endpointId) ?? 0) + 1);
    this.total++;
    const run = this.attempt(delivery, due)
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

  private async attempt(delivery: WebhookDeliveryRow, due: DueEndpoint): Promise<void> {
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
    this.hooks.onAttempt(result, status, delivery.endpointId);
    if (nextAttemptAt !== null) this.wakeBy(nextAttemptAt);
    // The endpoint's health: only what it answered counts (not an endpoint deactivated or deleted).
    if (endpoint?.active) {
      if (delivered) {
        if (due.paused || due.failing) await this.recovered(endpoint.id);
      } else {
        await this.failed(endpoint.id, result.error ?? `HTTP ${result.statusCode ?? 0}`, at);
      }
    }
  }

  /** One more failure in a row: the endpoint backs off, or its circuit opens (or stays open until the next probe). */
  private async failed(endpointId: string, error: string, at: number): Promise<void> {
    const failures = await this.store.webhooks.recordEndpointFailure(endpointId, error, at);
    if (failures === 0) return;
    if (failures < this.config.pauseAfterFailures) {
      const retryAt = at + retryDelay(failures, this.config.endpointBackoffBaseMs, this.config.endpointBackoffMaxMs);
      await this.store.webhooks.setEndpointRetry(endpointId, retryAt);
      this.wakeBy(retryAt);
      return;
    }
    const probeAt = at + this.config.probeIntervalMs;
    if (await this.store.webhooks.pauseEndpoint(endpointId, at, probeAt)) this.hooks.onCircuit('opened', endpointId, error);
    // Already paused (a failed probe, or another node opened it): the next probe waits its interval.
    else await this.store.webhooks.setEndpointRetry(endpointId, probeAt);
    this.lastSweep = 0;
    this.wakeBy(probeAt);
  }

  /** A delivered attempt after failures: the backoff is forgotten and the circuit closes. */
  private async recovered(endpointId: string): Promise<void> {
    if (await this.store.webhooks.resumeEndpoint(endpointId)) {
      this.hooks.onCircuit('closed', endpointId, null);
      this.lastSweep = 0;
    }
    // The backlog waits no more.
    this.kick();
  }

  /**
   * Now and then (and soon after a circuit changed): the paused-endpoints gauge, and endpoints that
   * fell more than their backlog limit behind (paused ones, and those waiting out a backoff) skip ahead.
   */
  private async sweep(now: number): Promise<void> {
    if (now - this.lastSweep < SWEEP_MS) return;
    this.lastSweep = now;
    this.hooks.onPausedCount(await this.store.webhooks.countPausedEndpoints());
    await this.reader.trimAll();
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
    await this.reader.prune(now - this.config.retentionMs);
  }
}
