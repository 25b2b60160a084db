import { Redis, type RedisOptions } from 'ioredis';
import { ClusterBus, type ClusterBusOptions } from '../cluster-bus.js';
import { RedisPresenceBackend } from './redis-presence.js';
import { RedisRateLimiter, type RateDecision } from './redis-rate-limiter.js';
import { RedisFailureCounter } from './redis-failure-counter.js';

export interface RedisBusOptions extends ClusterBusOptions {
  /** `redis://[user:password@]host:port[/db]` or `rediss://…` */
  url: string;
  /** Prefix of the channel and every key, so several clusters (or test suites) share one Redis. Default `parley:`. */
  prefix?: string;
  /** How long the start waits for Redis before serving without it (and connecting in the background). Default 5 s. */
  connectTimeoutMs?: number;
  /** Where link changes are reported. */
  log?: (message: string, err?: unknown) => void;
}

/** Reconnect delays: quick at first, then once a second for as long as it takes. */
const retryStrategy = (attempt: number): number => Math.min(50 * 2 ** Math.min(attempt, 5), 1_000);

/**
 * The scale-out bus: one Redis channel for every node. All the cross-node logic is the shared
 * `ClusterBus`; this file only publishes, subscribes and reports its links. Publishing never queues
 * while Redis is away (at-most-once: the store is the truth, and a resync catches up), so a long
 * outage costs no memory.
 *
 * @example
 * const bus = await RedisBus.connect({ url: 'redis://127.0.0.1:6379', prefix: 'parley:' });
 */
export class RedisBus extends ClusterBus {
  readonly name = 'redis';

  private constructor(
    private readonly pub: Redis,
    private readonly sub: Redis,
    private readonly channel: string,
    opts: RedisBusOptions,
    private readonly prefix: string,
  ) {
    super(new RedisPresenceBackend(pub, prefix), opts);
    const log = opts.log ?? (() => {});
    sub.on('message', (channel: string, payload: string) => {
      if (channel === this.channel) this.onPayload(payload);
    });
    sub.on('close', () => {
      if (this.connected) log('redis bus: subscriber link lost; serving local clients only');
      this.linkDown();
    });
    sub.on('ready', () => {
      // ioredis resubscribes by itself; this subscribe is answered after it, so once it resolves
      // every event published from now on reaches this node, and the resync can read the store.
      sub.subscribe(this.channel).then(
        () => {
          if (!this.connected) log('redis bus: subscriber link back; catching up from the store');
          this.linkRestored();
        },
        (err: unknown) => log('redis bus: resubscribe failed', err),
      );
    });
    pub.on('ready', () => this.publisherRestored());
    // Errors surface through the link events and failed commands; unheard, they would be logged raw.
    sub.on('error', () => {});
    pub.on('error', () => {});
  }

  /** Connects both links; if Redis does not answer in time the node starts anyway and keeps trying. */
  static async connect(opts: RedisBusOptions): Promise<RedisBus> {
    const prefix = opts.prefix ?? 'parley:';
    const common: RedisOptions = { lazyConnect: true, retryStrategy, connectionName: 'parley', connectTimeout: 5_000 };
    // The publisher fails fast instead of queueing: a lost publish is caught up by the resync.
    const pub = new Redis(opts.url, { ...common, enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 2_000 });
    const sub = new Redis(opts.url, { ...common, maxRetriesPerRequest: null });
    const timeout = opts.connectTimeoutMs ?? 5_000;
    const started = await Promise.race([
      Promise.all([pub.connect(), sub.connect().then(() => sub.subscribe(`${prefix}bus`))]).then(
        () => true,
        () => false,
      ),
      new Promise<false>((resolve) => setTimeout(() => resolve(false), timeout).unref()),
    ]);
    const bus = new RedisBus(pub, sub, `${prefix}bus`, opts, prefix);
    if (!started) {
      bus.linkDown();
      opts.log?.(`redis bus: ${redact(opts.url)} unreachable at start; serving local clients, retrying`);
    }
    return bus;
  }

  /**
   * Rate-limit counters shared by every node on this Redis (same prefix); `fallback` counts while
   * Redis is away.
   */
  rateLimiter(fallback: { hit(key: string, limit: number, windowMs: number): Promise<RateDecision> }): RedisRateLimiter {
    return new RedisRateLimiter(this.pub, this.prefix, fallback);
  }

  /** Sign-in failure counts shared by every node on this Redis; `fallback` counts while Redis is away. */
  failureCounter(fallback: ConstructorParameters<typeof RedisFailureCounter>[2]): RedisFailureCounter {
    return new RedisFailureCounter(this.pub, this.prefix, fallback);
  }

  protected async doPublish(payload: string): Promise<void> {
    await this.pub.publish(this.channel, payload);
  }

  protected async doClose(): Promise<void> {
    this.sub.disconnect();
    try {
      await this.pub.quit();
    } catch {
      this.pub.disconnect();
    }
  }
}

function redact(url: string): string {
  return url.replace(/\/\/([^:@/]*):[^@/]*@/, '//$1:***@');
}
