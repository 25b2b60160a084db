import type { MediaMessageType, ReceiptKind } from '@parley/protocol/wire';

/** A participant as the seed 002 events show it: `event.content.user.{id, nickname, isAgent}`. */
export interface LivechatUser {
  id: string;
  nickname: string;
  isAgent: boolean;
}

/** `message` (TEXT): `event.id`, `event.content.text`, `event.content.user`. */
export interface TextMessageEvent {
  id: string;
  chatID: string;
  messageType: 'TEXT';
  ts: number;
  /** The message's place in the chat (1, 2, 3…). */
  seq: number;
  content: { text: string; user: LivechatUser };
}

/** `link` (LINK): `event.content.url`. */
export interface LinkEvent {
  id: string;
  chatID: string;
  messageType: 'LINK';
  ts: number;
  seq: number;
  content: { url: string; user: LivechatUser };
}

/**
 * `multimediaMessage` (IMAGE, DOCUMENT, AUDIO, VIDEO): metadata only, as seed 000 says — fetch the
 * bytes with `GetMultimediaMessageInActiveChat(chatID, event.id)`. With the `inlineMedia` init option,
 * `img` (IMAGE) or `document` (the others) hold the base64 before the event is emitted.
 */
export interface MultimediaMessageEvent {
  id: string;
  chatID: string;
  messageType: MediaMessageType;
  ts: number;
  seq: number;
  content: {
    caption: string;
    fileName: string;
    /** The format: `jpg`, `png`, `pdf`, `docx`… */
    documentType: string;
    mediaId?: string;
    fileSize?: number;
    width?: number;
    height?: number;
    duration?: number;
    /** Base64 of the image; only with `inlineMedia`. */
    img?: string;
    /** Base64 of the document (audio, video); only with `inlineMedia`. */
    document?: string;
    user: LivechatUser;
  };
}

/** `messageReceived` / `messageSeen`: one event per message a participant's watermark newly covers. */
export interface ReceiptStatusEvent {
  /** The message now delivered to / seen by `user`. */
  messageID: string;
  chatID: string;
  kind: ReceiptKind;
  ts: number;
  user: LivechatUser;
}

/** `isWriting`: `bwrite` is true when the participant started typing, false when they stopped or it lapsed. */
export interface IsWritingEvent {
  chatID: string;
  bwrite: boolean;
  content: { user: LivechatUser };
}

/** `contactEnded`: the chat is over; the contact takes no more calls. */
export interface ContactEndedEvent {
  chatID: string;
  ts: number;
  /** Who ended it, when the endChat message said so. */
  content: { user: LivechatUser | null };
}

/** `userAdded` (and Parley's `userLeft`): a participant joined (left) the chat. */
export interface ParticipantEvent {
  chatID: string;
  ts: number;
  content: { user: LivechatUser };
}

/** `multimediaMessageStored`: a large image was resized and its `fullsize` rendition stored. */
export interface MediaStoredEvent {
  chatID: string;
  messageID: string;
  messageType: string;
  format: 'fullsize';
  fileSize: number;
  width: number;
  height: number;
}

/** Every event of a contact, by the names of seed 002 (plus `userLeft` and `error`). */
export interface ContactEventMap {
  message: TextMessageEvent;
  messageReceived: ReceiptStatusEvent;
  messageSeen: ReceiptStatusEvent;
  multimediaMessage: MultimediaMessageEvent;
  link: LinkEvent;
  isWriting: IsWritingEvent;
  contactEnded: ContactEndedEvent;
  multimediaMessageStored: MediaStoredEvent;
  userAdded: ParticipantEvent;
  userLeft: ParticipantEvent;
  /** A failure with no caller to reject (an `inlineMedia` fetch, a throwing listener). */
  error: { error: Error };
}

export type ContactEventName = keyof ContactEventMap;

/** `contact.contact`: the chat the contact is about. */
export interface ContactInfo {
  /** The chat id (seed 002: `contact.contact.id`). */
  id: string;
  domain: string;
  state: string;
  /** The visitor as seed 000's user object, when the chat has one. */
  customer: SeedUser | null;
  /** Everyone in the chat when it was joined. */
  participants: { id: string; role: string; isAgent: boolean }[];
}

/** Seed 000's full user object (one definition, in the protocol). */
export type { SeedUser } from '@parley/protocol/wire';
import type { SeedUser } from '@parley/protocol/wire';

/** Seed 000's multimedia object and its formats: wire shapes, defined once in the protocol. */
export type { MultimediaFormat, MultimediaObject } from '@parley/protocol/wire';

/** What a send resolves with: the committed message, in the form the events use. */
export interface SentMessage {
  id: string;
  chatID: string;
  messageType: string;
  seq: number;
  ts: number;
  content: Record<string, unknown>;
}
