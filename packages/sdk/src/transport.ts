import {
  BEARER_SUBPROTOCOL_PREFIX,
  CLOSE_CODES,
  SUBPROTOCOL,
  WS_PATH,
  ParleyError,
  type HelloData,
  type OpMap,
  type OpName,
  type ServerFrame,
} from '@parley/protocol/wire';
import { ParleyClientError, toParleyError } from './errors.js';

/**
 * What the SDK needs of a WebSocket: the browser's `WebSocket`, Node 22's global one and the `ws`
 * package all fit.
 */
export interface WebSocketLike {
  readonly readyState: number;
  onopen: ((event: unknown) => void) | null;
  onmessage: ((event: { data: unknown }) => void) | null;
  onclose: ((event: { code: number; reason: string }) => void) | null;
  onerror: ((event: unknown) => void) | null;
  send(data: string): void;
  close(code?: number, reason?: string): void;
  /** `ws` only: drops the TCP connection without a closing handshake. */
  terminate?: () => void;
}

/**
 * A WebSocket class: `globalThis.WebSocket` in browsers, or `(await import('ws')).default` in Node.
 *
 * @example
 * ```ts
 * import WebSocket from 'ws';
 * const client = new ParleyClient({ url, token, WebSocket });
 * ```
 */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => object;

/** Why a transport ended. */
export interface CloseInfo {
  /** The WebSocket close code (1006 when the connection dropped), or the SDK's own 4009 on a timeout. */
  code: number;
  reason: string;
  /** The server's `hello` had arrived: the connection was up. */
  established: boolean;
  /** The HTTP status of a refused upgrade, when the WebSocket implementation tells it (`ws` does). */
  httpStatus?: number;
}

/** A server event frame. */
export type EventFrame = Extract<ServerFrame, { t: 'event' }>;

/** Called once with the ack of a request: an error, or its data. */
export type AckCallback<T> = (error: Error | null, data?: T) => void;

/** How a transport reports to its owner. Every callback carries the transport, to drop stale ones. */
export interface TransportHandlers {
  onHello(transport: Transport, hello: HelloData): void;
  onEvent(transport: Transport, frame: EventFrame): void;
  /** An `error` frame (belongs to no request) or an unreadable frame. */
  onFrameError(transport: Transport, error: Error): void;
  /** The transport ended by itself (server close, network, timeout); not called after `close()`. */
  onClose(transport: Transport, info: CloseInfo): void;
}

export interface TransportOptions {
  /** Identifies this transport among the client's successive ones. */
  id: number;
  /** The server's base URL (`http(s)://host:port`); the WebSocket path is added. */
  url: string;
  token: string;
  WebSocket: WebSocketConstructor;
  /** The `hello` must arrive within this time. */
  handshakeTimeoutMs: number;
  /** Overrides the heartbeat interval of `hello`. */
  heartbeatMs?: number;
  handlers: TransportHandlers;
}

/** Frames are at most 64 KiB (docs/protocol.md). */
const MAX_FRAME_BYTES = 64 * 1024;
const OPEN = 1;

/**
 * The WebSocket URL of a server: `http://host:8080` → `ws://host:8080/v1/ws`.
 *
 * @example
 * ```ts
 * wsUrl('https://chat.example.com'); // 'wss://chat.example.com/v1/ws'
 * ```
 */
export function wsUrl(base: string): string {
  const u = new URL(base);
  if (u.protocol === 'http:') u.protocol = 'ws:';
  else if (u.protocol === 'https:') u.protocol = 'wss:';
  u.pathname = u.pathname.replace(/\/+$/, '') + WS_PATH;
  u.search = '';
  u.hash = '';
  return u.toString();
}

/**
 * One WebSocket connection: opens it with the bearer subprotocol, waits for `hello`, matches acks to
 * requests by `rid` with a timeout each, and watches the heartbeat. It never reconnects: when it ends,
 * its pending requests fail with `E_DISCONNECTED` and the owner makes a new transport with a new id.
 *
 * @example
 * ```ts
 * const t = new Transport({ id: 1, url, token, WebSocket, handshakeTimeoutMs: 10_000, handlers });
 * const page = await t.request('history', { chatId }, 10_000);
 * ```
 */
