import { ParleyClient } from '@parley/sdk';
import { ParleyError } from '@parley/protocol/wire';
import type { Chat, LivechatQueueEvent, MessageContentInput, MessageType } from '@parley/protocol/wire';
import type { WidgetAppearance } from '@parley/protocol';
import { ChatSession, messageOf, newId } from '../shared/chat-session.js';
import { MediaUrls, mediaTypeOf, saveAuthenticated, uploadFile } from '../shared/media.js';
import { Observable } from '../shared/observable.js';
import type { WidgetConfig } from './config.js';
import { SessionStore, type StoredSession } from './storage.js';
import { VisitorApi } from './visitor-api.js';

export type Phase = 'prechat' | 'offline' | 'offline-sent' | 'starting' | 'chat';

export interface WidgetState {
  open: boolean;
  phase: Phase;
  chatState: Chat['state'] | null;
  queue: LivechatQueueEvent | null;
  connection: 'disconnected' | 'connecting' | 'connected';
  error: string;
  upload: number | null;
  visitorId: string;
  nickname: string;
  /** Colours, title, greeting and pre-chat fields as the tenant's admins set them; null until read (the built-in ones show). */
  appearance: WidgetAppearance | null;
}

/** The pre-chat form's answers: the built-in fields, and the tenant's own fields as text for the agent. */
export interface StartInput {
  nickname: string;
  email?: string;
  subject?: string;
  /** The answers to the tenant's own fields, one `Label: answer` a line: the chat's first message. */
  details?: string;
}

/** Renew the visitor token this long before it expires. */
const RENEW_BEFORE_MS = 5 * 60 * 1000;

/**
 * The widget's logic, apart from its views: the visitor session (token kept and renewed), the chat,
 * the SDK client with cursors persisted on every message (a reload resumes where it stopped and
 * nothing shows twice), unacknowledged sends kept across reloads and re-sent with their ids.
 */
export class WidgetController {
  readonly state: Observable<WidgetState>;
  readonly api: VisitorApi;
  session: ChatSession | null = null;
  media: MediaUrls | null = null;
  readonly #store: SessionStore;
  #stored: StoredSession | null;
  #client: ParleyClient | null = null;
  #saveTimer: ReturnType<typeof setTimeout> | undefined;
  /** The renewal under way: the SDK's and a REST call's renewals at the same moment share it. */
  #renewing: Promise<string> | null = null;
  readonly #sessionListeners = new Set<() => void>();

