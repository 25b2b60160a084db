import { randomUUID } from 'node:crypto';
import type { Readable } from 'node:stream';
import { MEDIA_MESSAGE_TYPES, ParleyError, isMediaType, type Feature, type MediaContent, type Message } from '@parley/protocol';
import type { BlobStore, ByteRange } from '../../blobs/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import type { MessageRow, Store, TenantRow } from '../../store/index.js';
import type { MediaRow } from '../../store/media-types.js';
import { actorId, isTrusted, type Actor } from '../actor.js';
import type { ChatAccess } from '../chats/access.js';
import type { MessageReader } from '../messages/reader.js';
import { requireFeature } from '../tenants/index.js';
import { planMediaPolicy } from './plan-policy.js';
import { FEATURE_OF_KIND, KIND_OF_MESSAGE_TYPE, agrees, typeNamed, type AcceptedType } from './accepted-types.js';
import { DownloadTokens } from './download-tokens.js';
import { fetchUrl } from './fetch-url.js';
import { extensionOf, sanitiseFileName, withExtension } from './file-name.js';
import { checkImageHeader } from './image-check.js';
import { JobQueue } from './job-queue.js';
import { loadMediaMessage, mediaChatAccess, type MediaMessage } from './media-access.js';
import { fillFromMedia } from './fill-content.js';
import { needsPdfThumbnail, processMedia, type ProcessOptions } from './process-media.js';
import { sniffFile } from './sniff.js';

export interface MediaOptions extends ProcessOptions {
  /** Deadline for fetching a `fileUrl`, body included. */
  fetchTimeoutMs: number;
  /** Processing jobs run at once, and waiting at most. */
  concurrency: number;
  maxPending: number;
  /** Default and longest lifetime of a download token. */
  downloadTtlSeconds: number;
  maxDownloadTtlSeconds: number;
  /** Largest file answered in base64 (seed 000 `fullsize` / `thumbnail`); bigger ones use `link`. */
  maxInlineBytes: number;
}

export const DEFAULT_MEDIA_OPTIONS: MediaOptions = {
  maxInputPixels: 40_000_000,
  thumbnailSize: 320,
  previewSize: 64,
  fullsizeMax: 2048,
  toolTimeoutMs: 30_000,
  fetchTimeoutMs: 15_000,
  concurrency: 2,
  maxPending: 1000,
  downloadTtlSeconds: 300,
  maxDownloadTtlSeconds: 24 * 3600,
  maxInlineBytes: 16 * 1024 * 1024,
};

/** What a sender says about a file; each must agree with the bytes. */
export interface DeclaredFile {
  fileName?: string;
  /** A part's or a response's Content-Type. */
  mimeType?: string;
  /** The message type the file is meant for. */
  messageType?: string;
}

/** Which bytes of a media file: the original, the resized large-image rendition, or the thumbnail. */
export type MediaFormat = 'original' | 'fullsize' | 'thumbnail';

/** A stored file ready to be sent: where its bytes are and how to label them. */
export interface MediaFile {
  /** Which rendition these bytes are: a format without its rendition falls back to the original. */
  format: MediaFormat;
  key: string;
  size: number;
  mimeType: string;
  fileName: string;
  /** Shown in the browser (raster images, audio, video), else downloaded as attachment. */
  inline: boolean;
}

export interface MediaLog {
  error(obj: object, msg: string): void;
}

/**
 * Media end to end: ingest (upload or `fileUrl`) with the type from the bytes, content-addressed
 * storage, processing off the request path, the media rule of IMAGE/DOCUMENT/AUDIO/VIDEO sends, and
 * retrieval for members (and, in live chats, the tenant's agents).
 */
export class MediaService {
  readonly tokens: DownloadTokens;
  readonly options: MediaOptions;
  private readonly queue: JobQueue;
  private readonly inflight = new Map<string, Promise<MediaRow>>();
  private readonly followUps = new Set<Promise<void>>();

