import { randomUUID } from 'node:crypto';
import {
  ParleyError,
  SendMessageSchema,
  HistoryQuerySchema,
  validateContent,
  validator,
  type HistoryPage,
  type HistoryQuery,
  type Message,
  type MessageContentInput,
  type SeedMessage,
  type SendMessageInput,
} from '@parley/protocol';
import type { ChatRow, MessageRow, NewMessage, Store } from '../../store/index.js';
import type { EventDispatcher } from '../../events/dispatcher.js';
import { actorId, isTrusted, type Actor } from '../actor.js';
import type { ChatAccess } from '../chats/access.js';
import { bodyHash } from './body-hash.js';
import type { MessageReader } from './reader.js';
import type { CommitQueue } from '../commit-queue.js';
import { MessageRules } from './rules/index.js';
import { withReactions } from './reactions.js';
import { MessageFinder } from './message-finder.js';
import { exportChat } from './export.js';

export { MessageReader } from './reader.js';
export { MessageFinder, visibleRow } from './message-finder.js';
export type { AfterPage, BeforePage, ChatRef, MessageForm, ReadAfterOptions, Viewer } from './message-finder.js';

const sendInput = validator(SendMessageSchema);
const historyInput = validator(HistoryQuerySchema);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DEFAULT_PAGE = 50;

export interface SendOptions {
  /** The connection the send came from: it gets the ack, not the event. */
  origin?: string;
}

/** Sending and reading messages. */
export class MessageService {
  /** The one reader of a chat's log, with every visibility rule (history, resume, catch-up, customer API). */
  readonly finder: MessageFinder;

  constructor(
    private readonly store: Store,
    private readonly access: ChatAccess,
    private readonly writer: CommitQueue,
    private readonly reader: MessageReader,
    private readonly events: EventDispatcher,
    private readonly rules: MessageRules = new MessageRules(),
  ) {
    this.finder = new MessageFinder(store, reader);
  }

  /**
   * Validates, commits (group commit) and then publishes. Resolves only after the commit. A retry
   * with the same id and body returns the original message; a different body is E_IDEMPOTENCY_CONFLICT.
   */
  async send(actor: Actor, raw: unknown, opts: SendOptions = {}): Promise<Message> {
    const input = sendInput.parse(raw);
    const message = this.checkSend(actor, input);
    let chat: ChatRow;
    try {
      const access = await this.access.writable(actor, input.chatId);
      chat = access.chat;
      if (message.replyTo) await this.checkReplyTo(chat, message.replyTo);
      await this.rules.check({ actor, chat, member: access.member, message, store: this.store });
    } catch (err) {
      // A retry of a send that was committed before the chat closed still gets its original answer.
      const original = input.id ? await this.findRetry(message, opts) : null;
      if (original) return original;
      throw err;
    }
    return this.doSend(actor, chat, message, opts);
  }

