import { randomUUID } from 'node:crypto';
import {
  ParleyError,
  type Chat,
  type ChatKind,
  type ChatSummary,
  type Member,
  type MemberRole,
} from '@parley/protocol';
import type { ChatRow, MemberRow, MessageRow, NewMember, Store, UserRow } from '../../store/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import { actorId, type Actor } from '../actor.js';
import { actingUser, requireUser } from '../../authz/index.js';
import type { ChatAccess } from './access.js';
import { toChat, toMember } from './convert.js';
import type { MessageReader } from '../messages/reader.js';
import { toMessageUser } from '../users/directory.js';
import { requireFeature } from '../tenants/index.js';

export { ChatAccess } from './access.js';

/**
 * The chat access checks as transports call them: who may read, act and write in a chat. Keeping the
 * caches in step with the bus (`observe`) and the commit path's hints belong to the node, not here.
 */
export type ChatAccessCheck = Pick<ChatAccess, 'chat' | 'member' | 'livechat' | 'writable'>;
export { toChat, toMember } from './convert.js';

export interface CreateChatInput {
  kind: ChatKind;
  title?: string;
  members: { userId: string; role?: MemberRole }[];
}

const MANAGER_ROLES: ReadonlySet<MemberRole> = new Set(['owner', 'admin', 'agent']);

/** Chats and their members: check… validates and authorises, do… commits, then events go out. */
export class ChatService {
  constructor(
    private readonly store: Store,
    private readonly access: ChatAccess,
    private readonly events: EventDispatcher,
    private readonly reader: MessageReader,
  ) {}

  async create(actor: Actor, input: CreateChatInput): Promise<Chat> {
    if (input.kind === 'group') requireFeature(actor.tenant, 'groupChat');
    const { members, directKey } = await this.checkCreate(actor, input);
    const now = Date.now();
    const id = input.kind === 'livechat' ? `CHAT_${actor.tenant.domain}_${randomUUID()}` : `${input.kind.toUpperCase()}_${randomUUID()}`;
    const row: ChatRow = {
      id,
      tenantId: actor.tenant.id,
      kind: input.kind,
      state: input.kind === 'livechat' ? 'queued' : 'open',
      title: input.title ?? '',
      directKey,
      lastSeq: 0,
      lastMessageAt: null,
      createdAt: now,
      createdBy: actorId(actor),
      meta: {},
    };
    const newMembers: NewMember[] = members.map((m) => ({ chatId: id, tenantId: actor.tenant.id, userId: m.user.id, role: m.role, joinedAt: now }));
    let created: ChatRow;
    try {
      created = await this.store.createChat(row, newMembers);
    } catch (err) {
      // A direct chat between the same two users already exists: it is the answer.
      if (directKey && err instanceof ParleyError && err.code === 'E_CONFLICT') {
        const existing = await this.store.getDirectChat(actor.tenant.id, directKey);
        if (existing) return toChat(existing);
      }
      throw err;
    }
    const chat = toChat(created);
    for (const m of members) {
      const member = await this.store.getMember(id, m.user.id);
      if (member) this.emitJoined(chat, member, m.user);
    }
    return chat;
  }

  async get(actor: Actor, chatId: string): Promise<Chat> {
    const { chat } = await this.access.member(actor, chatId);
    return toChat(chat);
  }

  /** A chat by its id, whatever its tenant: for tools acting for the whole installation (the CLI), no actor. */
  async byId(chatId: string): Promise<ChatRow> {
    const chat = await this.store.getChat(chatId);
    if (!chat) throw new ParleyError('E_CHAT_NOT_FOUND', `Chat ${chatId} not found`);
    return chat;
  }

  async members(actor: Actor, chatId: string): Promise<Member[]> {
    await this.access.member(actor, chatId);
    return (await this.store.listMembers(chatId)).map(toMember);
  }