  constructor(
    private readonly store: Store,
    readonly blobs: BlobStore,
    private readonly access: ChatAccess,
    private readonly reader: MessageReader,
    private readonly events: EventDispatcher,
    secret: string,
    options: Partial<MediaOptions> = {},
    private readonly log: MediaLog = { error: () => undefined },
  ) {
    this.options = { ...DEFAULT_MEDIA_OPTIONS, ...options };
    this.tokens = new DownloadTokens(secret);
    this.queue = new JobQueue(this.options.concurrency, this.options.maxPending);
  }

  /** Throws E_FEATURE_UNAVAILABLE (403) when the tenant's plan lacks the feature (seed 004). */
  requireFeature(tenant: TenantRow, feature: Feature): void {
    requireFeature(tenant, feature);
  }

  /**
   * Streams a file into the blob store within the plan's `maxFileBytes` (refused as soon as it is
   * passed, nothing kept), finds its type from the bytes, checks it against what was declared and
   * the plan, then records it and queues its processing. Resolves to the media row.
   */
  async ingest(actor: Actor, source: Readable, declared: DeclaredFile, signal?: AbortSignal): Promise<MediaRow> {
    const tenant = actor.tenant;
    const declaredKind = declared.messageType !== undefined ? kindOfMessageType(declared.messageType) : undefined;
    if (declaredKind) this.requireFeature(tenant, FEATURE_OF_KIND[declaredKind]);
    const staged = await this.blobs.stage(source, { maxBytes: tenant.plan.limits.maxFileBytes, ...(signal ? { signal } : {}) });
    try {
      if (staged.size === 0) throw new ParleyError('E_MEDIA_INVALID', 'The file is empty');
      const name = sanitiseFileName(declared.fileName ?? '');
      const type = await sniffFile(staged.path, staged.size, extensionOf(name));
      checkDeclared(type, declared, name, declaredKind);
      this.requireFeature(tenant, FEATURE_OF_KIND[type.kind]);
      if (type.kind === 'image') await checkImageHeader(staged.path, type, this.options.maxInputPixels);
      const blob = await staged.commit();
      const needsWork = type.kind === 'audio' || type.kind === 'video' || (type.kind === 'image' && type.ext !== 'svg') || needsPdfThumbnail(type);
      const now = Date.now();
      const media = await this.store.media.createMedia({
        id: randomUUID(),
        tenantId: tenant.id,
        uploaderId: actorId(actor),
        blobKey: blob.key,
        size: blob.size,
        kind: type.kind,
        ext: type.ext,
        mimeType: type.mimeType,
        fileName: withExtension(name || `${type.kind}-${new Date(now).toISOString().slice(0, 10)}`, type.ext, (e) => agreesWith(e, type)),
        status: needsWork ? 'pending' : 'ready',
        width: null,
        height: null,
        duration: null,
        thumbnailKey: null,
        preview: null,
        fullsizeKey: null,
        fullsizeSize: null,
        fullsizeWidth: null,
        fullsizeHeight: null,
        createdAt: now,
        processedAt: needsWork ? null : now,
      });
      if (needsWork) void this.whenProcessed(media);
      return media;
    } catch (err) {
      await staged.discard();
      throw err;
    }
  }

  /** Fetches a `fileUrl` for the sender, with the plan's limits, a deadline and the address guard. */
  async ingestUrl(actor: Actor, url: string, declared: DeclaredFile): Promise<MediaRow> {
    const signal = AbortSignal.timeout(this.options.fetchTimeoutMs);
    const fetched = await fetchUrl(url, {
      maxBytes: actor.tenant.plan.limits.maxFileBytes,
      allowPrivate: planMediaPolicy(actor.tenant.plan).allowPrivateFileUrls,
      signal,
    });
    try {
      return await this.ingest(actor, fetched.body, { fileName: declared.fileName ?? fetched.fileName, mimeType: fetched.contentType, messageType: declared.messageType }, signal);
    } catch (err) {
      if (signal.aborted && !(err instanceof ParleyError && err.code === 'E_PAYLOAD_TOO_LARGE')) {
        throw new ParleyError('E_FETCH_FAILED', 'Fetching the URL timed out', { path: '/content/fileUrl' });
      }
      throw err;
    } finally {
      fetched.body.destroy();
    }
  }

