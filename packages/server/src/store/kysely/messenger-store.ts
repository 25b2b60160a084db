import type { Kysely } from 'kysely';
import type { MemberRole } from '@parley/protocol';
import type { MemberRow } from '../types.js';
import { toMemberRow } from './row-mapping.js';
import type { FavouriteRow, HiddenMessageRow, MessengerStore } from '../messenger-types.js';
import type { Database } from './db-types.js';

/** Seqs per IN list. */
const IN_CHUNK = 500;

/** `store.messenger` on any Kysely dialect. */
export class KyselyMessengerStore implements MessengerStore {
  readonly #db: Kysely<Database>;

  constructor(db: Kysely<Database>) {
    this.#db = db;
  }

  async addFavourite(row: FavouriteRow): Promise<boolean> {
    const result = await this.#db
      .insertInto('favourites')
      .values({
        tenant_id: row.tenantId,
        user_id: row.userId,
        message_id: row.messageId,
        chat_id: row.chatId,
        seq: row.seq,
        created_at: row.createdAt,
      })
      .onConflict((oc) => oc.columns(['tenant_id', 'user_id', 'message_id']).doNothing())
      .executeTakeFirst();
    return (result.numInsertedOrUpdatedRows ?? 0n) > 0n;
  }

  async removeFavourite(tenantId: string, userId: string, messageId: string): Promise<boolean> {
    const result = await this.#db
      .deleteFrom('favourites')
      .where('tenant_id', '=', tenantId)
      .where('user_id', '=', userId)
      .where('message_id', '=', messageId)
      .executeTakeFirst();
    return result.numDeletedRows > 0n;
  }

  async listFavourites(tenantId: string, userId: string, opts: { chatId?: string } = {}): Promise<FavouriteRow[]> {
    let q = this.#db.selectFrom('favourites').selectAll().where('tenant_id', '=', tenantId).where('user_id', '=', userId);
    if (opts.chatId !== undefined) q = q.where('chat_id', '=', opts.chatId);
    const rows = await q.orderBy('created_at', 'desc').orderBy('message_id').execute();
    return rows.map((r) => ({
      tenantId: r.tenant_id,
      userId: r.user_id,
      chatId: r.chat_id,
      messageId: r.message_id,
      seq: Number(r.seq),
      createdAt: Number(r.created_at),
    }));
  }

  async removeFavourites(tenantId: string, userId: string, opts: { chatId?: string; maxSeq?: number } = {}): Promise<number> {
    let q = this.#db.deleteFrom('favourites').where('tenant_id', '=', tenantId).where('user_id', '=', userId);
    if (opts.chatId !== undefined) q = q.where('chat_id', '=', opts.chatId);
    if (opts.maxSeq !== undefined) q = q.where('seq', '<=', opts.maxSeq);
    const result = await q.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async removeFavouritesOfMessage(tenantId: string, messageId: string): Promise<number> {
    const result = await this.#db.deleteFrom('favourites').where('tenant_id', '=', tenantId).where('message_id', '=', messageId).executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async hideMessages(rows: readonly HiddenMessageRow[]): Promise<void> {
    if (rows.length === 0) return;
    await this.#db
      .insertInto('hidden_messages')
      .values(
        rows.map((r) => ({
          chat_id: r.chatId,
          user_id: r.userId,
          seq: r.seq,
          tenant_id: r.tenantId,
          message_id: r.messageId,
          hidden_at: r.hiddenAt,
        })),
      )
      .onConflict((oc) => oc.columns(['chat_id', 'user_id', 'seq']).doNothing())
      .execute();
  }

  async setMemberRole(chatId: string, userId: string, role: MemberRole): Promise<MemberRow | null> {
    const row = await this.#db
      .updateTable('members')
      .set({ role })
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .where('left_at', 'is', null)
      .returningAll()
      .executeTakeFirst();
    return row === undefined ? null : toMemberRow(row);
  }

  async hiddenOf(userId: string, refs: readonly { chatId: string; seq: number }[]): Promise<{ chatId: string; seq: number }[]> {
    const wanted = new Set(refs.map((r) => `${r.chatId}\u0000${r.seq}`));
    const out: { chatId: string; seq: number }[] = [];
    for (let i = 0; i < refs.length; i += IN_CHUNK) {
      const part = refs.slice(i, i + IN_CHUNK);
      // Chats and seqs as two lists (portable), then only the exact pairs asked for are kept.
      const rows = await this.#db
        .selectFrom('hidden_messages')
        .select(['chat_id', 'seq'])
        .where('user_id', '=', userId)
        .where('chat_id', 'in', [...new Set(part.map((r) => r.chatId))])
        .where('seq', 'in', [...new Set(part.map((r) => r.seq))])
        .execute();
      for (const row of rows) if (wanted.has(`${row.chat_id}\u0000${Number(row.seq)}`)) out.push({ chatId: row.chat_id, seq: Number(row.seq) });
    }
    return out;
  }

  async hiddenSeqs(chatId: string, userId: string, seqs: readonly number[]): Promise<number[]> {
    const unique = [...new Set(seqs)];
    const out: number[] = [];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const rows = await this.#db
        .selectFrom('hidden_messages')
        .select('seq')
        .where('chat_id', '=', chatId)
        .where('user_id', '=', userId)
        .where('seq', 'in', unique.slice(i, i + IN_CHUNK))
        .execute();
      out.push(...rows.map((r) => Number(r.seq)));
    }
    return out.sort((a, b) => a - b);
  }
}
