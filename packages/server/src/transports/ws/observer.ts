import type { ResumeResult } from '@parley/protocol';

/**
 * What the gateway reports for metrics, once per connection, event or resume — never once per
 * socket write. Every method is optional to implement through `NO_OBSERVER`.
 */
export interface GatewayObserver {
  connectionOpened(): void;
  /** An event was written to `sockets` local sockets; `publishedAt` is when it was committed and published (ms). */
  delivered(event: string, sockets: number, publishedAt: number | undefined): void;
  resumed(result: ResumeResult): void;
}

export const NO_OBSERVER: GatewayObserver = {
  connectionOpened() {},
  delivered() {},
  resumed() {},
};
