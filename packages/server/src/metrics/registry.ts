import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const SIZE_BUCKETS = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096];

/** Live values read when Prometheus scrapes, so nothing is updated per socket. */
export interface MetricSources {
  connections(): number;
  writerQueueLength(): number;
}

/**
 * Every metric of a Parley node, on a registry of its own (several nodes in one test process do not
 * share counters). docs/deployment.md lists them. Updates happen once per event, batch or request —
 * never once per socket.
 */
export class ParleyMetrics {
  readonly registry = new Registry();

  // Connections and messages.
  readonly connectionsOpened: Counter;
  /** Messages committed by this node (new ones; idempotent retries are not counted). */
  readonly messagesIn: Counter;
  /** `message` events written to sockets by this node (one per socket). */
  readonly messagesOut: Counter;
  /** Events of every kind written to sockets, by event name. */
  readonly eventsOut: Counter<'event'>;
  /** From the commit (the event's publication) to its bytes written to the last local socket. */
  readonly deliveryLatency: Histogram;

  // Resume.
  readonly resumes: Counter;
  readonly resumeChats: Counter<'outcome'>;
  readonly resumeReplayed: Counter;

  // Group commit and store.
  readonly writerBatchSize: Histogram<'op'>;
  readonly storeLatency: Histogram<'op'>;
  readonly storeErrors: Counter<'op'>;

  // HTTP.
  readonly httpRequests: Counter<'method' | 'route' | 'status'>;
  readonly httpDuration: Histogram<'method' | 'route'>;

  // Contact centre (routing and webhooks, not written yet): their code updates these.
  /** Live chats waiting for an agent, per node that routes them. */
  readonly queueLength: Gauge;
  /** How long a live chat waited in the queue before an agent took it. */
  readonly queueWait: Histogram;
  /** Webhook deliveries that failed (after their retries). */
  readonly webhookFailures: Counter;
  /** Webhook attempts by what became of the delivery (delivered, retry, failed), and events dropped by a full intake. */
  readonly webhookDeliveries: Counter<'outcome'>;
  /** Webhook endpoints paused (circuit open), cluster-wide as the store has it; refreshed by each node's worker. */
  readonly webhookPausedEndpoints: Gauge;
  /** Circuits this node opened (an endpoint paused after its failures in a row). */
  readonly webhookCircuitOpened: Counter;
  /** Events not queued for an endpoint because its backlog was full or it was paused. */
  readonly webhookBacklogDropped: Counter;

  constructor(sources: MetricSources) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry, eventLoopMonitoringPrecision: 10 });
    new Gauge({
      name: 'parley_connections',
      help: 'Open WebSocket connections on this node',
      registers,
      collect() {
        this.set(sources.connections());
      },
    });
    this.connectionsOpened = new Counter({ name: 'parley_connections_opened_total', help: 'WebSocket connections opened', registers });
    this.messagesIn = new Counter({ name: 'parley_messages_in_total', help: 'Messages committed by this node', registers });
    this.messagesOut = new Counter({ name: 'parley_messages_out_total', help: 'Message events written to sockets', registers });
    this.eventsOut = new Counter({ name: 'parley_events_out_total', help: 'Events written to sockets, by event', labelNames: ['event'], registers });
    this.deliveryLatency = new Histogram({
      name: 'parley_delivery_latency_seconds',
      help: 'Message commit to written to the sockets of this node',
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.resumes = new Counter({ name: 'parley_resumes_total', help: 'Resume requests answered', registers });
    this.resumeChats = new Counter({
      name: 'parley_resume_chats_total',
      help: 'Chats in resume answers, by outcome (recovered, unrecoverable, new, gone)',
      labelNames: ['outcome'],
      registers,
    });
    this.resumeReplayed = new Counter({ name: 'parley_resume_replayed_messages_total', help: 'Messages replayed by resumes', registers });
    this.writerBatchSize = new Histogram({
      name: 'parley_writer_batch_size',
      help: 'Items committed in one group-commit transaction, by store operation',
      labelNames: ['op'],
      buckets: SIZE_BUCKETS,
      registers,
    });
    new Gauge({
      name: 'parley_writer_queue_length',
      help: 'Sends waiting for a group commit',
      registers,
      collect() {
        this.set(sources.writerQueueLength());
      },
    });
    this.storeLatency = new Histogram({
      name: 'parley_store_seconds',
      help: 'Store operation latency, by operation',
      labelNames: ['op'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.storeErrors = new Counter({ name: 'parley_store_errors_total', help: 'Store operations that failed', labelNames: ['op'], registers });
    this.httpRequests = new Counter({
      name: 'parley_http_requests_total',
      help: 'HTTP requests, by route and status',
      labelNames: ['method', 'route', 'status'],
      registers,
    });
    this.httpDuration = new Histogram({
      name: 'parley_http_request_duration_seconds',
      help: 'HTTP request duration, by route',
      labelNames: ['method', 'route'],
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.queueLength = new Gauge({ name: 'parley_queue_length', help: 'Live chats waiting for an agent', registers });
    this.queueWait = new Histogram({
      name: 'parley_queue_wait_seconds',
      help: 'Time a live chat waited for an agent',
      buckets: [1, 5, 15, 30, 60, 120, 300, 600, 1800],
      registers,
    });
    this.webhookFailures = new Counter({ name: 'parley_webhook_failures_total', help: 'Webhook deliveries that failed', registers });
    this.webhookDeliveries = new Counter({
      name: 'parley_webhook_deliveries_total',
      help: 'Webhook attempts by outcome (delivered, retry, failed) and events dropped by a full intake (dropped)',
      labelNames: ['outcome'],
      registers,
    });
    this.webhookPausedEndpoints = new Gauge({ name: 'parley_webhook_paused_endpoints', help: 'Webhook endpoints paused after repeated failures (circuit open)', registers });
    this.webhookCircuitOpened = new Counter({ name: 'parley_webhook_circuit_opened_total', help: 'Webhook endpoints paused by this node after repeated failures', registers });
    this.webhookBacklogDropped = new Counter({
      name: 'parley_webhook_backlog_dropped_total',
      help: 'Webhook events not queued for an endpoint because its backlog was full or it was paused',
      registers,
    });
    for (const outcome of ['recovered', 'unrecoverable', 'new', 'gone']) this.resumeChats.inc({ outcome }, 0);
  }

  /** The Prometheus text exposition. */
  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
