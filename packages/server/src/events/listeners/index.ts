import type { EventDispatcher } from '../dispatcher.js';
import type { LivechatService } from '../../domain/livechat/index.js';
import type { WebhookService } from '../../domain/webhooks/index.js';
import { livechatListener } from './livechat-listener.js';
import { webhookListener } from './webhook-listener.js';

/**
 * The node's listeners of committed events, wired where the node is built: services emit, they never
 * subscribe themselves.
 *
 * @returns a function that stops them all
 */
export function listenToEvents(events: EventDispatcher, services: { livechat: LivechatService; webhooks: WebhookService }): () => void {
  const stops = [livechatListener(events, services.livechat), webhookListener(events, services.webhooks)];
  return () => {
    for (const stop of stops) stop();
  };
}
