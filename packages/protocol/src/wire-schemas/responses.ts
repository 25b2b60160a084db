import Type from 'typebox';
import { ChatSchema, ChatSummarySchema, MemberSchema, MessageSchema, SeedMessageSchema, SeedUserSchema, UserSchema } from './chat.js';
import { FavouriteMessageSchema, GroupProfileSchema } from './messenger.js';
import { AgentSchema, DepartmentSchema, LivechatViewSchema, OfflineMessageSchema } from './livechat.js';
import { MediaViewSchema } from './media.js';
import { WebhookDeliverySchema, WebhookEndpointSchema } from './webhooks.js';

/**
 * The bodies of the native REST API's answers: each route names one of these (or a shape of its own
 * module) as its response, so /openapi.json documents it and the serializer writes those fields only.
 */

// Chats, members and messages.
export const MeResponseSchema = Type.Object({ user: UserSchema, jid: Type.String({ description: 'userId@tenantDomain' }) });
export const ChatResponseSchema = Type.Object({ chat: ChatSchema });
export const ChatWithMembersResponseSchema = Type.Object({ chat: ChatSchema, members: Type.Array(MemberSchema) });
export const ChatListResponseSchema = Type.Object({ chats: Type.Array(ChatSummarySchema) });
export const MembersResponseSchema = Type.Object({ members: Type.Array(MemberSchema) });
export const MemberResponseSchema = Type.Object({ member: MemberSchema });
export const MessageResponseSchema = Type.Object({ message: MessageSchema });
export const MessagesResponseSchema = Type.Object({ messages: Type.Array(MessageSchema) });
export const ReceiptResponseSchema = Type.Object({ seq: Type.Integer({ description: 'The watermark now stored' }) });

// Administration.
export const UserResponseSchema = Type.Object({ user: UserSchema });
export const ApiKeyResponseSchema = Type.Object({ id: Type.String(), key: Type.String({ description: 'The key, shown once' }) });
/** An admin API key as listed: never its secret. */
export const ApiKeySchema = Type.Object({ id: Type.String(), name: Type.String(), createdAt: Type.Integer() });
export const ApiKeysResponseSchema = Type.Object({ keys: Type.Array(ApiKeySchema, { description: 'Keys that still work, oldest first' }) });
export const TokenResponseSchema = Type.Object({ token: Type.String(), expiresAt: Type.Integer() });
export const SeedMessagesSchema = Type.Array(SeedMessageSchema);

// The messenger.
export const FavouritesResponseSchema = Type.Object({ favourites: Type.Array(FavouriteMessageSchema) });
export const FavouriteResponseSchema = Type.Object({ favourite: Type.Boolean() });
export const RemovedResponseSchema = Type.Object({ removed: Type.Integer() });
export const ClearedResponseSchema = Type.Object({ clearedSeq: Type.Integer({ description: 'Messages up to this seq are cleared for the caller' }) });
export const ChatCountResponseSchema = Type.Object({ chats: Type.Integer({ description: 'How many chats were cleared or deleted' }) });
export const MutedResponseSchema = Type.Object({ muted: Type.Boolean() });
export const ArchivedResponseSchema = Type.Object({ archived: Type.Boolean() });
export const MessageIdsResponseSchema = Type.Object({ messageIds: Type.Array(Type.String()) });
export const DirectChatResponseSchema = Type.Object({ chat: Type.Union([ChatSchema, Type.Null()]) });
export const GroupsResponseSchema = Type.Object({ groups: Type.Array(ChatSummarySchema) });
export const GroupResponseSchema = Type.Object({ group: GroupProfileSchema });

// Live chat.
export const LivechatResponseSchema = Type.Object({ chat: LivechatViewSchema });
export const LivechatListResponseSchema = Type.Object({ chats: Type.Array(LivechatViewSchema) });
export const SeedUserResponseSchema = Type.Object({ user: SeedUserSchema });
export const TranscriptResponseSchema = Type.Object({ chatId: Type.String(), messages: SeedMessagesSchema });
export const DepartmentResponseSchema = Type.Object({ department: DepartmentSchema });
export const DepartmentsResponseSchema = Type.Object({ departments: Type.Array(DepartmentSchema) });
export const AgentResponseSchema = Type.Object({ agent: AgentSchema });
export const AgentsResponseSchema = Type.Object({ agents: Type.Array(AgentSchema) });
export const OfflineMessageResponseSchema = Type.Object({ message: OfflineMessageSchema });
export const OfflineMessagesResponseSchema = Type.Object({ messages: Type.Array(OfflineMessageSchema) });

// Media.
export const MediaResponseSchema = Type.Object({ media: MediaViewSchema });

// Webhooks.
export const WebhookEndpointResponseSchema = Type.Object({ endpoint: WebhookEndpointSchema });
export const WebhookEndpointsResponseSchema = Type.Object({ endpoints: Type.Array(WebhookEndpointSchema) });
export const WebhookDeliveryResponseSchema = Type.Object({ delivery: WebhookDeliverySchema });
export const WebhookDeliveriesResponseSchema = Type.Object({ deliveries: Type.Array(WebhookDeliverySchema) });

// Health: what a load balancer or an operator reads.
export const HealthResponseSchema = Type.Object({ status: Type.Literal('ok') });
export const ReadyResponseSchema = Type.Object({
  status: Type.Literal('ready'),
  store: Type.String({ description: 'The store dialect' }),
  bus: Type.String({ description: 'The bus in use' }),
  busConnected: Type.Boolean(),
});
export const NotReadyResponseSchema = Type.Object({ status: Type.Literal('unavailable') });
