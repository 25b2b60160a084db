import type { MediaMessageType } from '@parley/protocol/wire';
import { ParleyError } from '@parley/protocol/wire';
import type { RestClient } from '../../rest.js';
import { hasControl, optionalObject, optionalText, requireId } from './args.js';
import { invalid } from './errors.js';
import type { MultimediaFormat, MultimediaObject } from './types.js';

/** What `SendMultimediaMessage` takes besides the file and caption. */
export interface MultimediaOptions {
  /** The file's name (a `File`'s own name otherwise); its extension helps pick IMAGE or DOCUMENT. */
  fileName?: string;
  /** Force the message type; by default the server's sniffing of the bytes decides (images → IMAGE). */
  messageType?: MediaMessageType;
}

/** A checked file ready to upload. */
export interface CheckedUpload {
  file: Blob;
  fileName: string;
  caption: string | undefined;
  messageType: MediaMessageType | undefined;
}

const MEDIA_TYPES: readonly MediaMessageType[] = ['IMAGE', 'DOCUMENT', 'AUDIO', 'VIDEO'];
const FORMATS: readonly MultimediaFormat[] = ['fullsize', 'thumbnail', 'link'];

/** Checks `SendMultimediaMessage`'s arguments: a `File`, `Blob` or bytes (`Uint8Array`, Node `Buffer`). */
export function checkUpload(file: unknown, caption: unknown, options: unknown): CheckedUpload {
  const isBlob = typeof Blob !== 'undefined' && file instanceof Blob;
  if (!isBlob && !(file instanceof Uint8Array)) throw invalid('file', 'must be a File, a Blob or bytes (Uint8Array / Buffer)');
  const blob = isBlob ? file : new Blob([file as Uint8Array<ArrayBuffer>]);
  if (blob.size === 0) throw invalid('file', 'is empty');
  const opts = optionalObject('options', options);
  const named = optionalText('options/fileName', opts.fileName, 255);
  const ownName: unknown = isBlob ? (file as Blob & { name?: unknown }).name : undefined;
  const own = typeof ownName === 'string' ? ownName : undefined;
  const messageType = opts.messageType;
  if (messageType !== undefined && !MEDIA_TYPES.includes(messageType as MediaMessageType)) {
    throw invalid('options/messageType', `must be one of ${MEDIA_TYPES.join(', ')}`);
  }
  const fileName = named || own || (blob.type.startsWith('image/') ? `image.${blob.type.slice(6).replace('jpeg', 'jpg')}` : 'document');
  if (/[/\\]/.test(fileName) || hasControl(fileName)) throw invalid('options/fileName', 'must not contain path separators or control characters');
  return { file: blob, fileName, caption: optionalText('caption', caption, 4096), messageType: messageType as MediaMessageType | undefined };
}

/** Uploads the file (`POST /v1/media`); the server's sniffed kind picks the message type unless forced. */
export async function upload(rest: RestClient, checked: CheckedUpload): Promise<{ mediaId: string; messageType: MediaMessageType; documentType: string }> {
  const form = new FormData();
  form.append('file', checked.file, checked.fileName);
  const { media } = await rest.upload<{ media: { id: string; kind: string; documentType: string } }>('/v1/media', form, {
    messageType: checked.messageType,
  });
  const kind = media.kind.toUpperCase() as MediaMessageType;
  return { mediaId: media.id, messageType: checked.messageType ?? (MEDIA_TYPES.includes(kind) ? kind : 'DOCUMENT'), documentType: media.documentType };
}

/** Checks `GetMultimediaMessageInActiveChat`'s arguments. */
export function checkMultimediaArgs(chatID: unknown, messageID: unknown, format: unknown): { chatID: string; messageID: string; format: MultimediaFormat } {
  const chat = requireId('chatID', chatID);
  const message = requireId('messageID', messageID);
  if (format !== undefined && !FORMATS.includes(format as MultimediaFormat)) throw invalid('format', `must be one of ${FORMATS.join(', ')}`);
  return { chatID: chat, messageID: message, format: (format as MultimediaFormat | undefined) ?? 'fullsize' };
}

/**
 * Seed 000's multimedia object (`GET /v1/chats/:chatId/messages/:messageId/media?format=`). An error
 * answer rejects with the server's `ParleyError` (its `E_*` code).
 */
export async function fetchMultimedia(rest: RestClient, args: { chatID: string; messageID: string; format: MultimediaFormat }): Promise<MultimediaObject> {
  const path = `/v1/chats/${encodeURIComponent(args.chatID)}/messages/${encodeURIComponent(args.messageID)}/media`;
  const body = await rest.request<MultimediaObject>(path, { query: { format: args.format } });
  if (!body.result || !body.data) throw new ParleyError('E_INTERNAL', body.error?.message ?? 'the server answered no multimedia object');
  return body;
}
