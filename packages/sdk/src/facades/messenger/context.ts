import { getGroupJid, getJid, parseJid, type Chat, type Member, type User } from '@parley/protocol';
import type { ParleyClient } from '../../client.js';
import { MessengerError, invalid } from './envelope.js';

/** `chat` for direct chats, `groupchat` for groups (seed 004 CHAT_TYPE). */
export type ChatType = 'chat' | 'groupchat';

/** Who the logged-in user is. */
export interface Me {
  userId: string;
  domain: string;
  jid: string;
}

/** What a JID names: a user (and the direct chat with them, once it exists) or a group. */
export type JidTarget = { kind: 'user'; userId: string; jid: string } | { kind: 'group'; chatId: string; jid: string };

/**
 * The messenger's shared state over one `ParleyClient`: the user, and JIDs ↔ chats. A user's JID is
 * `userId@tenantDomain`; a group's is `chatId@mix.tenantDomain` (`getGroupJid`). Caches only ids.
 */
export class MessengerContext {
  #me: Me | undefined;
  readonly #directChats = new Map<string, string>();
  readonly #chatJids = new Map<string, { jid: string; chatType: ChatType }>();

  constructor(readonly client: ParleyClient) {}

  /** The user, fetched once from `/v1/me`. */
  async me(): Promise<Me> {
    if (this.#me) return this.#me;
    const { user, jid } = await this.client.rest.request<{ user: User; jid: string }>('/v1/me');
    const parsed = parseJid(jid);
    this.#me = { userId: user.id, domain: parsed?.domain ?? '', jid };
    return this.#me;
  }

  /** The user's domain once known (after `connect`), for the synchronous `getJid`. */
  get domain(): string | undefined {
    return this.#me?.domain;
  }

  /** Checks the shape of a JID (no network). */
  static checkJid(name: string, value: unknown): string {
    if (typeof value !== 'string' || value.length === 0) throw invalid(name, 'is required and must be a JID string (userId@domain)');
    const parsed = parseJid(value);
    if (!parsed || /\s/.test(value)) throw invalid(name, `"${value}" is not a JID (userId@domain)`);
    return value;
  }

  /** What a JID names, checked against the user's domain. */
  async target(name: string, jid: string): Promise<JidTarget> {
    const me = await this.me();
    const parsed = parseJid(jid);
    if (!parsed) throw invalid(name, `"${jid}" is not a JID`);
    if (parsed.domain === `mix.${me.domain}`) return { kind: 'group', chatId: parsed.userId, jid };
    if (parsed.domain !== me.domain) throw invalid(name, `"${jid}" belongs to another domain than ${me.domain}`);
    if (parsed.userId === me.userId) throw invalid(name, 'is your own JID: name another user or a group');
    return { kind: 'user', userId: parsed.userId, jid };
  }

  /**
   * The chat a JID names. A user's direct chat is created when `create` (sends, forwards); otherwise
   * a user never talked to has no chat (null).
   */
  async chatOf(name: string, jid: string, opts: { create: boolean }): Promise<{ chatId: string; chatType: ChatType } | null> {
    const target = await this.target(name, jid);
    if (target.kind === 'group') return { chatId: target.chatId, chatType: 'groupchat' };
    let chatId = this.#directChats.get(target.userId);
    if (chatId === undefined) {
      const found = await this.client.request('direct.get', { userId: target.userId });
      if (found.chat) chatId = found.chat.id;
      else if (opts.create) {
        const created = await this.client.rest.request<{ chat: Chat }>('/v1/chats', { method: 'POST', body: { kind: 'direct', members: [{ userId: target.userId }] } });
        chatId = created.chat.id;
      }
      if (chatId !== undefined) this.#remember(chatId, target.userId, jid);
    }
    return chatId === undefined ? null : { chatId, chatType: 'chat' };
  }

  /** Like `chatOf`, but a chat that does not exist is a 404. */
  async existingChat(name: string, jid: string): Promise<{ chatId: string; chatType: ChatType }> {
    const chat = await this.chatOf(name, jid, { create: false });
    if (!chat) throw new MessengerError(404, 'E_CHAT_NOT_FOUND', `${name}: there is no chat with ${jid} yet`, name);
    return chat;
  }

  /** The JID a chat is known by (the other user's, or the group's) and its type. */
  async jidOfChat(chat: { id: string; kind: string; members?: Member[] }): Promise<{ jid: string; chatType: ChatType }> {
    const known = this.#chatJids.get(chat.id);
    if (known) return known;
    const me = await this.me();
    if (chat.kind === 'group') {
      const entry = { jid: getGroupJid(chat.id, me.domain), chatType: 'groupchat' as const };
      this.#chatJids.set(chat.id, entry);
      return entry;
    }
    const members = chat.members ?? (await this.client.rest.request<{ members: Member[] }>(`/v1/chats/${encodeURIComponent(chat.id)}/members`)).members;
    const other = members.find((m) => m.userId !== me.userId);
    const jid = getJid(other?.userId ?? me.userId, me.domain);
    if (other) this.#remember(chat.id, other.userId, jid);
    return { jid, chatType: 'chat' };
  }

  /** `jidOfChat` from a chat id alone. */
  async jidOfChatId(chatId: string): Promise<{ jid: string; chatType: ChatType }> {
    const known = this.#chatJids.get(chatId);
    if (known) return known;
    const { chat } = await this.client.rest.request<{ chat: Chat }>(`/v1/chats/${encodeURIComponent(chatId)}`);
    return this.jidOfChat(chat);
  }

  #remember(chatId: string, userId: string, jid: string): void {
    this.#directChats.set(userId, chatId);
    this.#chatJids.set(chatId, { jid, chatType: 'chat' });
  }
}
