import { LIMITS, getJid, type HistoryPosition } from '@parley/protocol';
import { optionalBoolean, optionalEnum, optionalId, optionalIds, optionalLimit, optionalMsgId, requireId, requireIds, requireText } from './args.js';
import { MessengerContext, type ChatType } from './context.js';
import { invalid } from './envelope.js';
import { viewMessage, viewMessages, type MessengerMessage } from './message-view.js';

/** Options of a send (seed 004): reply, mentions, and a client message id for idempotent retries. */
export interface SendOptions {
  replyMessageId?: string;
  mentionedUsersIds?: string[];
  /** A UUID; a retried send with the same id is stored once. */
  msgId?: string;
}

export function checkSendOptions(opts: unknown): { replyTo?: string; mentions: string[]; id?: string } {
  if (opts !== undefined && (typeof opts !== 'object' || opts === null || Array.isArray(opts))) throw invalid('options', 'must be an object');
  const o = (opts ?? {}) as Record<string, unknown>;
  const replyTo = optionalId('replyMessageId', o.replyMessageId);
  const id = optionalMsgId('msgId', o.msgId);
  return { mentions: optionalIds('mentionedUsersIds', o.mentionedUsersIds), ...(replyTo ? { replyTo } : {}), ...(id ? { id } : {}) };
}

export async function getChatMessages(ctx: MessengerContext, toJid: unknown, position: unknown, lastRowId: unknown, limit: unknown): Promise<MessengerMessage[]> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const pos = optionalEnum<HistoryPosition>('POSITION', position, ['up', 'down']);
  const last = optionalId('LAST_ROW_ID', lastRowId);
  const max = optionalLimit('LIMIT', limit, LIMITS.historyPage);
  const chat = await ctx.chatOf('TO_JID', jid, { create: false });
  if (!chat) return [];
  const page = await ctx.client.history({ chatId: chat.chatId, ...(pos ? { position: pos } : {}), ...(last ? { lastRowId: last } : {}), ...(max ? { limit: max } : {}) });
  return viewMessages(ctx, page.messages, { jid, chatType: chat.chatType });
}

export async function sendTextMessage(ctx: MessengerContext, toJid: unknown, messageText: unknown, opts: unknown): Promise<MessengerMessage> {
  const jid = MessengerContext.checkJid('toJid', toJid);
  const text = requireText('messageText', messageText);
  const send = checkSendOptions(opts);
  const chat = await ctx.chatOf('toJid', jid, { create: true });
  if (!chat) throw invalid('toJid', 'names no chat');
  const message = await ctx.client.send({ chatId: chat.chatId, messageType: 'TEXT', content: { text }, ...send });
  return viewMessage(ctx, message, { jid, chatType: chat.chatType });
}

export async function getReplyMessage(ctx: MessengerContext, replyMessageId: unknown, chatType: unknown): Promise<MessengerMessage> {
  const messageId = requireId('REPLY_MESSAGE_ID', replyMessageId);
  const type = optionalEnum<ChatType>('CHAT_TYPE', chatType, ['chat', 'groupchat']);
  const message = await ctx.client.request('message.get', { messageId, ...(type ? { chatKind: type === 'chat' ? ('direct' as const) : ('group' as const) } : {}) });
  return viewMessage(ctx, message);
}

async function forward(ctx: MessengerContext, targets: { toChatIds?: string[]; toUserIds?: string[] }, messageIds: string[], isAsync: boolean): Promise<MessengerMessage[]> {
  const forwardId = crypto.randomUUID();
  const out: MessengerMessage[] = [];
  // Async (the seed's default): one request per message, one by one; else one request for them all.
  const batches = isAsync ? messageIds.map((id) => [id]) : [messageIds];
  for (const batch of batches) {
    const { messages } = await ctx.client.request('forward', { ...targets, messageIds: batch, forwardId });
    out.push(...(await viewMessages(ctx, messages)));
  }
  return out;
}

export async function forwardMessages(ctx: MessengerContext, toJid: unknown, messageIds: unknown, isAsync: unknown): Promise<MessengerMessage[]> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const ids = requireIds('MESSAGE_IDS', messageIds);
  const async = optionalBoolean('IS_ASYNC', isAsync, true);
  const target = await ctx.target('TO_JID', jid);
  return forward(ctx, target.kind === 'group' ? { toChatIds: [target.chatId] } : { toUserIds: [target.userId] }, ids, async);
}

export async function forwardMessagesToMultipleUsers(ctx: MessengerContext, toJids: unknown, messageIds: unknown, isAsync: unknown): Promise<MessengerMessage[]> {
  if (!Array.isArray(toJids) || toJids.length === 0) throw invalid('TO_JIDS', 'is required and must be a non-empty array of JIDs');
  const jids = toJids.map((j, i) => MessengerContext.checkJid(`TO_JIDS/${i}`, j));
  const ids = requireIds('MESSAGE_IDS', messageIds);
  const async = optionalBoolean('IS_ASYNC', isAsync, true);
  const toUserIds: string[] = [];
  const toChatIds: string[] = [];
  for (const [i, jid] of jids.entries()) {
    const target = await ctx.target(`TO_JIDS/${i}`, jid);
    if (target.kind === 'group') toChatIds.push(target.chatId);
    else toUserIds.push(target.userId);
  }
  return forward(ctx, { toUserIds, toChatIds }, ids, async);
}

export async function deleteMessages(ctx: MessengerContext, forEveryone: boolean, toJid: unknown, messageIds: unknown): Promise<{ messageIds: string[] }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const ids = requireIds('MESSAGE_IDS', messageIds);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  if (forEveryone) {
    const { messages } = await ctx.client.request('messages.deleteForEveryone', { chatId, messageIds: ids });
    return { messageIds: messages.map((m) => m.id) };
  }
  return ctx.client.request('messages.deleteForMe', { chatId, messageIds: ids });
}

export async function sendSeenStatus(ctx: MessengerContext, toUserJid: unknown, messageId: unknown): Promise<{ seq: number }> {
  const jid = MessengerContext.checkJid('TO_USER_JID', toUserJid);
  const id = requireId('MESSAGE_ID', messageId);
  const { chatId } = await ctx.existingChat('TO_USER_JID', jid);
  const message = await ctx.client.request('message.get', { messageId: id });
  if (message.chatId !== chatId) throw invalid('MESSAGE_ID', `is not a message of the chat with ${jid}`);
  return { seq: await ctx.client.receipt(chatId, 'seen', message.seq) };
}

export async function sendTyping(ctx: MessengerContext, toJid: unknown, composing: boolean): Promise<{ toJid: string }> {
  const jid = MessengerContext.checkJid('TO_JID', toJid);
  const { chatId } = await ctx.existingChat('TO_JID', jid);
  await ctx.client.typing(chatId, composing ? 'composing' : 'gone');
  return { toJid: jid };
}

/** A user's JID from their id (seed 004 `getJid`); the domain is the logged-in user's. */
export function jidOf(ctx: MessengerContext, userId: unknown): string {
  const id = requireId('USER_ID', userId);
  const domain = ctx.domain;
  if (domain === undefined) throw invalid('USER_ID', 'the SDK is not connected yet: call connect() first, then getJid');
  return getJid(id, domain);
}
