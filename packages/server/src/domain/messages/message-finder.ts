import type { Message } from '@parley/protocol';
import type { ChatRow, MemberRow, MessageRow, Store } from '../../store/index.js';
import type { MessageReader } from './reader.js';
import { withReactions } from './reactions.js';

/** A chat as the finder needs it. */
export type ChatRef = Pick<ChatRow, 'id' | 'tenantId'>;

/**
 * Who reads the log: a member — a user, a visitor — whose own clear mark and deleted-for-me
 * messages apply (left members too: a visitor reads their chat after leaving it), or null for a
 * reader who sees the whole log (an admin key, an agent looking into a live chat from outside).
 */
export type Viewer = Pick<MemberRow, 'userId' | 'clearedSeq'> | null;

/**
 * How the messages are dressed: `event` exactly as the live `message` event (a replay stands in for
 * it), `page` as history shows them (with `messageSeen` and `reactions`).
 */
export type MessageForm = 'event' | 'page';

export interface ReadAfterOptions {
  limit: number;
  /**
   * Nothing past this seq is read (the chat's last seq as the caller knows it). When the page is not
   * full, `through` is this seq: every seq up to it was returned or is hidden from the viewer.
   */
  untilSeq?: number;
  form?: MessageForm;
}

export interface AfterPage {
  /** The visible messages after the seq, in ascending seq order. */
  messages: Message[];
  /**
   * The highest seq this page accounts for, shown or hidden: where the next read starts, and what a
   * client's cursor may move to. A hidden message still moves the cursor, so it is never asked for again.
   */
  through: number;
  /** Visible messages may lie past `through` (within `untilSeq`). */
  hasMore: boolean;
}

export interface BeforePage {
  messages: Message[];
  hasMore: boolean;
}

/**
 * The one reader of a chat's log (Chatwoot's finders): history (REST and WebSocket), the resume
 * replay, the catch-up after a bus outage and the customer chat API all read through it, so one
 * viewer sees the same messages whichever way they come in. The rules, for a member viewer:
 *
 * - cleared: nothing at or below their clear mark (`clearChat`, `deleteChat`);
 * - deleted for me: none of the messages they hid;
 * - deleted for everyone: the message stays in the log, its content replaced by the deleted marker
 *   (`MessageReader`), so the seq is never a hole;
 * - a visitor: the same member rules, on the visitor's own member row (the log holds nothing meant
 *   for agents only: notices are for everyone);
 * - an ended chat: readable to its end — `endChat`, then the `transcriptSaved` notice after it.
 */
export class MessageFinder {
  constructor(
    private readonly store: Store,
    private readonly reader: MessageReader,
  ) {}

  /** The member row a user reads a chat as (null: not a member, so the whole log applies to nobody). */
  viewer(chatId: string, userId: string): Promise<MemberRow | null> {
    return this.store.getMember(chatId, userId);
  }

  /** The chats a user currently belongs to, with each one's last seq: what a resume or a catch-up walks. */
  memberships(tenantId: string, userId: string): Promise<{ chatId: string; lastSeq: number }[]> {
    return this.store.listMemberships(tenantId, userId);
  }

  /** One message of the chat as the viewer may see it (stored row), or null; see {@link visibleRow}. */
  findRow(chat: ChatRef, viewer: Viewer, messageId: string): Promise<MessageRow | null> {
    return visibleRow(this.store, chat, viewer, messageId);
  }

  /** The viewer's messages after `afterSeq`, oldest first, at most `limit`; see {@link AfterPage.through}. */
  async readAfter(chat: ChatRef, viewer: Viewer, afterSeq: number, opts: ReadAfterOptions): Promise<AfterPage> {
    const from = Math.max(afterSeq, viewer?.clearedSeq ?? 0);
    const until = opts.untilSeq;
    const rows =
      until !== undefined && from >= until
        ? []
        : await this.rows(chat.id, viewer, { after: from, ...(until === undefined ? {} : { before: until + 1 }), limit: opts.limit + 1 });
    const hasMore = rows.length > opts.limit;
    const page = hasMore ? rows.slice(0, opts.limit) : rows;
    const last = page.at(-1)?.seq ?? from;
    const through = hasMore ? last : Math.max(last, from, until ?? 0);
    return { messages: await this.dress(chat, page, opts.form ?? 'event'), through, hasMore };
  }

  /** The viewer's newest `limit` messages below `beforeSeq` (or the newest of all), oldest first. */
  async readBefore(chat: ChatRef, viewer: Viewer, beforeSeq: number | undefined, opts: { limit: number; form?: MessageForm }): Promise<BeforePage> {
    const rows = await this.rows(chat.id, viewer, { ...(beforeSeq === undefined ? {} : { before: beforeSeq }), limit: opts.limit + 1 });
    const hasMore = rows.length > opts.limit;
    const page = hasMore ? rows.slice(rows.length - opts.limit) : rows;
    return { messages: await this.dress(chat, page, opts.form ?? 'page'), hasMore };
  }

  /** The cleared and deleted-for-me rules, applied in the store's query. */
  private rows(chatId: string, viewer: Viewer, query: { after?: number; before?: number; limit: number }): Promise<MessageRow[]> {
    return this.store.listMessages(chatId, { ...query, ...(viewer ? { minSeq: viewer.clearedSeq, hiddenFor: viewer.userId } : {}) });
  }

  private async dress(chat: ChatRef, rows: readonly MessageRow[], form: MessageForm): Promise<Message[]> {
    if (form === 'event' || rows.length === 0) return this.reader.toMessages(rows);
    const members = await this.store.listMembers(chat.id, { includeLeft: true });
    return withReactions(this.store, chat.id, await this.reader.toMessages(rows, members));
  }
}

/**
 * One message by id under the same rules as the pages: null when it is not in this chat (another
 * chat's message is not revealed), at or below the viewer's clear mark, or deleted for them. A
 * message deleted for everyone is found (its row; the reader shows the marker).
 */
export async function visibleRow(store: Store, chat: ChatRef, viewer: Viewer, messageId: string): Promise<MessageRow | null> {
  const row = await store.getMessage(chat.tenantId, messageId);
  if (!row || row.chatId !== chat.id || row.seq <= (viewer?.clearedSeq ?? 0)) return null;
  if (viewer && (await store.messenger.hiddenSeqs(chat.id, viewer.userId, [row.seq])).length > 0) return null;
  return row;
}