  /** The media a sender may attach: their own upload (trusted senders: any of the tenant's). */
  async attachable(actor: Actor, mediaId: string): Promise<MediaRow> {
    const media = await this.store.media.getMedia(actor.tenant.id, mediaId);
    if (!media || (!isTrusted(actor) && media.uploaderId !== actorId(actor))) {
      throw new ParleyError('E_MEDIA_NOT_FOUND', `Media ${mediaId} not found`, { path: '/content/mediaId' });
    }
    return media;
  }

  /** The media row once its processing ran (queued now if it was not); unchanged when the queue is full. */
  whenProcessed(media: MediaRow): Promise<MediaRow> {
    if (media.status !== 'pending') return Promise.resolve(media);
    const running = this.inflight.get(media.id);
    if (running) return running;
    const done = new Promise<MediaRow>((resolve) => {
      const accepted = this.queue.offer(async () => {
        try {
          const file = await this.blobs.localFile(media.blobKey);
          try {
            const processed = await processMedia(media, file.path, this.blobs, this.options);
            await this.store.media.updateMediaProcessed(media.tenantId, media.id, processed);
            resolve({ ...media, ...processed });
          } finally {
            await file.release();
          }
        } catch (err) {
          this.log.error({ err, mediaId: media.id }, 'media processing failed');
          resolve(media);
        } finally {
          this.inflight.delete(media.id);
        }
      });
      if (!accepted) {
        this.inflight.delete(media.id);
        resolve(media);
      }
    });
    this.inflight.set(media.id, done);
    return done;
  }

  /**
   * After a media message is committed: once its file is processed, fill the processed fields into
   * the stored message (`message.updated`) and, when a large image got its `fullsize` rendition,
   * emit `multimediaMessageStored` (seed 002). Runs in the background; the send does not wait.
   */
  followUp(row: MessageRow): void {
    const mediaId = (row.content as MediaContent).mediaId;
    if (mediaId === undefined) return;
    const task = this.doFollowUp(row, mediaId).catch((err: unknown) => {
      this.log.error({ err, messageId: row.id }, 'media follow-up failed');
    });
    this.followUps.add(task);
    void task.finally(() => this.followUps.delete(task));
  }

  private async doFollowUp(row: MessageRow, mediaId: string): Promise<void> {
    const initial = await this.store.media.getMedia(row.tenantId, mediaId);
    if (!initial) return;
    const media = await this.whenProcessed(initial);
    const content = row.content as MediaContent;
    const filled = fillFromMedia(content, media);
    if (Object.keys(filled).length > Object.keys(content).length) {
      const updated = await this.store.media.updateMessageContent(row.tenantId, row.id, filled);
      if (updated && updated.deletedAt === null) {
        // The updated message says when it was first seen, as history does.
        const message: Message = await this.reader.toMessage(updated, await this.store.listMembers(row.chatId, { includeLeft: true }));
        this.events.chat(row.tenantId, row.chatId, 'message.updated', message, { seq: updated.seq });
      }
    }
    if (media.fullsizeKey !== null && media.fullsizeSize !== null && media.fullsizeWidth !== null && media.fullsizeHeight !== null) {
      this.events.chat(row.tenantId, row.chatId, 'multimediaMessageStored', {
        chatId: row.chatId,
        messageId: row.id,
        messageType: row.messageType,
        mediaId: media.id,
        format: 'fullsize',
        fileSize: media.fullsizeSize,
        width: media.fullsizeWidth,
        height: media.fullsizeHeight,
      });
    }
  }

