import { optionalIds, requireBoolean, requireId } from './args.js';
import { MessengerContext } from './context.js';
import { viewMessage, type MessengerMessage } from './message-view.js';

/** A favourite as `favouriteMessageListener` and `getAllFavouriteMessages` give it. */
export interface FavouriteView {
  msgId: string;
  chatId: string;
  fromUserJid: string;
  favouritedAt: number;
  message: MessengerMessage;
}

export async function updateFavouriteStatus(ctx: MessengerContext, toJid: unknown, messageId: unknown, isFavourite: unknown, mentioned: unknown): Promise<{ msgId: string; isFavourite: boolean }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const id = requireId('MESSAGE_ID', messageId);
  const favourite = requireBoolean('IS_FAVOURITE', isFavourite);
  optionalIds('MENTIONED_USERS_IDS', mentioned);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  const result = await ctx.client.request('favourites.set', { chatId, messageId: id, favourite });
  return { msgId: id, isFavourite: result.favourite };
}

export async function getAllFavouriteMessages(ctx: MessengerContext): Promise<FavouriteView[]> {
  const { favourites } = await ctx.client.request('favourites.list', {});
  const out: FavouriteView[] = [];
  for (const f of favourites) {
    const message = await viewMessage(ctx, f.message);
    out.push({ msgId: f.messageId, chatId: f.chatId, fromUserJid: message.fromUserJid, favouritedAt: f.favouritedAt, message });
  }
  return out;
}

export async function removeAllFavouriteMessages(ctx: MessengerContext): Promise<{ removed: number }> {
  return ctx.client.request('favourites.clear', {});
}
