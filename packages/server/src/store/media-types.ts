import type { MessageContentInput, MessageType } from '@parley/protocol';
import type { MessageRow } from './types.js';

/** The broad family of a media file; each maps to one message type and one plan feature. */
export type MediaKind = 'image' | 'audio' | 'video' | 'document';

/** `pending` until the processing job ran; `ready` after; `failed` when processing could not read it. */
export type MediaStatus = 'pending' | 'ready' | 'failed';

/** One uploaded (or fetched) file: its blob, what its bytes are, and what processing found. */
export interface MediaRow {
  id: string;
  tenantId: string;
  /** Who uploaded it; only they (or trusted senders of the tenant) may send it. */
  uploaderId: string;
  /** sha-256 address of the original bytes in the blob store. */
  blobKey: string;
  size: number;
  kind: MediaKind;
  /** The sniffed type, canonical extension (`png`, `jpg`, `pdf`, `mp3`, …): seed 001's documentType. */
  ext: string;
  mimeType: string;
  /** Sanitised display name. */
  fileName: string;
  status: MediaStatus;
  width: number | null;
  height: number | null;
  /** Seconds, for audio and video. */
  duration: number | null;
  /** Blob of the thumbnail (JPEG), when one was made. */
  thumbnailKey: string | null;
  /** A tiny `data:image/jpeg;base64,…` preview for message content. */
  preview: string | null;
  /** Blob of the resized rendition of a large image. */
  fullsizeKey: string | null;
  fullsizeSize: number | null;
  fullsizeWidth: number | null;
  fullsizeHeight: number | null;
  createdAt: number;
  processedAt: number | null;
}

export type MediaProcessed = Pick<
  MediaRow,
  | 'status'
  | 'width'
  | 'height'
  | 'duration'
  | 'thumbnailKey'
  | 'preview'
  | 'fullsizeKey'
  | 'fullsizeSize'
  | 'fullsizeWidth'
  | 'fullsizeHeight'
  | 'processedAt'
>;

/** The media part of the store (`store.media`). */
export interface MediaStore {
  createMedia(row: MediaRow): Promise<MediaRow>;
  getMedia(tenantId: string, id: string): Promise<MediaRow | null>;
  updateMediaProcessed(tenantId: string, id: string, patch: MediaProcessed): Promise<void>;
  /**
   * A chat's media messages not deleted for everyone, newest first: seq below `beforeSeq` (when given)
   * and above `minSeq` (cleared chats).
   */
  listMediaMessages(
    chatId: string,
    query: { types: readonly MessageType[]; beforeSeq?: number; minSeq?: number; limit: number },
  ): Promise<MessageRow[]>;
  /** Replaces a message's content (media fields filled in after processing); the row after, or null. */
  updateMessageContent(tenantId: string, messageId: string, content: MessageContentInput): Promise<MessageRow | null>;
}
