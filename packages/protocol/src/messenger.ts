import Type, { type Static } from 'typebox';
import { IdSchema, LIMITS } from './schemas.js';
import type { Chat, ChatSummary, Member } from './chat.js';
import type { Message } from './message.js';
import type { Feature } from './features.js';

/**
 * The messenger operations of seed 004 (favourites, clearing and deleting, forwarding, mute, archive,
 * groups, the plan's features): one schema per input, validated by the domain, so REST and WebSocket
 * refuse the same bad input with the same code and path.
 */

/** Message ids of one request, at most this many. */
export const MESSENGER_LIMITS = { messageIds: 100, forwardTargets: 50, groupMembers: 1000, image: 2000 } as const;

const MessageIds = Type.Array(IdSchema, { minItems: 1, maxItems: MESSENGER_LIMITS.messageIds });
const strict = { additionalProperties: false } as const;

export const FavouriteSetSchema = Type.Object({ chatId: IdSchema, messageId: IdSchema, favourite: Type.Boolean() }, strict);
export const ClearChatSchema = Type.Object(
  {
    chatId: IdSchema,
    /** Clear up to and including this message; the whole chat when absent. */
    upToMessageId: Type.Optional(IdSchema),
    /** Keep the user's favourites among the cleared messages (default true). */
    keepFavourites: Type.Optional(Type.Boolean()),
  },
  strict,
);
export const DeleteChatSchema = Type.Object({ chatId: IdSchema, keepFavourites: Type.Optional(Type.Boolean()) }, strict);
export const AllChatsSchema = Type.Object({ keepFavourites: Type.Optional(Type.Boolean()) }, strict);
export const DeleteMessagesSchema = Type.Object({ chatId: IdSchema, messageIds: MessageIds }, strict);
export const MuteChatSchema = Type.Object({ chatId: IdSchema, muted: Type.Boolean() }, strict);
export const ArchiveChatSchema = Type.Object({ chatId: IdSchema, archived: Type.Boolean() }, strict);
export const ForwardSchema = Type.Object(
  {
    messageIds: MessageIds,
    /** Chats to forward to (direct or group). */
    toChatIds: Type.Optional(Type.Array(IdSchema, { maxItems: MESSENGER_LIMITS.forwardTargets })),
    /** Users to forward to: each gets the messages in the direct chat with the caller (created if needed). */
    toUserIds: Type.Optional(Type.Array(IdSchema, { maxItems: MESSENGER_LIMITS.forwardTargets })),
    /**
     * A client id for the whole forward (a UUID): the new messages' ids derive from it, so a retried
     * forward stores nothing new and answers the same messages.
     */
    forwardId: Type.Optional(Type.String({ pattern: '^[0-9a-fA-F-]{36}$' })),
  },
  strict,
);
export const GetMessageSchema = Type.Object({ messageId: IdSchema, chatKind: Type.Optional(Type.Union([Type.Literal('direct'), Type.Literal('group')])) }, strict);
export const DirectChatSchema = Type.Object({ userId: IdSchema }, strict);
const GroupImage = Type.String({ maxLength: MESSENGER_LIMITS.image });
export const CreateGroupSchema = Type.Object(
  {
    title: Type.String({ minLength: 1, maxLength: LIMITS.title }),
    memberIds: Type.Array(IdSchema, { maxItems: MESSENGER_LIMITS.groupMembers }),
    /** An image URL or a media id; "" for none. */
    image: Type.Optional(GroupImage),
  },
  strict,
);
export const UpdateGroupSchema = Type.Object(
  { chatId: IdSchema, title: Type.Optional(Type.String({ minLength: 1, maxLength: LIMITS.title })), image: Type.Optional(GroupImage) },
  strict,
);
export const GroupMembersSchema = Type.Object({ chatId: IdSchema, userIds: Type.Array(IdSchema, { minItems: 1, maxItems: MESSENGER_LIMITS.groupMembers }) }, strict);
export const GroupMemberSchema = Type.Object({ chatId: IdSchema, userId: IdSchema }, strict);
export const GroupAdminSchema = Type.Object({ chatId: IdSchema, userId: IdSchema, admin: Type.Boolean() }, strict);
export const GroupSchema = Type.Object({ chatId: IdSchema }, strict);