  async addMember(actor: Actor, chatId: string, userId: string, role?: MemberRole): Promise<Member> {
    const { chat, member } = await this.access.member(actor, chatId);
    if (chat.kind === 'direct') throw new ParleyError('E_FORBIDDEN', 'Members of a direct chat cannot change');
    if (member && !MANAGER_ROLES.has(member.role)) throw new ParleyError('E_FORBIDDEN', 'Only owners and admins add members');
    const user = await this.store.getUser(actor.tenant.id, userId);
    if (!user) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`);
    const added = await this.store.addMember({ chatId, tenantId: actor.tenant.id, userId, role: role ?? defaultRole(user), joinedAt: Date.now() });
    this.access.invalidateMember(chatId, userId);
    // The event tells the new member where the log stands now, not what the access cache last saw.
    this.emitJoined(toChat((await this.store.getChat(chatId)) ?? chat), added, user);
    return toMember(added);
  }

  /** Removes a member: anyone may leave; owners, admins and agents may remove others. */
  async removeMember(actor: Actor, chatId: string, userId: string): Promise<void> {
    const { chat, member } = await this.access.member(actor, chatId);
    const self = actingUser(actor)?.id === userId;
    if (!self && member && !MANAGER_ROLES.has(member.role)) throw new ParleyError('E_FORBIDDEN', 'Only owners and admins remove members');
    if (chat.kind === 'direct' && !self) throw new ParleyError('E_FORBIDDEN', 'Members of a direct chat cannot change');
    const at = Date.now();
    const changed = await this.store.removeMember(chatId, userId, at);
    if (!changed) throw new ParleyError('E_NOT_FOUND', `${userId} is not a member of chat ${chatId}`);
    this.access.invalidateMember(chatId, userId);
    this.events.chat(chat.tenantId, chatId, 'member.left', { chatId, userId, ts: at }, { member: { userId, joined: false } });
  }

  /** The user's recent chats, newest activity first, with last message and unread count. */
  async recent(actor: Actor, query: { limit?: number; archived?: boolean; beforeActivity?: number } = {}): Promise<ChatSummary[]> {
    const { user } = requireUser(actor, 'Recent chats belong to a user');
    const rows = await this.store.listRecentChats(actor.tenant.id, user.id, {
      limit: query.limit ?? 50,
      archived: query.archived,
      beforeActivity: query.beforeActivity,
    });
    // One query for every page's members and one for its hidden last messages, not two per chat.
    const membersByChat = new Map<string, MemberRow[]>();
    for (const m of await this.store.listMembersOfChats(rows.map((r) => r.chat.id))) {
      const list = membersByChat.get(m.chatId);
      if (list) list.push(m);
      else membersByChat.set(m.chatId, [m]);
    }
    const lasts = rows.flatMap((r) => (r.lastMessage && r.lastMessage.seq > r.member.clearedSeq ? [{ chatId: r.chat.id, seq: r.lastMessage.seq }] : []));
    const hidden = new Set((await this.store.messenger.hiddenOf(user.id, lasts)).map((h) => `${h.chatId}\u0000${h.seq}`));
    const summaries: ChatSummary[] = [];
    for (const row of rows) {
      const members = membersByChat.get(row.chat.id) ?? [];
      const last = await this.visibleLast(row.chat.id, row.member, row.lastMessage, hidden);
      const lastMessage = last ? await this.reader.toMessage(last, members) : null;
      summaries.push({
        ...toChat(row.chat),
        unreadCount: Math.max(0, row.chat.lastSeq - Math.max(row.member.seenSeq, row.member.clearedSeq)),
        muted: row.member.muted,
        archived: row.member.archived,
        lastMessage,
        members: members.map(toMember),
      });
    }
    return summaries;
  }

  /** The newest message the member may see: not cleared by them, not deleted for them. */
  private async visibleLast(chatId: string, member: MemberRow, last: MessageRow | null, hidden: ReadonlySet<string>): Promise<MessageRow | null> {
    if (!last || last.seq <= member.clearedSeq) return null;
    if (!hidden.has(`${chatId}\u0000${last.seq}`)) return last;
    const [newest] = await this.store.listMessages(chatId, { limit: 1, minSeq: member.clearedSeq, hiddenFor: member.userId });
    return newest ?? null;
  }

  private async checkCreate(
    actor: Actor,
    input: CreateChatInput,
  ): Promise<{ members: { user: UserRow; role: MemberRole }[]; directKey: string | null }> {
    const requested = new Map<string, MemberRole | undefined>();
    for (const m of input.members) requested.set(m.userId, m.role);
    const creator = actingUser(actor);
    if (creator && !requested.has(creator.id)) {
      requested.set(creator.id, input.kind === 'group' ? 'owner' : undefined);
    }
    const users = await this.store.getUsers(actor.tenant.id, [...requested.keys()]);
    const found = new Map(users.map((u) => [u.id, u]));
    let index = 0;
    for (const userId of requested.keys()) {
      if (!found.has(userId)) {
        throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`, { path: `/members/${index}/userId` });
      }
      index++;
    }
    if (input.kind === 'direct' && requested.size !== 2) {
      throw new ParleyError('E_VALIDATION', 'A direct chat has exactly two members', { path: '/members' });
    }
    if (input.kind === 'group' && requested.size < 1) {
      throw new ParleyError('E_VALIDATION', 'A group needs at least one member', { path: '/members' });
    }
    const members = [...requested].map(([userId, role]) => {
      const user = found.get(userId) as UserRow;
      return { user, role: role ?? defaultRole(user) };
    });
    const directKey = input.kind === 'direct' ? [...requested.keys()].sort().join('|') : null;
    return { members, directKey };
  }

  private emitJoined(chat: Chat, member: MemberRow, user: UserRow): void {
    const { isAgent, nickname = user.nickname } = toMessageUser(user);
    this.events.chat(chat.tenantId, chat.id, 'member.joined', { chat, member: toMember(member), nickname, isAgent }, {
      member: { userId: member.userId, joined: true },
    });
  }
}

function defaultRole(user: UserRow): MemberRole {
  switch (user.kind) {
    case 'agent':
      return 'agent';
    case 'customer':
      return 'customer';
    case 'bot':
      return 'bot';
    default:
      return 'member';
  }
}
