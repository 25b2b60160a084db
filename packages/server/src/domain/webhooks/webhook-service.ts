import type { Store } from '../../store/index.js';
import type { WebhookConfig } from '../../config/index.js';
import type { ParleyMetrics } from '../../metrics/index.js';
import { DeliveryLog } from './deliveries.js';
import { DeliveryWorker } from './delivery-worker.js';
import { EndpointCache } from './endpoint-cache.js';
import { WebhookEndpoints } from './endpoints.js';
import { EventReader } from './event-reader.js';
import type { WebhookEvent } from './event-mapping.js';
import { DeliveryIntake } from './intake.js';

/** Bodies above this go out cut down to the chat id (docs/webhooks.md). */
const MAX_PAYLOAD_BYTES = 256 * 1024;

/**
 * Webhooks of a node: the admin side (endpoints, the delivery log, replay) and the delivery side
 * (intake of committed events, the worker that sends). `events/listeners/webhook-listener.ts` feeds
 * `enqueue`; nothing here runs on a request's path except the admin calls themselves.
 */
export class WebhookService {
  readonly endpoints: WebhookEndpoints;
  readonly deliveries: DeliveryLog;
  private readonly cache: EndpointCache;
  private readonly intake: DeliveryIntake;
  private readonly worker: DeliveryWorker;

  constructor(
    store: Store,
    config: WebhookConfig,
    metrics: ParleyMetrics,
    logError: (err: unknown, context: Record<string, unknown>) => void,
    logInfo: (message: string, context: Record<string, unknown>) => void = () => undefined,
  ) {
    this.cache = new EndpointCache(store);
    const reader = new EventReader(store, config.endpointBacklog, (count) => metrics.webhookBacklogDropped.inc(count));
    this.worker = new DeliveryWorker(store, this.cache, reader, config, {
      onAttempt: (_result, status) => {
        metrics.webhookDeliveries.inc({ outcome: status === 'pending' ? 'retry' : status });
        if (status === 'failed') metrics.webhookFailures.inc();
      },
      onCircuit: (change, endpointId, lastError) => {
        if (change === 'opened') metrics.webhookCircuitOpened.inc();
        logInfo(change === 'opened' ? 'webhook endpoint paused after repeated failures' : 'webhook endpoint resumed by a delivered probe', { endpointId, lastError });
      },
      onPausedCount: (count) => metrics.webhookPausedEndpoints.set(count),
      logError,
    });
    this.intake = new DeliveryIntake(store, this.cache, {
      limit: config.intakeLimit,
      maxPayloadBytes: MAX_PAYLOAD_BYTES,
      onStored: () => this.worker.kick(),
      onDropped: (count) => metrics.webhookDeliveries.inc({ outcome: 'dropped' }, count),
      logError,
    });
    this.endpoints = new WebhookEndpoints(
      store,
      config.allowPrivateUrls,
      (tenantId) => this.cache.invalidate(tenantId),
      config.endpointBacklog,
      (endpointId) => this.worker.endpointResumed(endpointId),
    );
    this.deliveries = new DeliveryLog(store, () => this.worker.kick());
  }

  /** Starts sending (and picks up the deliveries left pending in the store). */
  start(): void {
    this.worker.start();
  }

  /** The tenant's row changed on some node (its plan): what this node kept of it is stale. */
  forgetTenant(tenantId: string): void {
    this.cache.invalidate(tenantId);
  }

  /** A committed event for the tenant's endpoints; returns at once. */
  enqueue(event: WebhookEvent, occurredAt = Date.now()): void {
    this.intake.push(event, occurredAt);
  }

  /** Resolves when every event so far is stored, no attempt is in flight and backlogs are within their limit (tests, shutdown). */
  async idle(): Promise<void> {
    await this.intake.flush();
    await this.worker.idle();
  }

  /** Stores what is queued, then stops; attempts cut short are sent again after the next start. */
  async close(): Promise<void> {
    await this.intake.flush();
    await this.worker.close();
  }
}
