import { CLOSE_CODES } from '@parley/protocol/wire';
import type {
  ChatSummary,
  EventMap,
  HelloData,
  HistoryPage,
  HistoryQuery,
  Message,
  OpMap,
  OpName,
  ReceiptKind,
  ResumeInput,
  ResumeResult,
  SendMessageInput,
  TypingState,
} from '@parley/protocol/wire';
import { backoffDelay, resolveBackoff, type BackoffOptions } from './backoff.js';
import { Emitter, type Listener } from './emitter.js';
import { ParleyClientError, isRetriable } from './errors.js';
import { Outbox, type OutboxEntry, type OutgoingMessage } from './outbox.js';
import { RestClient } from './rest.js';
import { Resumer } from './resume.js';
import { TokenCache, type TokenSource } from './token.js';
import { TokenRefresher, expiresSoon } from './token-refresh.js';
import { Transport, type CloseInfo, type EventFrame, type TransportHandlers, type WebSocketConstructor } from './transport.js';

/** The connection state. `connecting` covers every reconnect attempt; `connected` means resumed. */
export type ConnectionState = 'disconnected' | 'connecting' | 'connected';

/**
 * A state transition. `code` and `reason` say why: the WebSocket close code for a closed connection
 * (1006 when it dropped), the SDK's 4009 when the server went silent, 0 for `connect()` and for a
 * completed connect, 1000 for `disconnect()`.
 */
export interface StateChange {
  state: ConnectionState;
  previous: ConnectionState;
  code: number;
  reason: string;
}

/**
 * Where an `error` event came from. `auth`: renewing the token failed (the client tries again, and
 * reconnects with a new token if the server closes with 4401), or a fixed token was refused.
 */
export type ErrorSource = 'connect' | 'resume' | 'fill' | 'frame' | 'listener' | 'auth';

/** Payload of the `error` event: failures with no caller to reject (the client keeps going). */
export interface ClientErrorEvent {
  error: Error;
  during: ErrorSource;
}

/** Every event a {@link ParleyClient} emits: the server's events (deduped, in order) plus its own. */
export interface ClientEventMap extends EventMap {
  state: StateChange;
  /** A resume could not serve this chat: the SDK fetched the newest page; the app should reload it. */
  unrecoverable: { chatId: string };
  error: ClientErrorEvent;
}

export interface ParleyClientOptions {
  /** The server's base URL: `http://127.0.0.1:8080`. */
  url: string;
  /**
   * Returns a fresh access token (from your backend, or `POST /v1/auth/refresh`). Called to connect,
   * shortly before each token expires (the new one is handed to the open connection, which stays up),
   * and after a 4401. Give this or `token`.
   */
  getToken?: () => Promise<string>;
  /**
   * An access token string (the client stops when it expires: 4401), or a function like `getToken`.
   * Give this or `getToken`.
   */
  token?: TokenSource;
  /** A WebSocket class; defaults to `globalThis.WebSocket`, else the `ws` package. */
  WebSocket?: WebSocketConstructor;
  /** Reconnect and retry delays; default 500 ms → 20 s, full jitter. */
  backoff?: Partial<BackoffOptions>;
  /** How long a request waits for its ack, and the connect for `hello`. Default 10 s. */
  requestTimeoutMs?: number;
  /** Overrides the server's heartbeat interval: the connection is dead after twice this of silence. */
  heartbeatMs?: number;
  /** Sends that may wait for an ack at once. Default 1,000. */
  maxPendingSends?: number;
  /** Retries of a request after retriable server errors (E_UNAVAILABLE, E_RATE_LIMITED…). Default 8. */
  maxRetries?: number;
  /** How long a detected gap may wait for the missing message before `history` fills it. Default 250 ms. */
  gapDelayMs?: number;
  /** Cursors persisted from an earlier session (`client.cursors()`), with their `epoch`. */
  cursors?: Record<string, number>;
  epoch?: string;
}

