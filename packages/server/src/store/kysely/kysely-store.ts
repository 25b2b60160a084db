import { Migrator, sql } from 'kysely';
import type { Kysely } from 'kysely';
import type { MessageType, ReceiptKind } from '@parley/protocol';
import { ParleyError } from '@parley/protocol';
import type {
  ApiKeyRow,
  AppendResult,
  ChatRow,
  CommitResults,
  CommitWrites,
  MemberRow,
  MessageRow,
  NewMember,
  NewMessage,
  ReactionRow,
  RecentChatRow,
  SeenMove,
  Store,
  TenantRow,
  UserRow,
  WatermarkMove,
} from '../types.js';
import { advanceInTransaction, appendInTransaction } from './append-messages.js';
import type { EngineCapabilities } from './capabilities.js';
import type { Database } from './db-types.js';
import { migrationProvider } from './migrations/index.js';
import { retryAborted } from './retry.js';
import { mapWriteErrors } from './write-errors.js';
import { listRecentChats } from './recent-chats.js';
import { KyselyMediaStore } from './media-store.js';
import { KyselyLivechatStore } from './livechat-store.js';
import { KyselyWebhookStore } from './webhook-store.js';
import { KyselyMessengerStore } from './messenger-store.js';
import { KyselyAccountStore } from './account-store.js';
import { listSeenMoves } from './seen-moves.js';
import type { BoolEncoder } from './row-mapping.js';
import {
  boolEncoder,
  fromChatRow,
  fromNewMember,
  fromTenantRow,
  fromUserRow,
  toChatRow,
  toMemberRow,
  toMessageRow,
  toTenantRow,
  toUserRow,
} from './row-mapping.js';

/** Ids per IN list. */
const IN_CHUNK = 500;

/** Migration runs in all when the catalogue read meets a schema dropped meanwhile. */
const MIGRATE_ATTEMPTS = 5;

/** invalid_schema_name or undefined_table: what a catalogue read meets when another schema is dropped under it. */
function isSchemaGone(err: unknown): boolean {
  return typeof err === 'object' && err !== null && 'code' in err && (err.code === '3F000' || err.code === '42P01');
}

/**
 * The store on any Kysely dialect: one query code path for every engine, with the differences
 * (`EngineCapabilities`) handed in by `openSqliteStore` / `openPostgresStore`.
 */
export class KyselyStore implements Store {
  readonly dialect: 'sqlite' | 'postgres';
  readonly media: KyselyMediaStore;
  readonly livechat: KyselyLivechatStore;
  readonly webhooks: KyselyWebhookStore;
  readonly messenger: KyselyMessengerStore;
  readonly accounts: KyselyAccountStore;
  readonly #db: Kysely<Database>;
  readonly #caps: EngineCapabilities;
  readonly #bool: BoolEncoder;
  #closed: Promise<void> | undefined;

