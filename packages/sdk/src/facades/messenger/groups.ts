import { LIMITS, MESSENGER_LIMITS, getJid, type GroupProfile, type Member } from '@parley/protocol';
import { optionalText, requireText } from './args.js';
import { MessengerContext } from './context.js';
import { invalid } from './envelope.js';
import { viewChats, type RecentChat } from './chats.js';

/** A group member with their JID and whether they are an admin. */
export interface Participant extends Member {
  userJid: string;
  isAdmin: boolean;
}

/** A group profile (seed 004): its JID, title, image and participants. */
export interface GroupView extends Omit<GroupProfile, 'members'> {
  groupJid: string;
  groupName: string;
  participants: Participant[];
}

async function view(ctx: MessengerContext, group: GroupProfile): Promise<GroupView> {
  const me = await ctx.me();
  const { members, ...chat } = group;
  return {
    ...chat,
    groupJid: `${group.id}@mix.${me.domain}`,
    groupName: group.title,
    participants: members.map((m) => ({ ...m, userJid: getJid(m.userId, me.domain), isAdmin: m.role === 'owner' || m.role === 'admin' })),
  };
}

function checkGroupJid(name: string, value: unknown): string {
  const jid = MessengerContext.checkJid(name, value);
  if (!jid.slice(jid.lastIndexOf('@') + 1).startsWith('mix.')) throw invalid(name, `"${jid}" is not a group JID (groupId@mix.domain; see getGroupJid)`);
  return jid;
}

async function groupId(ctx: MessengerContext, name: string, jid: string): Promise<string> {
  const target = await ctx.target(name, jid);
  if (target.kind !== 'group') throw invalid(name, `"${jid}" is not a group JID`);
  return target.chatId;
}

async function userIds(ctx: MessengerContext, name: string, jids: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const [i, jid] of jids.entries()) {
    const target = await ctx.target(`${name}/${i}`, jid);
    if (target.kind !== 'user') throw invalid(`${name}/${i}`, `"${jid}" is not a user JID`);
    out.push(target.userId);
  }
  return out;
}

function checkJids(name: string, value: unknown, allowEmpty: boolean): string[] {
  if (!Array.isArray(value) || (!allowEmpty && value.length === 0)) throw invalid(name, `is required and must be ${allowEmpty ? 'an' : 'a non-empty'} array of user JIDs`);
  if (value.length > MESSENGER_LIMITS.groupMembers) throw invalid(name, `must have at most ${MESSENGER_LIMITS.groupMembers} JIDs`);
  return value.map((v, i) => MessengerContext.checkJid(`${name}/${i}`, v));
}

export async function createGroup(ctx: MessengerContext, groupName: unknown, userJids: unknown, groupImage: unknown): Promise<GroupView> {
  const title = requireText('GROUP_NAME', groupName, LIMITS.title);
  const jids = checkJids('USER_JID_ARRAY', userJids, true);
  const image = optionalText('GROUP_IMAGE', groupImage, MESSENGER_LIMITS.image);
  const memberIds = await userIds(ctx, 'USER_JID_ARRAY', jids);
  return view(ctx, await ctx.client.request('group.create', { title, memberIds, ...(image ? { image } : {}) }));
}

export async function getGroupProfile(ctx: MessengerContext, groupJid: unknown): Promise<GroupView> {
  const jid = checkGroupJid('GROUP_JID', groupJid);
  return view(ctx, await ctx.client.request('group.get', { chatId: await groupId(ctx, 'GROUP_JID', jid) }));
}

export async function setGroupProfile(ctx: MessengerContext, groupJid: unknown, groupName: unknown, groupImage: unknown): Promise<GroupView> {
  const jid = checkGroupJid('GROUP_JID', groupJid);
  const title = groupName === undefined || groupName === null ? undefined : requireText('GROUP_NAME', groupName, LIMITS.title);
  const image = optionalText('GROUP_IMAGE', groupImage, MESSENGER_LIMITS.image);
  if (title === undefined && image === undefined) throw invalid('GROUP_NAME', 'give a new name or image');
  const chatId = await groupId(ctx, 'GROUP_JID', jid);
  return view(ctx, await ctx.client.request('group.update', { chatId, ...(title !== undefined ? { title } : {}), ...(image !== undefined ? { image } : {}) }));
}

export async function addParticipants(ctx: MessengerContext, groupJid: unknown, groupName: unknown, userJids: unknown): Promise<GroupView> {
  const jid = checkGroupJid('GROUP_JID', groupJid);
  optionalText('GROUP_NAME', groupName, LIMITS.title);
  const jids = checkJids('USER_JID', userJids, false);
  const chatId = await groupId(ctx, 'GROUP_JID', jid);
  return view(ctx, await ctx.client.request('group.addMembers', { chatId, userIds: await userIds(ctx, 'USER_JID', jids) }));
}

export async function removeParticipant(ctx: MessengerContext, groupJid: unknown, userJid: unknown): Promise<GroupView> {
  const jid = checkGroupJid('GROUP_JID', groupJid);
  const user = MessengerContext.checkJid('USER_JID', userJid);
  const chatId = await groupId(ctx, 'GROUP_JID', jid);
  const [userId] = await userIds(ctx, 'USER_JID', [user]);
  return view(ctx, await ctx.client.request('group.removeMember', { chatId, userId: userId as string }));
}

export async function setAdmin(ctx: MessengerContext, groupJid: unknown, userJid: unknown, admin: boolean): Promise<GroupView> {
  const jid = checkGroupJid('GROUP_JID', groupJid);
  const user = MessengerContext.checkJid('USER_JID', userJid);
  const chatId = await groupId(ctx, 'GROUP_JID', jid);
  const [userId] = await userIds(ctx, 'USER_JID', [user]);
  return view(ctx, await ctx.client.request('group.setAdmin', { chatId, userId: userId as string, admin }));
}

export async function leaveOrDelete(ctx: MessengerContext, groupJid: unknown, op: 'group.leave' | 'group.delete'): Promise<{ groupJid: string }> {
  const jid = checkGroupJid('GROUP_JID', groupJid);
  await ctx.client.request(op, { chatId: await groupId(ctx, 'GROUP_JID', jid) });
  return { groupJid: jid };
}

export async function getGroupParticipants(ctx: MessengerContext, groupJid: unknown): Promise<Participant[]> {
  return (await getGroupProfile(ctx, groupJid)).participants;
}

export async function getGroupsList(ctx: MessengerContext): Promise<RecentChat[]> {
  return viewChats(ctx, await ctx.client.request('groups.list', {}));
}
