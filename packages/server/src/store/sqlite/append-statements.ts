import type BetterSqlite3 from 'better-sqlite3';
import type { Selectable } from 'kysely';
import type { AppendResult, CommitResults, CommitWrites, MemberRow, MessageRow, NewMessage, WatermarkMove } from '../types.js';
import type { ChatForAppend } from '../kysely/append-plan.js';
import { finishResults, messageKey, newestBySender, numberRows, planAppend } from '../kysely/append-plan.js';
import type { MembersTable, MessagesTable } from '../kysely/db-types.js';
import { fromMessageRow, toMemberRow, toMessageRow } from '../kysely/row-mapping.js';

/**
 * The two writes on every message's path — the group commit and receipt watermarks — as prepared
 * better-sqlite3 statements run in one synchronous `BEGIN IMMEDIATE` transaction. The same plan as the
 * Kysely path (../kysely/append-plan.ts), without building and compiling a query per statement, which
 * cost more than SQLite's own work. The caller holds the connection (Kysely's driver mutex), so no
 * other statement of this process runs in between.
 */
export class AppendStatements {
  readonly #chat: BetterSqlite3.Statement<[string], { tenant_id: string; state: string }>;
  readonly #messageById: BetterSqlite3.Statement<[string, string], Selectable<MessagesTable>>;
  readonly #bumpChat: BetterSqlite3.Statement<[number, number, number, string], { last_seq: number }>;
  readonly #insertMessage: BetterSqlite3.Statement<[MessagesTable]>;
  readonly #insertImported: BetterSqlite3.Statement<[MessagesTable]>;
  readonly #senderSaw: BetterSqlite3.Statement<[{ seq: number; ts: number; chat: string; user: string }]>;
  readonly #unhide: BetterSqlite3.Statement<[string]>;
  readonly #delivered: BetterSqlite3.Statement<[number, number, string, string, number], Selectable<MembersTable>>;
  readonly #seen: BetterSqlite3.Statement<[number, number, string, string, number], Selectable<MembersTable>>;
  readonly #seenMove: BetterSqlite3.Statement<[string, string, number, number]>;
  readonly #commit: BetterSqlite3.Transaction<(writes: CommitWrites) => CommitResults>;

  constructor(db: BetterSqlite3.Database) {
    this.#chat = db.prepare('select tenant_id, state from chats where id = ?');
    this.#messageById = db.prepare('select * from messages where tenant_id = ? and id = ?');
    this.#bumpChat = db.prepare(
      "update chats set last_seq = last_seq + ?, last_message_at = ?, state = case when ? = 1 then 'ended' else state end where id = ? returning last_seq",
    );
    this.#insertMessage = db.prepare(
      'insert into messages (chat_id, seq, tenant_id, id, sender_id, message_type, content, reply_to, mentions, forwarded_from, ts, body_hash, delivery_success, delivery_error_reason, deleted_at) values (@chat_id, @seq, @tenant_id, @id, @sender_id, @message_type, @content, @reply_to, @mentions, @forwarded_from, @ts, @body_hash, @delivery_success, @delivery_error_reason, @deleted_at)',
    );
    // Only an import's rows carry their own `messageSeen`; a sent message leaves the column NULL.
    this.#insertImported = db.prepare(
      'insert into messages (chat_id, seq, tenant_id, id, sender_id, message_type, content, reply_to, mentions, forwarded_from, ts, body_hash, delivery_success, delivery_error_reason, deleted_at, imported_seen) values (@chat_id, @seq, @tenant_id, @id, @sender_id, @message_type, @content, @reply_to, @mentions, @forwarded_from, @ts, @body_hash, @delivery_success, @delivery_error_reason, @deleted_at, @imported_seen)',
    );
    // SET expressions read the row as it was before the update.
    this.#senderSaw = db.prepare(
      'update members set delivered_at = case when delivered_seq < @seq then @ts else delivered_at end, delivered_seq = max(delivered_seq, @seq), seen_at = case when seen_seq < @seq then @ts else seen_at end, seen_seq = max(seen_seq, @seq) where chat_id = @chat and user_id = @user and (delivered_seq < @seq or seen_seq < @seq)',
    );
    this.#unhide = db.prepare('update members set hidden = 0 where chat_id = ? and hidden = 1');
    this.#delivered = db.prepare(
      'update members set delivered_seq = ?, delivered_at = ? where chat_id = ? and user_id = ? and delivered_seq < ? returning *',
    );
    this.#seen = db.prepare('update members set seen_seq = ?, seen_at = ? where chat_id = ? and user_id = ? and seen_seq < ? returning *');
    this.#seenMove = db.prepare('insert into seen_moves (chat_id, user_id, seq, at) values (?, ?, ?, ?) on conflict do nothing');
    this.#commit = db.transaction((writes) => ({
      appended: writes.messages.length === 0 ? [] : this.#append(writes.messages),
      moved: writes.marks.map((m) => this.#advance(m)),
    }));
  }

  /** `Store.commit`: committed (fsync included) when it returns. */
  commit(writes: CommitWrites): CommitResults {
    return this.#commit.immediate(writes);
  }

  #append(batch: readonly NewMessage[]): AppendResult[] {
    const chats = new Map<string, ChatForAppend>();
    const known = new Map<string, MessageRow>();
    for (const m of batch) {
      if (!chats.has(m.chatId)) {
        const chat = this.#chat.get(m.chatId);
        if (chat !== undefined) chats.set(m.chatId, { tenantId: chat.tenant_id, state: chat.state });
      }
      const stored = this.#messageById.get(m.tenantId, m.id);
      if (stored !== undefined) known.set(messageKey(m.tenantId, m.id), toMessageRow(stored));
    }

    const plan = planAppend(batch, chats, known);
    const created: MessageRow[] = [];
    for (const [chatId, rows] of plan.createdByChat) {
      const last = rows[rows.length - 1]!;
      const bumped = this.#bumpChat.get(rows.length, last.ts, plan.endingChats.has(chatId) ? 1 : 0, chatId);
      numberRows(rows, bumped!.last_seq);
      for (const row of rows) (row.importedSeen === undefined ? this.#insertMessage : this.#insertImported).run(fromMessageRow(row, sqliteBool));
      this.#unhide.run(chatId);
      created.push(...rows);
    }
    for (const row of newestBySender(created)) {
      this.#senderSaw.run({ seq: row.seq, ts: row.ts, chat: row.chatId, user: row.senderId });
    }
    return finishResults(plan.results);
  }

  #advance(m: WatermarkMove): MemberRow | null {
    const statement = m.kind === 'seen' ? this.#seen : this.#delivered;
    const row = statement.get(m.seq, m.at, m.chatId, m.userId, m.seq);
    if (row === undefined) return null;
    // The history of seen moves answers when a message was first seen (../kysely/seen-moves.ts).
    if (m.kind === 'seen') this.#seenMove.run(m.chatId, m.userId, m.seq, m.at);
    return toMemberRow(row);
  }
}

/** SQLite keeps booleans as 0 / 1. */
function sqliteBool(value: boolean): 0 | 1 {
  return value ? 1 : 0;
}
