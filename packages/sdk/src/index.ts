/**
 * `@parley/sdk`: the Parley client for browsers and Node 20+.
 *
 * @example
 * ```ts
 * import { ParleyClient } from '@parley/sdk';
 * const client = new ParleyClient({ url: 'http://127.0.0.1:8080', token });
 * client.on('message', (m) => console.log(m.content));
 * await client.connect();
 * ```
 */
export {
  ParleyClient,
  type ClientErrorEvent,
  type ClientEventMap,
  type ConnectionState,
  type ErrorSource,
  type ParleyClientOptions,
  type StateChange,
} from './client.js';
export { backoffDelay, resolveBackoff, DEFAULT_BACKOFF, type BackoffOptions } from './backoff.js';
export { CursorBook, type Offered } from './cursors.js';
export { Resumer, type ResumerHost, type ResumerOptions } from './resume.js';
export { Emitter, type Listener } from './emitter.js';
export { ParleyClientError, isRetriable, toParleyError, type ClientErrorCode } from './errors.js';
export { Outbox, type OutboxEntry, type OutboxStatus, type OutgoingMessage } from './outbox.js';
export { RestClient, type RestOptions, type RestRequest } from './rest.js';
export { TokenCache, type TokenSource } from './token.js';
export {
  Transport,
  wsUrl,
  type CloseInfo,
  type WebSocketConstructor,
  type WebSocketLike,
} from './transport.js';
export {
  MessengerSDK,
  MessengerError,
  ACCEPTED_EXTENSIONS,
  type CallbackListeners,
  type ChatNotification,
  type ChatType,
  type ConnectionEvent,
  type FavouriteView,
  type FileMessageParams,
  type GroupProfileEvent,
  type GroupView,
  type Me,
  type MediaMessage,
  type MessageListenerEvent,
  type MessengerMessage,
  type MessengerOptions,
  type MessengerResponse,
  type NotificationResult,
  type Participant,
  type RecentChat,
  type SendOptions,
} from './facades/messenger/index.js';
export {
  LIVECHATSDK,
  LivechatSDK,
  LivechatModule,
  LivechatContact,
  LivechatError,
  installGlobal,
  type ContactEventMap,
  type ContactEventName,
  type ContactInfo,
  type LivechatErrorCode,
  type LivechatInitOptions,
  type LivechatLogin,
  type LivechatUser,
  type MultimediaFormat,
  type MultimediaMessageEvent,
  type MultimediaObject,
  type MultimediaOptions,
  type SeedUser,
  type SentMessage,
  type TextMessageEvent,
} from './facades/livechat/index.js';
/** The server's error class, re-exported: `err instanceof ParleyError && err.code === 'E_VALIDATION'`. */
export { CLOSE_CODES, ParleyError } from '@parley/protocol/wire';
export type {
  ChatSummary,
  ErrorCode,
  EventMap,
  HistoryPage,
  HistoryQuery,
  Message,
  OpMap,
  OpName,
  ReceiptKind,
  SendMessageInput,
  TypingState,
} from '@parley/protocol/wire';
