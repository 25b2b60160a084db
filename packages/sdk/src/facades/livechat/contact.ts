import type { EventMap, MediaMessageType, Member, Message, MessageType } from '@parley/protocol/wire';
import { isMessageType } from '@parley/protocol/wire';
import type { ParleyClient } from '../../client.js';
import { Emitter, type Listener } from '../../emitter.js';
import { requireBoolean, requireHttpUrl, requireText } from './args.js';
import { LivechatError, invalid } from './errors.js';
import { checkMultimediaArgs, checkUpload, fetchMultimedia, upload, type MultimediaOptions } from './media.js';
import { newId } from './new-id.js';
import { ReceiptLedger } from './receipt-ledger.js';
import { translateMessage, userOf } from './translate.js';
import { TypingTracker } from './typing-tracker.js';
import type { ContactEventMap, ContactEventName, ContactInfo, LivechatUser, MultimediaFormat, MultimediaMessageEvent, MultimediaObject, SentMessage } from './types.js';

/** A native event of one chat, as the SDK routes it to the chat's contact. */
export type ChatEvent = { [K in keyof EventMap]: { event: K; data: EventMap[K] } }[keyof EventMap];

/** What a contact needs from the SDK that made it. */
export interface ContactHost {
  client: ParleyClient;
  me: LivechatUser;
  /** `false`, or the format whose base64 fills `img` / `document` before `multimediaMessage` is emitted. */
  inlineMedia: false | 'thumbnail' | 'fullsize';
  /** Called once when the contact closes (ended, left, or removed). */
  closed(chatId: string): void;
}

/** The state a contact starts from: the chat, its members with their watermarks, its recent messages. */
export interface ContactSeed {
  info: ContactInfo;
  members: Member[];
  recent: Message[];
}

const EVENT_NAMES: readonly ContactEventName[] = [
  'message',
  'messageReceived',
  'messageSeen',
  'multimediaMessage',
  'link',
  'isWriting',
  'contactEnded',
  'multimediaMessageStored',
  'userAdded',
  'userLeft',
  'error',
];

/**
 * A live chat the agent joined (seed 002's "chat contact"): its events by the seed's names, and the
 * agent's actions in it. Events are delivered in the chat's order, asynchronously — listeners added in
 * the `joinContact(...).then(...)` callback miss nothing that happened after the join.
 *
 * @example
 * ```ts
 * const contact = await LIVECHATSDK.LIVECHAT.joinContact(chatId);
 * contact.on('message', (event) => console.log(event.content.user.nickname, event.content.text));
 * await contact.sendMessage('Good morning, how can I help?');
 * ```
 */
export class LivechatContact {
  /** The chat: `contact.contact.id` is its id (seed 002). */
  readonly contact: ContactInfo;
  readonly #host: ContactHost;
  readonly #emitter: Emitter<ContactEventMap>;
  readonly #ledger = new ReceiptLedger();
  readonly #typing: TypingTracker;
  /** Ids of messages sent through this contact: their echo is not reported as incoming. */
  readonly #sentIds = new Set<string>();
  readonly #people = new Map<string, LivechatUser>();
  /** Every event goes through this chain: in order, after the join's `.then` callbacks ran. */
  #chain: Promise<void>;
  #closed = false;

