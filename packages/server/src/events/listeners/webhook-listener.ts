import type { EventDispatcher } from '../dispatcher.js';
import { toWebhookEvent, type WebhookService } from '../../domain/webhooks/index.js';

/**
 * Side effect: committed chat events become webhook deliveries. Runs on the node that committed
 * (once per event cluster-wide); only maps the event and hands it to the bounded intake, so a slow
 * or dead endpoint never reaches the request that caused the event.
 *
 * @returns a function that stops listening
 */
export function webhookListener(events: EventDispatcher, webhooks: WebhookService): () => void {
  return events.onEvent((event) => {
    const webhook = toWebhookEvent(event);
    if (webhook) webhooks.enqueue(webhook);
  });
}
