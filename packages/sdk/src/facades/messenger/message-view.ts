import { getJid, type Message } from '@parley/protocol';
import type { ChatType, MessengerContext } from './context.js';

/**
 * A message as the messenger hands it out: Parley's `Message` plus the seed 004 names — `msgId`,
 * `chatType`, `fromUserJid` (the chat: the other user, or the group), `publisherJid` (the sender).
 */
export interface MessengerMessage extends Message {
  msgId: string;
  chatType: ChatType;
  fromUserJid: string;
  publisherJid: string;
}

export async function viewMessage(ctx: MessengerContext, message: Message, known?: { jid: string; chatType: ChatType }): Promise<MessengerMessage> {
  const me = await ctx.me();
  const chat = known ?? (await ctx.jidOfChatId(message.chatId));
  return { ...message, msgId: message.id, chatType: chat.chatType, fromUserJid: chat.jid, publisherJid: getJid(message.senderId, me.domain) };
}

export async function viewMessages(ctx: MessengerContext, messages: readonly Message[], known?: { jid: string; chatType: ChatType }): Promise<MessengerMessage[]> {
  const out: MessengerMessage[] = [];
  for (const m of messages) out.push(await viewMessage(ctx, m, known));
  return out;
}
