import Type, { type Static } from 'typebox';
import { LIVECHAT_STATES } from '../chat.js';
import { literalUnion } from '../literal-union.js';
import { ChatSchema, NullableTimeSchema, SeedUserSchema } from './chat.js';

/**
 * The live-chat API's answers (docs/livechat.md): one schema per shape, and its type, so the console,
 * the widget and the server read and write the same fields.
 */

const NullableId = Type.Union([Type.String(), Type.Null()]);

/** A live chat's place in its queue (`LivechatQueueEvent`, also the `livechat.queue` event). */
export const LivechatQueueSchema = Type.Object({
  chatId: Type.String(),
  state: literalUnion(LIVECHAT_STATES),
  departmentId: NullableId,
  position: Type.Integer({ description: '1 for the next chat to be served; 0 when not queued' }),
  waitingMs: Type.Integer({ description: 'Milliseconds since the chat entered the queue (0 when not queued)' }),
  queuedAt: NullableTimeSchema,
});

/** Who opened a live chat, by name: the queue and the console show it instead of an id. */
export const LivechatVisitorSchema = Type.Object({ id: Type.String(), nickname: Type.String() });

/** The newest message of a live chat (not a server notice), in short: the queue shows its text. */
export const LivechatLastMessageSchema = Type.Object({
  seq: Type.Integer(),
  messageType: Type.String(),
  senderId: Type.String(),
  text: Type.String({ description: "A TEXT message's text; for other types '' (show the type instead)" }),
  ts: Type.Integer(),
});

/** A live chat as its visitor and agents see it. */
export const LivechatViewSchema = Type.Object({
  chat: ChatSchema,
  departmentId: NullableId,
  agentId: NullableId,
  subject: Type.String(),
  queue: LivechatQueueSchema,
  visitor: Type.Union([LivechatVisitorSchema, Type.Null()], { description: 'The visitor who opened it; null when the user is gone' }),
  lastMessage: Type.Union([LivechatLastMessageSchema, Type.Null()]),
});

export const RoutingModeSchema = literalUnion(['auto', 'manual'] as const);
export const AgentStatusSchema = literalUnion(['available', 'away', 'offline'] as const);

/** A queue of a tenant. */
export const DepartmentSchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  name: Type.String(),
  routing: RoutingModeSchema,
  createdAt: Type.Integer(),
});

/** An agent's routing record: status, capacity and load. */
export const AgentSchema = Type.Object({
  tenantId: Type.String(),
  userId: Type.String(),
  nickname: Type.String({ description: "The agent's name, as pickers show it" }),
  status: AgentStatusSchema,
  maxChats: Type.Integer({ description: 'Live chats assigned at once, at most' }),
  activeChats: Type.Integer({ description: 'Live chats assigned now' }),
  departments: Type.Array(Type.String(), { description: 'Departments served; empty serves every department' }),
  statusAt: Type.Integer(),
  lastAssignedAt: NullableTimeSchema,
});

/** A message left through the offline form. */
export const OfflineMessageSchema = Type.Object({
  id: Type.String(),
  tenantId: Type.String(),
  departmentId: NullableId,
  visitorId: NullableId,
  name: Type.String(),
  email: Type.String(),
  text: Type.String(),
  createdAt: Type.Integer(),
});

/** A visitor's session: a short-lived token and the visitor as seed 000 shows them. */
export const VisitorSessionSchema = Type.Object({ token: Type.String(), expiresAt: Type.Integer(), visitor: SeedUserSchema });

export const AvailabilitySchema = Type.Object({
  available: Type.Boolean({ description: 'Whether an agent could take a chat of the department now' }),
  agents: Type.Integer(),
});

export type LivechatView = Static<typeof LivechatViewSchema>;
export type LivechatVisitor = Static<typeof LivechatVisitorSchema>;
export type LivechatLastMessage = Static<typeof LivechatLastMessageSchema>;
export type RoutingMode = Static<typeof RoutingModeSchema>;
export type AgentStatus = Static<typeof AgentStatusSchema>;
export type Department = Static<typeof DepartmentSchema>;
export type LivechatAgent = Static<typeof AgentSchema>;
export type OfflineMessage = Static<typeof OfflineMessageSchema>;
export type VisitorSession = Static<typeof VisitorSessionSchema>;
export type LivechatAvailability = Static<typeof AvailabilitySchema>;
