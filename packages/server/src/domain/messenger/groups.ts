import {
  CreateGroupSchema,
  EmptySchema,
  GroupAdminSchema,
  GroupMemberSchema,
  GroupMembersSchema,
  GroupSchema,
  ParleyError,
  UpdateGroupSchema,
  validator,
  type ChatSummary,
  type GroupProfile,
  type MemberRole,
} from '@parley/protocol';
import type { ChatRow, MemberRow } from '../../store/index.js';
import type { Actor } from '../actor.js';
import { toChat, toMember } from '../chats/convert.js';
import { requireFeature } from '../tenants/index.js';
import type { MessengerDeps } from './deps.js';
import { MESSENGER_FEATURES } from './features.js';
import { userIdOf } from './visibility.js';

const createInput = validator(CreateGroupSchema);
const updateInput = validator(UpdateGroupSchema);
const membersInput = validator(GroupMembersSchema);
const memberInput = validator(GroupMemberSchema);
const adminInput = validator(GroupAdminSchema);
const groupInput = validator(GroupSchema);
const emptyInput = validator(EmptySchema);

const MANAGERS: ReadonlySet<MemberRole> = new Set(['owner', 'admin']);

/**
 * Seed 004 groups, on top of the chat service: a group is a chat of kind `group`; its creator is the
 * owner; owners and admins change its profile, members and admins; anyone leaves; owners and admins
 * delete it (every member is removed). Others learn of each change by `chat.updated`,
 * `member.joined`, `member.left` and `member.updated` events.
 */
export class Groups {
  constructor(private readonly d: MessengerDeps) {}

  async create(actor: Actor, raw: unknown): Promise<GroupProfile> {
    const input = createInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    userIdOf(actor);
    const chat = await this.d.chats.create(actor, { kind: 'group', title: input.title, members: input.memberIds.map((userId) => ({ userId })) });
    if (input.image !== undefined && input.image !== '') await this.setProfile(chat.id, { image: input.image });
    return this.profile(chat.id);
  }

  async get(actor: Actor, raw: unknown): Promise<GroupProfile> {
    const input = groupInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    await this.group(actor, input.chatId);
    return this.profile(input.chatId);
  }

  async update(actor: Actor, raw: unknown): Promise<GroupProfile> {
    const input = updateInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    await this.managed(actor, input.chatId);
    if (input.title === undefined && input.image === undefined) throw new ParleyError('E_VALIDATION', 'Give a title or an image to change', { path: '/title' });
    await this.setProfile(input.chatId, input);
    return this.profile(input.chatId);
  }

  async addMembers(actor: Actor, raw: unknown): Promise<GroupProfile> {
    const input = membersInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    await this.managed(actor, input.chatId);
    const found = new Set((await this.d.store.getUsers(actor.tenant.id, input.userIds)).map((u) => u.id));
    for (const [i, userId] of input.userIds.entries()) {
      if (!found.has(userId)) throw new ParleyError('E_USER_NOT_FOUND', `User ${userId} not found`, { path: `/userIds/${i}` });
    }
    for (const userId of input.userIds) await this.d.chats.addMember(actor, input.chatId, userId, 'member');
    return this.profile(input.chatId);
  }

  async removeMember(actor: Actor, raw: unknown): Promise<GroupProfile> {
    const input = memberInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    await this.managed(actor, input.chatId);
    const target = await this.d.store.getMember(input.chatId, input.userId);
    if (target?.role === 'owner' && userIdOf(actor) !== input.userId) throw new ParleyError('E_FORBIDDEN', "The group's owner cannot be removed");
    await this.d.chats.removeMember(actor, input.chatId, input.userId);
    return this.profile(input.chatId);
  }

  /** Makes a member an admin (`admin: true`) or a plain member again. The owner stays owner. */
  async setAdmin(actor: Actor, raw: unknown): Promise<GroupProfile> {
    const input = adminInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    const { chat } = await this.managed(actor, input.chatId);
    const target = await this.d.store.getMember(input.chatId, input.userId);
    if (!target || target.leftAt !== null) throw new ParleyError('E_NOT_FOUND', `${input.userId} is not a member of group ${input.chatId}`, { path: '/userId' });
    if (target.role === 'owner') throw new ParleyError('E_FORBIDDEN', "The group's owner is always an admin");
    await this.changeRole(chat, input.userId, input.admin ? 'admin' : 'member');
    return this.profile(input.chatId);
  }

