import type { Duplex } from 'node:stream';
import type { ServerResponse } from 'node:http';
import type { FastifyBaseLogger, FastifyInstance, FastifyPluginCallback, FastifyReply, FastifyRequest } from 'fastify';
import type { WebSocket } from 'ws';
import {
  BEARER_SUBPROTOCOL_PREFIX,
  CLOSE_CODES,
  PROTOCOL_VERSION,
  ParleyError,
  SUBPROTOCOL,
  WS_PATH,
  type ErrorBody,
  type HelloData,
} from '@parley/protocol';
import type { Actor } from '../../domain/index.js';
import type { GatewayServices } from './gateway-services.js';
import type { FanoutMessage } from '../../domain/fanout/index.js';
import type { TenantRow } from '../../store/index.js';
import { bearerFrom } from '../../auth/index.js';
import { noteConnection } from '../first-contact.js';
import { checkOrigin, ownOrigins } from '../../authz/index.js';
import { Connection, type ConnectionLimits } from './connection.js';
import { OPS } from './ops.js';
import { resume } from './resume.js';
import { catchUpAll } from './catch-up.js';
import { NO_OBSERVER, type GatewayObserver } from './observer.js';
import { socketErrorHandler } from './socket-errors.js';
import { jsonText } from '../../events/serialised.js';
import { checkKnownOp, readClientFrame, type RawClientFrame } from './client-frame.js';
import { ExpiryWheel } from './expiry-wheel.js';
import { reauthenticate } from './reauth.js';

export interface GatewayOptions extends ConnectionLimits {
  heartbeatMs: number;
  resumeMaxMessages: number;
  logError: (err: unknown, context: Record<string, unknown>) => void;
  /** The node's logger, for faults of open sockets (one logger for all, not a child per socket). */
  log: FastifyBaseLogger;
  /** Metrics hooks, called once per connection, event or resume. */
  observer?: GatewayObserver;
}

declare module 'fastify' {
  interface FastifyRequest {
    parleyActor?: Actor & { type: 'user' };
    /** When the upgrade's token expires (ms): the socket is closed 4401 then, unless re-authenticated. */
    parleyTokenExpiresAt?: number;
    /** The upgrade's response, detached from the socket once upgraded. */
    parleyResponse?: ServerResponse;
  }
}

/**
 * The WebSocket gateway of one node: authenticates upgrades, routes committed events (the fan-out) to
 * the sockets of the chats they belong to, runs client operations, and keeps sockets honest
 * (heartbeats, buffers).
 */
export class Gateway {
  private readonly byChat = new Map<string, Set<Connection>>();
  private readonly byUser = new Map<string, Set<Connection>>();
  private heartbeat: NodeJS.Timeout | undefined;
  /** Connections by the second their token expires, swept once a second (closed 4401). */
  private readonly expiries = new ExpiryWheel<Connection>();
  private expirySweep: NodeJS.Timeout | undefined;
  private unsubscribe: (() => void) | undefined;
  private offResync: (() => void) | undefined;
  /** The catch-up running after a bus outage, and whether another was asked for meanwhile. */
  private catchingUp: Promise<void> | undefined;
  private catchUpAgain = false;
  /** The latest reload asked for per tenant (a newer one wins over a slower older one). */
  private readonly tenantReloads = new Map<string, number>();
  /** Client operations running now (graceful shutdown waits for them). */
  private inflight = 0;
  private draining = false;

  constructor(
    private readonly services: GatewayServices,
    private readonly opts: GatewayOptions,
  ) {}

  private get observer(): GatewayObserver {
    return this.opts.observer ?? NO_OBSERVER;
  }

  get connectionCount(): number {
    let n = 0;
    for (const set of this.byUser.values()) n += set.size;
    return n;
  }

  /** The gateway as a Fastify plugin: `/v1/ws` and the fan-out subscriptions that feed its sockets. */
  readonly plugin: FastifyPluginCallback = (app, _opts, done) => {
    this.register(app);
    done();
  };

