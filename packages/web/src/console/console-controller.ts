import { ParleyClient } from '@parley/sdk';
import type { ChatSummary, Message, User } from '@parley/protocol/wire';
import { ChatSession, messageOf } from '../shared/chat-session.js';
import { MediaUrls, mediaTypeOf, saveAuthenticated, uploadFile } from '../shared/media.js';
import { Observable } from '../shared/observable.js';
import { str } from '../shared/format.js';
import type { AgentStatus, Department, LivechatAgent, LivechatView } from '@parley/protocol/wire';
import { AgentApi } from './agent-api.js';
import { AuthApi, type AccountInfo, type SessionInfo, type SignedIn } from './auth-api.js';
import { AuthSession } from './auth-session.js';
import { Notifier } from './notify.js';

export interface ConsoleState {
  me: User | null;
  status: AgentStatus;
  connection: 'disconnected' | 'connecting' | 'connected';
  queue: LivechatView[];
  chats: ChatSummary[];
  selected: string | null;
  /** The selected chat's routing view (state, agent, queue). */
  view: LivechatView | null;
  agents: LivechatAgent[];
  departments: Department[];
  upload: number | null;
  error: string;
  /** The signed-in account (email, role); null for a pasted access token. */
  account: AccountInfo | null;
  /** Looking for a session from an earlier sign-in (on load). */
  restoring: boolean;
  /** The visitor's name by chat id ('' when the chat has no visitor to name). */
  visitorNames: Record<string, string>;
}

const TOKEN_KEY = 'parley-console-token';

function initialState(error = ''): ConsoleState {
  return {
    me: null,
    status: 'offline',
    connection: 'disconnected',
    queue: [],
    chats: [],
    selected: null,
    view: null,
    agents: [],
    departments: [],
    upload: null,
    error,
    account: null,
    restoring: false,
    visitorNames: {},
  };
}

/**
 * The console's logic: the agent's sign-in and session, connection, status, the queue (polled and
 * refreshed on events), their chats with unread counts, the selected chat, and the actions on it.
 * Notifies of new chats and messages while the tab is hidden.
 */
export class ConsoleController {
  readonly state = new Observable<ConsoleState>(initialState());
  readonly notifier = new Notifier();
  readonly authApi: AuthApi;
  session: ChatSession | null = null;
  media: MediaUrls | null = null;
  api: AgentApi | null = null;
  auth: AuthSession | null = null;
  #client: ParleyClient | null = null;
  #poll: ReturnType<typeof setInterval> | undefined;
  #refreshTimer: ReturnType<typeof setTimeout> | undefined;
  #knownQueued = new Set<string>();
  readonly #sessionListeners = new Set<() => void>();

  constructor(readonly server: string) {
    this.authApi = new AuthApi(server);
  }

  /** A token kept from earlier in this tab, or given in the URL fragment (`#token=…`). */
  static savedToken(): string {
    const fromHash = new URLSearchParams(location.hash.slice(1)).get('token');
    if (fromHash) {
      history.replaceState(null, '', location.pathname + location.search);
      return fromHash;
    }
    try {
      return sessionStorage.getItem(TOKEN_KEY) ?? '';
    } catch {
      return '';
    }
  }

  onSession(fn: () => void): () => void {
    this.#sessionListeners.add(fn);
    return () => this.#sessionListeners.delete(fn);
  }

  /**
   * On load: a refresh cookie from an earlier sign-in signs the agent in silently. Resolves to
   * whether it did; without a session the sign-in page shows, with no error.
   */
  async resume(): Promise<boolean> {
    this.state.set({ restoring: true });
    try {
      const signed = await this.authApi.refresh();
      return await this.#start(AuthSession.signedIn(this.authApi, signed));
    } catch {
      return false;
    } finally {
      this.state.set({ restoring: false });
    }
  }

  /** Signs in with email and password; a refusal (E_LOGIN_FAILED, E_RATE_LIMITED…) is thrown to the form. */
  async signIn(email: string, password: string): Promise<void> {
    this.state.set({ error: '' });
    const signed = await this.authApi.login(email, password);
    await this.#start(AuthSession.signedIn(this.authApi, signed));
  }

  /** Starts with an answer of set-up or of an accepted invitation (the server set the cookie). */
  async adopt(signed: SignedIn): Promise<void> {
    this.state.set({ error: '' });
    await this.#start(AuthSession.signedIn(this.authApi, signed));
  }

  /** Signs in with a pasted access token (automation, older set-ups); kept for this tab. */
  async login(token: string): Promise<void> {
    this.state.set({ error: '' });
    if (await this.#start(AuthSession.fixed(token))) {
      try {
        sessionStorage.setItem(TOKEN_KEY, token);
      } catch {
        // kept in memory only
      }
    }
  }