  /** Leaves the group; an owner leaving hands the group to its longest-standing member. */
  async leave(actor: Actor, raw: unknown): Promise<Record<string, never>> {
    const input = groupInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    const userId = userIdOf(actor);
    const { chat, member } = await this.group(actor, input.chatId);
    await this.d.chats.removeMember(actor, chat.id, userId);
    if (member?.role === 'owner') {
      const rest = await this.d.store.listMembers(chat.id);
      if (rest.length > 0 && !rest.some((m) => m.role === 'owner')) await this.changeRole(chat, (rest[0] as MemberRow).userId, 'owner');
    }
    return {};
  }

  /** Deletes the group for everyone: `chat.updated` (with `deleted` in its meta), then every member leaves. */
  async delete(actor: Actor, raw: unknown): Promise<Record<string, never>> {
    const input = groupInput.parse(raw);
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    const { chat } = await this.managed(actor, input.chatId);
    const at = Date.now();
    await this.d.store.updateChat(chat.id, { meta: { ...chat.meta, deletedAt: at } });
    this.d.access.invalidateChat(chat.id);
    for (const m of await this.d.store.listMembers(chat.id)) {
      if (!(await this.d.store.removeMember(chat.id, m.userId, at))) continue;
      this.d.access.invalidateMember(chat.id, m.userId);
      this.d.events.chat(chat.tenantId, chat.id, 'member.left', { chatId: chat.id, userId: m.userId, ts: at }, { member: { userId: m.userId, joined: false } });
    }
    return {};
  }

  /** The caller's groups, as the recent chats show them. */
  async list(actor: Actor, raw: unknown = {}): Promise<ChatSummary[]> {
    emptyInput.parse(raw ?? {});
    requireFeature(actor.tenant, MESSENGER_FEATURES.groups);
    userIdOf(actor);
    return (await this.d.chats.recent(actor, { limit: 100 })).filter((c) => c.kind === 'group');
  }

  private async group(actor: Actor, chatId: string): Promise<{ chat: ChatRow; member: MemberRow | null }> {
    const access = await this.d.access.member(actor, chatId);
    if (access.chat.kind !== 'group') throw new ParleyError('E_CHAT_NOT_FOUND', `Group ${chatId} not found`);
    return access;
  }

  private async managed(actor: Actor, chatId: string): Promise<{ chat: ChatRow; member: MemberRow | null }> {
    const access = await this.group(actor, chatId);
    if (access.member && !MANAGERS.has(access.member.role)) throw new ParleyError('E_FORBIDDEN', 'Only the group owner and admins may do this');
    return access;
  }

  private async changeRole(chat: ChatRow, userId: string, role: MemberRole): Promise<void> {
    const row = await this.d.store.messenger.setMemberRole(chat.id, userId, role);
    if (!row) return;
    this.d.access.invalidateMember(chat.id, userId);
    this.d.events.chat(chat.tenantId, chat.id, 'member.updated', { chatId: chat.id, member: toMember(row) }, { member: { userId, joined: true } });
  }

  private async setProfile(chatId: string, patch: { title?: string; image?: string }): Promise<void> {
    const row = await this.d.store.getChat(chatId);
    if (!row) throw new ParleyError('E_CHAT_NOT_FOUND', `Group ${chatId} not found`);
    await this.d.store.updateChat(chatId, {
      ...(patch.title !== undefined ? { title: patch.title } : {}),
      ...(patch.image !== undefined ? { meta: { ...row.meta, image: patch.image } } : {}),
    });
    this.d.access.invalidateChat(chatId);
    const updated = (await this.d.store.getChat(chatId)) ?? row;
    this.d.events.chat(updated.tenantId, chatId, 'chat.updated', toChat(updated));
  }

  private async profile(chatId: string): Promise<GroupProfile> {
    const row = await this.d.store.getChat(chatId);
    if (!row) throw new ParleyError('E_CHAT_NOT_FOUND', `Group ${chatId} not found`);
    return { ...toChat(row), members: (await this.d.store.listMembers(chatId)).map(toMember) };
  }
}
