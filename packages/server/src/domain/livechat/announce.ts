import type { Chat, EventMap, LivechatEventName } from '@parley/protocol';
import type { ChatRow, Store } from '../../store/index.js';
import type { ChatAccess } from '../chats/access.js';
import { toChat, toMember } from '../chats/convert.js';
import type { NoticeDeps } from './notices.js';
import { appendNotice } from './notices.js';
import { toMessageUser } from '../users/directory.js';

export interface AnnounceDeps extends NoticeDeps {
  store: Store;
  access: ChatAccess;
}

/**
 * After a routing commit: the caches forget, members hear `member.joined` / `member.left` and the
 * live-chat event of the change, and the log gets its participant notice (which the customer chat API
 * shows as ParticipantJoined / ParticipantLeft / ParticipantRejoined).
 */
export class Announcer {
  constructor(private readonly deps: AnnounceDeps) {}

  async joined(chatId: string, userId: string, opts: { rejoined?: boolean } = {}): Promise<void> {
    const { store, access, events } = this.deps;
    access.invalidateMember(chatId, userId);
    access.invalidateChat(chatId);
    const [chat, member] = await Promise.all([store.getChat(chatId), store.getMember(chatId, userId)]);
    if (!chat || !member) return;
    const user = await store.getUser(chat.tenantId, userId);
    const { isAgent, nickname = userId } = user ? toMessageUser(user) : { isAgent: false, nickname: userId };
    events.chat(chat.tenantId, chat.id, 'member.joined', { chat: toChat(chat), member: toMember(member), nickname, isAgent }, {
      member: { userId, joined: true },
    });
    await appendNotice(this.deps, chat, userId, opts.rejoined === true ? 'participantRejoined' : 'participantJoined');
  }

  async left(chat: Pick<ChatRow, 'id' | 'tenantId'>, userId: string, at: number): Promise<void> {
    const { access, events } = this.deps;
    access.invalidateMember(chat.id, userId);
    access.invalidateChat(chat.id);
    await appendNotice(this.deps, chat, userId, 'participantLeft', { at });
    events.chat(chat.tenantId, chat.id, 'member.left', { chatId: chat.id, userId, ts: at }, { member: { userId, joined: false } });
  }

  /**
   * The chat's routing changed (committed): its event, with the chat as it now stands. Called once,
   * by the one operation that committed the change.
   */
  async routed<E extends LivechatEventName>(chatId: string, event: E, data: (chat: Chat) => EventMap[E]): Promise<void> {
    this.deps.access.invalidateChat(chatId);
    const chat = await this.deps.store.getChat(chatId);
    if (chat) this.deps.events.livechat(chat.tenantId, chat.id, event, data(toChat(chat)));
  }

  info(chat: Pick<ChatRow, 'id' | 'tenantId'>, userId: string, text: string): Promise<unknown> {
    return appendNotice(this.deps, chat, userId, 'info', { text });
  }
}
