import type { Store } from '../../store/index.js';

/**
 * Which bot answers a tenant's new live chats. The entry bot is the live-chat setting
 * (`store.livechat.getEntryBot`, set by an admin or by marking a webhook endpoint `entryBot`); it
 * counts only while an active webhook endpoint speaks for it — a bot nobody hears would leave
 * visitors waiting in state `bot` forever.
 *
 * @example
 * const botId = await services.bots.entryBot(tenant.id); // null: start the chat in the queue
 */
export class BotDirectory {
  constructor(private readonly store: Store) {}

  /** The entry bot's user id when it can answer, else null. */
  async entryBot(tenantId: string): Promise<string | null> {
    const botId = await this.store.livechat.getEntryBot(tenantId);
    if (botId === null) return null;
    return (await this.isReachable(tenantId, botId)) ? botId : null;
  }

  async hasEntryBot(tenantId: string): Promise<boolean> {
    return (await this.entryBot(tenantId)) !== null;
  }

  /** Whether an active webhook endpoint speaks for the bot user. */
  async isReachable(tenantId: string, botUserId: string): Promise<boolean> {
    const endpoints = await this.store.webhooks.listEndpoints(tenantId);
    return endpoints.some((e) => e.active && e.botUserId === botUserId);
  }
}