  async #start(auth: AuthSession): Promise<boolean> {
    const client = new ParleyClient({ url: this.server, token: auth.refreshable ? auth.source : auth.token });
    const api = new AgentApi(client.rest);
    let me: User;
    try {
      me = await api.me();
    } catch (error) {
      auth.close();
      this.state.set({ error: `Sign-in failed: ${messageOf(error)}` });
      return false;
    }
    if (me.kind !== 'agent') {
      auth.close();
      this.state.set({ error: 'This token belongs to a user who is not an agent' });
      return false;
    }
    this.auth?.close();
    this.auth = auth;
    auth.onEnded((message) => this.#stop(message));
    auth.onRenewed((signed) => this.state.set({ account: signed.account }));
    this.#client = client;
    this.api = api;
    this.media = new MediaUrls(client.rest);
    this.state.set({ me, account: auth.signed?.account ?? null });
    client.on('state', (s) => this.state.set({ connection: s.state }));
    client.on('message', (m) => this.#onMessage(m));
    for (const event of ['member.joined', 'member.left', 'chat.updated', 'livechat.queue'] as const) client.on(event, () => this.#scheduleRefresh());
    client.on('state', (s) => {
      if (s.state === 'connected') this.#scheduleRefresh();
      if (s.state !== 'disconnected' || s.code === 1000 || this.#client !== client) return;
      // The server refused the socket for good (4401 with a fixed token, 4403 deactivated): a pasted
      // token goes back to the sign-in page; a session asks the server once whether it still stands.
      if (!auth.refreshable) this.#stop('The access token was refused; sign in again.');
      else
        void auth.refresh().then(
          async () => {
            if (this.#client === client) await client.connect().catch(() => undefined);
          },
          () => undefined,
        );
    });
    void client.connect().catch((error: unknown) => this.#fail(error));
    const agents = await api.agents().catch(() => []);
    const mine = agents.find((a) => a.userId === me.id);
    this.state.set({ agents, status: mine?.status ?? 'offline', departments: await api.departments().catch(() => []) });
    this.#poll = setInterval(() => void this.refresh(), 5000);
    await this.refresh();
    return true;
  }

  /** Back to the sign-in page with a message; the drafts stay in sessionStorage. */
  #stop(message: string): void {
    clearInterval(this.#poll);
    clearTimeout(this.#refreshTimer);
    this.#client?.disconnect();
    this.#client = null;
    this.api = null;
    this.media = null;
    this.auth?.close();
    this.auth = null;
    this.session?.close();
    this.session = null;
    this.#knownQueued.clear();
    try {
      sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // nothing kept
    }
    this.state.set(initialState(message));
    for (const fn of this.#sessionListeners) fn();
  }

  /** Signs out of this browser: the server forgets this session and clears its cookie. */
  async logout(): Promise<void> {
    if (this.auth?.refreshable) await this.authApi.logout().catch(() => undefined);
    this.#stop('');
  }

  /** Signs out of every browser and app: every session and token of the user ends. */
  async logoutAll(): Promise<void> {
    const auth = this.auth;
    if (!auth?.refreshable) return;
    try {
      await this.authApi.logoutAll(await auth.current());
    } catch (error) {
      this.#fail(error);
      return;
    }
    await this.authApi.logout().catch(() => undefined);
    this.#stop('');
  }

  /** The user's signed-in sessions (browsers, apps). */
  async sessions(): Promise<SessionInfo[]> {
    const auth = this.auth;
    if (!auth?.refreshable) return [];
    return this.authApi.sessions(await auth.current());
  }

  async revokeSession(id: string): Promise<void> {
    const auth = this.auth;
    if (!auth?.refreshable) return;
    await this.authApi.revokeSession(await auth.current(), id);
  }

  async setStatus(status: AgentStatus): Promise<void> {
    if (!this.api) return;
    void this.notifier.enable();
    try {
      const agent = await this.api.setStatus(status);
      this.state.set({ status: agent.status });
      await this.refresh();
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Queue, chats, agents and the selected chat's view, fetched again. */
  async refresh(): Promise<void> {
    const api = this.api;
    const client = this.#client;
    if (!api || !client) return;
    try {
      const [queue, chats, agents] = await Promise.all([api.queue(), client.state === 'connected' ? client.chats() : Promise.resolve(this.state.value.chats), api.agents()]);
      for (const q of queue) {
        if (!this.#knownQueued.has(q.chat.id)) {
          this.#knownQueued.add(q.chat.id);
          this.notifier.notify('New chat waiting', q.visitor?.nickname || q.subject || q.chat.title || 'A visitor is waiting', q.chat.id);
        }
      }
      const selected = this.state.value.selected;
      const view = selected ? await api.view(selected).catch(() => this.state.value.view) : null;
      const live = chats.filter((c) => c.kind === 'livechat');
      const visitorNames = await this.#visitorNames(api, live, [...queue, ...(view ? [view] : [])]);
      this.state.set({ queue, chats: live, agents, view, visitorNames });
    } catch (error) {
      this.#fail(error);
    }
  }

  /**
   * The visitor's name of each chat in the lists: from the views at hand, else asked once per chat
   * (a visitor's name does not change while their chat lasts).
   */
  async #visitorNames(api: AgentApi, chats: readonly ChatSummary[], views: readonly LivechatView[]): Promise<Record<string, string>> {
    const names = { ...this.state.value.visitorNames };
    for (const v of views) if (v.visitor) names[v.chat.id] = v.visitor.nickname;
    const missing = chats.filter((c) => names[c.id] === undefined).slice(0, 20);
    const found = await Promise.all(missing.map((c) => api.view(c.id).catch(() => null)));
    for (const [i, v] of found.entries()) {
      const chat = missing[i];
      if (chat) names[chat.id] = v?.visitor?.nickname ?? '';
    }
    return names;
  }

  select(chatId: string | null): void {
    if (chatId === this.state.value.selected) return;
    this.session?.close();
    this.session = chatId && this.#client ? new ChatSession(this.#client, chatId, () => this.state.value.me?.id) : null;
    this.state.set({ selected: chatId, view: null, error: '' });
    if (this.session && this.isMember(chatId)) void this.session.loadNewest();
    for (const fn of this.#sessionListeners) fn();
    void this.refresh();
  }

  isMember(chatId: string | null): boolean {
    return chatId !== null && this.state.value.chats.some((c) => c.id === chatId && c.members.some((m) => m.userId === this.state.value.me?.id && m.leftAt === null));
  }

  async join(chatId: string): Promise<void> {
    await this.#act(async (api) => {
      await api.join(chatId);
      await this.refresh();
      await this.session?.loadNewest();
    });
  }

  transfer(chatId: string, to: { agentId?: string; departmentId?: string }): Promise<void> {
    return this.#act((api) => api.transfer(chatId, to));
  }

  invite(chatId: string, agentId: string): Promise<void> {
    return this.#act((api) => api.invite(chatId, agentId));
  }

  end(chatId: string): Promise<void> {
    return this.#act((api) => api.end(chatId));
  }

  async sendText(text: string): Promise<void> {
    const session = this.session;
    if (!session) return;
    const url = /^https?:\/\/\S+$/i.test(text) ? text : null;
    await session.send(url ? 'LINK' : 'TEXT', url ? { url } : { text }).catch((error: unknown) => this.#fail(error));
  }

  async sendFile(file: File): Promise<void> {
    const session = this.session;
    if (!session) return;
    const messageType = mediaTypeOf(file);
    this.state.set({ upload: 0, error: '' });
    try {
      const media = await uploadFile(this.server, await this.#currentToken(), file, messageType, (f) => this.state.set({ upload: f }));
      await session.send(messageType, { mediaId: media.id, fileName: media.fileName });
    } catch (error) {
      this.#fail(error);
    } finally {
      this.state.set({ upload: null });
    }
  }

  typing(state: 'composing' | 'gone'): void {
    const chatId = this.state.value.selected;
    if (chatId && this.#client?.state === 'connected') void this.#client.typing(chatId, state).catch(() => undefined);
  }

  async transcript(chatId: string): Promise<void> {
    try {
      await saveAuthenticated(this.server, await this.#currentToken(), `/v1/livechat/chats/${encodeURIComponent(chatId)}/transcript?format=html`, `transcript-${chatId}.html`);
    } catch (error) {
      this.#fail(error);
    }
  }

  /** Shows a failure while signed in; after the session ended, late failures of its calls are dropped. */
  #fail(error: unknown): void {
    if (this.state.value.me) this.state.set({ error: messageOf(error) });
  }

  #currentToken(): Promise<string> {
    return this.auth ? this.auth.current() : Promise.resolve('');
  }

  async #act(fn: (api: AgentApi) => Promise<unknown>): Promise<void> {
    if (!this.api) return;
    this.state.set({ error: '' });
    try {
      await fn(this.api);
    } catch (error) {
      this.#fail(error);
    }
    await this.refresh();
  }

  #onMessage(m: Message): void {
    this.#scheduleRefresh();
    const me = this.state.value.me?.id;
    if (m.content.user.id === me || m.messageType === 'notice') return;
    const who = str(m.content.user.nickname) || m.content.user.id;
    const text = m.messageType === 'TEXT' ? str(m.content.text) : m.messageType;
    this.notifier.notify(`New message from ${who}`, text, m.chatId);
  }

  #scheduleRefresh(): void {
    clearTimeout(this.#refreshTimer);
    this.#refreshTimer = setTimeout(() => void this.refresh(), 250);
  }
}
