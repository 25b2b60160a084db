import { ParleyError } from '@parley/protocol';

interface Pending<In, Out> {
  item: In;
  resolve: (result: Out) => void;
  reject: (err: unknown) => void;
}

export interface BatcherOptions {
  /** Items handed to one `run` at most. */
  maxBatch: number;
  /** Items waiting at most; beyond, `add` fails with E_UNAVAILABLE (retriable) — backpressure. */
  maxQueue: number;
}

/**
 * Group commit for anything: items that arrive while a batch runs wait for the next one, so one
 * transaction (one fsync) serves many callers. One batch runs at a time, which keeps commits — and
 * the events that follow them — in order on this node. `run` answers one result per item, in order.
 */
export class Batcher<In, Out> {
  private queue: Pending<In, Out>[] = [];
  private running = false;
  private closed = false;

  constructor(
    private readonly run: (items: In[]) => Promise<Out[]>,
    private readonly opts: BatcherOptions,
  ) {}

  get pending(): number {
    return this.queue.length;
  }

  add(item: In): Promise<Out> {
    if (this.closed) return Promise.reject(new ParleyError('E_UNAVAILABLE', 'The server is shutting down'));
    if (this.queue.length >= this.opts.maxQueue) {
      return Promise.reject(new ParleyError('E_UNAVAILABLE', 'Too many requests waiting for a commit', { retryAfter: 1 }));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      if (!this.running) {
        this.running = true;
        setImmediate(() => void this.drain());
      }
    });
  }

  /** Waits for everything queued to be run, then refuses new items (graceful shutdown). */
  async close(): Promise<void> {
    this.closed = true;
    while (this.running || this.queue.length > 0) await new Promise((r) => setTimeout(r, 5));
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.length <= this.opts.maxBatch ? this.queue : this.queue.slice(0, this.opts.maxBatch);
      this.queue = batch === this.queue ? [] : this.queue.slice(batch.length);
      try {
        const results = await this.run(batch.map((p) => p.item));
        batch.forEach((p, i) => p.resolve(results[i] as Out));
      } catch (err) {
        for (const p of batch) p.reject(err);
      }
    }
    this.running = false;
  }
}
