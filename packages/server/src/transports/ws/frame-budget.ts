/** What a frame's budget allows: run it, refuse it (E_RATE_LIMITED), or cut the connection (4429). */
export type FrameVerdict = { kind: 'ok' } | { kind: 'limited'; retryAfterSeconds: number } | { kind: 'cut' };

/**
 * Frames one connection may send per window (a fixed window, counted in this process: a connection
 * lives on one node). Past `limit` each request is refused with a retry hint; a client that keeps
 * going to twice the limit is cut.
 */
export class FrameBudget {
  private start = 0;
  private count = 0;

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  take(): FrameVerdict {
    if (this.limit <= 0) return { kind: 'ok' };
    const now = this.now();
    if (now - this.start >= this.windowMs) {
      this.start = now;
      this.count = 0;
    }
    this.count++;
    if (this.count <= this.limit) return { kind: 'ok' };
    if (this.count > 2 * this.limit) return { kind: 'cut' };
    return { kind: 'limited', retryAfterSeconds: Math.max(1, Math.ceil((this.start + this.windowMs - now) / 1000)) };
  }
}
