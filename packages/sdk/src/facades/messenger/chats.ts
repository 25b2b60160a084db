import type { ChatSummary } from '@parley/protocol';
import { optionalBoolean, optionalId, requireBoolean } from './args.js';
import { MessengerContext, type ChatType } from './context.js';
import { viewMessage, type MessengerMessage } from './message-view.js';

/** A recent chat (seed 004): the chat with its JID, type, last message, unread count, muted and archived flags. */
export interface RecentChat extends Omit<ChatSummary, 'lastMessage'> {
  toJid: string;
  chatType: ChatType;
  lastMessage: MessengerMessage | null;
}

export async function viewChats(ctx: MessengerContext, chats: readonly ChatSummary[]): Promise<RecentChat[]> {
  const out: RecentChat[] = [];
  for (const chat of chats) {
    const { jid, chatType } = await ctx.jidOfChat(chat);
    const lastMessage = chat.lastMessage ? await viewMessage(ctx, chat.lastMessage, { jid, chatType }) : null;
    out.push({ ...chat, toJid: jid, chatType, lastMessage });
  }
  return out;
}

export async function getRecentChats(ctx: MessengerContext): Promise<RecentChat[]> {
  return viewChats(ctx, await ctx.client.chats());
}

export async function getAllArchivedChats(ctx: MessengerContext): Promise<RecentChat[]> {
  return viewChats(ctx, await ctx.client.request('chats.archived', {}));
}

/** `FAVOURITES: true` deletes the user's favourites among the cleared messages too; by default they are kept. */
export async function clearChat(ctx: MessengerContext, toJid: unknown, favourites: unknown, lastMsgId: unknown): Promise<{ clearedSeq: number }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const deleteFavourites = optionalBoolean('FAVOURITES', favourites, false);
  const upTo = optionalId('LAST_MSG_ID', lastMsgId);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  return ctx.client.request('chat.clear', { chatId, keepFavourites: !deleteFavourites, ...(upTo ? { upToMessageId: upTo } : {}) });
}

export async function deleteChat(ctx: MessengerContext, toJid: unknown, favourites: unknown): Promise<{ clearedSeq: number }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const deleteFavourites = optionalBoolean('FAVOURITES', favourites, false);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  return ctx.client.request('chat.delete', { chatId, keepFavourites: !deleteFavourites });
}

export async function updateMuteNotification(ctx: MessengerContext, toJid: unknown, isMuted: unknown): Promise<{ toJid: string; isMuted: boolean }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const muted = requireBoolean('IS_MUTED', isMuted);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  const result = await ctx.client.request('chat.mute', { chatId, muted });
  return { toJid: jid, isMuted: result.muted };
}

export async function updateArchiveChat(ctx: MessengerContext, toJid: unknown, isArchived: unknown): Promise<{ toJid: string; isArchived: boolean }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const archived = requireBoolean('IS_ARCHIVED', isArchived);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  const result = await ctx.client.request('chat.archive', { chatId, archived });
  return { toJid: jid, isArchived: result.archived };
}
