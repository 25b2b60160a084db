/** The 25 message types of seed 001, spelled exactly as the seed spells them. */
export const MESSAGE_TYPES = [
  'TEXT',
  'IMAGE',
  'DOCUMENT',
  'LINK',
  'AUDIO',
  'VIDEO',
  'MENU',
  'MENU_RESPONSE',
  'QUICK_REPLY',
  'QUICK_REPLY_RESPONSE',
  'FORM',
  'FORM_RESPONSE',
  'REACTION',
  'CONTACTS',
  'LOCATION',
  'videoRequestedByAgent',
  'videoRequestedByCustomer',
  'videoAccepted',
  'videoRejected',
  'videoStarted',
  'videoEnded',
  'screenSharingStarted',
  'screenSharingEnded',
  'endChat',
  'leave',
] as const;

export type MessageType = (typeof MESSAGE_TYPES)[number];

const MESSAGE_TYPE_SET: ReadonlySet<string> = new Set(MESSAGE_TYPES);

export function isMessageType(value: unknown): value is MessageType {
  return typeof value === 'string' && MESSAGE_TYPE_SET.has(value);
}

/** Types whose payload is a stored file (seed 000: `multimediaMessage`). */
export const MEDIA_MESSAGE_TYPES = ['IMAGE', 'DOCUMENT', 'AUDIO', 'VIDEO'] as const satisfies readonly MessageType[];
export type MediaMessageType = (typeof MEDIA_MESSAGE_TYPES)[number];

/**
 * The one type of the chat log that is not a seed 001 type and that no client sends: `notice`, a
 * server-written entry (a participant joined, left or rejoined a live chat, its transcript was saved,
 * or an informative notice such as a transfer). It takes a seq like any message, so the same log
 * serves the WebSocket, the SDK and the customer chat API's `index` (docs/livechat.md). Exports in
 * seed 001 form leave it out.
 */
export const NOTICE_TYPE = 'notice';
export type NoticeType = typeof NOTICE_TYPE;
/** What a chat's log holds: the 25 seed types and `notice`. */
export type StoredMessageType = MessageType | NoticeType;

/** What a `notice` entry records. */
export const NOTICE_EVENTS = ['participantJoined', 'participantLeft', 'participantRejoined', 'transcriptSaved', 'info'] as const;
export type NoticeEvent = (typeof NOTICE_EVENTS)[number];

/** The content of a `notice` entry (the server adds `user`, the participant it is about). */
export interface NoticeContent {
  event: NoticeEvent;
  /** Free text for `info` notices (a transfer, a re-queue). */
  text?: string;
}