  private register(app: FastifyInstance): void {
    this.unsubscribe = this.services.fanout.subscribe((m) => this.onFanout(m));
    this.offResync = this.services.fanout.onResync(() => this.catchUp());
    this.heartbeat = setInterval(() => this.beat(), this.opts.heartbeatMs);
    this.heartbeat.unref();
    this.expirySweep = setInterval(() => this.expire(), 1000);
    this.expirySweep.unref();

    app.route({
      method: 'GET',
      url: WS_PATH,
      schema: { hide: true },
      // Authentication and the Origin check happen before the upgrade: a refused client gets an
      // HTTP error with an E_* body and never a socket.
      preValidation: async (request: FastifyRequest, reply: FastifyReply) => {
        if (this.draining) throw new ParleyError('E_UNAVAILABLE', 'The server is shutting down', { retryAfter: 1 });
        checkSubprotocols(request);
        const { actor, expiresAt } = await this.services.auth.userToken(tokenOf(request) ?? throwUnauthenticated());
        checkOrigin(actor.tenant, request.headers.origin, ownOrigins(request));
        await noteConnection(this.services, request, actor);
        request.parleyActor = actor;
        request.parleyTokenExpiresAt = expiresAt;
        request.parleyResponse = reply.raw;
      },
      // A plain HTTP request (no upgrade) that passed authentication.
      handler: () => {
        throw new ParleyError('E_UPGRADE_REQUIRED');
      },
      wsHandler: (socket: WebSocket, request: FastifyRequest) => {
        const { parleyActor: actor, parleyResponse: response, parleyTokenExpiresAt: expiresAt } = request;
        const stream = request.raw.socket;
        // The upgrade's request and response must not live as long as the socket (a few KB each):
        // the response lets go of the TCP stream, and the plugin's error listener, which holds both,
        // gives way to one that holds neither.
        if (response?.socket === stream) response.detachSocket(stream);
        socket.removeAllListeners('error');
        socket.on('error', (err) => socketErrorHandler(err, socket, this.opts.log));
        if (!actor || expiresAt === undefined) {
          socket.close(CLOSE_CODES.INTERNAL, 'unauthenticated');
          return;
        }
        void this.open(socket, actor, expiresAt, stream);
      },
    });
  }

