import type { EventDispatcher } from '../dispatcher.js';
import type { LivechatService } from '../../domain/livechat/index.js';

/**
 * Follow-ups of committed events, on the node that committed (once cluster-wide): an ended live chat
 * frees its agent, saves its transcript and moves its queue on; an assigned agent who left a live chat
 * gives it back to the queue. The work runs in the background; `LivechatService.idle` awaits it.
 *
 * @returns a function that stops listening
 */
export function livechatListener(events: EventDispatcher, livechat: LivechatService): () => void {
  return events.onEvent((event) => {
    if (event.event === 'livechat.ended') livechat.afterEnd(event.chatId);
    else if (event.event === 'member.left') livechat.afterLeave(event.tenantId, event.chatId, event.data.userId);
  });
}