interface Waiter {
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * The Parley client: one connection to a server with an explicit state machine, automatic reconnect
 * and resume, per-chat exactly-once in-order delivery, and an outbox of sends retried with their ids.
 *
 * @example
 * ```ts
 * const client = new ParleyClient({ url: 'http://127.0.0.1:8080', getToken: () => fetchToken() });
 * client.on('message', (m) => render(m));
 * client.on('state', ({ state, code, reason }) => console.log(state, code, reason));
 * await client.connect();
 * const sent = await client.send({ chatId, messageType: 'TEXT', content: { text: 'hi' } });
 * ```
 */
export class ParleyClient {
  /** The REST API of the same server, with the same token. */
  readonly rest: RestClient;
  readonly #url: string;
  readonly #tokens: TokenCache;
  readonly #WebSocket: WebSocketConstructor | undefined;
  readonly #backoff: BackoffOptions;
  readonly #timeoutMs: number;
  readonly #heartbeatMs: number | undefined;
  readonly #maxRetries: number;
  readonly #emitter: Emitter<ClientEventMap>;
  readonly #resumer: Resumer;
  readonly #outbox: Outbox;

  #state: ConnectionState = 'disconnected';
  #transport: Transport | null = null;
  /** Id of the newest transport (or attempt); a callback of an older one is dropped. */
  #transportId = 0;
  #failedAttempts = 0;
  #refreshToken = false;
  /** The token the current transport connected with, and the server's clock minus ours (from `hello`). */
  #connectedToken = '';
  #skewMs = 0;
  readonly #refresher: TokenRefresher;
  #reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  #epoch: string | undefined;
  #hello: HelloData | undefined;
  #resumedOnce = false;
  readonly #waiters = new Set<Waiter>();
  readonly #retryTimers = new Set<ReturnType<typeof setTimeout>>();
  readonly #handlers: TransportHandlers = {
    onHello: (t, hello) => this.#onHello(t, hello),
    onEvent: (t, frame) => this.#onEvent(t, frame),
    onFrameError: (t, error) => {
      if (t === this.#transport) this.#emitError(error, 'frame');
    },
    onClose: (t, info) => this.#onClose(t, info),
  };

  constructor(options: ParleyClientOptions) {
    this.#url = new URL(options.url).toString();
    this.#tokens = new TokenCache(tokenSourceOf(options));
    this.#WebSocket = options.WebSocket;
    this.#backoff = resolveBackoff(options.backoff);
    this.#timeoutMs = options.requestTimeoutMs ?? 10_000;
    this.#heartbeatMs = options.heartbeatMs;
    this.#maxRetries = options.maxRetries ?? 8;
    this.#resumer = new Resumer(
      {
        connected: () => (this.#state === 'connected' ? this.#transport : null),
        deliver: (messages) => {
          for (const m of messages) this.#emitter.emit('message', m);
        },
        unrecoverable: (chatId) => this.#emitter.emit('unrecoverable', { chatId }),
        error: (error) => this.#emitError(error, 'fill'),
      },
      { timeoutMs: this.#timeoutMs, gapDelayMs: options.gapDelayMs ?? 250, ...(options.cursors ? { cursors: options.cursors } : {}) },
    );
    this.#epoch = options.epoch;
    this.#outbox = new Outbox(options.maxPendingSends ?? 1_000);
    this.#emitter = new Emitter<ClientEventMap>((error, event) => {
      if (event !== 'error') this.#emitError(error, 'listener');
    });
    this.rest = new RestClient({ url: options.url, token: this.#tokens });
    this.#refresher = new TokenRefresher(this.#tokens, {
      reauth: (token) => {
        const t = this.#state === 'connected' ? this.#transport : null;
        if (!t) return Promise.reject(new ParleyClientError('E_DISCONNECTED', 'not connected'));
        return t.request('auth', { token }, this.#timeoutMs).then((result) => {
          if (t === this.#transport) this.#connectedToken = token;
          return result;
        });
      },
      error: (error) => this.#emitError(error, 'auth'),
      backoff: (attempt) => backoffDelay(attempt, this.#backoff),
    });
  }

  /**
   * The connection state.
   *
   * @example
   * ```ts
   * if (client.state === 'connected') showOnline();
   * ```
   */
  get state(): ConnectionState {
    return this.#state;
  }

  /**
   * The `hello` of the current (or last) connection: the user id, tenant, epoch, heartbeat.
   *
   * @example
   * ```ts
   * const me = client.hello?.userId;
   * ```
   */
  get hello(): HelloData | undefined {
    return this.#hello;
  }

  /**
   * The epoch the cursors belong to; persist it with {@link ParleyClient.cursors}.
   *
   * @example
   * ```ts
   * save({ cursors: client.cursors(), epoch: client.epoch });
   * ```
   */
  get epoch(): string | undefined {
    return this.#epoch;
  }

