import type { EventDispatcher } from '../dispatcher.js';
import { toWebhookEvent, type WebhookService } from '../../domain/webhooks/index.js';

/** Chats whose end was already passed on (the end rule and the live-chat service may both announce it). */
const ENDED_MEMORY = 10_000;

/**
 * Side effect: committed chat events become webhook deliveries. Runs on the node that committed
 * (once per event cluster-wide); only maps the event and hands it to the bounded intake, so a slow
 * or dead endpoint never reaches the request that caused the event.
 *
 * @returns a function that stops listening
 */
export function webhookListener(events: EventDispatcher, webhooks: WebhookService): () => void {
  const ended = new Set<string>();
  return events.onEvent((event) => {
    const webhook = toWebhookEvent(event);
    if (!webhook) return;
    if (webhook.type === 'chat.ended') {
      if (ended.has(event.chatId)) return;
      ended.add(event.chatId);
      if (ended.size > ENDED_MEMORY) ended.delete(ended.values().next().value as string);
    }
    webhooks.enqueue(webhook);
  });
}