export class Transport {
  readonly id: number;
  readonly #ws: WebSocketLike;
  readonly #handlers: TransportHandlers;
  readonly #heartbeatOverride: number | undefined;
  readonly #pending = new Map<number, { callback: AckCallback<unknown>; timer: ReturnType<typeof setTimeout> }>();
  #nextRid = 1;
  #closed = false;
  #established = false;
  #lastReceived = Date.now();
  #pingInFlight = false;
  #lastError = '';
  #timer: ReturnType<typeof setTimeout> | undefined;
  #interval: ReturnType<typeof setInterval> | undefined;

  constructor(options: TransportOptions) {
    this.id = options.id;
    this.#handlers = options.handlers;
    this.#heartbeatOverride = options.heartbeatMs;
    const protocols = [SUBPROTOCOL, BEARER_SUBPROTOCOL_PREFIX + options.token];
    this.#ws = new options.WebSocket(wsUrl(options.url), protocols) as WebSocketLike;
    this.#ws.onmessage = (event) => this.#receive(event.data);
    this.#ws.onerror = (event) => {
      const message = (event as { message?: unknown } | null)?.message;
      if (typeof message === 'string') this.#lastError = message;
    };
    this.#ws.onclose = (event) => {
      const reason = event.reason || this.#lastError || 'connection closed';
      const status = /server response: (\d{3})/.exec(this.#lastError)?.[1];
      const info: CloseInfo = { code: event.code, reason, established: this.#established };
      if (status !== undefined) info.httpStatus = Number(status);
      this.#finish(info, true);
    };
    this.#timer = setTimeout(() => this.#fail('no hello from the server in time'), options.handshakeTimeoutMs);
  }

  /**
   * The server's `hello` arrived and the connection has not ended.
   *
   * @example
   * ```ts
   * if (transport.established) transport.call('ping', {}, 5_000, () => {});
   * ```
   */
  get established(): boolean {
    return this.#established && !this.#closed;
  }

