import { getJid, type Chat, type Member, type Message } from '@parley/protocol';
import type { ConnectionState } from '../../client.js';
import type { MessengerContext } from './context.js';
import type { MessengerResponse } from './envelope.js';
import type { FavouriteView } from './favourites.js';
import { viewMessage, type MessengerMessage } from './message-view.js';

/**
 * What `messageListener` receives (seed 004 "Receive Message"): a `msgType` and its fields.
 * - `receiveMessage`: a message from someone else (a delivery receipt went back automatically);
 * - `sentMessage`: the user's own message (this device's acked send, or another device's);
 * - `delivered` / `seen`: `fromUserJid`'s watermark in the chat moved to `seq`;
 * - `composing` / `gone`: `publisherJid` started or stopped typing in the chat `fromUserJid`;
 * - `recallMessage`: a message was deleted for everyone (`message` shows the deleted marker);
 * - `messageUpdated`: a message changed otherwise (media processed, reactions).
 */
export type MessageListenerEvent =
  | { msgType: 'receiveMessage' | 'sentMessage' | 'recallMessage' | 'messageUpdated'; chatId: string; fromUserJid: string; msgId: string; message: MessengerMessage }
  | { msgType: 'delivered' | 'seen'; chatId: string; fromUserJid: string; publisherJid: string; seq: number; ts: number }
  | { msgType: 'composing' | 'gone'; chatId: string; fromUserJid: string; publisherJid: string };

/** What `groupProfileListener` receives when a group changes. */
export type GroupProfileEvent =
  | { msgType: 'profileUpdated'; groupJid: string; chat: Chat }
  | { msgType: 'memberAdded' | 'memberRemoved' | 'memberUpdated'; groupJid: string; userJid: string; member?: Member };

/** The connection as `connectionListener` sees it. */
export interface ConnectionEvent {
  status: 'CONNECTED' | 'CONNECTING' | 'DISCONNECTED';
  code: number;
  reason: string;
}

/** The callbacks of `initializeSDK` (seed 004 names). Each is optional. */
export interface CallbackListeners {
  connectionListener?: (event: ConnectionEvent) => void;
  messageListener?: (event: MessageListenerEvent) => void;
  /** Called with the envelope of `getAllFavouriteMessages`. */
  favouriteMessageListener?: (response: MessengerResponse<FavouriteView[]>) => void;
  groupProfileListener?: (event: GroupProfileEvent) => void;
  /** Failures with no caller to reject (an automatic receipt, a listener that threw). */
  errorListener?: (error: Error) => void;
}

const STATUS: Record<ConnectionState, ConnectionEvent['status']> = { connected: 'CONNECTED', connecting: 'CONNECTING', disconnected: 'DISCONNECTED' };

/**
 * Turns the client's events into the seed's callbacks, and sends delivery receipts by itself: every
 * message from someone else received while connected is acknowledged as delivered (one receipt per
 * chat for a burst, the highest seq).
 */
export class ListenerHub {
  listeners: CallbackListeners = {};
  readonly #pending = new Map<string, number>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  readonly #off: (() => void)[] = [];

