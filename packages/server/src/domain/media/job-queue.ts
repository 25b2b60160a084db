/**
 * A small in-process job queue: at most `concurrency` jobs run at once and at most `maxPending` wait.
 * A job offered to a full queue is refused (the caller retries later), so memory stays bounded.
 */
export class JobQueue {
  private readonly waiting: (() => Promise<void>)[] = [];
  private running = 0;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly concurrency: number,
    private readonly maxPending: number,
  ) {}

  /** Queues `job`; false when the queue is full. */
  offer(job: () => Promise<void>): boolean {
    if (this.waiting.length >= this.maxPending) return false;
    this.waiting.push(job);
    this.pump();
    return true;
  }

  get size(): number {
    return this.waiting.length + this.running;
  }

  /** Resolves when nothing runs or waits (tests, shutdown). */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  private pump(): void {
    while (this.running < this.concurrency) {
      const job = this.waiting.shift();
      if (!job) break;
      this.running++;
      void job()
        .catch(() => undefined)
        .finally(() => {
          this.running--;
          this.pump();
          if (this.size === 0) {
            const waiters = this.idleWaiters;
            this.idleWaiters = [];
            for (const w of waiters) w();
          }
        });
    }
  }
}