  constructor(readonly config: WidgetConfig) {
    this.api = new VisitorApi(config.server, config.tenant);
    this.#store = new SessionStore(config.server, config.tenant);
    this.#stored = this.#store.load();
    if (this.#stored && this.#stored.expiresAt <= Date.now()) {
      this.#store.clear();
      this.#stored = null;
    }
    this.state = new Observable<WidgetState>({
      open: config.open,
      phase: this.#stored?.chatId ? 'chat' : 'prechat',
      chatState: null,
      queue: null,
      connection: 'disconnected',
      error: '',
      upload: null,
      visitorId: this.#stored?.visitorId ?? '',
      nickname: this.#stored?.nickname ?? '',
      appearance: null,
    });
    void this.loadAppearance();
    if (this.#stored?.chatId) this.#attach(this.#stored.chatId);
    addEventListener('pagehide', () => this.#persist());
  }

  onSession(fn: () => void): () => void {
    this.#sessionListeners.add(fn);
    return () => this.#sessionListeners.delete(fn);
  }

  setOpen(open: boolean): void {
    this.state.set({ open });
    if (open && this.state.value.phase === 'prechat') void this.checkAvailability();
  }

  /**
   * Reads how the tenant's admins set the widget up. A page the tenant does not allow learns it here,
   * before the visitor types anything; any other failure keeps the built-in look.
   */
  async loadAppearance(): Promise<void> {
    try {
      this.state.set({ appearance: await this.api.appearance() });
    } catch (error) {
      if (error instanceof ParleyError && error.code === 'E_ORIGIN_FORBIDDEN') this.state.set({ error: 'Chat is not enabled on this website.' });
    }
  }

  /** No agent can take a chat now: the offline form instead of the pre-chat form. */
  async checkAvailability(): Promise<void> {
    try {
      const { available } = await this.api.availability(this.config.department);
      if (this.state.value.phase === 'prechat' || this.state.value.phase === 'offline') this.state.set({ phase: available ? 'prechat' : 'offline' });
    } catch {
      // Unknown: keep the pre-chat form; opening the chat reports the real problem.
    }
  }

  /** The pre-chat form: a session (or the returning visitor's), then a new live chat. */
  async start(input: StartInput): Promise<void> {
    this.state.set({ phase: 'starting', error: '' });
    try {
      const prior = this.#stored;
      const s = await this.api.session(input, prior?.token);
      const view = await this.api.openChat(s.token, {
        ...(input.subject ? { subject: input.subject } : {}),
        ...(this.config.department ? { departmentId: this.config.department } : {}),
      });
      this.#stored = {
        token: s.token,
        expiresAt: s.expiresAt,
        visitorId: s.visitor.id,
        nickname: s.visitor.nickname,
        chatId: view.chat.id,
        cursors: prior?.visitorId === s.visitor.id ? prior.cursors : {},
        epoch: prior?.visitorId === s.visitor.id ? prior.epoch : undefined,
        outbox: [],
      };
      this.#persist();
      this.state.set({ phase: 'chat', visitorId: s.visitor.id, nickname: s.visitor.nickname, chatState: view.chat.state, queue: view.queue });
      this.#attach(view.chat.id);
      // Kept and re-sent like any message the visitor sends; a failure shows, the chat stays open.
      if (input.details) void this.send('TEXT', { text: input.details }).catch((error: unknown) => this.state.set({ error: messageOf(error) }));
    } catch (error) {
      this.state.set({ phase: 'prechat', error: messageOf(error) });
    }
  }

  async sendOfflineMessage(input: { name: string; email: string; text: string }): Promise<void> {
    this.state.set({ error: '' });
    try {
      await this.api.offlineMessage({ ...input, ...(this.config.department ? { departmentId: this.config.department } : {}) });
      this.state.set({ phase: 'offline-sent' });
    } catch (error) {
      this.state.set({ error: messageOf(error) });
      throw error;
    }
  }

  /** Sends a message; kept in storage until acknowledged, so a reload re-sends it (same id, stored once). */
  async send(messageType: MessageType, content: MessageContentInput, replyTo?: string): Promise<void> {
    const session = this.session;
    const stored = this.#stored;
    if (!session || !stored) return;
    const id = newId();
    if (!replyTo) {
      stored.outbox.push({ id, messageType, content });
      this.#persist();
    }
    try {
      await session.send(messageType, content, { id, ...(replyTo ? { replyTo } : {}) });
    } finally {
      stored.outbox = stored.outbox.filter((o) => o.id !== id);
      this.#persist();
    }
  }

  async sendFile(file: File): Promise<void> {
    const stored = this.#stored;
    if (!stored || !this.session) return;
    const messageType = mediaTypeOf(file);
    this.state.set({ upload: 0, error: '' });
    try {
      const media = await uploadFile(this.config.server, await this.#token(), file, messageType, (f) => this.state.set({ upload: f }));
      await this.send(messageType, { mediaId: media.id, fileName: media.fileName });
    } catch (error) {
      this.state.set({ error: messageOf(error) });
    } finally {
      this.state.set({ upload: null });
    }
  }

  typing(state: 'composing' | 'gone'): void {
    const chatId = this.#stored?.chatId;
    if (chatId && this.#client?.state === 'connected') void this.#client.typing(chatId, state).catch(() => undefined);
  }

  async end(): Promise<void> {
    const chatId = this.#stored?.chatId;
    if (!chatId) return;
    try {
      await this.api.end(await this.#token(), chatId);
    } catch (error) {
      this.state.set({ error: messageOf(error) });
    }
  }

  /** After an ended chat: back to the pre-chat form (the visitor stays the same person). */
  newChat(): void {
    if (this.#stored) this.#stored.chatId = null;
    this.#persist();
    this.#detach();
    this.state.set({ phase: 'prechat', chatState: null, queue: null, error: '' });
    void this.checkAvailability();
  }

  async downloadTranscript(): Promise<void> {
    const chatId = this.#stored?.chatId;
    if (!chatId) return;
    try {
      await saveAuthenticated(this.config.server, await this.#token(), `/v1/livechat/chats/${encodeURIComponent(chatId)}/transcript?format=html`, 'chat-transcript.html');
    } catch (error) {
      this.state.set({ error: messageOf(error) });
    }
  }

  /**
   * The token, renewed shortly before it expires (same visitor, same chats). The SDK asks for it
   * before the socket's token expires (60 s before) and hands the new one to the open socket, so a
   * widget left open longer than the visitor token's lifetime (24 h) stays connected.
   */
  #token(): Promise<string> {
    const stored = this.#stored;
    if (!stored) return Promise.reject(new Error('No visitor session'));
    if (stored.expiresAt - Date.now() > RENEW_BEFORE_MS) return Promise.resolve(stored.token);
    this.#renewing ??= this.api
      .session({ nickname: stored.nickname }, stored.token)
      .then((s) => {
        stored.token = s.token;
        stored.expiresAt = s.expiresAt;
        this.#persist();
        return s.token;
      })
      .finally(() => (this.#renewing = null));
    return this.#renewing;
  }

  #attach(chatId: string): void {
    const stored = this.#stored;
    if (!stored) return;
    if (!this.#client) {
      const client = new ParleyClient({
        url: this.config.server,
        getToken: () => this.#token(),
        cursors: stored.cursors,
        ...(stored.epoch ? { epoch: stored.epoch } : {}),
      });
      this.#client = client;
      this.media = new MediaUrls(client.rest);
      client.on('state', (s) => this.state.set({ connection: s.state }));
      client.on('message', (m) => {
        this.#schedulePersist();
        if (m.chatId === this.#stored?.chatId && m.messageType === 'endChat') this.state.set({ chatState: 'ended' });
      });
      client.on('chat.updated', (chat) => {
        if (chat.id === this.#stored?.chatId) this.state.set({ chatState: chat.state });
      });
      client.on('livechat.queue', (q) => {
        if (q.chatId === this.#stored?.chatId) this.state.set({ queue: q, chatState: q.state });
      });
      client.on('state', (s) => {
        if (s.state === 'connected') void this.#refreshView();
      });
      void client.connect().catch((error: unknown) => this.state.set({ error: messageOf(error) }));
    }
    this.session?.close();
    this.session = new ChatSession(this.#client, chatId, () => this.#stored?.visitorId);
    if (this.#client.state === 'connected') void this.session.loadNewest();
    for (const fn of this.#sessionListeners) fn();
    // Sends a reload interrupted go out again with their ids: the server stores each once.
    const outbox = [...stored.outbox];
    stored.outbox = [];
    for (const o of outbox) {
      stored.outbox.push(o);
      void this.session
        .send(o.messageType, o.content, { id: o.id })
        .catch(() => undefined)
        .finally(() => {
          if (this.#stored) this.#stored.outbox = this.#stored.outbox.filter((x) => x.id !== o.id);
          this.#persist();
        });
    }
  }

  async #refreshView(): Promise<void> {
    const chatId = this.#stored?.chatId;
    if (!chatId) return;
    try {
      const view = await this.api.chat(await this.#token(), chatId);
      this.state.set({ chatState: view.chat.state, queue: view.queue });
    } catch (error) {
      this.state.set({ error: messageOf(error) });
    }
  }

  #detach(): void {
    this.session?.close();
    this.session = null;
    for (const fn of this.#sessionListeners) fn();
  }

  #schedulePersist(): void {
    clearTimeout(this.#saveTimer);
    this.#saveTimer = setTimeout(() => this.#persist(), 100);
  }

  #persist(): void {
    const stored = this.#stored;
    if (!stored) return;
    if (this.#client) {
      stored.cursors = this.#client.cursors();
      stored.epoch = this.#client.epoch;
    }
    this.#store.save(stored);
  }
}