  constructor(private readonly ctx: MessengerContext, private readonly deliveryDelayMs = 50) {
    const c = ctx.client;
    this.#off.push(
      c.on('state', (s) => this.#call(() => this.listeners.connectionListener?.({ status: STATUS[s.state], code: s.code, reason: s.reason }))),
      c.on('message', (m) => this.#run(() => this.#onMessage(m))),
      c.on('message.updated', (m) => this.#run(() => this.#emitMessage(m.deleted ? 'recallMessage' : 'messageUpdated', m))),
      c.on('receipt', (r) => this.#run(() => this.#onSignal(r.chatId, r.userId, { msgType: r.kind, seq: r.seq, ts: r.ts }))),
      c.on('typing', (t) => this.#run(() => this.#onSignal(t.chatId, t.userId, { msgType: t.state }))),
      c.on('chat.updated', (chat) => this.#run(() => this.#onGroup(chat.id, chat.kind, { msgType: 'profileUpdated', chat }))),
      c.on('member.joined', (e) => this.#run(() => this.#onMember(e.chat.id, e.chat.kind, 'memberAdded', e.member.userId, e.member))),
      c.on('member.left', (e) => this.#run(() => this.#onMember(e.chatId, undefined, 'memberRemoved', e.userId))),
      c.on('member.updated', (e) => this.#run(() => this.#onMember(e.chatId, undefined, 'memberUpdated', e.member.userId, e.member))),
    );
  }

  /** Sends the pending delivery receipts now. */
  async flush(): Promise<void> {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    const marks = [...this.#pending];
    this.#pending.clear();
    if (this.ctx.client.state !== 'connected') return;
    await Promise.all(marks.map(([chatId, seq]) => this.ctx.client.receipt(chatId, 'delivered', seq).catch((err: unknown) => this.#error(err))));
  }

  close(): void {
    clearTimeout(this.#timer);
    for (const off of this.#off.splice(0)) off();
  }

  async #onMessage(m: Message): Promise<void> {
    const me = await this.ctx.me();
    const mine = m.senderId === me.userId;
    if (!mine && this.ctx.client.state === 'connected') {
      this.#pending.set(m.chatId, Math.max(this.#pending.get(m.chatId) ?? 0, m.seq));
      this.#timer ??= setTimeout(() => void this.flush(), this.deliveryDelayMs);
    }
    await this.#emitMessage(mine ? 'sentMessage' : 'receiveMessage', m);
  }

  async #emitMessage(msgType: 'receiveMessage' | 'sentMessage' | 'recallMessage' | 'messageUpdated', m: Message): Promise<void> {
    if (!this.listeners.messageListener) return;
    const message = await viewMessage(this.ctx, m);
    this.#call(() => this.listeners.messageListener?.({ msgType, chatId: m.chatId, fromUserJid: message.fromUserJid, msgId: m.id, message }));
  }

  async #onSignal(chatId: string, userId: string, rest: { msgType: 'delivered' | 'seen'; seq: number; ts: number } | { msgType: 'composing' | 'gone' }): Promise<void> {
    if (!this.listeners.messageListener) return;
    const me = await this.ctx.me();
    if (userId === me.userId) return;
    const { jid } = await this.ctx.jidOfChatId(chatId);
    const publisherJid = getJid(userId, me.domain);
    this.#call(() => this.listeners.messageListener?.({ ...rest, chatId, fromUserJid: jid, publisherJid }));
  }

  async #onGroup(chatId: string, kind: string, event: { msgType: 'profileUpdated'; chat: Chat }): Promise<void> {
    if (!this.listeners.groupProfileListener || kind !== 'group') return;
    const me = await this.ctx.me();
    this.#call(() => this.listeners.groupProfileListener?.({ ...event, groupJid: `${chatId}@mix.${me.domain}` }));
  }

  async #onMember(chatId: string, kind: string | undefined, msgType: 'memberAdded' | 'memberRemoved' | 'memberUpdated', userId: string, member?: Member): Promise<void> {
    if (!this.listeners.groupProfileListener) return;
    const me = await this.ctx.me();
    const chatType = kind === undefined ? (await this.ctx.jidOfChatId(chatId).catch(() => ({ chatType: 'groupchat' }))).chatType : kind === 'group' ? 'groupchat' : 'chat';
    if (chatType !== 'groupchat') return;
    this.#call(() =>
      this.listeners.groupProfileListener?.({ msgType, groupJid: `${chatId}@mix.${me.domain}`, userJid: getJid(userId, me.domain), ...(member ? { member } : {}) }),
    );
  }

  #run(task: () => Promise<void>): void {
    task().catch((err: unknown) => this.#error(err));
  }

  #call(fn: () => void): void {
    try {
      fn();
    } catch (err) {
      this.#error(err);
    }
  }

  #error(err: unknown): void {
    const error = err instanceof Error ? err : new Error(String(err));
    if (this.listeners.errorListener) this.listeners.errorListener(error);
  }
}
