import type { Kysely, Selectable } from 'kysely';
import type { MessageContentInput, MessageType } from '@parley/protocol';
import type { MediaKind, MediaProcessed, MediaRow, MediaStatus, MediaStore } from '../media-types.js';
import type { MessageRow } from '../types.js';
import type { Database, MediaTable } from './db-types.js';
import { toMessageRow } from './row-mapping.js';
import { mapWriteErrors } from './write-errors.js';

/** `store.media` on any Kysely dialect. */
export class KyselyMediaStore implements MediaStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async createMedia(row: MediaRow): Promise<MediaRow> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db.insertInto('media').values(fromMediaRow(row)).execute(),
    );
    return row;
  }

  async getMedia(tenantId: string, id: string): Promise<MediaRow | null> {
    const row = await this.#db.selectFrom('media').selectAll().where('id', '=', id).where('tenant_id', '=', tenantId).executeTakeFirst();
    return row === undefined ? null : toMediaRow(row);
  }

  async updateMediaProcessed(tenantId: string, id: string, patch: MediaProcessed): Promise<void> {
    await this.#db
      .updateTable('media')
      .set({
        status: patch.status,
        width: patch.width,
        height: patch.height,
        duration: patch.duration,
        thumbnail_key: patch.thumbnailKey,
        preview: patch.preview,
        fullsize_key: patch.fullsizeKey,
        fullsize_size: patch.fullsizeSize,
        fullsize_width: patch.fullsizeWidth,
        fullsize_height: patch.fullsizeHeight,
        processed_at: patch.processedAt,
      })
      .where('id', '=', id)
      .where('tenant_id', '=', tenantId)
      .execute();
  }

  async listMediaMessages(
    chatId: string,
    query: { types: readonly MessageType[]; beforeSeq?: number; minSeq?: number; limit: number },
  ): Promise<MessageRow[]> {
    if (query.types.length === 0) return [];
    let q = this.#db
      .selectFrom('messages')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('message_type', 'in', [...query.types])
      .where('deleted_at', 'is', null)
      .where('seq', '>', query.minSeq ?? 0);
    if (query.beforeSeq !== undefined) q = q.where('seq', '<', query.beforeSeq);
    const rows = await q.orderBy('seq', 'desc').limit(query.limit).execute();
    return rows.map(toMessageRow);
  }

  async updateMessageContent(tenantId: string, messageId: string, content: MessageContentInput): Promise<MessageRow | null> {
    await this.#db
      .updateTable('messages')
      .set({ content: JSON.stringify(content) })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', messageId)
      .where('deleted_at', 'is', null)
      .execute();
    const row = await this.#db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', messageId)
      .executeTakeFirst();
    return row === undefined ? null : toMessageRow(row);
  }
}

function fromMediaRow(m: MediaRow): MediaTable {
  return {
    id: m.id,
    tenant_id: m.tenantId,
    uploader_id: m.uploaderId,
    blob_key: m.blobKey,
    size: m.size,
    kind: m.kind,
    ext: m.ext,
    mime_type: m.mimeType,
    file_name: m.fileName,
    status: m.status,
    width: m.width,
    height: m.height,
    duration: m.duration,
    thumbnail_key: m.thumbnailKey,
    preview: m.preview,
    fullsize_key: m.fullsizeKey,
    fullsize_size: m.fullsizeSize,
    fullsize_width: m.fullsizeWidth,
    fullsize_height: m.fullsizeHeight,
    created_at: m.createdAt,
    processed_at: m.processedAt,
  };
}

const num = (v: number | string | null): number | null => (v === null ? null : Number(v));

function toMediaRow(r: Selectable<MediaTable>): MediaRow {
  return {
    id: r.id,
    tenantId: r.tenant_id,
    uploaderId: r.uploader_id,
    blobKey: r.blob_key,
    size: Number(r.size),
    kind: r.kind as MediaKind,
    ext: r.ext,
    mimeType: r.mime_type,
    fileName: r.file_name,
    status: r.status as MediaStatus,
    width: num(r.width),
    height: num(r.height),
    duration: num(r.duration),
    thumbnailKey: r.thumbnail_key,
    preview: r.preview,
    fullsizeKey: r.fullsize_key,
    fullsizeSize: num(r.fullsize_size),
    fullsizeWidth: num(r.fullsize_width),
    fullsizeHeight: num(r.fullsize_height),
    createdAt: Number(r.created_at),
    processedAt: num(r.processed_at),
  };
}