  /** Resolves when no processing job or follow-up is running (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.followUps.size > 0 || this.queue.size > 0) {
      await Promise.all([this.queue.idle(), ...this.followUps]);
    }
  }

  /** The media message and its file, when the actor may fetch the chat's media. */
  /** A media message named by its id alone (seed 000's getMultimediaMessageByMessageID), with the same checks. */
  async locateById(actor: Actor, messageId: string): Promise<MediaMessage> {
    const row = await this.store.getMessage(actor.tenant.id, messageId);
    if (!row) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${messageId} not found`);
    return this.locate(actor, row.chatId, row.id);
  }

  async locate(actor: Actor, chatId: string, messageId: string): Promise<MediaMessage> {
    const { chat, member } = await mediaChatAccess(this.access, this.store, actor, chatId);
    const found = await loadMediaMessage(this.store, chat, member, messageId);
    return { chat, member, ...found };
  }

  /**
   * Which bytes answer a format: the rendition when there is one, else the original — and the
   * answer's `format` says which it is, so a missing thumbnail is never passed off as one.
   */
  async file(media: MediaRow, format: MediaFormat): Promise<MediaFile> {
    const original: MediaFile = {
      format: 'original',
      key: media.blobKey,
      size: media.size,
      mimeType: media.mimeType,
      fileName: media.fileName,
      inline: typeNamed(media.ext)?.inline ?? false,
    };
    if (format === 'original') return original;
    const current = await this.whenProcessed(media);
    if (format === 'fullsize' && current.fullsizeKey !== null && current.fullsizeSize !== null) {
      return { ...original, format: 'fullsize', key: current.fullsizeKey, size: current.fullsizeSize };
    }
    if (format === 'thumbnail' && current.thumbnailKey !== null) {
      const stat = await this.blobs.stat(current.thumbnailKey);
      if (stat) return { format: 'thumbnail', key: stat.key, size: stat.size, mimeType: 'image/jpeg', fileName: thumbName(media.fileName), inline: true };
    }
    return original;
  }

  async read(file: MediaFile, range?: ByteRange): Promise<Readable> {
    return this.blobs.read(file.key, range);
  }

  /** The whole file in memory, for the base64 formats of seed 000; bigger than the cap is refused. */
  async bytes(file: MediaFile): Promise<Buffer> {
    if (file.size > this.options.maxInlineBytes) {
      throw new ParleyError('E_PAYLOAD_TOO_LARGE', `The file is over ${this.options.maxInlineBytes} bytes: use format=link and download it`);
    }
    const chunks: Buffer[] = [];
    for await (const chunk of await this.blobs.read(file.key)) chunks.push(chunk as Buffer);
    return Buffer.concat(chunks);
  }

  /** Seed 004's `fileToken` for one media message, with the media id as its `fileKey`. */
  async issueDownloadToken(
    actor: Actor,
    chatId: string,
    messageId: string,
    ttlSeconds?: number,
  ): Promise<{ fileToken: string; fileKey: string; expiresAt: number }> {
    const { row, media } = await this.locate(actor, chatId, messageId);
    const ttl = Math.min(Math.max(1, ttlSeconds ?? this.options.downloadTtlSeconds), this.options.maxDownloadTtlSeconds);
    const { token, expiresAt } = await this.tokens.issue(
      { tenantId: row.tenantId, chatId: row.chatId, messageId: row.id, mediaId: media.id, userId: actorId(actor) },
      ttl,
    );
    return { fileToken: token, fileKey: media.id, expiresAt };
  }

  /** The media message a download token names; `fileKey`, when given, must be its media id. */
  async byToken(fileToken: string, fileKey?: string): Promise<{ row: MessageRow; media: MediaRow }> {
    const claims = await this.tokens.verify(fileToken);
    if (fileKey !== undefined && fileKey !== claims.mediaId) throw new ParleyError('E_TOKEN_INVALID', 'The file key does not match the token');
    const chat = await this.store.getChat(claims.chatId);
    if (!chat || chat.tenantId !== claims.tenantId) throw new ParleyError('E_MESSAGE_NOT_FOUND');
    const found = await loadMediaMessage(this.store, chat, null, claims.messageId);
    if (found.media.id !== claims.mediaId) throw new ParleyError('E_TOKEN_INVALID', 'The file token is invalid');
    return found;
  }

  /**
   * Seed 004 getMediaMessages: a chat's media messages, newest first — the first 3, then pages of 10
   * older than `lastMessageId`.
   */
  async mediaMessages(actor: Actor, chatId: string, lastMessageId?: string): Promise<{ messages: Message[]; hasMore: boolean }> {
    this.requireFeature(actor.tenant, 'getMediaMessages');
    const { chat, member } = await mediaChatAccess(this.access, this.store, actor, chatId);
    let beforeSeq: number | undefined;
    if (lastMessageId !== undefined) {
      const last = await this.store.getMessage(chat.tenantId, lastMessageId);
      if (!last || last.chatId !== chat.id) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${lastMessageId} not found`, { path: '/lastMessageId' });
      beforeSeq = last.seq;
    }
    const limit = lastMessageId === undefined ? 3 : 10;
    const rows = await this.store.media.listMediaMessages(chat.id, {
      types: MEDIA_MESSAGE_TYPES,
      limit: limit + 1,
      minSeq: member?.clearedSeq ?? 0,
      ...(beforeSeq !== undefined ? { beforeSeq } : {}),
    });
    const members = await this.store.listMembers(chat.id, { includeLeft: true });
    return { messages: await this.reader.toMessages(rows.slice(0, limit), members), hasMore: rows.length > limit };
  }
}

