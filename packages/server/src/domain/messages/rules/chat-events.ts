import { ParleyError } from '@parley/protocol';
import { toChat } from '../../chats/convert.js';
import type { CommitContext, MessageRule, SendContext } from './types.js';

/**
 * endChat ends a live chat. The store changes the chat's state to `ended` in the transaction that
 * appends the message (`NewMessage.endsChat`), and refuses every later message of the chat
 * (`chat_ended` → E_CHAT_ENDED), whichever node it comes from; history and export stay. Since only
 * one endChat commits, `livechat.ended` (with `chat.updated` for sockets) is announced once, here.
 */
export const endChatRule: MessageRule = {
  types: ['endChat'],
  check({ chat, message }: SendContext): Promise<void> {
    if (chat.kind !== 'livechat') {
      const detail = 'endChat ends live chats only';
      return Promise.reject(
        new ParleyError('E_VALIDATION', `/messageType: ${detail}`, { path: '/messageType', details: [{ path: '/messageType', message: detail }] }),
      );
    }
    message.endsChat = true;
    return Promise.resolve();
  },
  async afterCommit({ chat, row, store, events }: CommitContext): Promise<void> {
    const ended = await store.getChat(chat.id);
    if (ended) events.livechat(ended.tenantId, ended.id, 'livechat.ended', { chatId: ended.id, chat: toChat(ended), endedBy: row.senderId, ts: row.ts });
  },
};

/**
 * leave: the sender leaves the chat once the message is committed (the other members see the leave
 * message, then `member.left`). API keys are no member and cannot leave (see senders.ts).
 */
export const leaveRule: MessageRule = {
  types: ['leave'],
  async afterCommit({ chat, row, store, events }: CommitContext): Promise<void> {
    const left = await store.removeMember(chat.id, row.senderId, row.ts);
    if (!left) return;
    events.chat(chat.tenantId, chat.id, 'member.left', { chatId: chat.id, userId: row.senderId, ts: row.ts }, {
      member: { userId: row.senderId, joined: false },
    });
  },
};
