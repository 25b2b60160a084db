/** The seed 004 messenger facade over `ParleyClient`. */
export { MessengerSDK, type MessengerOptions } from './messenger-sdk.js';
export { MessengerError, type MessengerResponse } from './envelope.js';
export type { ChatType, Me } from './context.js';
export type { MessengerMessage } from './message-view.js';
export type { SendOptions } from './messages.js';
export { ACCEPTED_EXTENSIONS, type FileMessageParams, type MediaMessage } from './media.js';
export type { FavouriteView } from './favourites.js';
export type { RecentChat } from './chats.js';
export type { GroupView, Participant } from './groups.js';
export type { CallbackListeners, ConnectionEvent, GroupProfileEvent, MessageListenerEvent } from './listeners.js';
export type { ChatNotification, NotificationResult } from './notification.js';
