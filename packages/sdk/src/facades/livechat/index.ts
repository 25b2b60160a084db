/** The agent facade of seeds 000 and 002 (`LIVECHATSDK`) over `ParleyClient`. */
export { LIVECHATSDK, LivechatSDK, type LivechatInitOptions, type LivechatLogin } from './livechat-sdk.js';
export { LivechatModule } from './livechat-module.js';
export { LivechatContact } from './contact.js';
export { LivechatError, type LivechatErrorCode } from './errors.js';
export { installGlobal } from './global.js';
export { ReceiptLedger } from './receipt-ledger.js';
export { TypingTracker } from './typing-tracker.js';
export type { MultimediaOptions } from './media.js';
export type {
  ContactEndedEvent,
  ContactEventMap,
  ContactEventName,
  ContactInfo,
  IsWritingEvent,
  LinkEvent,
  LivechatUser,
  TextMessageEvent,
  MultimediaFormat,
  MultimediaMessageEvent,
  MediaStoredEvent,
  MultimediaObject,
  ParticipantEvent,
  ReceiptStatusEvent,
  SeedUser,
  SentMessage,
} from './types.js';