  /**
   * Per chat, the highest contiguous seq delivered to the app: what the next resume starts from.
   * Pass them back as `cursors` (with `epoch`) to continue where a previous session stopped.
   *
   * @example
   * ```ts
   * localStorage.setItem('parley', JSON.stringify({ cursors: client.cursors(), epoch: client.epoch }));
   * ```
   */
  cursors(): Record<string, number> {
    return this.#resumer.cursors.snapshot();
  }

  /**
   * How many sends wait for their ack.
   *
   * @example
   * ```ts
   * window.onbeforeunload = () => (client.pendingSends > 0 ? 'Messages are still sending' : undefined);
   * ```
   */
  get pendingSends(): number {
    return this.#outbox.size;
  }

  /**
   * Listens to an event; returns the function that stops listening.
   *
   * @example
   * ```ts
   * const off = client.on('message', (m) => console.log(m.chatId, m.seq, m.content));
   * off();
   * ```
   */
  on<K extends keyof ClientEventMap>(event: K, listener: Listener<ClientEventMap[K]>): () => void {
    return this.#emitter.on(event, listener);
  }

  /**
   * Listens to the next occurrence of an event only.
   *
   * @example
   * ```ts
   * client.once('state', (s) => console.log('first transition', s));
   * ```
   */
  once<K extends keyof ClientEventMap>(event: K, listener: Listener<ClientEventMap[K]>): () => void {
    return this.#emitter.once(event, listener);
  }

