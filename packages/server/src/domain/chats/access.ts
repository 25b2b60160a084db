import { ParleyError } from '@parley/protocol';
import type { ChatRow, MemberRow, Store } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { actingUser, can } from '../../authz/index.js';
import type { BusMessage } from '../../bus/index.js';

const TTL_MS = 10_000;
const MAX_ENTRIES = 50_000;

interface Entry<T> {
  value: T;
  at: number;
}

/**
 * The one place that decides whether an actor may touch a chat (Zulip's `access_*`). Chat and member
 * rows are cached briefly, and dropped as soon as an event says they changed, so the send path does
 * not pay two queries per message.
 */
export class ChatAccess {
  private readonly chats = new Map<string, Entry<ChatRow>>();
  private readonly members = new Map<string, Entry<MemberRow | null>>();
  /** The highest seq this node has seen committed per chat (local commits and bus events). */
  private readonly lastSeqs = new Map<string, number>();

  constructor(private readonly store: Store) {}

  /** The chat, if it exists in the actor's tenant; another tenant's chat is "not found". */
  async chat(actor: Actor, chatId: string): Promise<ChatRow> {
    const chat = await this.loadChat(chatId);
    if (!chat || chat.tenantId !== actor.tenant.id) throw new ParleyError('E_CHAT_NOT_FOUND', `Chat ${chatId} not found`);
    // The cached row's lastSeq is as old as the row; commits seen since (here or on the bus) are newer.
    const lastSeq = this.knownLastSeq(chat);
    return lastSeq === chat.lastSeq ? chat : { ...chat, lastSeq };
  }

  /** The chat and the actor's membership: users must be current members; admins see all of their tenant. */
  async member(actor: Actor, chatId: string): Promise<{ chat: ChatRow; member: MemberRow | null }> {
    const chat = await this.chat(actor, chatId);
    const user = actingUser(actor);
    if (can(actor, 'accessAnyChat') || !user) return { chat, member: null };
    const member = await this.loadMember(chatId, user.id);
    if (!member || member.leftAt !== null) throw new ParleyError('E_NOT_MEMBER', `You are not a member of chat ${chatId}`);
    return { chat, member };
  }

  /**
   * A live chat as the contact centre sees it: its members, the tenant's admins and — since any agent
   * may look into the queue and pick, join or take over a chat — every agent of the tenant (member
   * null when not in the chat). Visitors see only the chats they are members of.
   */
  async livechat(actor: Actor, chatId: string): Promise<{ chat: ChatRow; member: MemberRow | null }> {
    const chat = await this.chat(actor, chatId);
    if (chat.kind !== 'livechat') throw new ParleyError('E_CHAT_NOT_FOUND', `Live chat ${chatId} not found`);
    const user = actingUser(actor);
    if (can(actor, 'accessAnyChat') || !user) return { chat, member: null };
    const member = await this.loadMember(chatId, user.id);
    if (member && member.leftAt === null) return { chat, member };
    // Any agent may look into the queue and pick, join or take over a live chat.
    if (can(actor, 'routeLivechat')) return { chat, member: null };
    throw new ParleyError('E_NOT_MEMBER', `You are not a member of chat ${chatId}`);
  }

  /** Like `member`, but the chat must also be open for new messages. */
  async writable(actor: Actor, chatId: string): Promise<{ chat: ChatRow; member: MemberRow | null }> {
    const access = await this.member(actor, chatId);
    if (access.chat.state === 'ended') throw new ParleyError('E_CHAT_ENDED', `Chat ${chatId} has ended`);
    return access;
  }

  /** Keeps the caches true to what the bus reports, from this node and the others. */
  observe(m: BusMessage): void {
    if (m.kind !== 'chat') return;
    if (m.member) this.invalidateMember(m.chatId, m.member.userId);
    if (m.event === 'chat.updated') this.invalidateChat(m.chatId);
    if (m.seq !== undefined && m.seq > (this.lastSeqs.get(m.chatId) ?? 0)) {
      if (this.lastSeqs.size >= MAX_ENTRIES) this.lastSeqs.clear();
      this.lastSeqs.set(m.chatId, m.seq);
    }
  }

  /** The newest seq known for the chat without asking the store (may be behind on a busy cluster). */
  knownLastSeq(chat: ChatRow): number {
    return Math.max(chat.lastSeq, this.lastSeqs.get(chat.id) ?? 0);
  }

  invalidateChat(chatId: string): void {
    this.chats.delete(chatId);
  }

  invalidateMember(chatId: string, userId: string): void {
    this.members.delete(`${chatId}\u0000${userId}`);
  }

  /** A member row fresh from a write (a receipt that moved a watermark): cached as is, no re-read. */
  rememberMember(member: MemberRow): void {
    remember(this.members, `${member.chatId}\u0000${member.userId}`, member);
  }

  private async loadChat(chatId: string): Promise<ChatRow | null> {
    const hit = this.chats.get(chatId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const chat = await this.store.getChat(chatId);
    if (chat) remember(this.chats, chatId, chat);
    return chat;
  }

  private async loadMember(chatId: string, userId: string): Promise<MemberRow | null> {
    const key = `${chatId}\u0000${userId}`;
    const hit = this.members.get(key);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.value;
    const member = await this.store.getMember(chatId, userId);
    remember(this.members, key, member);
    return member;
  }
}

function remember<T>(map: Map<string, Entry<T>>, key: string, value: T): void {
  if (map.size >= MAX_ENTRIES) map.clear();
  map.set(key, { value, at: Date.now() });
}