  constructor(host: ContactHost, seed: ContactSeed) {
    this.#host = host;
    this.contact = seed.info;
    this.#emitter = new Emitter<ContactEventMap>((error, event) => {
      if (event !== 'error') this.#emitter.emit('error', { error: error instanceof Error ? error : new Error(String(error)) });
    });
    this.#typing = new TypingTracker((userId, writing, nickname) => {
      const user = { ...this.#person(userId), nickname };
      this.#emitter.emit('isWriting', { chatID: this.contact.id, bwrite: writing, content: { user } });
    });
    for (const p of seed.info.participants) this.#people.set(p.id, { id: p.id, nickname: p.id, isAgent: p.isAgent });
    if (seed.info.customer) this.#people.set(seed.info.customer.id, { id: seed.info.customer.id, nickname: seed.info.customer.nickname, isAgent: false });
    for (const m of seed.members) this.#startMarks(m);
    for (const m of seed.recent) this.#record(m);
    this.#chain = new Promise((resolve) => setTimeout(resolve, 0));
  }

  /**
   * Listens to an event: `message`, `messageReceived`, `messageSeen`, `multimediaMessage`, `link`,
   * `isWriting`, `contactEnded`, `multimediaMessageStored`, `userAdded` (seed 002), `userLeft`, `error`.
   * Returns the function that stops listening.
   *
   * @example
   * ```ts
   * contact.on('isWriting', (event) => showTyping(event.content.user.nickname, event.bwrite));
   * ```
   */
  on<K extends ContactEventName>(event: K, callback: Listener<ContactEventMap[K]>): () => void {
    if (!EVENT_NAMES.includes(event)) throw invalid('event', `must be one of ${EVENT_NAMES.join(', ')}`);
    if (typeof callback !== 'function') throw invalid('callback', 'must be a function');
    return this.#emitter.on(event, callback);
  }

  /**
   * Stops a listener added with {@link LivechatContact.on}.
   *
   * @example
   * ```ts
   * contact.off('message', onMessage);
   * ```
   */
  off<K extends ContactEventName>(event: K, callback: Listener<ContactEventMap[K]>): void {
    this.#emitter.off(event, callback);
  }

  /**
   * Whether the chat ended or the agent left it: the contact takes no more actions.
   *
   * @example
   * ```ts
   * if (!contact.closed) await contact.sendMessage('Still there?');
   * ```
   */
  get closed(): boolean {
    return this.#closed;
  }

  /**
   * Sends a text message; resolves with the committed message.
   *
   * @example
   * ```ts
   * const sent = await contact.sendMessage('Buongiorno, come posso esserle utile?');
   * console.log(sent.id);
   * ```
   */
  sendMessage(text: string): Promise<SentMessage> {
    return this.#guard(() => this.#send('TEXT', { text: requireText('text', text, 4096) }));
  }

  /**
   * Sends a link (an absolute http(s) URL).
   *
   * @example
   * ```ts
   * await contact.SendLink('https://www.example.com/help');
   * ```
   */
  SendLink(url: string): Promise<SentMessage> {
    return this.#guard(() => this.#send('LINK', { url: requireHttpUrl('url', url) }));
  }

  /**
   * Sends a file: uploads it (`POST /v1/media`), then sends an IMAGE or DOCUMENT message naming it. The
   * type comes from the bytes (images → IMAGE) unless `options.messageType` says otherwise.
   *
   * @example
   * ```ts
   * const input = document.querySelector('input[type=file]');
   * await contact.SendMultimediaMessage(input.files[0], 'The form to fill in');
   * await contact.SendMultimediaMessage(pdfBuffer, 'Invoice', { fileName: 'invoice.pdf' }); // Node
   * ```
   */
  SendMultimediaMessage(file: Blob | Uint8Array, caption?: string, options?: MultimediaOptions): Promise<SentMessage> {
    return this.#guard(async () => {
      const checked = checkUpload(file, caption, options);
      const uploaded = await upload(this.#host.client.rest, checked);
      const content: Record<string, unknown> = { mediaId: uploaded.mediaId, fileName: checked.fileName };
      if (checked.caption) content.caption = checked.caption;
      return this.#send(uploaded.messageType, content);
    });
  }

  /**
   * Tells the chat the agent started (`true`) or stopped (`false`) writing. A start lapses after a few
   * seconds on the server: call it again while the agent keeps typing.
   *
   * @example
   * ```ts
   * textarea.oninput = () => void contact.isWriting(true);
   * textarea.onblur = () => void contact.isWriting(false);
   * ```
   */
  isWriting(writing: boolean): Promise<void> {
    return this.#guard(() => this.#host.client.typing(this.contact.id, requireBoolean('writing', writing) ? 'composing' : 'gone'));
  }

  /**
   * Seed 000's GetMultimediaMessageInActiveChat: the multimedia message object with its base64
   * (`content.img` for images, `content.document` for documents), or with `format: 'link'` the
   * downloadDocument path instead. `data.format` is what was served: `'thumbnail'` (a JPEG) for
   * images, videos and PDFs (their first page), and `'fullsize'` with the file itself when there is no
   * thumbnail (a DOCX, a TXT, a PDF that did not render). Rejects with the server's error
   * (`E_MESSAGE_NOT_FOUND`…).
   *
   * @example
   * ```ts
   * contact.on('multimediaMessage', (event) => {
   *   contact.GetMultimediaMessageInActiveChat(contact.contact.id, event.id).then((obj) => show(obj.data?.content.img));
   * });
   * const preview = await contact.GetMultimediaMessageInActiveChat(contact.contact.id, pdfMessageId, 'thumbnail');
   * if (preview.data?.format === 'thumbnail') showJpeg(preview.data.content.document);
   * ```
   */
  GetMultimediaMessageInActiveChat(chatID: string, messageID: string, format?: MultimediaFormat): Promise<MultimediaObject> {
    return run(() => fetchMultimedia(this.#host.client.rest, checkMultimediaArgs(chatID, messageID, format)));
  }

  /**
   * Ends the chat for everyone (an endChat message from the agent); `contactEnded` follows.
   *
   * @example
   * ```ts
   * await contact.endContact();
   * ```
   */
  endContact(): Promise<void> {
    return this.#guard(async () => {
      await this.#host.client.rest.request<undefined>(`/v1/livechat/chats/${encodeURIComponent(this.contact.id)}/end`, { method: 'POST', body: {} });
    });
  }

  /**
   * Leaves the chat (a leave message); the chat goes on without the agent (back to the queue when they
   * were its assigned agent). The contact closes.
   *
   * @example
   * ```ts
   * await contact.leave();
   * ```
   */
  leave(): Promise<void> {
    return this.#guard(async () => {
      await this.#send('leave', {});
      this.#close();
    });
  }

  /**
   * Stops the contact without telling the chat anything (the SDK does it on `disconnect()`): no more
   * events, no more actions.
   *
   * @example
   * ```ts
   * contact.dispose();
   * ```
   */
  dispose(): void {
    this.#close();
  }

  /**
   * Takes a native event of this chat (the SDK calls it; apps do not need to).
   *
   * @example
   * ```ts
   * contact.feed({ event: 'typing', data: typingEvent });
   * ```
   */
  feed(native: ChatEvent): void {
    this.#chain = this.#chain.then(async () => {
      if (this.#closed) return;
      try {
        await this.#handle(native);
      } catch (error) {
        this.#emitter.emit('error', { error: error instanceof Error ? error : new Error(String(error)) });
      }
    });
  }

  /** Short form for `console.log(contact)`. */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `LivechatContact { contact: { id: '${this.contact.id}', state: '${this.contact.state}' }, closed: ${this.#closed} }`;
  }

  toJSON(): { contact: ContactInfo; closed: boolean } {
    return { contact: this.contact, closed: this.#closed };
  }

  // ---- events --------------------------------------------------------------------------------------

  async #handle(native: ChatEvent): Promise<void> {
    switch (native.event) {
      case 'message':
        return this.#onMessage(native.data);
      case 'receipt': {
        const r = native.data;
        if (r.userId === this.#host.me.id) return;
        const name = r.kind === 'delivered' ? 'messageReceived' : 'messageSeen';
        for (const messageID of this.#ledger.advance(r.userId, r.kind, r.seq)) {
          this.#emitter.emit(name, { messageID, chatID: this.contact.id, kind: r.kind, ts: r.ts, user: this.#person(r.userId) });
        }
        return;
      }
      case 'typing':
        if (native.data.userId !== this.#host.me.id) this.#typing.offer(native.data);
        return;
      case 'member.joined': {
        const { member, nickname, isAgent } = native.data;
        if (member.userId === this.#host.me.id) return;
        this.#startMarks(member);
        const user = { id: member.userId, nickname, isAgent };
        this.#people.set(user.id, user);
        this.#emitter.emit('userAdded', { chatID: this.contact.id, ts: member.joinedAt, content: { user } });
        return;
      }
      case 'member.left': {
        const { userId, ts } = native.data;
        if (userId === this.#host.me.id) return this.#close();
        this.#typing.stop(userId);
        this.#emitter.emit('userLeft', { chatID: this.contact.id, ts, content: { user: this.#person(userId) } });
        return;
      }
      case 'chat.updated':
        if (native.data.state === 'ended') this.#end(null, Date.now());
        return;
      case 'multimediaMessageStored': {
        const { messageId, messageType, format, fileSize, width, height } = native.data;
        this.#emitter.emit('multimediaMessageStored', { chatID: this.contact.id, messageID: messageId, messageType, format, fileSize, width, height });
        return;
      }
      default:
        return;
    }
  }

  async #onMessage(m: Message): Promise<void> {
    this.#record(m);
    if (this.#sentIds.delete(m.id)) return;
    if (m.messageType === 'endChat') return this.#end(userOf(m.content.user, m.senderId), m.ts);
    const translated = translateMessage(m);
    if (!translated) return;
    this.#typing.stop(m.senderId);
    if (translated.name === 'multimediaMessage') {
      await this.#inline(translated.event);
      this.#emitter.emit('multimediaMessage', translated.event);
    } else if (translated.name === 'link') {
      this.#emitter.emit('link', translated.event);
    } else {
      this.#emitter.emit('message', translated.event);
    }
  }

  /** With `inlineMedia`, fills `img` / `document` with the base64 before the event goes out. */
  async #inline(event: MultimediaMessageEvent): Promise<void> {
    const mode = this.#host.inlineMedia;
    if (mode === false) return;
    try {
      const format = event.messageType === 'IMAGE' ? mode : 'fullsize';
      const obj = await fetchMultimedia(this.#host.client.rest, { chatID: event.chatID, messageID: event.id, format });
      const c = obj.data?.content;
      if (event.messageType === 'IMAGE') event.content.img = c?.img;
      else event.content.document = c?.document ?? c?.audio ?? c?.video;
    } catch (error) {
      this.#emitter.emit('error', { error: error instanceof Error ? error : new Error(String(error)) });
    }
  }

  #end(by: LivechatUser | null, ts: number): void {
    if (this.#closed) return;
    this.#emitter.emit('contactEnded', { chatID: this.contact.id, ts, content: { user: by } });
    this.#close();
  }

  #close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.#typing.clear();
    this.#host.closed(this.contact.id);
  }

  #record(m: Message): void {
    if (!isMessageType(m.messageType)) return;
    this.#ledger.record(m.seq, m.id, m.senderId);
    const user = m.content.user as LivechatUser | undefined;
    if (user && typeof user.nickname === 'string') this.#people.set(user.id, { id: user.id, nickname: user.nickname, isAgent: user.isAgent });
  }

  #startMarks(member: Member): void {
    this.#ledger.start(member.userId, 'delivered', member.deliveredSeq);
    this.#ledger.start(member.userId, 'seen', member.seenSeq);
  }

  #person(userId: string): LivechatUser {
    return this.#people.get(userId) ?? { id: userId, nickname: userId, isAgent: false };
  }

  // ---- actions -------------------------------------------------------------------------------------

  async #send(messageType: MessageType | MediaMessageType, content: Record<string, unknown>): Promise<SentMessage> {
    const id = newId();
    this.#sentIds.add(id);
    let m: Message;
    try {
      m = await this.#host.client.send({ chatId: this.contact.id, id, messageType, content });
    } catch (error) {
      this.#sentIds.delete(id);
      throw error;
    }
    this.#record(m);
    const { user: _user, ...fields } = m.content;
    return { id: m.id, chatID: m.chatId, messageType: m.messageType, seq: m.seq, ts: m.ts, content: fields };
  }

  /** Runs an action of an open contact; argument errors reject (never throw synchronously). */
  #guard<T>(action: () => Promise<T>): Promise<T> {
    if (this.#closed) return Promise.reject(new LivechatError('E_CONTACT_CLOSED', `the contact of chat ${this.contact.id} has ended or was left`));
    return run(action);
  }
}

/** `action()`, with a synchronous throw turned into a rejection. */
function run<T>(action: () => Promise<T>): Promise<T> {
  try {
    return action();
  } catch (error) {
    return Promise.reject(error instanceof Error ? error : new Error(String(error)));
  }
}