  /**
   * Starts connecting (and reconnecting, until {@link ParleyClient.disconnect}). Resolves once connected
   * and resumed; rejects if the client is disconnected first (`E_DISCONNECTED`) or stops for good
   * (`E_STOPPED`: user disabled, token refused).
   *
   * @example
   * ```ts
   * await client.connect();
   * ```
   */
  connect(): Promise<void> {
    if (this.#state === 'connected') return Promise.resolve();
    const connected = new Promise<void>((resolve, reject) => this.#waiters.add({ resolve, reject }));
    if (this.#state === 'disconnected') {
      this.#failedAttempts = 0;
      this.#setState('connecting', 0, 'connect called');
      void this.#open();
    }
    return connected;
  }

  /**
   * Closes the connection and stops reconnecting. Pending requests fail with `E_DISCONNECTED`;
   * unacknowledged sends stay in the outbox and go out after the next `connect()`.
   *
   * @example
   * ```ts
   * client.disconnect();
   * ```
   */
  disconnect(): void {
    if (this.#state === 'disconnected') return;
    this.#shutdown(1000, 'disconnect called', null);
  }

  /**
   * Sends a message. Resolves with the committed message (the ack) once the server stored it; the
   * same message is also emitted once as a `message` event. The send gets a client id (kept when given)
   * and is retried with it across reconnects and retriable errors, so it is stored exactly once.
   * While disconnected it waits for the connection. Rejects with the server's `ParleyError` (e.g.
   * `E_VALIDATION`, `E_NOT_MEMBER`), or `E_OUTBOX_FULL` when too many sends are pending.
   *
   * @example
   * ```ts
   * const message = await client.send({ chatId, messageType: 'TEXT', content: { text: 'Hello' } });
   * console.log(message.seq);
   * ```
   */
  send(input: SendMessageInput): Promise<Message> {
    const data: OutgoingMessage = { ...input, id: input.id ?? randomId() };
    return new Promise<Message>((resolve, reject) => {
      let entry: OutboxEntry;
      try {
        entry = this.#outbox.add(data, { resolve, reject });
      } catch (error) {
        reject(error instanceof Error ? error : new Error(String(error)));
        return;
      }
      if (entry.status === 'queued') this.#transmit(entry);
    });
  }

  /**
   * Moves the user's `delivered` or `seen` watermark in a chat up to `seq`; resolves with the
   * watermark after the call.
   *
   * @example
   * ```ts
   * await client.receipt(chatId, 'seen', lastVisible.seq);
   * ```
   */
  async receipt(chatId: string, kind: ReceiptKind, seq: number): Promise<number> {
    const result = await this.#call('receipt', { chatId, kind, seq });
    return result.seq;
  }

  /**
   * Tells the other members the user is typing (`composing`, renew every few seconds) or stopped.
   *
   * @example
   * ```ts
   * input.oninput = () => void client.typing(chatId, 'composing');
   * ```
   */
  async typing(chatId: string, state: TypingState): Promise<void> {
    await this.#call('typing', { chatId, state });
  }

  /**
   * A page of a chat's messages, in ascending seq order. `position: 'up'` pages to older messages
   * (the newest page without `fromSeq`), `'down'` to newer ones.
   *
   * @example
   * ```ts
   * const { messages, hasMore } = await client.history({ chatId, position: 'up', fromSeq: oldest.seq, limit: 50 });
   * ```
   */
  history(query: HistoryQuery): Promise<HistoryPage> {
    return this.#call('history', query);
  }

  /**
   * The user's recent chats, newest activity first, with unread counts and last messages.
   *
   * @example
   * ```ts
   * for (const chat of await client.chats()) console.log(chat.title, chat.unreadCount);
   * ```
   */
  chats(): Promise<ChatSummary[]> {
    return this.#call('chats', {});
  }

  /**
   * Any operation of the protocol, typed by `OpMap`. `send` goes through the outbox like
   * {@link ParleyClient.send}; `resume` and `auth` are the client's own business and are refused (`E_PROTOCOL`).
   *
   * @example
   * ```ts
   * const { ts } = await client.request('ping', {});
   * ```
   */
  request<O extends OpName>(op: O, data: OpMap[O]['input']): Promise<OpMap[O]['output']> {
    if (op === 'send') return this.send(data as SendMessageInput);
    if (op === 'resume') {
      return Promise.reject(new ParleyClientError('E_PROTOCOL', 'resume is sent by the client itself on every connect'));
    }
    if (op === 'auth') {
      return Promise.reject(new ParleyClientError('E_PROTOCOL', 'auth is sent by the client itself before the token expires (give getToken)'));
    }
    type Plain = Exclude<OpName, 'send' | 'resume' | 'auth'>;
    return this.#call(op, data as OpMap[Plain]['input']);
  }

  // ---- the state machine -------------------------------------------------------------------------

  #setState(next: ConnectionState, code: number, reason: string, beforeEmit?: () => void): void {
    const previous = this.#state;
    if (previous === next) return;
    this.#state = next;
    beforeEmit?.();
    this.#emitter.emit('state', { state: next, previous, code, reason });
  }

  async #open(): Promise<void> {
    const id = ++this.#transportId;
    try {
      let token = this.#refreshToken ? await this.#tokens.refresh() : await this.#tokens.get();
      // A cached token about to expire (a reconnect long after the last renewal) is renewed first.
      if (!this.#refreshToken && this.#tokens.refreshable && expiresSoon(token, Date.now(), this.#skewMs)) token = await this.#tokens.refresh();
      this.#refreshToken = false;
      const WebSocket = this.#WebSocket ?? (await defaultWebSocket());
      if (id !== this.#transportId || this.#state !== 'connecting') return;
      this.#connectedToken = token;
      this.#transport = new Transport({
        id,
        url: this.#url,
        token,
        WebSocket,
        handshakeTimeoutMs: this.#timeoutMs,
        ...(this.#heartbeatMs === undefined ? {} : { heartbeatMs: this.#heartbeatMs }),
        handlers: this.#handlers,
      });
    } catch (error) {
      if (id !== this.#transportId || this.#state !== 'connecting') return;
      this.#emitError(error, 'connect');
      this.#scheduleReconnect();
    }
  }

  #scheduleReconnect(): void {
    clearTimeout(this.#reconnectTimer);
    const delay = backoffDelay(this.#failedAttempts++, this.#backoff);
    this.#reconnectTimer = setTimeout(() => {
      if (this.#state === 'connecting' && !this.#transport) void this.#open();
    }, delay);
  }

  #onClose(t: Transport, info: CloseInfo): void {
    if (t !== this.#transport) return;
    this.#transport = null;
    this.#refresher.stop();
    this.#outbox.requeueInflight();
    const refused = info.code === CLOSE_CODES.TOKEN_EXPIRED || info.httpStatus === 401;
    if (info.code === CLOSE_CODES.REVOKED || info.httpStatus === 403 || (refused && !this.#tokens.refreshable)) {
      const code = info.httpStatus === 403 ? CLOSE_CODES.REVOKED : refused ? CLOSE_CODES.TOKEN_EXPIRED : info.code;
      if (code === CLOSE_CODES.TOKEN_EXPIRED) {
        this.#emitError(new ParleyClientError('E_STOPPED', `the token was refused (${info.reason}); give getToken to renew it`), 'auth');
      }
      this.#shutdown(code, info.reason, new ParleyClientError('E_STOPPED', `the server refused the client: ${info.reason}`));
      return;
    }
    // A browser cannot tell a refused upgrade from a network failure: a failure before `hello`
    // might be an expired token, so a token function is asked again.
    this.#refreshToken = refused || (!info.established && info.httpStatus === undefined && this.#tokens.refreshable);
    this.#setState('connecting', info.code, info.reason);
    this.#scheduleReconnect();
  }

  #shutdown(code: number, reason: string, failSends: Error | null): void {
    this.#transportId++;
    this.#refresher.stop();
    clearTimeout(this.#reconnectTimer);
    this.#resumer.pause();
    const t = this.#transport;
    this.#transport = null;
    t?.close(1000, reason);
    this.#outbox.requeueInflight();
    if (failSends) {
      for (const timer of this.#retryTimers) clearTimeout(timer);
      this.#retryTimers.clear();
      this.#outbox.failAll(failSends);
    }
    this.#setState('disconnected', code, reason);
    const error = failSends ?? new ParleyClientError('E_DISCONNECTED', reason);
    for (const waiter of [...this.#waiters]) waiter.reject(error);
    this.#waiters.clear();
  }

  #onHello(t: Transport, hello: HelloData): void {
    if (t !== this.#transport) return;
    this.#hello = hello;
    this.#skewMs = hello.serverTime - Date.now();
    const input: ResumeInput = { cursors: this.#resumer.cursors.snapshot() };
    if (this.#epoch !== undefined) input.epoch = this.#epoch;
    // The ack is handled synchronously: live events right behind it must meet the new cursors.
    t.call('resume', input, this.#timeoutMs, (error, result) => {
      if (t !== this.#transport) return;
      if (error || !result) {
        this.#emitError(error ?? new ParleyClientError('E_PROTOCOL', 'empty resume ack'), 'resume');
        t.close(1000, 'resume failed');
        this.#onClose(t, { code: 1011, reason: `resume failed: ${error?.message ?? ''}`, established: true });
        return;
      }
      this.#applyResume(t, result);
    });
  }

  #applyResume(t: Transport, result: ResumeResult): void {
    const newEpoch = this.#epoch !== undefined && this.#epoch !== result.epoch;
    this.#epoch = result.epoch;
    const first = !this.#resumedOnce;
    this.#resumedOnce = true;
    this.#failedAttempts = 0;
    this.#resumer.apply(t, result, { first, newEpoch });
    const deadline = this.#hello?.tokenExpiresAt;
    this.#refresher.start(this.#connectedToken, deadline === undefined ? undefined : { expiresAt: deadline }, this.#skewMs);
    this.#setState('connected', 0, result.replayed > 0 ? `resumed, ${result.replayed} replayed` : 'connected', () => {
      for (const entry of this.#outbox.queued()) this.#transmit(entry);
    });
    for (const waiter of [...this.#waiters]) waiter.resolve();
    this.#waiters.clear();
  }

  // ---- events ------------------------------------------------------------------------------------

  #onEvent(t: Transport, frame: EventFrame): void {
    if (t !== this.#transport) return;
    switch (frame.event) {
      case 'message':
        this.#resumer.offer(frame.data);
        return;
      case 'member.joined': {
        const { chat, member } = frame.data;
        if (member.userId === this.#hello?.userId) this.#resumer.joined(chat.id, chat.lastSeq);
        break;
      }
      case 'member.left':
        if (frame.data.userId === this.#hello?.userId) this.#resumer.forget(frame.data.chatId);
        break;
      default:
        break;
    }
    this.#emitter.emit(frame.event, frame.data);
  }

  // ---- requests ----------------------------------------------------------------------------------

  /** Puts a queued send on the wire when connected; otherwise it stays queued for the next flush. */
  #transmit(entry: OutboxEntry): void {
    const t = this.#transport;
    if (!t || this.#state !== 'connected') return;
    entry.status = 'inflight';
    t.call('send', entry.data, this.#timeoutMs, (error, message) => {
      if (this.#outbox.get(entry.id) !== entry || entry.status !== 'inflight') return;
      if (!error && message) {
        this.#outbox.settle(entry.id, message);
        this.#resumer.offer(message);
        return;
      }
      if (error instanceof ParleyClientError && error.code === 'E_DISCONNECTED') {
        entry.status = 'queued'; // re-sent, same id, after the next resume
        return;
      }
      const timedOut = error instanceof ParleyClientError && error.code === 'E_TIMEOUT';
      if (!timedOut && !(isRetriable(error) && entry.retries < this.#maxRetries)) {
        this.#outbox.fail(entry.id, error ?? new ParleyClientError('E_PROTOCOL', 'empty send ack'));
        return;
      }
      if (!timedOut) entry.retries++;
      entry.status = 'waiting';
      const timer = setTimeout(() => {
        this.#retryTimers.delete(timer);
        if (this.#outbox.get(entry.id) !== entry || entry.status !== 'waiting') return;
        entry.status = 'queued';
        this.#transmit(entry);
      }, this.#retryDelay(error, entry.retries));
      this.#retryTimers.add(timer);
    });
  }

  /** A non-send request: waits for the connection, retries retriable server errors with backoff. */
  async #call<O extends Exclude<OpName, 'send' | 'resume' | 'auth'>>(op: O, data: OpMap[O]['input']): Promise<OpMap[O]['output']> {
    for (let attempt = 0; ; attempt++) {
      const t = await this.#ready();
      try {
        return await t.request(op, data, this.#timeoutMs);
      } catch (error) {
        if (!isRetriable(error) || attempt >= this.#maxRetries) throw error;
        await sleep(this.#retryDelay(error, attempt));
      }
    }
  }

  #retryDelay(error: Error | null, attempt: number): number {
    const retryAfter = isRetriable(error) ? error.retryAfter : undefined;
    return retryAfter !== undefined && retryAfter > 0 ? retryAfter * 1000 : backoffDelay(attempt, this.#backoff);
  }

  /** The connected transport; while connecting, waits for it (up to the request timeout). */
  #ready(): Promise<Transport> {
    if (this.#state === 'connected' && this.#transport) return Promise.resolve(this.#transport);
    if (this.#state === 'disconnected') {
      return Promise.reject(new ParleyClientError('E_DISCONNECTED', 'the client is disconnected; call connect() first'));
    }
    return new Promise<Transport>((resolve, reject) => {
      const waiter: Waiter = {
        resolve: () => {
          clearTimeout(timer);
          if (this.#transport) resolve(this.#transport);
          else reject(new ParleyClientError('E_DISCONNECTED', 'the connection closed'));
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      };
      const timer = setTimeout(() => {
        this.#waiters.delete(waiter);
        reject(new ParleyClientError('E_TIMEOUT', `not connected within ${this.#timeoutMs} ms`));
      }, this.#timeoutMs);
      this.#waiters.add(waiter);
    });
  }

  #emitError(error: unknown, during: ErrorSource): void {
    this.#emitter.emit('error', { error: error instanceof Error ? error : new Error(String(error)), during });
  }
}

/** The token source of the options: `getToken`, or `token`; exactly one of them. */
function tokenSourceOf(options: ParleyClientOptions): TokenSource {
  const { token, getToken } = options;
  if (token !== undefined && getToken !== undefined) throw new TypeError('ParleyClient: give token or getToken, not both');
  if (getToken !== undefined) {
    if (typeof getToken !== 'function') throw new TypeError('ParleyClient: getToken must be a function returning a promise of a token');
    return getToken;
  }
  if ((typeof token === 'string' && token.length > 0) || typeof token === 'function') return token;
  throw new TypeError('ParleyClient: getToken (a function returning a fresh access token) or token is required');
}

/**
 * A v4 UUID. `crypto.randomUUID` exists in Node and in browsers' secure contexts only; a page served
 * over plain http (a LAN address) still has `getRandomValues`.
 */
function randomId(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const hex = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The platform's WebSocket, or the `ws` package on Node versions without one (loaded only then). */
async function defaultWebSocket(): Promise<WebSocketConstructor> {
  const global = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (typeof global === 'function') return global;
  const ws = await import('ws');
  return ws.default;
}