  /**
   * Sends a request; `callback` runs exactly once, synchronously with the ack frame (so its effects
   * come before any later frame's), or with `E_TIMEOUT` / `E_DISCONNECTED`.
   *
   * @example
   * ```ts
   * transport.call('resume', { cursors }, 10_000, (err, result) => { ... });
   * ```
   */
  call<O extends OpName>(op: O, data: OpMap[O]['input'], timeoutMs: number, callback: AckCallback<OpMap[O]['output']>): void {
    if (this.#closed || this.#ws.readyState !== OPEN) {
      queueMicrotask(() => callback(new ParleyClientError('E_DISCONNECTED', `cannot ${op}: the connection is closed`)));
      return;
    }
    const rid = this.#nextRid++;
    const text = JSON.stringify({ op, rid, data });
    if (text.length * 3 > MAX_FRAME_BYTES && new TextEncoder().encode(text).length > MAX_FRAME_BYTES) {
      const error = new ParleyError('E_PAYLOAD_TOO_LARGE', `the ${op} frame is over ${MAX_FRAME_BYTES} bytes`);
      queueMicrotask(() => callback(error));
      return;
    }
    const timer = setTimeout(() => {
      if (!this.#pending.delete(rid)) return;
      callback(new ParleyClientError('E_TIMEOUT', `no ack for ${op} within ${timeoutMs} ms`));
    }, timeoutMs);
    this.#pending.set(rid, { callback: callback as AckCallback<unknown>, timer });
    try {
      this.#ws.send(text);
    } catch (error) {
      this.#fail(`send failed: ${error instanceof Error ? error.message : String(error)}`, 1006);
    }
  }

  /**
   * {@link Transport.call} as a promise.
   *
   * @example
   * ```ts
   * const { ts } = await transport.request('ping', {}, 5_000);
   * ```
   */
  request<O extends OpName>(op: O, data: OpMap[O]['input'], timeoutMs: number): Promise<OpMap[O]['output']> {
    return new Promise((resolve, reject) => {
      this.call(op, data, timeoutMs, (error, result) => {
        if (error) reject(error);
        else resolve(result as OpMap[O]['output']);
      });
    });
  }

  /**
   * Closes the connection at the owner's wish; pending requests fail with `E_DISCONNECTED`, and
   * `onClose` is not called.
   *
   * @example
   * ```ts
   * transport.close(1000, 'disconnect called');
   * ```
   */
  close(code = 1000, reason = ''): void {
    this.#finish({ code, reason, established: this.#established }, false);
  }

  #receive(raw: unknown): void {
    if (this.#closed) return;
    this.#lastReceived = Date.now();
    let frame: ServerFrame;
    try {
      const text = typeof raw === 'string' ? raw : new TextDecoder().decode(raw as ArrayBuffer | Uint8Array);
      frame = JSON.parse(text) as ServerFrame;
    } catch {
      this.#handlers.onFrameError(this, new ParleyClientError('E_PROTOCOL', 'the server sent a frame that is not JSON'));
      return;
    }
    if (typeof frame !== 'object' || frame === null) return;
    switch (frame.t) {
      case 'hello':
        if (this.#established) return;
        this.#established = true;
        clearTimeout(this.#timer);
        this.#startHeartbeat(this.#heartbeatOverride ?? frame.data.heartbeatMs);
        this.#handlers.onHello(this, frame.data);
        return;
      case 'ack': {
        const entry = this.#pending.get(Number(frame.rid));
        if (!entry) return;
        this.#pending.delete(Number(frame.rid));
        clearTimeout(entry.timer);
        if (frame.ok) entry.callback(null, frame.data);
        else entry.callback(toParleyError(frame.error));
        return;
      }
      case 'event':
        if (typeof frame.event === 'string') this.#handlers.onEvent(this, frame);
        return;
      case 'error':
        this.#handlers.onFrameError(this, toParleyError(frame.error));
        return;
      default:
        return;
    }
  }

  /** Every `heartbeatMs / 2`: ping when the line has been quiet for a beat, give up after two. */
  #startHeartbeat(heartbeatMs: number): void {
    if (!(heartbeatMs > 0)) return;
    this.#interval = setInterval(
      () => {
        const quietFor = Date.now() - this.#lastReceived;
        if (quietFor >= 2 * heartbeatMs) {
          this.#fail(`nothing received for ${quietFor} ms`, CLOSE_CODES.HEARTBEAT_TIMEOUT);
        } else if (quietFor >= heartbeatMs && !this.#pingInFlight) {
          this.#pingInFlight = true;
          this.call('ping', {}, 2 * heartbeatMs, () => {
            this.#pingInFlight = false;
          });
        }
      },
      Math.max(10, Math.floor(heartbeatMs / 2)),
    );
  }

  /** Ends the transport from inside (timeout, broken socket) and tells the owner. */
  #fail(reason: string, code: number = CLOSE_CODES.HEARTBEAT_TIMEOUT): void {
    this.#finish({ code, reason, established: this.#established }, true);
  }

  #finish(info: CloseInfo, notify: boolean): void {
    if (this.#closed) return;
    this.#closed = true;
    clearTimeout(this.#timer);
    clearInterval(this.#interval);
    const ws = this.#ws;
    const noop = (): void => {};
    ws.onmessage = noop;
    ws.onclose = noop;
    // `ws` throws on an 'error' event nobody listens to: keep a listener after detaching.
    ws.onerror = noop;
    if (ws.readyState <= OPEN) {
      try {
        if (notify && typeof ws.terminate === 'function') ws.terminate();
        else ws.close(info.code >= 3000 || info.code === 1000 ? info.code : 1000, info.reason.slice(0, 120));
      } catch {
        // Already closing: nothing more to do.
      }
    }
    // The owner hears of the close before the pending requests fail, so their callbacks already
    // see this transport as stale.
    if (notify) this.#handlers.onClose(this, info);
    const pending = [...this.#pending.values()];
    this.#pending.clear();
    for (const { callback, timer } of pending) {
      clearTimeout(timer);
      callback(new ParleyClientError('E_DISCONNECTED', `the connection closed (${info.code} ${info.reason})`));
    }
  }
}
