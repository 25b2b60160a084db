/**
 * `@parley/protocol/wire`: the wire types and the constants a client needs, without the JSON schemas
 * (and so without typebox). Browser bundles (the SDK's core, the widget, the console) import from here
 * and stay small; servers and validators import the full `@parley/protocol`.
 *
 * @example
 * ```ts
 * import { WS_PATH, ParleyError, applyReaction, type Message } from '@parley/protocol/wire';
 * ```
 */
export * from './errors.js';
export * from './message-types.js';
export * from './message.js';
export * from './chat.js';
export * from './events.js';
export * from './wire-constants.js';
export * from './features.js';
export { applyReaction } from './messages/reactions-fold.js';
export type {
  AuthInput,
  AuthResult,
  ClientFrame,
  HelloData,
  HistoryPage,
  HistoryPosition,
  HistoryQuery,
  OpMap,
  OpName,
  ResumeChatStatus,
  ResumeInput,
  ResumeResult,
  ServerFrame,
} from './frames.js';
export type { FormContent, FormField, FormResponseContent } from './messages/form.js';
export type { MenuContent, MenuOption, MenuResponseContent } from './messages/menu.js';
export type { QuickReplyContent, QuickReplyResponseContent } from './messages/quick-reply.js';
export type { Contact, ContactPhone, ContactsContent } from './messages/contacts.js';
export type { LocationContent } from './messages/location.js';
export type { MediaContent } from './messages/media.js';
export type {
  AgentStatus,
  Department,
  DownloadToken,
  LivechatAgent,
  LivechatAvailability,
  LivechatView,
  MediaView,
  OfflineMessage,
  RoutingMode,
  VisitorSession,
} from './wire-schemas/index.js';
