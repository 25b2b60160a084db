import type { DownloadToken, ErrorBody, MediaMessageType, Message } from '@parley/protocol';
import { toParleyError } from '../../errors.js';
import { optionalId, optionalText } from './args.js';
import { MessengerContext } from './context.js';
import { MessengerError, invalid, toMessengerError } from './envelope.js';
import { checkSendOptions } from './messages.js';
import { viewMessage, viewMessages, type MessengerMessage } from './message-view.js';

/** Seed 004 `fileMessageParams`: the file (or its URL) and what is known about it. */
export interface FileMessageParams {
  /** A `File`, `Blob` or bytes (`Uint8Array`, Node `Buffer`). */
  file?: Blob | Uint8Array;
  /** An http(s) URL the server fetches instead of an upload. */
  fileUrl?: string;
  caption?: string;
  /** A small preview image (`data:image/…;base64,…` or an URL); the server makes one when absent. */
  thumbImage?: string;
  /** Bytes; detected from the file when absent (and always corrected by the server). */
  fileSize?: number | string;
  fileName?: string;
  /** Seconds, for audio and video; detected from the file when absent. */
  duration?: number | string;
}

/** A media message, with the token and key `downloadMedia` takes. */
export interface MediaMessage extends MessengerMessage {
  fileToken: string;
  fileKey: string;
}

/** The file types each send method takes (seed 004), by extension. */
export const ACCEPTED_EXTENSIONS: Record<MediaMessageType, readonly string[]> = {
  IMAGE: ['png', 'jpg', 'jpeg', 'svg', 'gif'],
  AUDIO: ['mp3', 'mpeg', 'wav'],
  VIDEO: ['mp4'],
  DOCUMENT: ['pdf', 'doc', 'docx', 'xls', 'xlsx', 'csv', 'ppt', 'pptx', 'txt'],
};

interface CheckedFile {
  file?: Blob;
  fileUrl?: string;
  fileName?: string;
  content: Record<string, unknown>;
}

function numberParam(name: string, value: unknown, integer: boolean): number | undefined {
  if (value === undefined || value === null || value === '') return undefined;
  const n = typeof value === 'string' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || (integer && !Number.isInteger(n))) throw invalid(name, 'must be a non-negative number');
  return n;
}

function checkFileParams(type: MediaMessageType, params: unknown): CheckedFile {
  if (typeof params !== 'object' || params === null || Array.isArray(params)) throw invalid('fileMessageParams', 'is required and must be an object');
  const p = params as Record<string, unknown>;
  const isBytes = p.file instanceof Uint8Array;
  const isBlob = typeof Blob !== 'undefined' && p.file instanceof Blob;
  if (p.file !== undefined && !isBytes && !isBlob) throw invalid('fileMessageParams/file', 'must be a File, a Blob or bytes');
  const fileUrl = optionalText('fileMessageParams/fileUrl', p.fileUrl, 2048);
  if ((p.file === undefined) === (fileUrl === undefined || fileUrl === '')) throw invalid('fileMessageParams/file', 'give exactly one of file and fileUrl');
  if (fileUrl && !/^https?:\/\/[^\s]+$/i.test(fileUrl)) throw invalid('fileMessageParams/fileUrl', 'must be an http(s) URL');
  const named = optionalText('fileMessageParams/fileName', p.fileName, 255);
  const fromFile = isBlob && typeof (p.file as { name?: unknown }).name === 'string' ? (p.file as { name: string }).name : undefined;
  const fileName = named || fromFile || undefined;
  if (fileName !== undefined) {
    const ext = fileName.includes('.') ? (fileName.split('.').pop() ?? '').toLowerCase() : '';
    if (ext !== '' && !ACCEPTED_EXTENSIONS[type].includes(ext)) {
      throw invalid('fileMessageParams/fileName', `a ${type.toLowerCase()} message takes ${ACCEPTED_EXTENSIONS[type].join(', ')} files, not .${ext}`);
    }
  }
  const caption = optionalText('fileMessageParams/caption', p.caption);
  const thumbnail = optionalText('fileMessageParams/thumbImage', p.thumbImage, 20_000);
  const fileSize = numberParam('fileMessageParams/fileSize', p.fileSize, true);
  const duration = numberParam('fileMessageParams/duration', p.duration, false);
  const content: Record<string, unknown> = {};
  if (caption) content.caption = caption;
  if (thumbnail) content.thumbnail = thumbnail;
  if (fileName) content.fileName = fileName;
  if (fileSize !== undefined) content.fileSize = fileSize;
  if (duration !== undefined && type !== 'IMAGE' && type !== 'DOCUMENT') content.duration = duration;
  const file = p.file === undefined ? undefined : isBlob ? (p.file as Blob) : new Blob([p.file as Uint8Array<ArrayBuffer>]);
  return { ...(file ? { file } : {}), ...(fileUrl ? { fileUrl } : {}), ...(fileName ? { fileName } : {}), content };
}

