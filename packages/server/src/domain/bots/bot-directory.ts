import type { Store } from '../../store/index.js';

/**
 * Which bot answers a tenant's new live chats. The entry bot is the live-chat setting
 * (`store.livechat.getEntryBot`, set by an admin or by marking a webhook endpoint `entryBot`). A bot
 * that webhook endpoints speak for counts only while one of them is active — a bot nobody hears would
 * leave visitors waiting in state `bot` forever; a bot without endpoints answers over REST or a socket.
 *
 * @example
 * const botId = await bots.entryBot(tenant.id); // null: start the chat in the queue
 */
export class BotDirectory {
  constructor(private readonly store: Store) {}

  /** The entry bot's user id when it can answer, else null. */
  async entryBot(tenantId: string): Promise<string | null> {
    const botId = await this.store.livechat.getEntryBot(tenantId);
    if (botId === null) return null;
    return (await this.isReachable(tenantId, botId)) ? botId : null;
  }

  /** Whether the bot hears new chats: it has no webhook endpoint, or one of its endpoints is active. */
  async isReachable(tenantId: string, botUserId: string): Promise<boolean> {
    const endpoints = (await this.store.webhooks.listEndpoints(tenantId)).filter((e) => e.botUserId === botUserId);
    return endpoints.length === 0 || endpoints.some((e) => e.active);
  }
}
