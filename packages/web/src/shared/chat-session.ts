import type { ParleyClient } from '@parley/sdk';
import type { LivechatQueueEvent, Member, Message, MessageContentInput, MessageType, TypingEvent } from '@parley/protocol/wire';
import { mergeMessages, newestSeq, oldestSeq, type MessageMap } from './messages-state.js';

/** Everything a chat view shows, as one immutable snapshot. */
export interface ChatSnapshot {
  messages: MessageMap;
  /** Sends waiting for their ack, by client id, in order. */
  pending: readonly PendingSend[];
  /** Members by user id, with their watermarks (the ticks derive from them). */
  members: ReadonlyMap<string, Member>;
  /** Who is typing now (not me), with when it lapses. */
  typing: readonly TypingEvent[];
  queue: LivechatQueueEvent | null;
  hasOlder: boolean;
  error: string;
}

export interface PendingSend {
  id: string;
  messageType: MessageType;
  content: MessageContentInput;
  failed: string;
}

/**
 * One chat seen through the SDK: history pages and live events merged by seq (so a replay or a
 * retry never shows twice), members' watermarks from `receipt` events, typing with its expiry, the
 * queue position. Views subscribe and get a new snapshot on every change.
 */
export class ChatSession {
  readonly chatId: string;
  readonly #client: ParleyClient;
  readonly #me: () => string | undefined;
  #snap: ChatSnapshot = { messages: new Map(), pending: [], members: new Map(), typing: [], queue: null, hasOlder: false, error: '' };
  readonly #listeners = new Set<(s: ChatSnapshot) => void>();
  readonly #offs: (() => void)[] = [];
  #typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(client: ParleyClient, chatId: string, me: () => string | undefined) {
    this.chatId = chatId;
    this.#client = client;
    this.#me = me;
    const mine = <T extends { chatId: string }>(fn: (e: T) => void) => (e: T) => {
      if (e.chatId === chatId) fn(e);
    };
    this.#offs.push(
      client.on('message', mine((m: Message) => this.#set({ messages: mergeMessages(this.#snap.messages, [m]) }))),
      client.on('message.updated', mine((m: Message) => this.#set({ messages: mergeMessages(this.#snap.messages, [m], true) }))),
      client.on('receipt', mine((r) => {
        const member = this.#snap.members.get(r.userId);
        if (!member) return void this.refreshMembers();
        const next = new Map(this.#snap.members);
        next.set(r.userId, r.kind === 'seen' ? { ...member, seenSeq: Math.max(member.seenSeq, r.seq), deliveredSeq: Math.max(member.deliveredSeq, r.seq) } : { ...member, deliveredSeq: Math.max(member.deliveredSeq, r.seq) });
        this.#set({ members: next });
      })),
      client.on('typing', mine((t: TypingEvent) => {
        if (t.userId === this.#me()) return;
        const others = this.#snap.typing.filter((x) => x.userId !== t.userId);
        this.#set({ typing: t.state === 'composing' ? [...others, t] : others });
        this.#scheduleTypingExpiry();
      })),
      client.on('member.joined', (e) => {
        if (e.chat.id !== chatId) return;
        const next = new Map(this.#snap.members);
        next.set(e.member.userId, e.member);
        this.#set({ members: next });
      }),
      client.on('member.left', mine((e) => {
        const next = new Map(this.#snap.members);
        next.delete(e.userId);
        this.#set({ members: next, typing: this.#snap.typing.filter((t) => t.userId !== e.userId) });
      })),
      client.on('livechat.queue', mine((q: LivechatQueueEvent) => this.#set({ queue: q }))),
      client.on('state', (s) => {
        if (s.state === 'connected') void this.loadNewest();
      }),
    );
  }

  get snapshot(): ChatSnapshot {
    return this.#snap;
  }

  /** The snapshot, for `useObservable`. */
  get value(): ChatSnapshot {
    return this.#snap;
  }

  subscribe(fn: (s: ChatSnapshot) => void): () => void {
    this.#listeners.add(fn);
    fn(this.#snap);
    return () => this.#listeners.delete(fn);
  }

  /** The newest page (on open and after every reconnect: whatever the resume did, the view is whole). */
  async loadNewest(): Promise<void> {
    try {
      const page = await this.#client.history({ chatId: this.chatId, position: 'up', limit: 100 });
      const first = this.#snap.messages.size === 0;
      this.#set({ messages: mergeMessages(this.#snap.messages, page.messages), ...(first ? { hasOlder: page.hasMore } : {}), error: '' });
      await this.refreshMembers();
    } catch (error) {
      this.#set({ error: messageOf(error) });
    }
  }

  async loadOlder(): Promise<void> {
    const fromSeq = oldestSeq(this.#snap.messages);
    if (fromSeq === undefined || fromSeq <= 1) return this.#set({ hasOlder: false });
    const page = await this.#client.history({ chatId: this.chatId, position: 'up', fromSeq, limit: 50 });
    this.#set({ messages: mergeMessages(this.#snap.messages, page.messages), hasOlder: page.hasMore });
  }

  async refreshMembers(): Promise<void> {
    const { members } = await this.#client.rest.request<{ members: Member[] }>(`/v1/chats/${encodeURIComponent(this.chatId)}/members`);
    this.#set({ members: new Map(members.filter((m) => m.leftAt === null).map((m) => [m.userId, m])) });
  }

  /** Sends a message; it shows as pending until acked, then as the committed message (same id). */
  async send(messageType: MessageType, content: MessageContentInput, opts: { replyTo?: string; id?: string } = {}): Promise<Message | null> {
    const id = opts.id ?? newId();
    const replyTo = opts.replyTo;
    this.#set({ pending: [...this.#snap.pending, { id, messageType, content, failed: '' }] });
    try {
      const message = await this.#client.send({ chatId: this.chatId, id, messageType, content, ...(replyTo ? { replyTo } : {}) });
      this.#set({ messages: mergeMessages(this.#snap.messages, [message]), pending: this.#snap.pending.filter((p) => p.id !== id) });
      return message;
    } catch (error) {
      this.#set({ pending: this.#snap.pending.map((p) => (p.id === id ? { ...p, failed: messageOf(error) } : p)) });
      throw error;
    }
  }

  dismissPending(id: string): void {
    this.#set({ pending: this.#snap.pending.filter((p) => p.id !== id) });
  }

  /** Moves my watermark up to the newest loaded message. */
  async markSeen(kind: 'delivered' | 'seen' = 'seen'): Promise<void> {
    const seq = newestSeq(this.#snap.messages);
    const me = this.#me();
    const mine = me ? this.#snap.members.get(me) : undefined;
    if (seq === 0 || (mine && (kind === 'seen' ? mine.seenSeq : mine.deliveredSeq) >= seq)) return;
    await this.#client.receipt(this.chatId, kind, seq).catch(() => undefined);
    if (me && mine) {
      const next = new Map(this.#snap.members);
      next.set(me, kind === 'seen' ? { ...mine, seenSeq: seq, deliveredSeq: Math.max(seq, mine.deliveredSeq) } : { ...mine, deliveredSeq: seq });
      this.#set({ members: next });
    }
  }

  setQueue(queue: LivechatQueueEvent | null): void {
    this.#set({ queue });
  }

  close(): void {
    for (const off of this.#offs) off();
    clearTimeout(this.#typingTimer);
    this.#listeners.clear();
  }

  #scheduleTypingExpiry(): void {
    clearTimeout(this.#typingTimer);
    const next = Math.min(...this.#snap.typing.map((t) => t.expiresAt));
    if (!Number.isFinite(next)) return;
    this.#typingTimer = setTimeout(() => {
      this.#set({ typing: this.#snap.typing.filter((t) => t.expiresAt > Date.now()) });
      this.#scheduleTypingExpiry();
    }, Math.max(50, next - Date.now()));
  }

  #set(patch: Partial<ChatSnapshot>): void {
    this.#snap = { ...this.#snap, ...patch };
    for (const fn of this.#listeners) fn(this.#snap);
  }
}

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A v4 UUID, also on plain-http pages where `crypto.randomUUID` is missing. */
export function newId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