/** A download token for a media message of a chat. */
async function withToken(ctx: MessengerContext, message: MessengerMessage): Promise<MediaMessage> {
  const issued = await ctx.client.rest.request<DownloadToken>(
    `/v1/chats/${encodeURIComponent(message.chatId)}/messages/${encodeURIComponent(message.id)}/media/token`,
    { method: 'POST', body: {} },
  );
  return { ...message, fileToken: issued.fileToken, fileKey: issued.fileKey };
}

export async function sendMediaMessage(ctx: MessengerContext, type: MediaMessageType, toJid: unknown, params: unknown, opts: unknown): Promise<MediaMessage> {
  const jid = MessengerContext.checkJid('toJid', toJid);
  const checked = checkFileParams(type, params);
  const send = checkSendOptions(opts);
  const chat = await ctx.chatOf('toJid', jid, { create: true });
  if (!chat) throw invalid('toJid', 'names no chat');
  const content = { ...checked.content };
  if (checked.file) {
    const form = new FormData();
    form.append('file', checked.file, checked.fileName ?? `upload.${ACCEPTED_EXTENSIONS[type][0] ?? 'bin'}`);
    const { media } = await ctx.client.rest.upload<{ media: { id: string } }>('/v1/media', form, { messageType: type });
    content.mediaId = media.id;
  } else {
    content.fileUrl = checked.fileUrl;
  }
  const message: Message = await ctx.client.send({ chatId: chat.chatId, messageType: type, content, ...send });
  return withToken(ctx, await viewMessage(ctx, message, { jid, chatType: chat.chatType }));
}

/** Seed 004 getMediaMessages: the newest 3 media messages, then 10 older than `LAST_MESSAGE_ID` per call. */
export async function getMediaMessages(ctx: MessengerContext, toUserJid: unknown, lastMessageId: unknown): Promise<MediaMessage[]> {
  const jid = MessengerContext.checkJid('TO_USER_JID', toUserJid);
  const last = optionalId('LAST_MESSAGE_ID', lastMessageId);
  const chat = await ctx.chatOf('TO_USER_JID', jid, { create: false });
  if (!chat) return [];
  const page = await ctx.client.rest.request<{ messages: Message[] }>(`/v1/chats/${encodeURIComponent(chat.chatId)}/media`, {
    query: { lastMessageId: last },
  });
  const out: MediaMessage[] = [];
  for (const m of await viewMessages(ctx, page.messages, { jid, chatType: chat.chatType })) out.push(await withToken(ctx, m));
  return out;
}

/** Seed 004 downloadMedia: the file's URL, and the file itself. */
export async function downloadMedia(
  ctx: MessengerContext,
  fileToken: unknown,
  fileKey: unknown,
): Promise<{ fileUrl: string; blob: Blob; contentType: string; fileSize: number }> {
  if (typeof fileToken !== 'string' || fileToken.length === 0 || fileToken.length > 4096) throw invalid('fileToken', 'is required and must be the token of a media message');
  const key = optionalId('fileKey', fileKey);
  const url = new URL(`${ctx.client.rest.baseUrl}/v1/media/download`);
  url.searchParams.set('fileToken', fileToken);
  if (key) url.searchParams.set('fileKey', key);
  let response: Response;
  try {
    response = await fetch(url);
  } catch (error) {
    throw new MessengerError(503, 'E_DISCONNECTED', `cannot reach the server: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (!response.ok) {
    const body = (await response.json().catch(() => ({}))) as { error?: Partial<ErrorBody> } & Partial<ErrorBody>;
    throw toMessengerError(toParleyError(body.error ?? body, response.status === 404 ? 'E_MEDIA_NOT_FOUND' : 'E_INTERNAL'));
  }
  const blob = await response.blob();
  return { fileUrl: url.toString(), blob, contentType: response.headers.get('content-type') ?? blob.type, fileSize: blob.size };
}