  constructor(db: Kysely<Database>, caps: EngineCapabilities) {
    this.#db = db;
    this.#caps = caps;
    this.#bool = boolEncoder(caps.nativeBooleans);
    this.dialect = caps.dialect;
    this.media = new KyselyMediaStore(db);
    this.livechat = new KyselyLivechatStore(db, this.#bool);
    this.webhooks = new KyselyWebhookStore(db, caps, this.#bool);
    this.messenger = new KyselyMessengerStore(db);
    this.accounts = new KyselyAccountStore(db);
  }

  async migrate(): Promise<void> {
    const migrator = new Migrator({
      db: this.#db,
      provider: migrationProvider(this.#caps),
      migrationTableSchema: this.#caps.migrationSchema,
      // Concerns own number ranges (livechat 0010–, webhooks 0020–, messenger 0030–), so a new
      // migration may sort before one a database already ran; each is independent of the others.
      allowUnorderedMigrations: true,
    });
    for (let attempt = 1; ; attempt++) {
      const { error } = await this.#caps.unbounded(() => migrator.migrateToLatest());
      if (error === undefined) return;
      // The migrator reads the catalogue of every schema of the database (PostgreSQL): another
      // schema dropped meanwhile fails that read with invalid_schema_name, or undefined_table for one of
      // its tables. Reading again succeeds (a real missing table fails every attempt and is reported);
      // the migrations themselves are idempotent and serialised by the migrator's lock.
      if (attempt < MIGRATE_ATTEMPTS && isSchemaGone(error)) {
        await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
        continue;
      }
      throw error instanceof Error ? error : new Error('migration failed', { cause: error });
    }
  }

  close(): Promise<void> {
    this.#closed ??= this.#db.destroy();
    return this.#closed;
  }

  async ping(): Promise<void> {
    await sql`select 1`.execute(this.#db);
  }

  async getOrCreateSetting(key: string, create: () => string): Promise<string> {
    const existing = await this.#setting(key);
    if (existing !== undefined) return existing;
    // Another node may create it at the same time: the first insert wins, everyone reads the winner.
    await this.#db
      .insertInto('settings')
      .values({ key, value: create() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const value = await this.#setting(key);
    if (value === undefined) throw new ParleyError('E_INTERNAL', `setting ${key} vanished`);
    return value;
  }

  async #setting(key: string): Promise<string | undefined> {
    const row = await this.#db.selectFrom('settings').select('value').where('key', '=', key).executeTakeFirst();
    return row?.value;
  }

  async createTenant(row: TenantRow): Promise<TenantRow> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT' }, () =>
      this.#db.insertInto('tenants').values(fromTenantRow(row)).execute(),
    );
    return row;
  }

  async getTenant(id: string): Promise<TenantRow | null> {
    const row = await this.#db.selectFrom('tenants').selectAll().where('id', '=', id).executeTakeFirst();
    return row === undefined ? null : toTenantRow(row);
  }

  async getTenantByDomain(domain: string): Promise<TenantRow | null> {
    const row = await this.#db.selectFrom('tenants').selectAll().where('domain', '=', domain).executeTakeFirst();
    return row === undefined ? null : toTenantRow(row);
  }

  async getTenantByContactCenterId(contactCenterId: string): Promise<TenantRow | null> {
    const row = await this.#db
      .selectFrom('tenants')
      .selectAll()
      .where('contact_center_id', '=', contactCenterId)
      .executeTakeFirst();
    return row === undefined ? null : toTenantRow(row);
  }

  async updateTenant(
    id: string,
    patch: Partial<Pick<TenantRow, 'name' | 'plan' | 'allowedOrigins'>>,
  ): Promise<void> {
    const set = compact({
      name: patch.name,
      plan: patch.plan === undefined ? undefined : JSON.stringify(patch.plan),
      allowed_origins: patch.allowedOrigins === undefined ? undefined : JSON.stringify(patch.allowedOrigins),
    });
    if (set === undefined) return;
    await this.#db.updateTable('tenants').set(set).where('id', '=', id).execute();
  }

  async createApiKey(row: ApiKeyRow): Promise<void> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db
        .insertInto('api_keys')
        .values({
          id: row.id,
          tenant_id: row.tenantId,
          name: row.name,
          hash: row.hash,
          created_at: row.createdAt,
          revoked_at: row.revokedAt,
        })
        .execute(),
    );
  }

  async getApiKeyByHash(hash: string): Promise<ApiKeyRow | null> {
    const row = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('hash', '=', hash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    if (row === undefined) return null;
    return {
      id: row.id,
      tenantId: row.tenant_id,
      name: row.name,
      hash: row.hash,
      createdAt: row.created_at,
      revokedAt: row.revoked_at,
    };
  }

  async listApiKeys(tenantId: string): Promise<ApiKeyRow[]> {
    const rows = await this.#db
      .selectFrom('api_keys')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at')
      .orderBy('id')
      .execute();
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id, name: row.name, hash: row.hash, createdAt: row.created_at, revokedAt: row.revoked_at }));
  }

  async revokeApiKey(tenantId: string, id: string, at: number): Promise<void> {
    await this.#db
      .updateTable('api_keys')
      .set({ revoked_at: at })
      .where('tenant_id', '=', tenantId)
      .where('id', '=', id)
      .where('revoked_at', 'is', null)
      .execute();
  }

  async createUser(row: UserRow): Promise<UserRow> {
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT', references: [['tenants', row.tenantId]] }, () =>
      this.#db.insertInto('users').values(fromUserRow(row)).execute(),
    );
    return row;
  }

  async getUser(tenantId: string, userId: string): Promise<UserRow | null> {
    const row = await this.#db
      .selectFrom('users')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .executeTakeFirst();
    return row === undefined ? null : toUserRow(row);
  }

  async getUsers(tenantId: string, userIds: readonly string[]): Promise<UserRow[]> {
    const unique = [...new Set(userIds)];
    const out: UserRow[] = [];
    for (let i = 0; i < unique.length; i += IN_CHUNK) {
      const rows = await this.#db
        .selectFrom('users')
        .selectAll()
        .where('tenant_id', '=', tenantId)
        .where('id', 'in', unique.slice(i, i + IN_CHUNK))
        .execute();
      out.push(...rows.map(toUserRow));
    }
    return out;
  }

  async updateUser(
    tenantId: string,
    userId: string,
    patch: Partial<Pick<UserRow, 'nickname' | 'profile' | 'disabledAt'>>,
  ): Promise<void> {
    const set = compact({
      nickname: patch.nickname,
      profile: patch.profile === undefined ? undefined : JSON.stringify(patch.profile),
      disabled_at: patch.disabledAt,
    });
    if (set === undefined) return;
    await this.#db.updateTable('users').set(set).where('tenant_id', '=', tenantId).where('id', '=', userId).execute();
  }

  async bumpTokenVersion(tenantId: string, userId: string): Promise<number> {
    const row = await this.#db
      .updateTable('users')
      .set((eb) => ({ token_version: eb('token_version', '+', 1) }))
      .where('tenant_id', '=', tenantId)
      .where('id', '=', userId)
      .returning('token_version')
      .executeTakeFirst();
    if (row === undefined) throw new ParleyError('E_USER_NOT_FOUND');
    return row.token_version;
  }

  async createChat(chat: ChatRow, members: NewMember[]): Promise<ChatRow> {
    // The write creates the chat itself: with its tenant there, a failed reference is a member's chat.
    await mapWriteErrors(this.#db, { unique: 'E_CONFLICT', references: [['tenants', chat.tenantId], ['chats', chat.id]] }, () =>
      this.#db.transaction().execute(async (trx) => {
        await trx.insertInto('chats').values(fromChatRow(chat)).execute();
        if (members.length > 0) {
          await trx
            .insertInto('members')
            .values(members.map((m) => fromNewMember(m, this.#bool)))
            .execute();
        }
      }),
    );
    return chat;
  }

  async getChat(chatId: string): Promise<ChatRow | null> {
    const row = await this.#db.selectFrom('chats').selectAll().where('id', '=', chatId).executeTakeFirst();
    return row === undefined ? null : toChatRow(row);
  }

  async getDirectChat(tenantId: string, directKey: string): Promise<ChatRow | null> {
    const row = await this.#db
      .selectFrom('chats')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('direct_key', '=', directKey)
      .executeTakeFirst();
    return row === undefined ? null : toChatRow(row);
  }

  async updateChat(chatId: string, patch: Partial<Pick<ChatRow, 'state' | 'title' | 'meta'>>): Promise<void> {
    const set = compact({
      state: patch.state,
      title: patch.title,
      meta: patch.meta === undefined ? undefined : JSON.stringify(patch.meta),
    });
    if (set === undefined) return;
    await this.#db.updateTable('chats').set(set).where('id', '=', chatId).execute();
  }

  async getMember(chatId: string, userId: string): Promise<MemberRow | null> {
    const row = await this.#db
      .selectFrom('members')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row === undefined ? null : toMemberRow(row);
  }

  async listMembers(chatId: string, opts: { includeLeft?: boolean } = {}): Promise<MemberRow[]> {
    let q = this.#db.selectFrom('members').selectAll().where('chat_id', '=', chatId);
    if (opts.includeLeft !== true) q = q.where('left_at', 'is', null);
    const rows = await q.orderBy('joined_at').orderBy('user_id').execute();
    return rows.map(toMemberRow);
  }

  async listMembersOfChats(chatIds: readonly string[]): Promise<MemberRow[]> {
    const out: MemberRow[] = [];
    // Ids sorted before chunking, so the chunks' results follow each other in chat id order.
    for (const ids of inChunks([...new Set(chatIds)].sort())) {
      const rows = await this.#db
        .selectFrom('members')
        .selectAll()
        .where('chat_id', 'in', ids)
        .where('left_at', 'is', null)
        .orderBy('chat_id')
        .orderBy('joined_at')
        .orderBy('user_id')
        .execute();
      out.push(...rows.map(toMemberRow));
    }
    return out;
  }

  async addMember(member: NewMember): Promise<MemberRow> {
    // A new member is inserted; one who left comes back with a new role and join time but keeps
    // their watermarks and chat state; a current member is left as is.
    await mapWriteErrors(this.#db, { references: [['chats', member.chatId]] }, () =>
      this.#db
        .insertInto('members')
        .values(fromNewMember(member, this.#bool))
        .onConflict((oc) =>
          oc
            .columns(['chat_id', 'user_id'])
            .doUpdateSet({ left_at: null, role: member.role, joined_at: member.joinedAt })
            .where('members.left_at', 'is not', null),
        )
        .execute(),
    );
    const row = await this.getMember(member.chatId, member.userId);
    if (row === null) throw new ParleyError('E_INTERNAL', 'member vanished after insert');
    return row;
  }

  async removeMember(chatId: string, userId: string, at: number): Promise<boolean> {
    const result = await this.#db
      .updateTable('members')
      .set({ left_at: at })
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .where('left_at', 'is', null)
      .executeTakeFirst();
    return result.numUpdatedRows > 0n;
  }

  async listMemberships(tenantId: string, userId: string): Promise<{ chatId: string; lastSeq: number }[]> {
    const rows = await this.#db
      .selectFrom('members as m')
      .innerJoin('chats as c', 'c.id', 'm.chat_id')
      .select(['m.chat_id as chatId', 'c.last_seq as lastSeq'])
      .where('m.tenant_id', '=', tenantId)
      .where('m.user_id', '=', userId)
      .where('m.left_at', 'is', null)
      .orderBy('m.chat_id')
      .execute();
    return rows;
  }

  async updateMemberState(
    chatId: string,
    userId: string,
    patch: Partial<Pick<MemberRow, 'muted' | 'archived' | 'clearedSeq' | 'hidden'>>,
  ): Promise<void> {
    const bool = this.#bool;
    const set = compact({
      muted: patch.muted === undefined ? undefined : bool(patch.muted),
      archived: patch.archived === undefined ? undefined : bool(patch.archived),
      cleared_seq: patch.clearedSeq,
      hidden: patch.hidden === undefined ? undefined : bool(patch.hidden),
    });
    if (set === undefined) return;
    await this.#db
      .updateTable('members')
      .set(set)
      .where('chat_id', '=', chatId)
      .where('user_id', '=', userId)
      .execute();
  }

  async advanceWatermark(
    chatId: string,
    userId: string,
    kind: ReceiptKind,
    seq: number,
    at: number,
  ): Promise<MemberRow | null> {
    return (await this.advanceWatermarks([{ chatId, userId, kind, seq, at }]))[0] ?? null;
  }

  async advanceWatermarks(marks: readonly WatermarkMove[]): Promise<(MemberRow | null)[]> {
    return (await this.commit({ messages: [], marks })).moved;
  }

  async appendMessages(batch: readonly NewMessage[]): Promise<AppendResult[]> {
    return (await this.commit({ messages: batch, marks: [] })).appended;
  }

  async commit(writes: CommitWrites): Promise<CommitResults> {
    if (writes.messages.length === 0 && writes.marks.length === 0) return { appended: [], moved: [] };
    // Another node committed one of these ids after our lookup (unique), or the engine broke a lock
    // cycle: running the batch again sees the winner and classifies it.
    return retryAborted(
      () =>
        this.#db.transaction().execute(async (trx) => ({
          appended: writes.messages.length === 0 ? [] : await appendInTransaction(trx, this.#caps, this.#bool, writes.messages),
          moved: await advanceInTransaction(trx, writes.marks),
        })),
      ['unique'],
    );
  }

  async getMessage(tenantId: string, messageId: string): Promise<MessageRow | null> {
    const row = await this.#db
      .selectFrom('messages')
      .selectAll()
      .where('tenant_id', '=', tenantId)
      .where('id', '=', messageId)
      .executeTakeFirst();
    return row === undefined ? null : toMessageRow(row);
  }

  async getMessageBySeq(chatId: string, seq: number): Promise<MessageRow | null> {
    const row = await this.#db
      .selectFrom('messages')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('seq', '=', seq)
      .executeTakeFirst();
    return row === undefined ? null : toMessageRow(row);
  }

  async getLatestMessageOfType(chatId: string, messageType: MessageType): Promise<MessageRow | null> {
    // Walks the (chat_id, message_type, seq) index down from the newest.
    const row = await this.#db
      .selectFrom('messages')
      .selectAll()
      .where('chat_id', '=', chatId)
      .where('message_type', '=', messageType)
      .where('deleted_at', 'is', null)
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row === undefined ? null : toMessageRow(row);
  }

  async listReactions(chatId: string, messageIds: readonly string[]): Promise<ReactionRow[]> {
    const out: ReactionRow[] = [];
    for (const ids of inChunks([...new Set(messageIds)])) {
      // Per (target, user) the newest REACTION, found on the (chat_id, reply_to, message_type,
      // sender_id, seq) index, then its row.
      const latest = this.#db
        .selectFrom('messages')
        .select(['reply_to', 'sender_id', (eb) => eb.fn.max('seq').as('latest_seq')])
        .where('chat_id', '=', chatId)
        .where('reply_to', 'in', ids)
        .where('message_type', '=', 'REACTION')
        .groupBy(['reply_to', 'sender_id'])
        .as('latest');
      const rows = await this.#db
        .selectFrom('messages')
        .innerJoin(latest, 'latest.latest_seq', 'messages.seq')
        .select(['messages.reply_to', 'messages.sender_id', 'messages.content', 'messages.seq', 'messages.ts', 'messages.deleted_at'])
        .where('messages.chat_id', '=', chatId)
        .execute();
      for (const row of rows) {
        if (row.deleted_at !== null) continue;
        const emoji = reactionEmoji(row.content);
        if (emoji === '') continue;
        out.push({ messageId: row.reply_to, userId: row.sender_id, emoji, seq: Number(row.seq), ts: Number(row.ts) });
      }
    }
    return out.sort((a, b) => a.seq - b.seq);
  }

  async listMessages(
    chatId: string,
    query: { after?: number; before?: number; limit: number; minSeq?: number; hiddenFor?: string },
  ): Promise<MessageRow[]> {
    let q = this.#db.selectFrom('messages').selectAll().where('chat_id', '=', chatId);
    if (query.minSeq !== undefined) q = q.where('seq', '>', query.minSeq);
    if (query.hiddenFor !== undefined) {
      // Deleted for me (messenger-store.ts): the user's hidden rows, on their primary key.
      q = q.where(
        sql<boolean>`not exists (select 1 from hidden_messages h where h.chat_id = messages.chat_id and h.user_id = ${query.hiddenFor} and h.seq = messages.seq)`,
      );
    }
    if (query.after !== undefined) q = q.where('seq', '>', query.after);
    if (query.before !== undefined) q = q.where('seq', '<', query.before);
    // After a point: the oldest first. Before a point, or the newest page: walk down, then flip.
    const ascending = query.after !== undefined;
    const rows = await q
      .orderBy('seq', ascending ? 'asc' : 'desc')
      .limit(query.limit)
      .execute();
    if (!ascending) rows.reverse();
    return rows.map(toMessageRow);
  }

  async markMessageDeleted(chatId: string, seq: number, at: number): Promise<void> {
    // The content goes (what was said is no longer stored); the domain renders the deleted marker.
    await this.#db
      .updateTable('messages')
      .set({ content: '{}', mentions: '[]', deleted_at: at })
      .where('chat_id', '=', chatId)
      .where('seq', '=', seq)
      .where('deleted_at', 'is', null)
      .execute();
  }

  listSeenMoves(chatId: string, range: { fromSeq: number; toSeq: number; userIds: readonly string[] }): Promise<SeenMove[]> {
    return listSeenMoves(this.#db, chatId, range);
  }

  listRecentChats(
    tenantId: string,
    userId: string,
    query: { limit: number; archived?: boolean; beforeActivity?: number },
  ): Promise<RecentChatRow[]> {
    return listRecentChats(this.#db, this.#bool, tenantId, userId, query);
  }
}

/** Splits ids for IN lists. */
function inChunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += IN_CHUNK) out.push(items.slice(i, i + IN_CHUNK));
  return out;
}

/** The emoji of a stored REACTION's content; "" when it has none. */
function reactionEmoji(content: string): string {
  try {
    const parsed: unknown = JSON.parse(content);
    if (typeof parsed === 'object' && parsed !== null && 'emoji' in parsed && typeof parsed.emoji === 'string') return parsed.emoji;
  } catch {
    // A malformed row counts as no reaction.
  }
  return '';
}

/** The defined fields of a patch, or undefined when there are none (nothing to update). */
function compact<T extends Record<string, unknown>>(patch: T): { [K in keyof T]: Exclude<T[K], undefined> } | undefined {
  const out: Record<string, unknown> = {};
  let any = false;
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    out[key] = value;
    any = true;
  }
  return any ? (out as { [K in keyof T]: Exclude<T[K], undefined> }) : undefined;
}