function kindOfMessageType(messageType: string): AcceptedType['kind'] {
  if (!isMediaType(messageType)) {
    throw new ParleyError('E_VALIDATION', 'messageType must be IMAGE, DOCUMENT, AUDIO or VIDEO', { path: '/messageType' });
  }
  return KIND_OF_MESSAGE_TYPE[messageType];
}

function agreesWith(declaredExt: string, type: AcceptedType): boolean {
  const named = typeNamed(declaredExt);
  return named !== undefined && agrees(named, type);
}

/** MIME types that say nothing about the file. */
const GENERIC_MIME = /^(?:application\/octet-stream|binary\/octet-stream|application\/unknown|application\/x-download|)$/i;

/**
 * Every declared type must agree with the bytes: the message type's kind, a file name extension that
 * names an accepted format, a Content-Type that names a different kind of file or HTML.
 */
function checkDeclared(type: AcceptedType, declared: DeclaredFile, name: string, declaredKind: AcceptedType['kind'] | undefined): void {
  if (declaredKind !== undefined && declaredKind !== type.kind) {
    throw new ParleyError('E_MEDIA_TYPE_MISMATCH', `The file is ${type.kind === 'image' ? 'an' : 'a'} ${type.kind} (${type.ext}), not what ${declared.messageType} needs`, {
      path: '/messageType',
    });
  }
  const ext = extensionOf(name);
  const byName = ext === '' ? undefined : typeNamed(ext);
  if (byName && !agrees(byName, type)) {
    throw new ParleyError('E_MEDIA_TYPE_MISMATCH', `The file name says ${ext} but the bytes are ${type.ext}`, { path: '/fileName' });
  }
  const mime = (declared.mimeType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!GENERIC_MIME.test(mime)) {
    const byMime = typeNamed(mime);
    const markup = /html|javascript|ecmascript/.test(mime) || (byMime === undefined && /xml/.test(mime) && type.ext !== 'svg');
    if (markup || (byMime !== undefined && byMime.kind !== type.kind)) {
      throw new ParleyError('E_MEDIA_TYPE_MISMATCH', `The declared type ${mime} disagrees with the bytes (${type.ext})`, { path: '/contentType' });
    }
  }
}

function thumbName(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return `${dot > 0 ? fileName.slice(0, dot) : fileName}-thumbnail.jpg`;
}