  /**
   * First step of a graceful shutdown: refuses new sockets and operations (E_UNAVAILABLE, retriable)
   * and waits, at most `timeoutMs`, for the running ones to be answered.
   */
  async drain(timeoutMs: number): Promise<void> {
    this.draining = true;
    const deadline = Date.now() + timeoutMs;
    while (this.inflight > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
  }

  /** Closes every socket with 1001 so clients reconnect elsewhere and resume. */
  close(): void {
    clearInterval(this.heartbeat);
    clearInterval(this.expirySweep);
    this.unsubscribe?.();
    this.offResync?.();
    for (const set of this.byUser.values()) for (const conn of set) conn.close(CLOSE_CODES.GOING_AWAY, 'server shutting down');
  }

  private async open(socket: WebSocket, actor: Actor & { type: 'user' }, tokenExpiresAt: number, stream: Duplex): Promise<void> {
    const conn = new Connection(socket, actor, this.opts, (c) => this.drop(c), stream);
    this.expiries.set(conn, tokenExpiresAt);
    socket.on('pong', () => (conn.alive = true));
    socket.on('message', (data, isBinary) => {
      conn.alive = true;
      void this.onFrame(conn, data, isBinary);
    });
    socket.on('close', () => this.drop(conn));
    socket.on('error', () => this.drop(conn));
    add(this.byUser, userKey(conn.tenantId, conn.userId), conn);
    this.services.fanout.connected(conn.tenantId, conn.userId);
    this.observer.connectionOpened();
    try {
      // Subscribe before anything else so no event committed from now on can be missed.
      const memberships = await this.services.messages.finder.memberships(conn.tenantId, conn.userId);
      for (const { chatId, lastSeq } of memberships) {
        this.subscribe(conn, chatId);
        conn.delivered.start(chatId, lastSeq);
      }
    } catch (err) {
      this.opts.logError(err, { connectionId: conn.id, userId: conn.userId });
      conn.close(CLOSE_CODES.INTERNAL, 'could not load memberships');
      return;
    }
    const hello: HelloData = {
      protocol: PROTOCOL_VERSION,
      connectionId: conn.id,
      userId: conn.userId,
      tenantId: conn.tenantId,
      epoch: this.services.epoch,
      heartbeatMs: this.opts.heartbeatMs,
      serverTime: Date.now(),
      tokenExpiresAt,
    };
    conn.write(JSON.stringify({ t: 'hello', data: hello }));
  }

  private async onFrame(conn: Connection, data: unknown, isBinary: boolean): Promise<void> {
    // Every frame counts, the malformed ones too: past the budget a request is refused, and a
    // client that keeps flooding is cut (4429).
    const budget = conn.takeFrame();
    if (budget.kind === 'cut') return conn.close(CLOSE_CODES.RATE_LIMITED, 'too many frames');
    if (isBinary) return conn.write(errorFrame(new ParleyError('E_BAD_JSON', 'Frames are JSON text')));
    let frame: RawClientFrame;
    try {
      frame = readClientFrame(String(data));
    } catch (err) {
      return conn.write(errorFrame(err instanceof ParleyError ? err : new ParleyError('E_BAD_JSON')));
    }
    const { op, rid } = frame;
    this.inflight++;
    try {
      if (budget.kind === 'limited') throw new ParleyError('E_RATE_LIMITED', 'Too many frames; slow down', { retryAfter: budget.retryAfterSeconds });
      if (this.draining) throw new ParleyError('E_UNAVAILABLE', 'The server is shutting down', { retryAfter: 1 });
      checkKnownOp(op);
      // Re-authenticating concerns the connection, not its stream of events: it does not make it live.
      if (op === 'auth') {
        const result = await reauthenticate(this.services, conn, frame.data);
        if (!conn.isClosed) this.expiries.set(conn, result.expiresAt);
        conn.write(JSON.stringify({ t: 'ack', rid, ok: true, data: result }));
        return;
      }
      if (op === 'resume') {
        const { result, covered } = await resume(this.services, conn, frame.data, this.opts.resumeMaxMessages);
        conn.write(JSON.stringify({ t: 'ack', rid, ok: true, data: result }));
        this.observer.resumed(result);
        conn.goLive(covered);
        return;
      }
      // A client that never resumes hears live events from its first request on.
      if (!conn.isLive) conn.goLive();
      const result = await OPS[op as keyof typeof OPS](this.services, conn, frame.data);
      if (op === 'send') noteSent(conn, result);
      conn.write(`{"t":"ack","rid":${JSON.stringify(rid)},"ok":true,"data":${jsonText(result)}}`);
    } catch (err) {
      if (!(err instanceof ParleyError)) this.opts.logError(err, { op, connectionId: conn.id, chatId: chatIdOf(frame.data) });
      const body: ErrorBody = err instanceof ParleyError ? err.toBody() : { code: 'E_INTERNAL', message: 'Internal error' };
      conn.write(JSON.stringify({ t: 'ack', rid, ok: false, error: body }));
    } finally {
      this.inflight--;
    }
  }

  private onFanout(m: FanoutMessage): void {
    if (m.kind === 'tenant') {
      this.setTenant(m.tenant);
      void this.reloadTenant(m.tenantId);
      return;
    }
    if (m.kind === 'user') {
      const conns = this.byUser.get(userKey(m.tenantId, m.userId));
      if (!conns) return;
      const code = m.action === 'disable' ? CLOSE_CODES.REVOKED : CLOSE_CODES.TOKEN_EXPIRED;
      for (const conn of [...conns]) conn.close(code, m.action === 'disable' ? 'user disabled' : 'token revoked');
      return;
    }
    if (m.member?.joined) {
      for (const conn of this.byUser.get(userKey(m.tenantId, m.member.userId)) ?? []) this.subscribe(conn, m.chatId);
    }
    const conns = this.byChat.get(m.chatId);
    if (conns) {
      let sockets = 0;
      for (const conn of conns) {
        if (conn.id === m.origin) continue;
        conn.deliver(m.chatId, m.event, m.seq, m.frame);
        sockets++;
      }
      this.observer.delivered(m.event, sockets, m.at);
    }
    if (m.member && !m.member.joined) {
      for (const conn of this.byUser.get(userKey(m.tenantId, m.member.userId)) ?? []) this.unsubscribeChat(conn, m.chatId);
    }
  }

  /** A tenant's open connections take its new row: a plan change applies to their next operation, no reconnect. */
  private setTenant(tenant: TenantRow): void {
    for (const set of this.byUser.values()) for (const conn of set) if (conn.tenantId === tenant.id) conn.actor.tenant = tenant;
  }

  /**
   * Then the row is read again: changes made on two nodes at once may arrive in any order, the store
   * has the last one. Only the newest reload of a tenant applies.
   */
  private async reloadTenant(tenantId: string): Promise<void> {
    const generation = (this.tenantReloads.get(tenantId) ?? 0) + 1;
    this.tenantReloads.set(tenantId, generation);
    try {
      const tenant = await this.services.tenants.get(tenantId);
      if (this.tenantReloads.get(tenantId) === generation) this.setTenant(tenant);
    } catch (err) {
      this.opts.logError(err, { during: 'tenant reload', tenantId });
    } finally {
      if (this.tenantReloads.get(tenantId) === generation) this.tenantReloads.delete(tenantId);
    }
  }

  private subscribe(conn: Connection, chatId: string): void {
    conn.chats.add(chatId);
    add(this.byChat, chatId, conn);
  }

  private unsubscribeChat(conn: Connection, chatId: string): void {
    conn.chats.delete(chatId);
    conn.delivered.forget(chatId);
    remove(this.byChat, chatId, conn);
  }

  private drop(conn: Connection): void {
    conn.markClosed();
    this.expiries.remove(conn);
    for (const chatId of conn.chats) remove(this.byChat, chatId, conn);
    conn.chats.clear();
    if (remove(this.byUser, userKey(conn.tenantId, conn.userId), conn)) this.services.fanout.disconnected(conn.tenantId, conn.userId);
  }
  /** The bus may have dropped events: every connection catches up from the store (one run at a time). */
  private catchUp(): void {
    if (this.catchingUp) {
      this.catchUpAgain = true;
      return;
    }
    const conns = [...this.byUser.values()].flatMap((set) => [...set]);
    this.catchingUp = catchUpAll(this.services, conns, this.opts.resumeMaxMessages, {
      subscribe: (conn, chatId) => this.subscribe(conn, chatId),
      unsubscribe: (conn, chatId) => this.unsubscribeChat(conn, chatId),
      logError: this.opts.logError,
    })
      .catch((err: unknown) => this.opts.logError(err, { during: 'catch-up' }))
      .finally(() => {
        this.catchingUp = undefined;
        if (this.catchUpAgain) {
          this.catchUpAgain = false;
          this.catchUp();
        }
      });
  }


  /** Sockets whose token has expired (and was not renewed with `auth`) close with 4401. */
  private expire(): void {
    for (const conn of this.expiries.sweep(Date.now())) conn.close(CLOSE_CODES.TOKEN_EXPIRED, 'token expired');
  }

  private beat(): void {
    for (const set of this.byUser.values()) {
      for (const conn of set) {
        if (!conn.alive) {
          conn.close(CLOSE_CODES.HEARTBEAT_TIMEOUT, 'heartbeat timeout');
          continue;
        }
        conn.alive = false;
        try {
          conn.socket.ping();
        } catch {
          // closing
        }
      }
    }
  }
}

/** The token of an upgrade: `bearer.<token>` subprotocol (browsers) or an Authorization header. */
function tokenOf(request: FastifyRequest): string | undefined {
  const protocols = request.headers['sec-websocket-protocol'];
  if (typeof protocols === 'string') {
    for (const p of protocols.split(',')) {
      const value = p.trim();
      if (value.startsWith(BEARER_SUBPROTOCOL_PREFIX)) return value.slice(BEARER_SUBPROTOCOL_PREFIX.length);
    }
  }
  return bearerFrom(request.headers);
}

/**
 * A client that offers subprotocols speaks one of them: unless `parley.v1` is among its offers (the
 * `bearer.` one only carries the token), it would get a socket in a protocol it did not ask for.
 */
function checkSubprotocols(request: FastifyRequest): void {
  const header = request.headers['sec-websocket-protocol'];
  if (typeof header !== 'string') return;
  const offered = header.split(',').map((p) => p.trim()).filter((p) => p !== '' && !p.startsWith(BEARER_SUBPROTOCOL_PREFIX));
  if (offered.length > 0 && !offered.includes(SUBPROTOCOL)) {
    throw new ParleyError('E_SUBPROTOCOL_UNSUPPORTED', `This server speaks ${SUBPROTOCOL}, not ${offered.join(', ')}`);
  }
}

function throwUnauthenticated(): never {
  throw new ParleyError('E_UNAUTHENTICATED', 'A token is required to open a WebSocket');
}

/** Picks the protocol subprotocol; the bearer one only carried the token. */
export function selectSubprotocol(protocols: Set<string>): string | false {
  return protocols.has(SUBPROTOCOL) ? SUBPROTOCOL : false;
}

function chatIdOf(data: unknown): string | undefined {
  const chatId = (data as { chatId?: unknown } | null | undefined)?.chatId;
  return typeof chatId === 'string' ? chatId : undefined;
}

function errorFrame(err: ParleyError): string {
  return JSON.stringify({ t: 'error', error: err.toBody() });
}

function userKey(tenantId: string, userId: string): string {
  return `${tenantId}\u0000${userId}`;
}

function add<T>(map: Map<string, Set<T>>, key: string, value: T): void {
  let set = map.get(key);
  if (!set) map.set(key, (set = new Set()));
  set.add(value);
}

/** Removes `value` from the key's set; whether it was there. */
function remove<T>(map: Map<string, Set<T>>, key: string, value: T): boolean {
  const set = map.get(key);
  if (!set) return false;
  const had = set.delete(value);
  if (set.size === 0) map.delete(key);
  return had;
}

/** The sender's own message reached it through the ack: remember it as delivered. */
function noteSent(conn: Connection, result: unknown): void {
  const { chatId, seq } = (result ?? {}) as { chatId?: unknown; seq?: unknown };
  if (typeof chatId === 'string' && typeof seq === 'number') conn.noteMessage(chatId, seq);
}