  async history(actor: Actor, raw: unknown): Promise<HistoryPage> {
    const query: HistoryQuery = historyInput.parse(raw);
    const { chat, member } = await this.access.member(actor, query.chatId);
    const limit = query.limit ?? DEFAULT_PAGE;
    let from = query.fromSeq;
    if (from === undefined && query.lastRowId !== undefined) {
      const row = await this.store.getMessage(chat.tenantId, query.lastRowId);
      if (!row || row.chatId !== chat.id) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${query.lastRowId} not found`, { path: '/lastRowId' });
      from = row.seq;
    }
    if (query.position !== 'down') return this.finder.readBefore(chat, member, from, { limit, form: 'page' });
    const { messages, hasMore } = await this.finder.readAfter(chat, member, from ?? 0, { limit, form: 'page' });
    return { messages, hasMore };
  }

  async get(actor: Actor, chatId: string, messageId: string): Promise<Message> {
    const { chat, member } = await this.access.member(actor, chatId);
    const row = await this.finder.findRow(chat, member, messageId);
    if (!row) throw new ParleyError('E_MESSAGE_NOT_FOUND', `Message ${messageId} not found`);
    const message = await this.reader.toMessage(row, await this.store.listMembers(chat.id, { includeLeft: true }));
    const [withTheirs] = await withReactions(this.store, chat.id, [message]);
    return withTheirs ?? message;
  }

  /** The chat's messages as seed 001 objects, page by page; access is checked on the first `next()`. */
  export(actor: Actor, chatId: string): AsyncGenerator<SeedMessage, void, undefined> {
    return exportChat({ store: this.store, access: this.access, reader: this.reader }, actor, chatId);
  }

  /**
   * Commits a message its caller already validated and authorised (a forward copies a stored message):
   * the same group commit, events and after-commit rules as `send`.
   */
  commitChecked(actor: Actor, chat: ChatRow, message: NewMessage, opts: SendOptions = {}): Promise<Message> {
    return this.doSend(actor, chat, message, opts);
  }

  private checkSend(actor: Actor, input: SendMessageInput): NewMessage {
    const content = validateContent(input.messageType, input.content) as MessageContentInput;
    if (input.id !== undefined && !isTrusted(actor) && !UUID.test(input.id)) {
      throw new ParleyError('E_VALIDATION', 'A message id must be a UUID', { path: '/id' });
    }
    const replyTo = input.replyTo ?? '';
    const mentions = input.mentions ?? [];
    return {
      tenantId: actor.tenant.id,
      chatId: input.chatId,
      id: input.id ?? randomUUID(),
      senderId: actorId(actor),
      messageType: input.messageType,
      content,
      replyTo,
      mentions,
      forwardedFrom: null,
      ts: Date.now(),
      bodyHash: bodyHash({ chatId: input.chatId, messageType: input.messageType, content, replyTo, mentions }),
    };
  }

  private async checkReplyTo(chat: ChatRow, replyTo: string): Promise<void> {
    const target = await this.store.getMessage(chat.tenantId, replyTo);
    if (!target || target.chatId !== chat.id) {
      throw new ParleyError('E_VALIDATION', 'replyTo must name a message of the same chat', { path: '/replyTo' });
    }
  }

  private async doSend(actor: Actor, chat: ChatRow, message: NewMessage, opts: SendOptions): Promise<Message> {
    const result = await this.writer.append(message);
    switch (result.status) {
      case 'created': {
        const out = await this.reader.toMessage(result.row);
        this.events.chat(result.row.tenantId, result.row.chatId, 'message', out, { seq: result.row.seq, origin: opts.origin });
        await this.rules.afterCommit({ actor, chat, row: result.row, store: this.store, events: this.events });
        return out;
      }
      case 'duplicate':
        return this.announceRetry(result.row, opts);
      case 'conflict':
        throw new ParleyError('E_IDEMPOTENCY_CONFLICT', `Message ${message.id} already exists with a different body`, { path: '/id' });
      case 'chat_ended':
        throw new ParleyError('E_CHAT_ENDED', `Chat ${message.chatId} has ended`);
      case 'missing_chat':
        throw new ParleyError('E_CHAT_NOT_FOUND', `Chat ${message.chatId} not found`);
      default:
        throw new ParleyError('E_INTERNAL');
    }
  }

  private async findRetry(message: NewMessage, opts: SendOptions): Promise<Message | null> {
    const row: MessageRow | null = await this.store.getMessage(message.tenantId, message.id);
    if (!row || row.senderId !== message.senderId) return null;
    if (row.bodyHash !== message.bodyHash) {
      throw new ParleyError('E_IDEMPOTENCY_CONFLICT', `Message ${message.id} already exists with a different body`, { path: '/id' });
    }
    return this.announceRetry(row, opts);
  }

  /**
   * A retry's first answer was lost, and its event may have been lost with it: members who rely on the
   * server's push get the message now (once — connections that had it drop the repeat by seq).
   */
  private async announceRetry(row: MessageRow, opts: SendOptions): Promise<Message> {
    const message = await this.reader.toMessage(row);
    this.events.reannounce(row.tenantId, row.chatId, message, { seq: row.seq, origin: opts.origin });
    return message;
  }
}