export type FavouriteSetInput = Static<typeof FavouriteSetSchema>;
export type ClearChatInput = Static<typeof ClearChatSchema>;
export type DeleteChatInput = Static<typeof DeleteChatSchema>;
export type AllChatsInput = Static<typeof AllChatsSchema>;
export type DeleteMessagesInput = Static<typeof DeleteMessagesSchema>;
export type MuteChatInput = Static<typeof MuteChatSchema>;
export type ArchiveChatInput = Static<typeof ArchiveChatSchema>;
export type ForwardInput = Static<typeof ForwardSchema>;
export type GetMessageInput = Static<typeof GetMessageSchema>;
export type DirectChatInput = Static<typeof DirectChatSchema>;
export type CreateGroupInput = Static<typeof CreateGroupSchema>;
export type UpdateGroupInput = Static<typeof UpdateGroupSchema>;
export type GroupMembersInput = Static<typeof GroupMembersSchema>;
export type GroupMemberInput = Static<typeof GroupMemberSchema>;
export type GroupAdminInput = Static<typeof GroupAdminSchema>;
export type GroupInput = Static<typeof GroupSchema>;

/** What the caller's plan allows (seed 004: a feature outside the plan answers 403 E_FEATURE_UNAVAILABLE). */
export interface FeatureList {
  plan: string;
  /** Every feature in the plan. */
  features: Feature[];
  /** Every feature Parley knows, with whether the plan has it. */
  available: Record<Feature, boolean>;
}

/** A favourite: the message (as the user may see it) and when it was marked. */
export interface FavouriteMessage {
  chatId: string;
  messageId: string;
  favouritedAt: number;
  message: Message;
}

/** A group as the messenger shows it: the chat, its image and its members. */
export interface GroupProfile extends Chat {
  members: Member[];
}

/** The WebSocket operations of the messenger; merged into `OpMap` (frames.ts). */
export interface MessengerOpMap {
  features: { input: Record<string, never>; output: FeatureList };
  'favourites.set': { input: FavouriteSetInput; output: { favourite: boolean } };
  'favourites.list': { input: Record<string, never>; output: { favourites: FavouriteMessage[] } };
  'favourites.clear': { input: Record<string, never>; output: { removed: number } };
  'chat.clear': { input: ClearChatInput; output: { clearedSeq: number } };
  'chat.delete': { input: DeleteChatInput; output: { clearedSeq: number } };
  'chats.clearAll': { input: AllChatsInput; output: { chats: number } };
  'chats.deleteAll': { input: AllChatsInput; output: { chats: number } };
  'messages.deleteForMe': { input: DeleteMessagesInput; output: { messageIds: string[] } };
  'messages.deleteForEveryone': { input: DeleteMessagesInput; output: { messages: Message[] } };
  'chat.mute': { input: MuteChatInput; output: { muted: boolean } };
  'chat.archive': { input: ArchiveChatInput; output: { archived: boolean } };
  'chats.archived': { input: Record<string, never>; output: ChatSummary[] };
  forward: { input: ForwardInput; output: { messages: Message[] } };
  'message.get': { input: GetMessageInput; output: Message };
  'direct.get': { input: DirectChatInput; output: { chat: Chat | null } };
  'group.create': { input: CreateGroupInput; output: GroupProfile };
  'group.get': { input: GroupInput; output: GroupProfile };
  'group.update': { input: UpdateGroupInput; output: GroupProfile };
  'group.addMembers': { input: GroupMembersInput; output: GroupProfile };
  'group.removeMember': { input: GroupMemberInput; output: GroupProfile };
  'group.setAdmin': { input: GroupAdminInput; output: GroupProfile };
  'group.leave': { input: GroupInput; output: Record<string, never> };
  'group.delete': { input: GroupInput; output: Record<string, never> };
  'groups.list': { input: Record<string, never>; output: ChatSummary[] };
}

export const MESSENGER_OP_NAMES = [
  'features',
  'favourites.set',
  'favourites.list',
  'favourites.clear',
  'chat.clear',
  'chat.delete',
  'chats.clearAll',
  'chats.deleteAll',
  'messages.deleteForMe',
  'messages.deleteForEveryone',
  'chat.mute',
  'chat.archive',
  'chats.archived',
  'forward',
  'message.get',
  'direct.get',
  'group.create',
  'group.get',
  'group.update',
  'group.addMembers',
  'group.removeMember',
  'group.setAdmin',
  'group.leave',
  'group.delete',
  'groups.list',
] as const satisfies readonly (keyof MessengerOpMap)[];

/** The JID of a group (seed 004): `<chatId>@mix.<tenantDomain>`, apart from every user's JID. */
export function getGroupJid(chatId: string, tenantDomain: string): string {
  return `${chatId}@mix.${tenantDomain}`;
}
