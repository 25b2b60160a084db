import type { ResumeResult } from '@parley/protocol';
import type { GatewayObserver } from '../transports/ws/observer.js';
import type { ParleyMetrics } from './registry.js';

/** Turns the gateway's reports into metrics. */
export function gatewayObserver(metrics: ParleyMetrics): GatewayObserver {
  const messageEvents = metrics.eventsOut.labels('message');
  return {
    connectionOpened() {
      metrics.connectionsOpened.inc();
    },
    delivered(event, sockets, publishedAt) {
      if (event === 'message') {
        messageEvents.inc(sockets);
        metrics.messagesOut.inc(sockets);
        if (publishedAt !== undefined) metrics.deliveryLatency.observe(Math.max(0, Date.now() - publishedAt) / 1000);
        return;
      }
      metrics.eventsOut.inc({ event }, sockets);
    },
    resumed(result: ResumeResult) {
      metrics.resumes.inc();
      metrics.resumeReplayed.inc(result.replayed);
      for (const chat of result.chats) metrics.resumeChats.inc({ outcome: chat.status });
    },
  };
}
